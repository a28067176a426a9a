import type { Diagnostic } from './diagnostic.js';

const TAB_WIDTH = 4;

/** Expands tabs so carets line up under the right characters. */
function expandTabs(text: string): string {
  return text.replaceAll('\t', ' '.repeat(TAB_WIDTH));
}

/**
 * Renders a diagnostic the way Hurl and rustc do (no colour): title, `--> file:line:col`,
 * the source line with carets under the node's span, and the hint.
 * Without source text (the file could not be read) the snippet is left out.
 */
export function formatDiagnostic(diagnostic: Diagnostic, sourceText: string | undefined): string {
  const { span } = diagnostic;
  // A blank file has no line worth showing; the title says it is empty.
  const lines = sourceText === undefined || sourceText.trim() === '' ? [] : sourceText.split(/\r\n|\r|\n/);
  const sourceLine = lines[span.line - 1];
  const gutterWidth = String(span.line).length;
  const gutter = ' '.repeat(gutterWidth + 1);
  const out = [
    `${diagnostic.severity}: ${diagnostic.title}`,
    `${' '.repeat(gutterWidth)}--> ${span.file}:${span.line}:${span.column}`,
  ];
  if (sourceLine !== undefined) {
    const lineText = expandTabs(sourceLine).trimEnd();
    const startIndex = span.column - 1;
    const caretStart = expandTabs(sourceLine.slice(0, startIndex)).length;
    const sameLineEnd = span.endLine === span.line && span.endColumn !== undefined ? span.endColumn - 1 : undefined;
    const endIndex = sameLineEnd ?? sourceLine.trimEnd().length;
    const caretEnd = expandTabs(sourceLine.slice(0, Math.max(endIndex, startIndex))).length;
    const caretLength = Math.max(1, caretEnd - caretStart);
    out.push(
      `${gutter}|`,
      `${span.line} |${lineText === '' ? '' : ` ${lineText}`}`,
      `${gutter}| ${' '.repeat(caretStart)}${'^'.repeat(caretLength)}`,
    );
  }
  if (diagnostic.hint !== undefined) {
    out.push(`${gutter}|`, `${gutter}= hint: ${diagnostic.hint}`);
  }
  return out.join('\n');
}

/** Formats several diagnostics, separated by blank lines as compilers do. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sourceText: string | undefined): string {
  return diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, sourceText)).join('\n\n');
}
