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

/** The phases made of the IdP's own actions: their failures are the server failing the sync. */
const ACTION_PHASES = new Set(['users', 'groups', 'changes']);

/**
 * Whether the run passes. It fails when:
 * - the test connection failed;
 * - failed requests (after retries) are more than `maxErrorRate` of all requests;
 * - in the users, groups or changes phase, failed actions are more than `maxErrorRate` of that
 *   phase's actions (an action fails when a request it needs failed, when the executor refused a
 *   write to something the run did not create, or when the server pointed it at an existing
 *   resource): a sync in which every assignment failed is not a pass, however few requests it sent;
 * - a sampled resource did not read back as sent;
 * - something the run created could not be deleted;
 * - it was interrupted.
 * Possible leftovers (creates whose outcome the run could not use) are listed, not judged: the
 * action that caused each one already counts as failed.
 */
export function loadVerdict(result: LoadResult, maxErrorRate: number): LoadVerdict {
  const totals = result.totals;
  const errorRate = totals.requests === 0 ? 0 : totals.errors / totals.requests;
  const reasons: string[] = [];
  const connect = result.phases.find((phase) => phase.name === 'connect');
  if (connect && connect.failed > 0)
    reasons.push(`the test connection failed: ${connect.firstFailure ?? 'unknown reason'}`);
  if (errorRate > maxErrorRate)
    reasons.push(
      `${totals.errors} of ${totals.requests} requests failed (${percent(errorRate)}), above --max-error-rate ${percent(maxErrorRate)}`,
    );
  for (const phase of result.phases) {
    if (!ACTION_PHASES.has(phase.name) || phase.failed === 0) continue;
    const rate = phase.failed / phase.actions;
    if (rate > maxErrorRate)
      reasons.push(
        `${phase.failed} of ${phase.actions} ${phase.name} actions failed (${percent(rate)}), above --max-error-rate ${percent(maxErrorRate)}; first: ${phase.firstFailure ?? 'unknown reason'}`,
      );
  }
  if (result.sampling.mismatches > 0)
    reasons.push(`${result.sampling.mismatches} sampled resources did not read back as sent`);
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
