import { toCheckResult } from '../checks/run-exchange-checks.js';
import { resourceKindOf } from '../checks/request-purpose.js';
import { runExchangeChecks } from '../checks/run-exchange-checks.js';
import type { Executor, ExchangeEvent } from '../executor/executor.js';
import type { Feature, IdpName } from '../scenario/model.js';
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
  const issuedIds = executor.ledger.issuedIds;
  return executor.subscribe((event: ExchangeEvent) => {
    const { step, planned, exchange } = event;
    if (step === undefined || planned.purpose === 'cleanup') return;
    const idp = event.idp as IdpName;
    const resourceKind = resourceKindOf(planned.purpose) ?? (event.target.type === 'resource' ? event.target.kind : undefined);
    const verdicts = runExchangeChecks(exchange, {
      idp,
      purpose: planned.purpose,
      issuedIds,
      advertised,
      ...(planned.targetId !== undefined ? { targetId: planned.targetId } : {}),
      ...(resourceKind !== undefined ? { resourceKind } : {}),
    });
    // A create's answer (or the read confirming a Bulk result) is judged on whether it is the
    // resource that was asked for; a refused create (4xx) identifies nothing and is not judged here.
    if (event.creation !== undefined && (event.creation.adopted || event.creation.findings.length > 0)) {
      verdicts.push(toCheckResult('CREATE-IDENTITY', { idp }, event.creation.findings, exchange.id));
    }
    step.checks.push(...verdicts);
  });
}

/** Every exchange of a step is recorded in that step, in order. */
export function attachStepRecording(executor: Executor): () => void {
  return executor.subscribe((event) => {
    event.step?.exchanges.push(event.exchange);
  });
}
