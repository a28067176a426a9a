import type { MatrixCell, MatrixResult } from '../engine/matrix.js';
import { toJsonStandard } from './json-report.js';
import { formatStandards } from './pretty/format-standards.js';
import { createTheme, MARK, type Theme } from './pretty/theme.js';

/** Visible width of a cell's text, so colour codes never skew the columns. */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return '';
  switch (cell.status) {
    case 'passed':
      return `${MARK.passed} pass${cell.note ? '*' : ''}`;
    case 'failed':
      return `${MARK.failed} ${cell.firstFailure?.id ?? 'fail'}`;
    case 'errored':
      return `${MARK.errored} ${cell.firstFailure?.id ?? 'error'}`;
    case 'skipped':
      return `${MARK.skipped} skipped`;
  }
}

function paint(theme: Theme, cell: MatrixCell | undefined, text: string): string {
  if (!cell) return text;
  return cell.status === 'passed' ? theme.pass(text) : cell.status === 'skipped' ? theme.skip(text) : theme.fail(text);
}

/**
 * The IdP × flow table for a terminal: one row per profile, one column per flow, each cell
 * pass / the first failing check / skipped; the details (failure messages, skip reasons) follow.
 */
export function renderMatrixPretty(result: MatrixResult, color: boolean): string {
  const theme = createTheme(color);
  const find = (idp: string, flow: string): MatrixCell | undefined =>
    result.cells.find((cell) => cell.idp === idp && cell.flow === flow);
  const rowName = (profile: MatrixResult['profiles'][number]): string =>
    profile.verified ? profile.name : `${profile.name} (unverified)`;
  const firstWidth = Math.max(3, ...result.profiles.map((profile) => rowName(profile).length));
  const widths = result.flows.map((flow) =>
    Math.max(flow.title.length, ...result.profiles.map((profile) => cellText(find(profile.name, flow.name)).length)),
  );
  const lines: string[] = [];
  const where = result.target.embedded ? `${result.target.baseUrl} (embedded reference server)` : result.target.baseUrl;
  lines.push(theme.bold(`IdP × flow compatibility against ${where}`), '');
  lines.push(
    theme.dim(
      [pad('IDP', firstWidth), ...result.flows.map((flow, index) => pad(flow.title.toUpperCase(), widths[index]!))]
        .join('  ')
        .trimEnd(),
    ),
  );
  for (const profile of result.profiles) {
    const cells = result.flows.map((flow, index) => {
      const cell = find(profile.name, flow.name);
      return paint(theme, cell, pad(cellText(cell), widths[index]!));
    });
    lines.push([pad(rowName(profile), firstWidth), ...cells].join('  ').trimEnd());
  }
  const details = result.cells.filter((cell) => cell.status !== 'passed' || cell.note);
  if (details.length > 0) {
    lines.push('');
    for (const cell of details) {
      const flow = result.flows.find((entry) => entry.name === cell.flow)?.title ?? cell.flow;
      const head = `${cell.idp} × ${flow}:`;
      if (cell.firstFailure)
        lines.push(
          `${theme.fail(head)} step ${cell.firstFailure.step} (${cell.firstFailure.action}) ${cell.firstFailure.id}: ${cell.firstFailure.message}`,
        );
      else lines.push(`${cell.status === 'skipped' ? theme.skip(head) : theme.dim(`${head} *`)} ${cell.note ?? ''}`);
    }
  }
  const { summary } = result;
  lines.push(
    '',
    `Cells: ${theme.pass(`${summary.passed} passed`)}, ${summary.failed + summary.errored > 0 ? theme.fail(`${summary.failed + summary.errored} failed`) : `${summary.failed + summary.errored} failed`}, ${summary.skipped} skipped`,
  );
  lines.push(theme.dim('Rerun one cell with: scim-check run <scenario> --idp <profile> --verbose'));
  // --standard: each draft pack judged on the same server, and which IdPs its rules would break.
  const standards = formatStandards(result.standards, theme);
  if (standards.length > 0) lines.push('', ...standards);
  return `${lines.join('\n')}\n`;
}

/** The matrix as JSON (a contract for tools, like the run report). */
export function renderMatrixJson(result: MatrixResult): string {
  const document =
    result.standards === undefined ? result : { ...result, standards: result.standards.map(toJsonStandard) };
  return `${JSON.stringify(document, null, 2)}\n`;
}
