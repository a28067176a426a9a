import { parentPort, workerData } from 'node:worker_threads';
import { preflight } from '../engine/preflight.js';
import { ScimCheckError } from '../errors.js';
import { Executor } from '../executor/executor.js';
import { RunLedger } from '../executor/ledger.js';
import { leftBehindLines } from '../executor/left-behind.js';
import { findProfile, unknownProfileError } from '../idp/registry.js';
import type { LoadPlan, ProgressListener } from './load-context.js';
import type { LoadControlMessage, LoadJob, LoadWorkerMessage } from './load-job.js';
import { LoadStats } from './load-stats.js';
import { createLoadTransport } from './load-transport.js';
import { runLoad } from './run-load.js';
import { workerTokenSource } from './worker-token-source.js';

/*
 * The load worker: runs one load job (src/load/run-in-worker.ts starts it) and posts progress
 * and the result back. It runs in a worker thread so its heap can be given a small young
 * generation (resourceLimits), which keeps a 100k-user run's RSS flat; see run-in-worker.ts.
 */

const PROGRESS_EVERY_MS = 100;

function post(message: LoadWorkerMessage): void {
  parentPort!.postMessage(message);
}

async function main(job: LoadJob): Promise<void> {
  const profile = findProfile(job.idp);
  if (!profile) {
    const error = unknownProfileError(job.idp);
    post({ type: 'usage-error', message: error.message, ...(error.hint !== undefined ? { hint: error.hint } : {}) });
    return;
  }
  const interrupt = new AbortController();
  let executor: Executor | undefined;
  const tokenAnswers = new Map<number, { resolve(token: string): void; reject(error: Error): void }>();
  let tokenAsks = 0;
  parentPort!.on('message', (message: LoadControlMessage) => {
    if (message.type === 'interrupt') interrupt.abort();
    else if (message.type === 'token') {
      const waiting = tokenAnswers.get(message.id);
      tokenAnswers.delete(message.id);
      if (message.token !== undefined) waiting?.resolve(message.token);
      else waiting?.reject(new Error(message.error ?? 'no access token'));
    } else if (message.type === 'left-behind')
      post({ type: 'left-behind', lines: executor ? leftBehindLines(executor) : [] });
  });
  // The job is the shape plus transport details; the plan adds the profile the worker resolved.
  const { idp: _idp, target: _target, token: _token, progress: _progress, renewable: _renewable, ...shape } = job;
  const plan: LoadPlan = { ...shape, profile };
  // With OAuth the token source lives on the CLI thread: ask it (see worker-token-source.ts).
  const token = job.renewable
    ? workerTokenSource(
        job.token,
        (renew) =>
          new Promise<string>((resolve, reject) => {
            const id = ++tokenAsks;
            tokenAnswers.set(id, { resolve, reject });
            post({ type: 'token', id, renew });
          }),
      )
    : job.token;
  const transport = createLoadTransport({
    baseUrl: job.target.baseUrl,
    token,
    connections: plan.concurrency,
    timeoutMs: plan.timeoutMs,
    ...(plan.ratePerSecond !== undefined ? { ratePerSecond: plan.ratePerSecond } : {}),
  });
  // The one door (DESIGN.md): the profile's headers, write safety from the run's ledger, and
  // the profile's retry policy within --max-retry-wait; Ctrl-C cuts a retry wait short.
  executor = new Executor({
    transport,
    ledger: new RunLedger(plan.runId),
    maxRetryWaitMs: plan.maxRetryWaitMs,
    signal: interrupt.signal,
  });
  // The preflight `run` has: a refused token, a closed port or a URL that is not a SCIM root is
  // exit 2 at once, not a whole load of failures (its two reads are not part of the figures).
  try {
    await preflight(executor);
  } catch (error) {
    await executor.close();
    if (!(error instanceof ScimCheckError)) throw error;
    post({ type: 'usage-error', message: error.message, ...(error.hint !== undefined ? { hint: error.hint } : {}) });
    return;
  }
  const stats = new LoadStats();
  executor.subscribe(stats.listener);
  let lastPhase: string | undefined;
  let lastPost = 0;
  // Progress is throttled here, not in the bar: one message per action would flood the port.
  const onProgress: ProgressListener = (phase, done, total) => {
    const now = performance.now();
    if (phase === lastPhase && done !== total && now - lastPost < PROGRESS_EVERY_MS) return;
    lastPhase = phase;
    lastPost = now;
    post({ type: 'progress', phase, done, total, requests: stats.totals().requests });
  };
  try {
    const result = await runLoad({
      plan,
      executor,
      stats,
      target: job.target,
      signal: interrupt.signal,
      ...(job.progress ? { onProgress } : {}),
    });
    post({ type: 'result', result });
  } finally {
    await executor.close();
    parentPort!.removeAllListeners('message');
  }
}

await main(workerData as LoadJob);
