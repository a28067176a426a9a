import { type LoadContext, runPhase, type TaskResult } from './load-context.js';
import type { LoadPhaseResult } from './load-result.js';
import { failureOf, runAction } from './run-action.js';

/**
 * The burst of incremental changes that follows an initial sync (HR edits, leavers, team moves),
 * through the profile's own actions, round robin:
 *   0. a profile update (Okta: GET then PUT of the user; others: their PATCH),
 *   1. a deactivation,
 *   2. a membership move: remove a user from one group, add it to the next.
 * Each move takes a distinct (group, member slot) of the initial memberships, so the removed
 * member is always there; once they are used up (timed runs), moves give way to updates.
 */
export async function incrementalChanges(context: LoadContext): Promise<LoadPhaseResult> {
  const { directory, plan, userIds, groupIds } = context;
  const actions = plan.profile.actions;
  const moveCapacity = directory.groupCount >= 2 ? directory.groupCount * directory.membersPerGroup : 0;
  const timed = plan.changesDurationMs !== undefined;
  const total = directory.userCount === 0 ? 0 : timed ? Infinity : plan.changes;
  const deadlineMs = timed ? performance.now() + plan.changesDurationMs! : undefined;

  async function update(change: number): Promise<TaskResult> {
    const index = change % directory.userCount;
    const id = userIds.get(index);
    if (!id) return undefined;
    const user = directory.user(index, id);
    return failureOf(
      await runAction(context, actions.updateUser(user, { familyName: `${user.familyName}-${change}` })),
    );
  }

  async function deactivate(change: number): Promise<TaskResult> {
    const index = directory.userCount - 1 - (change % directory.userCount);
    const id = userIds.get(index);
    if (!id) return undefined;
    return failureOf(await runAction(context, actions.deactivateUser(directory.user(index, id))));
  }

  async function move(moveIndex: number): Promise<TaskResult> {
    const from = moveIndex % directory.groupCount;
    const slot = Math.floor(moveIndex / directory.groupCount);
    const to = (from + 1) % directory.groupCount;
    const userIndex = directory.memberIndex(from, slot);
    const userId = userIds.get(userIndex);
    const fromId = groupIds.get(from);
    const toId = groupIds.get(to);
    if (!userId || !fromId || !toId) return undefined;
    const member = { key: `user${userIndex}`, id: userId, display: directory.user(userIndex).userName };
    const removed = await runAction(context, actions.removeMembers(directory.group(from, fromId), [member]));
    return (
      failureOf(removed) ?? failureOf(await runAction(context, actions.addMembers(directory.group(to, toId), [member])))
    );
  }

  return runPhase(
    context,
    'changes',
    total,
    (change) => {
      const kind = change % 3;
      const moveIndex = Math.floor(change / 3);
      if (kind === 0) return update(change);
      if (kind === 1) return deactivate(change);
      return moveIndex < moveCapacity ? move(moveIndex) : update(change);
    },
    deadlineMs !== undefined ? { deadlineMs } : {},
  );
}
