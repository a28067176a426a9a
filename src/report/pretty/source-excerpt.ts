import type { Theme } from './theme.js';

/**
 * Points at a scenario step the way Hurl and rustc point at code:
 *
 *     --> scenarios/okta-group-push.yaml:22:5
 *      |
 *   22 |   - removeMembers: { group: eng, users: [bob] }
 *      |
 *
 * The source line is shown only when the file's text is available and has that line.
 * `label` names steps without a line of their own (preflight, cleanup).
 */
export function formatLocation(
  file: string,
  line: number,
  column: number,
  source: string | undefined,
  theme: Theme,
  label?: string,
): string[] {
  const suffix = label === undefined ? '' : theme.dim(` (${label})`);
  if (line < 1) return [`  ${theme.dim('-->')} ${theme.link(file)}${suffix}`];
  const lineNumber = String(line);
  const pad = ' '.repeat(lineNumber.length);
  const arrow = `${pad}${theme.dim('-->')} ${theme.link(`${file}:${line}:${column}`)}${suffix}`;
  const text = source?.split(/\r?\n/)[line - 1];
  if (text === undefined) return [arrow];
  const gutter = theme.dim(`${pad} |`);
  return [arrow, gutter, `${theme.dim(`${lineNumber} |`)} ${text.trimEnd()}`, gutter];
}
