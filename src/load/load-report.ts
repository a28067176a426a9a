import type { LoadKindReport, LoadResult } from './load-result.js';
import type { KindStats } from './load-stats.js';

/** The outcome a CI gate reads: passed, and why not. */
export interface LoadVerdict {
  passed: boolean;
  errorRate: number;
  reasons: string[];
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export function kindReport(kind: string, stats: KindStats): LoadKindReport {
  const spanMs = stats.lastEndMs - stats.firstStartMs;
  return {
    kind,
    count: stats.count,
    errors: Object.fromEntries([...stats.errors.entries()].sort(([a], [b]) => a.localeCompare(b))),
    retried429: stats.retried429,
    latencyMs: {
      p50: round(stats.latency.percentile(0.5)),
      p95: round(stats.latency.percentile(0.95)),
      p99: round(stats.latency.percentile(0.99)),
      max: round(stats.latency.maxMs),
    },
    throughputPerSecond: spanMs > 0 ? round((stats.count * 1000) / spanMs, 1) : 0,
  };
}

/**
 * Whether the run passes: failed requests (after 429 retries) at most `maxErrorRate` of all
 * requests, every sampled resource read back as sent, nothing left behind, and the test
 * connection worked.
 */
export function loadVerdict(result: LoadResult, maxErrorRate: number): LoadVerdict {
  const totals = result.totals;
  const errorRate = totals.requests === 0 ? 0 : totals.errors / totals.requests;
  const reasons: string[] = [];
  const connect = result.phases.find((phase) => phase.name === 'connect');
  if (connect && connect.failed > 0) reasons.push(`the test connection failed: ${connect.firstFailure ?? 'unknown reason'}`);
  if (errorRate > maxErrorRate) reasons.push(`${totals.errors} of ${totals.requests} requests failed (${percent(errorRate)}), above --max-error-rate ${percent(maxErrorRate)}`);
  if (result.sampling.mismatches > 0) reasons.push(`${result.sampling.mismatches} sampled resources did not read back as sent`);
  if (result.cleanup.leftovers > 0) reasons.push(`${result.cleanup.leftovers} created resources could not be deleted`);
  if (result.interrupted) reasons.push('interrupted');
  return { passed: reasons.length === 0, errorRate, reasons };
}

export function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value === 0 ? '0' : value < 0.01 ? value.toPrecision(1) : round(value, 2)}%`;
}

/** The `--reporter json` document of a load run (add keys; never rename or remove them). */
export function loadJsonReport(result: LoadResult, verdict: LoadVerdict, toolVersion: string): Record<string, unknown> {
  const totals = result.totals;
  return {
    tool: { name: 'scim-check', version: toolVersion },
    target: { baseUrl: result.baseUrl, embedded: result.embedded },
    load: {
      idp: result.idp,
      runId: result.runId,
      users: result.users,
      groups: result.groups,
      membersPerGroup: result.membersPerGroup,
      concurrency: result.concurrency,
      ...(result.ratePerSecond !== undefined ? { ratePerSecond: result.ratePerSecond } : {}),
    },
    summary: {
      passed: verdict.passed,
      reasons: verdict.reasons,
      requests: totals.requests,
      errors: totals.errors,
      errorRate: round(verdict.errorRate, 6),
      retried429: totals.retried429,
      durationMs: Math.round(result.durationMs),
      throughputPerSecond: result.durationMs > 0 ? round((totals.requests * 1000) / result.durationMs, 1) : 0,
      peakRssBytes: result.peakRssBytes,
      interrupted: result.interrupted,
    },
    phases: result.phases.map((phase) => ({ ...phase, durationMs: Math.round(phase.durationMs) })),
    requests: result.requests,
    sampling: result.sampling,
    cleanup: result.cleanup,
  };
}
