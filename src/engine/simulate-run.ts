import { type ExchangeListener, Executor } from '../executor/executor.js';
import { createInProcessTransport } from '../executor/in-process-transport.js';
import { RunLedger } from '../executor/ledger.js';
import type { RunPlan } from '../plan/plan.js';
import { createReferenceService } from '../server/index.js';
import type { RunResult } from './results.js';
import { newRunId } from './run-id.js';
import { runSuite } from './run-suite.js';

/** A run against nothing real, and what it sent: each exchange's purpose and request body, by exchange id. */
export interface SimulatedRun {
  result: RunResult;
  /** `readBack`, `cleanup`, `raw`, or the IdP action's own purpose. */
  purposeOf: ReadonlyMap<number, string>;
  /** The request body as sent: taken when the exchange is published, before a step may trim what it keeps. */
  bodyOf: ReadonlyMap<number, string | undefined>;
}

/**
 * Runs a plan with the real engine and IdP profiles, through the executor, against a fresh
 * in-memory reference server (the in-process transport: no socket, nothing leaves the process),
 * which answers as a correct server would, so lookup-then-create and GET-then-PUT flows take
 * their usual path. `run --dry-run` prints what it sent; the standard packs' conflict report reads
 * the IdPs' requests from it (src/standards/planned-requests.ts).
 */
export async function simulateRun(
  plan: RunPlan,
  options: {
    toolVersion: string;
    env: Record<string, string | undefined>;
    /** Sees every exchange as it is published (the documented-operation coverage reads the planned requests). */
    onExchange?: ExchangeListener;
  },
): Promise<SimulatedRun> {
  const service = createReferenceService();
  const runId = newRunId();
  const executor = new Executor({ transport: createInProcessTransport(service), ledger: new RunLedger(runId) });
  const purposeOf = new Map<number, string>();
  const bodyOf = new Map<number, string | undefined>();
  executor.subscribe((event) => {
    purposeOf.set(event.exchange.id, event.planned.purpose);
    bodyOf.set(event.exchange.id, event.exchange.request.body);
  });
  if (options.onExchange) executor.subscribe(options.onExchange);
  try {
    const result = await runSuite(plan, {
      executor,
      target: { baseUrl: service.baseUrl, embedded: true },
      runId,
      toolVersion: options.toolVersion,
      env: options.env,
    });
    return { result, purposeOf, bodyOf };
  } finally {
    await executor.close();
  }
}
