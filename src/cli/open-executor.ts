import { Executor } from '../executor/executor.js';
import { RunLedger } from '../executor/ledger.js';
import { createHttpTransport } from '../http/http-transport.js';
import type { OpenedTarget } from './target.js';
import type { TransportSettings } from './transport-options.js';

/**
 * The executor a command sends through: undici to the chosen target, a fresh ledger for the run,
 * the --max-retry-wait budget, and the interrupt signal that cuts a retry wait short. Nothing
 * recorded is redacted here (see below).
 */
export function openExecutor(opened: OpenedTarget, settings: TransportSettings, options: { timeoutMs: number; runId: string; signal?: AbortSignal }): Executor {
  // No redactor here: what the checks read is what the server sent. Every output is redacted where
  // it is written (src/report/output-guard.ts), which is also where a short token is judged.
  const { target } = opened;
  const transport = createHttpTransport({
    baseUrl: target.baseUrl,
    token: opened.token,
    timeoutMs: options.timeoutMs,
    tls: settings.tls,
    // The embedded server is on loopback: a corporate HTTPS_PROXY must not intercept it.
    proxy: target.embedded ? {} : settings.proxy,
  });
  return new Executor({
    transport,
    ledger: new RunLedger(options.runId),
    maxRetryWaitMs: settings.maxRetryWaitMs,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
}

