import type { OwnedResource } from '../executor/ledger.js';
import { resourcePath } from '../scim/resource-path.js';
import type { ScenarioResult } from './results.js';
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
 * Whether a read says the resource is no longer there (404); the ledger then lets it go. Asked
 * before deleting what the scenario already tried to delete, and after a DELETE that failed: a
 * server may answer a DELETE of a deleted resource with 400 or 500 instead of 404 (RFC 7644 §3.6
 * only promises 404 for later reads), and that must not be reported as something left behind.
 */
async function goneFromServer(
  resource: OwnedResource,
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<boolean> {
  const sent = await sendInStep(
    { purpose: 'cleanup', method: 'GET', path: resourcePath(resource.kind, resource.id), targetId: resource.id },
    context,
    recorder,
  );
  if (!('exchange' in sent) || sent.exchange.response?.status !== 404) return false;
  context.executor.ledger.release(resource.id);
  return true;
}

/**
 * Deletes everything the scenario created, newest first (groups before the users in them),
 * whatever the IdP profile would do: a conformance run must leave nothing behind. The executor's
 * ledger says what that is, and drops each resource whose DELETE answered 2xx or 404 (already
 * gone). A resource the scenario already sent a DELETE for is read first, not deleted twice.
 * What is still in the ledger afterwards is returned, each with the reason, so a human can clean up.
 */
export async function cleanUp(context: ScenarioContext, recorder: StepRecorder): Promise<Leftover[]> {
  const { ledger } = context.executor;
  const reasons = new Map<string, string>();
  for (const resource of ledger.outstanding(context.scope).reverse()) {
    if (ledger.wasDeletionSent(resource.id) && (await goneFromServer(resource, context, recorder))) continue;
    const sent = await sendInStep(
      { purpose: 'cleanup', method: 'DELETE', path: resourcePath(resource.kind, resource.id), targetId: resource.id },
      context,
      recorder,
    );
    if ('refused' in sent) reasons.set(resource.id, sent.refused);
    else if (ledger.owns(resource.id) && !(await goneFromServer(resource, context, recorder)))
      reasons.set(resource.id, failureReason(sent.exchange));
  }
  return ledger.outstanding(context.scope).map((resource) => ({
    resourceType: resource.kind,
    id: resource.id,
    name: resource.name,
    reason: reasons.get(resource.id) ?? 'not deleted',
  }));
}
