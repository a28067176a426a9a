/*
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`). The escaping is
 * the one @actions/core applies: data escapes %, CR and LF; property values also escape : and ,.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation as a single workflow-command line (without the newline). */
export function workflowCommand(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.file !== undefined) properties.push(`file=${escapeProperty(annotation.file)}`);
  if (annotation.line !== undefined && annotation.line >= 1) properties.push(`line=${annotation.line}`);
  if (annotation.col !== undefined && annotation.col >= 1 && annotation.line !== undefined && annotation.line >= 1) properties.push(`col=${annotation.col}`);
  properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level} ${properties.join(',')}::${escapeData(annotation.message)}`;
}
