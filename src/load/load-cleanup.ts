import type { Exchange } from '../http/exchange.js';
import { resourcePath } from '../scim/resource-path.js';
import { LOAD_SCOPE, type LoadContext, runPhase } from './load-context.js';
import { type LeftBehind, type LoadPhaseResult, MAX_LISTED_LEFTOVERS } from './load-result.js';

/** Why a DELETE did not remove the resource, in words a human can act on. */
function failureReason(exchange: Exchange): string {
  if (exchange.response === undefined) return `DELETE got no answer: ${exchange.error?.message ?? 'unknown error'}`;
  return `DELETE answered ${exchange.response.status}${exchange.error !== undefined ? ` (${exchange.error.message})` : ''}`;
}

/**
 * Deletes exactly what the ledger says this load run created and still holds (scope `load`),
 * groups first (so no group is left pointing at deleted users), then users, with the run's
 * concurrency and progress. It runs whatever the profile would do (Okta never deletes users): a
 * load run must leave nothing behind. It ignores Ctrl-C, which is what asked for it. The
 * executor drops each resource whose DELETE answered 2xx or 404 (already gone); what is still in
 * the ledger afterwards is counted, and the first of them listed with the reason.
 */
export async function cleanUp(
  context: LoadContext,
): Promise<{ phase: LoadPhaseResult; deleted: number; leftovers: number; leftBehind: LeftBehind[] }> {
  const { ledger } = context.executor;
  const outstanding = ledger.outstanding(LOAD_SCOPE);
  const targets = [
    ...outstanding.filter((resource) => resource.kind === 'Group'),
    ...outstanding.filter((resource) => resource.kind === 'User'),
  ];
  const reasons = new Map<string, string>();
  let deleted = 0;
  const phase = await runPhase(
    context,
    'cleanup',
    targets.length,
    async (index) => {
      const { kind, id } = targets[index]!;
      const sent = await context.executor.send(
        { purpose: 'cleanup', method: 'DELETE', path: resourcePath(kind, id), targetId: id },
        context.send,
      );
      let reason: string | undefined;
      if ('refused' in sent) reason = sent.refused;
      else if (ledger.owns(id)) reason = failureReason(sent.exchange);
      if (reason === undefined) {
        deleted += 1;
        return undefined;
      }
      reasons.set(id, reason);
      return `${kind} ${id}: ${reason}`;
    },
    { ignoreStop: true },
  );
  const remaining = ledger.outstanding(LOAD_SCOPE);
  const leftBehind = remaining.slice(0, MAX_LISTED_LEFTOVERS).map((resource) => ({
    resourceType: resource.kind,
    id: resource.id,
    name: resource.name,
    reason: reasons.get(resource.id) ?? 'not deleted',
  }));
  return { phase, deleted, leftovers: remaining.length, leftBehind };
}
