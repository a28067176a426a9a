import type { Executor } from '../executor/executor.js';
import { IdTable } from './id-table.js';
import { incrementalChanges } from './incremental-changes.js';
import { connect, provisionUsers, pushGroups } from './initial-sync.js';
import { cleanUp } from './load-cleanup.js';
import { LOAD_SCOPE, type LoadContext, type LoadPlan, type ProgressListener } from './load-context.js';
import { kindReport } from './load-report.js';
import {
  type CleanupResult,
  type LoadPhaseResult,
  type LoadResult,
  MAX_LISTED_LEFTOVERS,
  type SampleResult,
} from './load-result.js';
import type { LoadStats } from './load-stats.js';
import { SyntheticDirectory } from './synthetic-directory.js';
import { verifySample, watchSampledCreates } from './verify-sample.js';

export interface LoadRunOptions {
  plan: LoadPlan;
  /** The one door: every request of the run goes through it, and its ledger is the run's. */
  executor: Executor;
  /** Subscribed to the executor by the caller; read here for the result. */
  stats: LoadStats;
  target: { baseUrl: string; embedded: boolean };
  /** Ctrl-C: stop scheduling new work; cleanup still runs. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** How often the resident set size is sampled for the peak. */
const RSS_SAMPLE_MS = 200;

/** What the ledger says may still exist, listed up to the cap and counted in full. */
function possibleLeftovers(executor: Executor): Pick<CleanupResult, 'possibleLeftovers' | 'possibleLeftoverCount'> {
  const all = executor.ledger.possibleLeftovers(LOAD_SCOPE);
  return { possibleLeftovers: all.slice(0, MAX_LISTED_LEFTOVERS), possibleLeftoverCount: all.length };
}

/**
 * Runs an initial sync the way the profile's IdP would, then verifies a sample, sends a burst
 * of incremental changes and cleans up: connect → users → groups → verify → changes → cleanup.
 * A failed test connection stops before anything is created.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadResult> {
  const { plan, executor } = options;
  const started = performance.now();
  let peakRssBytes = process.memoryUsage.rss();
  const rssTimer = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  rssTimer.unref();
  const context: LoadContext = {
    plan,
    executor,
    send: { profile: plan.profile, scope: LOAD_SCOPE },
    directory: new SyntheticDirectory(plan.runId, plan.users, plan.groups, plan.membersPerGroup),
    userIds: new IdTable(plan.users),
    groupIds: new IdTable(plan.groups),
    shouldStop: () => options.signal?.aborted === true,
    onProgress: options.onProgress ?? (() => undefined),
  };
  const phases: LoadPhaseResult[] = [];
  let sampling: SampleResult = { users: 0, groups: 0, mismatches: 0, examples: [] };
  let cleanup: CleanupResult = {
    deleted: 0,
    leftovers: 0,
    skipped: plan.keep,
    leftBehind: [],
    possibleLeftovers: [],
    possibleLeftoverCount: 0,
  };
  try {
    const connected = await connect(context);
    phases.push(connected);
    if (connected.failed === 0) {
      const creates = watchSampledCreates(context);
      phases.push(await provisionUsers(context));
      creates.stop();
      phases.push(await pushGroups(context));
      const verified = await verifySample(context, creates);
      phases.push(verified.phase);
      sampling = verified.sampling;
      phases.push(await incrementalChanges(context));
    }
  } finally {
    if (!plan.keep) {
      const cleaned = await cleanUp(context);
      phases.push(cleaned.phase);
      cleanup = { ...cleanup, deleted: cleaned.deleted, leftovers: cleaned.leftovers, leftBehind: cleaned.leftBehind };
    }
    cleanup = { ...cleanup, ...possibleLeftovers(executor) };
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
