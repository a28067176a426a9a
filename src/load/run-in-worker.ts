import { Worker } from 'node:worker_threads';
import { ScimCheckError } from '../errors.js';
import type { ProgressListener } from './load-context.js';
import type { LoadControlMessage, LoadJob, LoadWorkerMessage } from './load-job.js';
import type { LoadResult } from './load-result.js';

/**
 * The load generator's heap limits. A load run allocates fast (hundreds of thousands of
 * short-lived request and response objects) while its live data stays small (~12 MB of code and
 * the like, the id table off-heap, plus the executor's ledger: about 330 bytes of heap per created
 * resource, ~33 MB at 100k users). On the main thread V8 then grows the young generation to 32 MB
 * and lets old-space garbage pile up to several times the live size before collecting it, so RSS
 * climbs with N. A worker's young generation can be capped with a documented API
 * (resourceLimits); at 8 MB, scavenges are more frequent but cheap, throughput is unchanged, and
 * the peak RSS of a 100k run drops (bench/RESULTS.md). Re-measured after `load` moved onto the
 * executor (with an off-heap ledger prototype): 4, 16 and 32 MB all peaked higher than 8 MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

export interface WorkerRunOptions {
  /**
   * With OAuth: answers the worker's `token` asks from the CLI thread's token source (`renew`
   * after a 401). The source registers every token it gets with the output guard.
   */
  token?: (renew: boolean) => Promise<string>;
  onProgress?: (...args: [...Parameters<ProgressListener>, requests: number]) => void;
  /** Ctrl-C: the worker stops scheduling new work, cleans up and still reports. */
  signal?: AbortSignal;
}

/** A load job running in its worker thread. */
export interface RunningLoad {
  result: Promise<LoadResult>;
  /** What the run created and has not deleted, asked of the worker (which holds the ledger). */
  leftBehind(): Promise<string[]>;
}

/** Runs a load job in a worker thread; `result` resolves to its result. */
export function runLoadInWorker(job: LoadJob, options: WorkerRunOptions = {}): RunningLoad {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), {
    workerData: job,
    resourceLimits: WORKER_LIMITS,
  });
  const listRequests: ((lines: string[]) => void)[] = [];
  const result = new Promise<LoadResult>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => worker.postMessage({ type: 'interrupt' } satisfies LoadControlMessage);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      action();
    };
    worker.on('message', (message: LoadWorkerMessage) => {
      if (message.type === 'progress')
        options.onProgress?.(message.phase, message.done, message.total, message.requests);
      else if (message.type === 'left-behind') listRequests.shift()?.(message.lines);
      else if (message.type === 'token') {
        const answer = (reply: Omit<Extract<LoadControlMessage, { type: 'token' }>, 'type' | 'id'>): void =>
          worker.postMessage({ type: 'token', id: message.id, ...reply } satisfies LoadControlMessage);
        const asked = options.token?.(message.renew) ?? Promise.reject(new Error('this load has no token source'));
        asked.then(
          (token) => answer({ token }),
          // The endpoint's refusal, already phrased without secrets (oauth-client.ts accessTokenOf).
          (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
        );
      }
      // The worker is done once it has reported; ending it here also closes any port or socket
      // a profile or undici might still hold, so the CLI exits as soon as the report is written.
      else if (message.type === 'result')
        settle(
          () =>
            void worker.terminate().then(
              () => resolve(message.result),
              () => resolve(message.result),
            ),
        );
      else
        settle(
          () =>
            void worker
              .terminate()
              .finally(() =>
                reject(
                  new ScimCheckError(
                    'USAGE',
                    message.message,
                    message.hint !== undefined ? { hint: message.hint } : {},
                  ),
                ),
              ),
        );
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the load worker stopped with exit code ${code} before reporting a result`))),
    );
  });
  return {
    result,
    leftBehind: () =>
      new Promise<string[]>((resolve) => {
        listRequests.push(resolve);
        worker.postMessage({ type: 'left-behind' } satisfies LoadControlMessage);
      }),
  };
}
