import { IdTable } from './id-table.js';
import type { LoadClient } from './load-client.js';
import { cleanUp } from './load-cleanup.js';
import type { LoadPlan, ProgressListener } from './load-context.js';
import type { LoadPhaseResult, LoadResult, SampleResult } from './load-result.js';
import type { LoadStats } from './load-stats.js';
import { kindReport } from './load-report.js';
import { incrementalChanges } from './incremental-changes.js';
import { connect, provisionUsers, pushGroups } from './initial-sync.js';
import { SyntheticDirectory } from './synthetic-directory.js';
import { verifySample } from './verify-sample.js';

export interface LoadRunOptions {
  plan: LoadPlan;
  client: LoadClient;
  stats: LoadStats;
  target: { baseUrl: string; embedded: boolean };
  /** Ctrl-C: stop scheduling new work; cleanup still runs. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** How often the resident set size is sampled for the peak. */
const RSS_SAMPLE_MS = 200;

/**
 * Runs an initial sync the way the profile's IdP would, then verifies a sample, sends a burst
 * of incremental changes and cleans up: connect → users → groups → verify → changes → cleanup.
 * A failed test connection stops before anything is created.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadResult> {
  const { plan } = options;
  const started = performance.now();
  let peakRssBytes = process.memoryUsage.rss();
  const rssTimer = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  rssTimer.unref();
  const context = {
    plan,
    client: options.client,
    directory: new SyntheticDirectory(plan.runId, plan.users, plan.groups, plan.membersPerGroup),
    userIds: new IdTable(plan.users),
    groupIds: new IdTable(plan.groups),
    shouldStop: () => options.signal?.aborted === true,
    onProgress: options.onProgress ?? (() => undefined),
  };
  const phases: LoadPhaseResult[] = [];
  let sampling: SampleResult = { users: 0, groups: 0, mismatches: 0, examples: [] };
  let cleanup = { deleted: 0, leftovers: 0, skipped: plan.keep };
  try {
    const connected = await connect(context);
    phases.push(connected);
    if (connected.failed === 0) {
      phases.push(await provisionUsers(context));
      phases.push(await pushGroups(context));
      const verified = await verifySample(context);
      phases.push(verified.phase);
      sampling = verified.sampling;
      phases.push(await incrementalChanges(context));
    }
  } finally {
    if (!plan.keep) {
      const cleaned = await cleanUp(context);
      phases.push(cleaned.phase);
      cleanup = { deleted: cleaned.deleted, leftovers: cleaned.leftovers, skipped: false };
    }
    clearInterval(rssTimer);
  }
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  const result: LoadResult = {
    baseUrl: options.target.baseUrl,
    embedded: options.target.embedded,
    idp: plan.profile.name,
    runId: plan.runId,
    users: plan.users,
    groups: plan.groups,
    membersPerGroup: context.directory.membersPerGroup,
    concurrency: plan.concurrency,
    phases,
    requests: [...options.stats.kinds.entries()].map(([kind, stats]) => kindReport(kind, stats)),
    totals: options.stats.totals(),
    sampling,
    cleanup,
    durationMs: performance.now() - started,
    peakRssBytes,
    interrupted: options.signal?.aborted === true,
  };
  if (plan.ratePerSecond !== undefined) result.ratePerSecond = plan.ratePerSecond;
  return result;
}
