import { type LoadVerdict, percent } from './load-report.js';
import type { CleanupResult, LoadResult } from './load-result.js';

const integer = new Intl.NumberFormat('en-US');

function count(value: number, noun: string): string {
  return `${integer.format(value)} ${noun}${value === 1 ? '' : 's'}`;
}

function duration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function table(rows: string[][], rightAligned: (column: number) => boolean): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (rightAligned(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function errorsText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? '-' : entries.map(([status, count]) => `${status}×${integer.format(count)}`).join(' ');
}

/** How many searches a summary line shows before "…": the JSON report lists up to 100. */
const SHOWN_SEARCHES = 3;
/** How many undeleted resources the summary lists by name. */
const SHOWN_LEFT_BEHIND = 5;

/**
 * What cleanup did, truthfully: never "0 left behind" while the ledger says something may still
 * exist (a create that timed out or came back unusable), which only a search by name can find.
 */
function cleanupLines(cleanup: CleanupResult): string[] {
  const possibly = cleanup.possibleLeftoverCount;
  const searches = cleanup.possibleLeftovers.slice(0, SHOWN_SEARCHES).map((entry) => entry.search);
  const possiblyText =
    possibly === 0
      ? ''
      : `${integer.format(possibly)} possibly left behind (search: ${searches.join(', ')}${possibly > searches.length ? ', …' : ''})`;
  const parts: string[] = [];
  if (cleanup.skipped) parts.push('skipped (--keep)');
  else {
    parts.push(`${integer.format(cleanup.deleted)} deleted`);
    if (cleanup.leftovers > 0 || possibly === 0) parts.push(`${integer.format(cleanup.leftovers)} left behind`);
  }
  if (possiblyText !== '') parts.push(possiblyText);
  const lines = [`cleanup: ${parts.join(cleanup.skipped ? '; ' : ', ')}`];
  for (const resource of cleanup.leftBehind.slice(0, SHOWN_LEFT_BEHIND))
    lines.push(`  - ${resource.resourceType} ${resource.name} (id ${resource.id}): ${resource.reason}`);
  if (cleanup.leftovers > SHOWN_LEFT_BEHIND)
    lines.push(`  - … ${integer.format(cleanup.leftovers - SHOWN_LEFT_BEHIND)} more (the JSON report lists up to 100)`);
  return lines;
}

/** The end-of-run summary of `scim-check load` for a terminal or a CI log (no colour, no token). */
export function formatLoadSummary(result: LoadResult, verdict: LoadVerdict): string {
  const totals = result.totals;
  const lines: string[] = [];
  lines.push(
    `scim-check load · ${result.idp} · ${count(result.users, 'user')}, ${count(result.groups, 'group')} × ${count(result.membersPerGroup, 'member')} · concurrency ${result.concurrency}${result.ratePerSecond !== undefined ? ` · rate ${result.ratePerSecond}/s` : ''}`,
  );
  lines.push(`target ${result.baseUrl}${result.embedded ? ' (embedded reference server)' : ''}`);
  lines.push('');
  lines.push(
    table(
      [
        ['phase', 'actions', 'failed', 'time', 'first failure'],
        ...result.phases.map((phase) => [
          phase.name,
          integer.format(phase.actions),
          integer.format(phase.failed),
          duration(phase.durationMs),
          phase.firstFailure ??
            (phase.skipped > 0 ? `${integer.format(phase.skipped)} skipped: ${phase.skipReason ?? ''}` : ''),
        ]),
      ],
      (column) => column >= 1 && column <= 3,
    ),
  );
  lines.push('');
  const kinds = result.requests;
  lines.push(
    table(
      [
        ['request', 'count', 'errors', '429 retried', 'p50', 'p95', 'p99', 'max', 'req/s'],
        ...kinds.map((kind) => [
          kind.kind,
          integer.format(kind.count),
          errorsText(kind.errors),
          integer.format(kind.retried429),
          duration(kind.latencyMs.p50),
          duration(kind.latencyMs.p95),
          duration(kind.latencyMs.p99),
          duration(kind.latencyMs.max),
          integer.format(Math.round(kind.throughputPerSecond)),
        ]),
        [
          'total',
          integer.format(totals.requests),
          `${integer.format(totals.errors)} (${percent(verdict.errorRate)})`,
          integer.format(totals.retried429),
          '',
          '',
          '',
          '',
          integer.format(Math.round((totals.requests * 1000) / Math.max(result.durationMs, 1))),
        ],
      ],
      (column) => column !== 0 && column !== 2,
    ),
  );
  lines.push('');
  const sample = result.sampling;
  lines.push(
    `sample: ${count(sample.users, 'user')} and ${count(sample.groups, 'group')} read back, ${sample.mismatches === 0 ? 'all as sent' : `${sample.mismatches} mismatched`}`,
  );
  for (const example of sample.examples) lines.push(`  - ${example}`);
  lines.push(...cleanupLines(result.cleanup));
  lines.push(
    `wall time ${duration(result.durationMs)} · peak RSS ${Math.round(result.peakRssBytes / 1048576)} MB (this process${result.embedded ? ', embedded server included' : ''})`,
  );
  lines.push('');
  lines.push(verdict.passed ? 'PASSED' : `FAILED: ${verdict.reasons.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
