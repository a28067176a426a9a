import { driveAction } from './drive-action.js';
import { runPhase, type LoadContext } from './load-context.js';
import type { LoadPhaseResult } from './load-result.js';

/** What went wrong in an action, from its outcome or the transport. */
function failureOf(outcome: { failed?: string; skipped?: string }): string | undefined {
  return outcome.failed ?? (outcome.skipped !== undefined ? `skipped: ${outcome.skipped}` : undefined);
}

/** Test connection, as the IdP does when the admin saves the integration. */
export async function connect(context: LoadContext): Promise<LoadPhaseResult> {
  return runPhase(context, 'connect', 1, async () => failureOf(await driveAction(context.plan.profile.actions.testConnection(), context.client, [])));
}

/**
 * Every user assigned at once: the profile's assignUser (Okta: `userName eq` lookup, then POST),
 * with the IdP's concurrency. The issued id is the only thing kept.
 */
export async function provisionUsers(context: LoadContext): Promise<LoadPhaseResult> {
  const { directory, plan } = context;
  return runPhase(context, 'users', directory.userCount, async (index) => {
    const outcome = await driveAction(plan.profile.actions.assignUser(directory.user(index)), context.client, []);
    if (outcome.userId !== undefined) context.userIds.set(index, outcome.userId);
    return failureOf(outcome) ?? (outcome.userId === undefined ? `assignUser for user ${index} returned no id` : undefined);
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
    const outcome = await driveAction(plan.profile.actions.pushGroup(directory.group(index), members), context.client, []);
    if (outcome.groupId !== undefined) context.groupIds.set(index, outcome.groupId);
    return failureOf(outcome) ?? (outcome.groupId === undefined ? `pushGroup for group ${index} returned no id` : undefined);
  });
}

export { failureOf };
