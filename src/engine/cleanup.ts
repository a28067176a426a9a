import type { ScenarioResult } from './results.js';
import { resourcePath } from '../scim/resource-path.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendInStep } from './send-in-step.js';

type Leftover = ScenarioResult['leftovers'][number];

/** Why a cleanup DELETE did not remove the resource, in words a human can act on. */
function failureReason(exchange: { response?: { status: number; body: string }; error?: { message: string } }): string {
  if (exchange.response === undefined) return exchange.error?.message ?? 'no answer';
  const excerpt = exchange.response.body.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `DELETE answered ${exchange.response.status}${excerpt === '' ? '' : `: ${excerpt}`}`;
}

/**
 * Deletes everything the scenario created, newest first (groups before the users in them),
 * whatever the IdP profile would do: a conformance run must leave nothing behind. The executor's
 * ledger says what that is, and drops each resource whose DELETE answered 2xx or 404 (already
 * gone). What is still in the ledger afterwards is returned, each with the reason, so a human can
 * clean up.
 */
export async function cleanUp(context: ScenarioContext, recorder: StepRecorder): Promise<Leftover[]> {
  const { ledger } = context.executor;
  const reasons = new Map<string, string>();
  for (const resource of ledger.outstanding(context.scope).reverse()) {
    const sent = await sendInStep({ purpose: 'cleanup', method: 'DELETE', path: resourcePath(resource.kind, resource.id), targetId: resource.id }, context, recorder);
    if ('refused' in sent) reasons.set(resource.id, sent.refused);
    else if (ledger.owns(resource.id)) reasons.set(resource.id, failureReason(sent.exchange));
  }
  return ledger.outstanding(context.scope).map((resource) => ({ resourceType: resource.kind, id: resource.id, name: resource.name, reason: reasons.get(resource.id) ?? 'not deleted' }));
}
