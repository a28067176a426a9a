import type { Executor, SendOptions } from '../executor/executor.js';
import type { IdpProfile } from '../idp/profile.js';
import type { IdTable } from './id-table.js';
import type { LoadPhaseName, LoadPhaseResult, LoadScale } from './load-result.js';
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
  /** `--max-retry-wait` in ms: what the whole run may spend waiting between retries. */
  maxRetryWaitMs: number;
}

/** What `scim-check load` was asked to do, with the profile resolved (in the worker). */
export interface LoadPlan extends LoadShape {
  profile: IdpProfile;
}

/** Progress of the current phase; `total` is undefined for a timed phase. */
export type ProgressListener = (phase: LoadPhaseName, done: number, total: number | undefined) => void;

/** The ledger scope of everything `load` creates: cleanup deletes exactly its outstanding resources. */
export const LOAD_SCOPE = 'load';

/**
 * The state a load run shares between its phases. Every request goes through the one executor
 * (its ledger says what the run created and may change); the issued ids are also kept by
 * directory index (compactly, see IdTable), and everything else is regenerated from the index.
 */
export interface LoadContext {
  plan: LoadPlan;
  executor: Executor;
  /** How every load request is sent: as the profile, in the `load` scope. */
  send: SendOptions;
  directory: SyntheticDirectory;
  userIds: IdTable;
  groupIds: IdTable;
  shouldStop(): boolean;
  onProgress: ProgressListener;
}

/** An action the profile's IdP does not do at all (Google pushes no groups): neither done nor failed. */
export interface Skipped {
  skipped: string;
}

/** How one task of a phase ended: undefined when it did what it should, else why not. */
export type TaskResult = string | Skipped | undefined;

/**
 * Runs one phase: `total` tasks over the worker pool, each resolving to a failure reason, a
 * skip, or undefined. Counts and times the phase and reports progress as tasks finish.
 */
export async function runPhase(
  context: LoadContext,
  name: LoadPhaseName,
  total: number,
  task: (index: number) => Promise<TaskResult>,
  options: { deadlineMs?: number; ignoreStop?: boolean } = {},
): Promise<LoadPhaseResult> {
  const started = performance.now();
  const result: LoadPhaseResult = { name, actions: 0, failed: 0, skipped: 0, durationMs: 0 };
  const shownTotal = total === Infinity ? undefined : total;
  context.onProgress(name, 0, shownTotal);
  const stop = (): boolean =>
    (!options.ignoreStop && context.shouldStop()) ||
    (options.deadlineMs !== undefined && performance.now() >= options.deadlineMs);
  await runPool(
    total,
    context.plan.concurrency,
    async (index) => {
      const ended = await task(index);
      result.actions += 1;
      if (typeof ended === 'string') {
        result.failed += 1;
        result.firstFailure ??= ended;
      } else if (ended !== undefined) {
        result.skipped += 1;
        result.skipReason ??= ended.skipped;
      }
      context.onProgress(name, result.actions, shownTotal);
    },
    stop,
  );
  result.durationMs = performance.now() - started;
  return result;
}
