import { type ReadinessReport, summaryLine } from './report.js';

/** Options for the pretty table: `verbose` adds each row's citation and the test's summary. */
export interface TableOptions {
  verbose?: boolean;
}

const MARK = { ready: '✓', 'not ready': '✗', 'not testable offline': '–' } as const;

/**
 * The readiness table as text: the suite's title, one block per vendor test (verdict, test name,
 * the deciding finding or the reason, the fix), then the one-line summary. No colour: the caller's
 * output guard and terminal decide the rest.
 */
export function readinessTable(report: ReadinessReport, options: TableOptions = {}): string {
  const width = Math.max(...report.rows.map((row) => row.test.length));
  const lines = [`${report.title}`, ''];
  for (const row of report.rows) {
    const optional = row.optional !== undefined && row.verdict === 'not ready' ? ' (optional)' : '';
    lines.push(`${MARK[row.verdict]} ${row.test.padEnd(width)}  ${row.verdict}${optional}`);
    if (row.finding !== undefined)
      lines.push(`    ${row.finding.check}: ${row.finding.message}`, `    at ${row.finding.at}`);
    if (row.reason !== undefined && (row.verdict !== 'ready' || options.verbose)) lines.push(`    ${row.reason}`);
    if (row.fix !== undefined) lines.push(`    fix: ${row.fix}`);
    // Why a not-ready row does not fail the command (optional for the vendor, or its alternative is ready).
    if (optional !== '') lines.push(`    not blocking: ${row.optional}`);
    if (options.verbose) lines.push(`    what: ${row.summary}`, `    source: ${row.citation}`);
  }
  lines.push('', summaryLine(report.summary));
  return `${lines.join('\n')}\n`;
}
