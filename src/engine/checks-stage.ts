import { transactionIdOf } from '../checks/exchange/async-requests.js';
import { advertisedMaxPageSize } from '../checks/exchange/cursor-paging.js';
import { noRetryVerdict } from '../checks/no-retry-429.js';
import { resourceKindOf } from '../checks/request-purpose.js';
import { runExchangeChecks, toCheckResult } from '../checks/run-exchange-checks.js';
import type { ExchangeEvent, Executor, StepRecorder } from '../executor/executor.js';
import type { Exchange } from '../http/exchange.js';
import type { Feature, IdpName } from '../scenario/model.js';
import { BodyRetention } from './body-retention.js';
import type { TargetFeatures } from './preflight.js';

const FEATURES: readonly Feature[] = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'];

/** The SPC `supported` flags the server stated, for SPC-gated passive checks. */
function advertisedFlags(features: TargetFeatures): Partial<Record<Feature, boolean>> {
  const flags: Partial<Record<Feature, boolean>> = {};
  for (const feature of FEATURES) {
    const supported = features.supports(feature);
    if (supported !== undefined) flags[feature] = supported;
  }
  return flags;
}

/**
 * The checks stage: subscribes to the executor's exchanges and adds the verdicts to the step each
 * exchange belongs to: every applicable passive check, and CREATE-IDENTITY for a create. Exchanges
 * outside a step (preflight) and cleanup housekeeping are not held to the IdP's rules.
 */
export function attachChecksStage(executor: Executor, features: TargetFeatures): () => void {
  const advertised = advertisedFlags(features);
  const maxPageSize = advertisedMaxPageSize(features.config);
  const issuedIds = executor.ledger.issuedIds;
  const noRetryNoted = new Set<string>();
  const transactions = new Set<string>();
  return executor.subscribe((event: ExchangeEvent) => {
    const { step, planned, exchange } = event;
    if (step === undefined || planned.purpose === 'cleanup') return;
    const idp = event.idp as IdpName;
    const resourceKind =
      resourceKindOf(planned.purpose) ?? (event.target.type === 'resource' ? event.target.kind : undefined);
    const verdicts = runExchangeChecks(exchange, {
      idp,
      purpose: planned.purpose,
      issuedIds,
      earlierTransactions: transactions,
      advertised,
      ...(maxPageSize !== undefined ? { maxPageSize } : {}),
      ...(planned.targetId !== undefined ? { targetId: planned.targetId } : {}),
      ...(resourceKind !== undefined ? { resourceKind } : {}),
    });
    // A create's answer (or the read confirming a Bulk result) is judged on whether it is the
    // resource that was asked for; a refused create (4xx) identifies nothing and is not judged here.
    if (event.creation !== undefined && (event.creation.adopted || event.creation.findings.length > 0)) {
      verdicts.push(toCheckResult('CREATE-IDENTITY', { idp }, event.creation.findings, exchange.id));
    }
    // One note per profile in the run: every later standing 429 has the same cause, and its step
    // is skipped with the policy as its reason anyway (step-outcome.ts droppedByIdp). (The stage
    // cannot tell scenarios apart: an exchange event names its step, not its scenario.)
    const dropped = noRetryNoted.has(idp) ? undefined : noRetryVerdict(exchange, idp);
    if (dropped !== undefined) {
      noRetryNoted.add(idp);
      verdicts.push(dropped);
    }
    step.checks.push(...verdicts);
    // Added after the checks saw the exchange: ASYNC-TXN-UNIQUE asks whether the id was given *before*.
    const txn = transactionIdOf(exchange);
    if (txn !== undefined) transactions.add(txn);
  });
}

/**
 * Every exchange of a step is recorded in that step, in order. Once a step has ended (the first
 * exchange of another step arrives, or the run detaches), its exchanges and the exchanges sent
 * outside any step (the `when: schema` lookup) go through the run's retention budget
 * (body-retention.ts): what the run keeps until its reports are written is bounded, not every
 * byte every server answer had. The run is sequential, so a new step means the last one ended.
 */
export function attachStepRecording(executor: Executor, retention: BodyRetention = new BodyRetention()): () => void {
  let open: StepRecorder | undefined;
  let outsideSteps: Exchange[] = [];
  const close = (): void => {
    if (open !== undefined) retention.retainStep(open.exchanges, open.checks);
    for (const exchange of outsideSteps) retention.retain(exchange, exchange.error !== undefined);
    outsideSteps = [];
  };
  const unsubscribe = executor.subscribe((event) => {
    if (event.step === undefined) {
      outsideSteps.push(event.exchange);
      return;
    }
    if (event.step !== open) {
      close();
      open = event.step;
    }
    event.step.exchanges.push(event.exchange);
  });
  return () => {
    unsubscribe();
    close();
    open = undefined;
  };
}
