import type { ActionOutcome, ActionProgram } from '../idp/profile.js';
import type { ResourceKind } from '../scim/resource-path.js';
import type { LoadContext, TaskResult } from './load-context.js';

/**
 * Runs one profile action to its end through the executor, as the profile's IdP would send it
 * (lookup-then-create, GET-then-PUT). A request the executor refuses (a write to anything this run
 * did not create) ends the action as failed, with the refusal as its reason: it is reported and
 * counted, never sent.
 */
export async function runAction(context: LoadContext, program: ActionProgram): Promise<ActionOutcome> {
  const result = await context.executor.drive(program, context.send);
  return 'refused' in result ? { failed: result.refused } : result.outcome;
}

/** How an action ended for its phase: its failure, the profile's reason to skip it, or undefined when done. */
export function failureOf(outcome: ActionOutcome): TaskResult {
  return outcome.failed ?? (outcome.skipped !== undefined ? { skipped: outcome.skipped } : undefined);
}

/**
 * Why an id an action came back with is not the run's (the ledger's rule): a push-by-name lookup
 * (OneLogin, JumpCloud) or an adopt-on-409 (authentik) can hand back a resource that already
 * existed. Load never takes such an id as its own; the action is reported as failed.
 */
export function notCreatedByRun(context: LoadContext, kind: ResourceKind, id: string): string | undefined {
  const notOwned = context.executor.ledger.notOwnedReason(kind, id);
  return notOwned === undefined ? undefined : `${notOwned} (a lookup or a 409 found an existing one); left alone`;
}
