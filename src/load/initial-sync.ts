import { type LoadContext, runPhase } from './load-context.js';
import type { LoadPhaseResult } from './load-result.js';
import { failureOf, notCreatedByRun, runAction } from './run-action.js';

/** Test connection, as the IdP does when the admin saves the integration. */
export async function connect(context: LoadContext): Promise<LoadPhaseResult> {
  return runPhase(context, 'connect', 1, async () =>
    failureOf(await runAction(context, context.plan.profile.actions.testConnection())),
  );
}

/**
 * Every user assigned at once: the profile's assignUser (Okta: `userName eq` lookup, then POST),
 * with the IdP's concurrency. The issued id is kept only when the run created that user.
 */
export async function provisionUsers(context: LoadContext): Promise<LoadPhaseResult> {
  const { directory, plan } = context;
  return runPhase(context, 'users', directory.userCount, async (index) => {
    const outcome = await runAction(context, plan.profile.actions.assignUser(directory.user(index)));
    if (outcome.userId !== undefined && context.executor.ledger.owns(outcome.userId))
      context.userIds.set(index, outcome.userId);
    const failure = failureOf(outcome);
    if (failure !== undefined) return failure;
    if (outcome.userId === undefined) return `assignUser for user ${index} returned no id`;
    const foreign = notCreatedByRun(context, 'User', outcome.userId);
    return foreign === undefined ? undefined : `assignUser for user ${index}: ${foreign}`;
  });
}

/**
 * Group push with the initial memberships, in the profile's own batch style (Okta: POST with
 * `members: []`, then a rename PATCH and a PATCH adding every member).
 */
export async function pushGroups(context: LoadContext): Promise<LoadPhaseResult> {
  const { directory, plan } = context;
  return runPhase(context, 'groups', directory.groupCount, async (index) => {
    const members = directory.members(index, context.userIds);
    const outcome = await runAction(context, plan.profile.actions.pushGroup(directory.group(index), members));
    // A group the run created stays its own even when a later request of the push failed.
    if (outcome.groupId !== undefined && context.executor.ledger.owns(outcome.groupId))
      context.groupIds.set(index, outcome.groupId);
    const failure = failureOf(outcome);
    if (failure !== undefined) return failure;
    if (outcome.groupId === undefined) return `pushGroup for group ${index} returned no id`;
    const foreign = notCreatedByRun(context, 'Group', outcome.groupId);
    return foreign === undefined ? undefined : `pushGroup for group ${index}: ${foreign}`;
  });
}
