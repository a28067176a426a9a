import type { IdpProfile } from '../idp/profile.js';
import type { IdTable } from './id-table.js';
import type { LoadClient } from './load-client.js';
import type { LoadPhaseName, LoadPhaseResult, LoadScale } from './load-result.js';
import type { RetryPolicy } from './retry-policy.js';
import type { SyntheticDirectory } from './synthetic-directory.js';
import { runPool } from './worker-pool.js';

/** The shape of a load run, as the CLI parsed it: plain data, so it crosses to the worker as is. */
export interface LoadShape extends LoadScale {
  /** Incremental changes after the sync; ignored when `changesDurationMs` is set. */
  changes: number;
  /** `--duration`: keep sending incremental changes for this long instead of a fixed count. */
  changesDurationMs?: number;
  /** Fraction of created users (and groups) read back and verified. */
  sampleFraction: number;
  /** Leave what the run created on the server (no cleanup). */
  keep: boolean;
  timeoutMs: number;
  retry: RetryPolicy;
}

/** What `scim-check load` was asked to do, with the profile resolved (in the worker). */
export interface LoadPlan extends LoadShape {
  profile: IdpProfile;
}

/** Progress of the current phase; `total` is undefined for a timed phase. */
export type ProgressListener = (phase: LoadPhaseName, done: number, total: number | undefined) => void;

/**
 * The state a load run shares between its phases. Only the issued ids are kept (compactly, see
 * IdTable): everything else is regenerated from the directory index.
 */
export interface LoadContext {
  plan: LoadPlan;
  client: LoadClient;
  directory: SyntheticDirectory;
  userIds: IdTable;
  groupIds: IdTable;
  shouldStop(): boolean;
  onProgress: ProgressListener;
}

/**
 * Runs one phase: `total` tasks over the worker pool, each resolving to a failure reason or
 * undefined. Counts and times the phase and reports progress as tasks finish.
 */
export async function runPhase(
  context: LoadContext,
  name: LoadPhaseName,
  total: number,
  task: (index: number) => Promise<string | undefined>,
  options: { deadlineMs?: number; ignoreStop?: boolean } = {},
): Promise<LoadPhaseResult> {
  const started = performance.now();
  const result: LoadPhaseResult = { name, actions: 0, failed: 0, durationMs: 0 };
  const shownTotal = total === Infinity ? undefined : total;
  context.onProgress(name, 0, shownTotal);
  const stop = (): boolean => (!options.ignoreStop && context.shouldStop()) || (options.deadlineMs !== undefined && performance.now() >= options.deadlineMs);
  await runPool(total, context.plan.concurrency, async (index) => {
    const failure = await task(index);
    result.actions += 1;
    if (failure !== undefined) {
      result.failed += 1;
      result.firstFailure ??= failure;
    }
    context.onProgress(name, result.actions, shownTotal);
  }, stop);
  result.durationMs = performance.now() - started;
  return result;
}
