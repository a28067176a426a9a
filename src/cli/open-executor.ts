import { Executor } from '../executor/executor.js';
import { RunLedger } from '../executor/ledger.js';
import { leftBehindLines } from '../executor/left-behind.js';
import { createHttpTransport } from '../http/http-transport.js';
import { watchInterrupts } from './interrupts.js';
import type { CliIo } from './io.js';
import type { OpenedTarget } from './target.js';
import type { TransportSettings } from './transport-options.js';

/**
 * The executor a command sends through: undici to the chosen target, a fresh ledger for the run,
 * the --max-retry-wait budget, and the interrupt signal that cuts a retry wait short. Nothing
 * recorded is redacted here (see below).
 */
export function openExecutor(
  opened: OpenedTarget,
  settings: TransportSettings,
  options: { timeoutMs: number; runId: string; signal?: AbortSignal },
): Executor {
  // No redactor here: what the checks read is what the server sent. Every output is redacted where
  // it is written (src/report/output-guard.ts), which is also where a short token is judged.
  const { target } = opened;
  const transport = createHttpTransport({
    baseUrl: target.baseUrl,
    // With OAuth, the source: asked per request, renewed before expiry and once after a 401.
    token: opened.oauth ?? opened.token,
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

/**
 * The executor of a command that creates resources, with Ctrl-C watched: the first signal stops
 * the run and lets cleanup finish, a second lists what the run's ledger still holds. The caller
 * disposes `interrupts` when the command ends.
 */
export function openInterruptibleExecutor(
  io: CliIo,
  opened: OpenedTarget,
  settings: TransportSettings,
  options: { timeoutMs: number; runId: string },
): { executor: Executor; interrupts: ReturnType<typeof watchInterrupts> } {
  let executor: Executor | undefined;
  const interrupts = watchInterrupts(io, () => (executor === undefined ? [] : leftBehindLines(executor)));
  executor = openExecutor(opened, settings, { ...options, signal: interrupts.signal });
  return { executor, interrupts };
}
