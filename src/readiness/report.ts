import type { ReadinessSuiteName, ReadinessVerdict } from './suite.js';

/*
 * What `scim-check readiness` reports: one row per vendor test, judged from a run's results.
 * Plain data: the table and the JSON reporter only read it.
 */

/** The finding that made a test `not ready`: the check, its message, and where (`scenario:step`). */
export interface DecidingFinding {
  check: string;
  message: string;
  /** The scenario and step it came from, e.g. `Readiness: Entra gallery, direct SCIM tests:SCIM_User_Pagination_Test page 1`. */
  at: string;
}

export interface ReadinessRow {
  /** The vendor's own name for the test. */
  test: string;
  verdict: ReadinessVerdict;
  /** The document the test mirrors. */
  citation: string;
  /** What the vendor's test sends and asserts. */
  summary: string;
  /** For `not ready`: the finding that decided it, when one did (a scenario that did not run has none). */
  finding?: DecidingFinding;
  /** Why, in one line: not testable offline, not run, skipped, or the note of a ready row. */
  reason?: string;
  /** For `not ready`: what to change, in the vendor's terms. */
  fix?: string;
  /** Set when the vendor does not block on the test (a failure is a warning there): why. */
  optional?: string;
}

export interface ReadinessReport {
  suite: ReadinessSuiteName;
  title: string;
  citations: string[];
  rows: ReadinessRow[];
  summary: { ready: number; notReady: number; notTestableOffline: number; optionalNotReady: number };
  /** True when no blocking test is `not ready`: what the exit code says. */
  ready: boolean;
}

/** Counts the rows by verdict; optional tests that are not ready are counted apart as well. */
export function readinessSummary(rows: readonly ReadinessRow[]): ReadinessReport['summary'] {
  const count = (verdict: ReadinessVerdict): number => rows.filter((row) => row.verdict === verdict).length;
  return {
    ready: count('ready'),
    notReady: count('not ready'),
    notTestableOffline: count('not testable offline'),
    optionalNotReady: rows.filter((row) => row.verdict === 'not ready' && row.optional !== undefined).length,
  };
}

/** "ready: N, not ready: M, not testable offline: K" (and how many of the not-ready are optional). */
export function summaryLine(summary: ReadinessReport['summary']): string {
  const optional = summary.optionalNotReady > 0 ? ` (${summary.optionalNotReady} optional, not blocking)` : '';
  return `ready: ${summary.ready}, not ready: ${summary.notReady}${optional}, not testable offline: ${summary.notTestableOffline}`;
}
