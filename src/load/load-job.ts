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
  /**
   * With OAuth: the CLI thread holds the token source, so the worker asks it for the token again
   * (`token` messages) to pick up a renewed one, and once more after a 401.
   */
  renewable?: boolean;
  /** Send progress messages (only when a progress bar is shown). */
  progress: boolean;
}

/** Messages from the load worker to the CLI thread. */
export type LoadWorkerMessage =
  | { type: 'progress'; phase: LoadPhaseName; done: number; total: number | undefined; requests: number }
  | { type: 'result'; result: LoadResult }
  | { type: 'usage-error'; message: string; hint?: string }
  /** The answer to `left-behind`: what the run created and has not deleted, one line each. */
  | { type: 'left-behind'; lines: string[] }
  /** With a renewable token: the token to send now (`renew` after a 401: a fresh one). */
  | { type: 'token'; id: number; renew: boolean };

/** Messages from the CLI thread to the load worker. */
export type LoadControlMessage =
  | { type: 'interrupt' }
  /** A second Ctrl-C: the CLI thread prints this list before it quits (the ledger lives in the worker). */
  | { type: 'left-behind' }
  /** The answer to the worker's `token`: the token, or why there is none (the token endpoint refused). */
  | { type: 'token'; id: number; token?: string; error?: string };
