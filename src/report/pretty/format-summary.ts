import type { RunResult } from '../../engine/results.js';
import { failsRun, rootCausesOf } from '../root-causes.js';
import { formatRunTime, plural } from './format-duration.js';
import { formatStandards } from './format-standards.js';
import type { Theme } from './theme.js';

const LABEL_WIDTH = 'Scenarios: '.length;

/**
 * The closing block: what the run left behind (if anything), then the counts, target and time.
 *
 *   Scenarios: 1 passed, 1 failed (2)
 *   Checks:    120 passed, 2 failed (1 root cause), 1 warning, 4 skipped
 *   Target:    http://127.0.0.1:4000/scim/v2 (embedded reference server)
 *   Time:      0.81 s
 */
export function formatSummary(result: RunResult, theme: Theme): string[] {
  const lines = [...formatLeftovers(result, theme)];
  if (lines.length > 0) lines.push('');
  if (result.interrupted) {
    lines.push(theme.warn(theme.bold('Interrupted')) + theme.warn(': the run was stopped early; results are partial.'));
  }
  const { summary } = result;
  const scenarioCounts = joinCounts([
    [summary.passed, 'passed', theme.pass],
    [summary.failed, 'failed', theme.fail],
    [summary.errored, 'errored', theme.fail],
    [summary.skipped, 'skipped', theme.skip],
  ]);
  // Failed checks that share a fingerprint are one server bug: say how many bugs, not only how many verdicts.
  const causes =
    summary.checks.failed === 0
      ? 0
      : rootCausesOf(result).filter((cause) => cause.kind === 'check' && failsRun(cause)).length;
  const checkCounts = joinCounts([
    [summary.checks.passed, 'passed', theme.pass],
    [summary.checks.failed, `failed (${plural(causes, 'root cause')})`, theme.fail],
    [summary.checks.warnings, summary.checks.warnings === 1 ? 'warning' : 'warnings', theme.warn],
    [summary.checks.skipped, 'skipped', theme.skip],
  ]);
  const embedded = result.target.embedded ? theme.dim(' (embedded reference server)') : '';
  lines.push(
    `${label('Scenarios:', theme)}${scenarioCounts} ${theme.dim(`(${summary.scenarios})`)}`,
    `${label('Checks:', theme)}${checkCounts}`,
    `${label('Target:', theme)}${result.target.baseUrl}${embedded}`,
    `${label('Time:', theme)}${formatRunTime(summary.durationMs)}`,
  );
  // With --standard: each draft pack, its deviations and its conflicts with the IdP profiles.
  const standards = formatStandards(result.standards, theme);
  if (standards.length > 0) lines.push('', ...standards);
  return lines;
}

/** Resources the run created and could not delete, with ids, and those it may have created without an id, with the search that finds them. */
function formatLeftovers(result: RunResult, theme: Theme): string[] {
  const rows = result.scenarios.flatMap((scenario) =>
    scenario.leftovers.map((leftover) => ({ ...leftover, file: scenario.file })),
  );
  const possible = result.scenarios.flatMap((scenario) =>
    (scenario.possibleLeftovers ?? []).map((entry) => ({ ...entry, file: scenario.file })),
  );
  const lines: string[] = [];
  if (rows.length > 0) {
    const typeWidth = Math.max(...rows.map((row) => row.resourceType.length));
    const idWidth = Math.max(...rows.map((row) => row.id.length));
    lines.push(
      theme.warn(
        `Leftovers: ${plural(rows.length, 'resource')} ${rows.every((row) => row.reason === 'kept (--keep)') ? 'kept (--keep)' : 'could not be deleted'}; remove by hand:`,
      ),
      ...rows.map(
        (row) =>
          `  ${row.resourceType.padEnd(typeWidth)}  ${row.id.padEnd(idWidth)}  ${row.name}  ${theme.dim(`(${row.file}${row.reason === undefined || row.reason === 'kept (--keep)' ? '' : `: ${row.reason}`})`)}`,
      ),
    );
  }
  if (possible.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      theme.warn(
        `Possibly left behind: ${plural(possible.length, 'resource')} the server may have created without the run getting a usable id; search for them:`,
      ),
      ...possible.map(
        (entry) => `  ${entry.resourceType}  ${entry.search}  ${theme.dim(`(${entry.file}: ${entry.reason})`)}`,
      ),
    );
  }
  return lines;
}

type Count = [count: number, word: string, paint: (text: string) => string];

/** Non-zero counts only, so a clean run reads `14 passed`; all zero reads `none`. */
function joinCounts(counts: Count[]): string {
  const shown = counts.filter(([count]) => count > 0).map(([count, word, paint]) => paint(`${count} ${word}`));
  return shown.length === 0 ? 'none' : shown.join(', ');
}

function label(text: string, theme: Theme): string {
  return theme.bold(text) + ' '.repeat(LABEL_WIDTH - text.length);
}
