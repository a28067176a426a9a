import type { LoadShape } from './load-context.js';
import type { LoadPhaseName, LoadResult } from './load-result.js';

/**
 * A load run as the CLI hands it to the load worker: plain, cloneable data (the profile goes
 * by name; the worker looks it up, so the CLI thread never loads the profiles or undici).
 */
export interface LoadJob extends LoadShape {
  idp: string;
  target: { baseUrl: string; embedded: boolean };
  /** The bearer token; it stays in memory and is never part of any message back. */
  token: string;
  /** Send progress messages (only when a progress bar is shown). */
  progress: boolean;
}

/** Messages from the load worker to the CLI thread. */
export type LoadWorkerMessage =
  | { type: 'progress'; phase: LoadPhaseName; done: number; total: number | undefined; requests: number }
  | { type: 'result'; result: LoadResult }
  | { type: 'usage-error'; message: string; hint?: string }
  /** The answer to `left-behind`: what the run created and has not deleted, one line each. */
  | { type: 'left-behind'; lines: string[] };

/** Messages from the CLI thread to the load worker. */
export type LoadControlMessage =
  | { type: 'interrupt' }
  /** A second Ctrl-C: the CLI thread prints this list before it quits (the ledger lives in the worker). */
  | { type: 'left-behind' };
