/*
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`). The escaping is
 * the one @actions/core applies: data escapes %, CR and LF; property values also escape : and ,.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */
import { inertText } from '../terminal-text.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

/** The runner's own escapes for %, CR and LF, then every other control character shown inert (a message can quote a server). */
function escapeData(text: string): string {
  return inertText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation as a single workflow-command line (without the newline). */
export function workflowCommand(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.file !== undefined) properties.push(`file=${escapeProperty(annotation.file)}`);
  if (annotation.line !== undefined && annotation.line >= 1) properties.push(`line=${annotation.line}`);
  if (annotation.col !== undefined && annotation.col >= 1 && annotation.line !== undefined && annotation.line >= 1)
    properties.push(`col=${annotation.col}`);
  properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/** A zero-width space: invisible, not whitespace to the runner's TrimStart, valid in JSON, XML and Markdown. */
const BREAK = '\u200b';

/**
 * Text that can go to stdout or stderr under GitHub Actions without the runner executing any of
 * it. The runner (actions/runner, ActionCommandManager.TryProcessCommand) reads each line (CR, LF
 * or CRLF) as a command when it starts with `::` after leading whitespace (ActionCommand.TryParseV2)
 * or when it holds the legacy `##[` anywhere (ActionCommand.TryParse, still tried after V2). A
 * zero-width space between the two colons, and between the two hashes, leaves the text readable
 * and inert, and `::stop-commands::` from a server can no longer switch off our own annotations.
 * `ownCommands`: the text is scim-check's own annotations, whose line starts must stay commands.
 */
export function neutraliseWorkflowCommands(text: string, ownCommands = false): string {
  const legacy = text.includes('##[') ? text.replace(/##\[/g, `#${BREAK}#[`) : text;
  return ownCommands ? legacy : legacy.replace(/(^|[\r\n])([^\S\r\n]*):(?=:)/g, `$1$2:${BREAK}`);
}
