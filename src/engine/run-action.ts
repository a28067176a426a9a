import type { ActionOutcome, ActionProgram, MemberRef } from '../idp/profile.js';
import { membersAfter } from '../idp/request-helpers.js';
import { renderDeep } from '../scenario/index.js';
import type { Step } from '../scenario/model.js';
import type { NotDone } from './expected-model.js';
import { isolateRefusals } from './isolate-refusal.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { droppedByIdp, type StepEnd } from './step-outcome.js';
import { templateContextOf } from './template-context.js';
import { verifyGroup, verifyImport, verifyUser } from './verify-state.js';

type ActionStep = Exclude<Step, { action: 'request' } | { action: 'expectState' }>;

/** Members by key, resolved to ids; a member that does not exist on the server cannot be pushed. */
function members(keys: string[], context: ScenarioContext): { refs: MemberRef[]; missing: string[] } {
  const refs: MemberRef[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const ref = context.model.memberRef(key);
    if (ref) refs.push(ref);
    else missing.push(key);
  }
  return { refs, missing };
}

function notOnServer(kind: string, key: string): StepEnd {
  return { failed: `${kind} "${key}" is not on the server yet: assign or push it in an earlier step` };
}

/**
 * A resource the IdP never put on the server because it skipped the action that would have (Google
 * pushes no groups, JumpCloud no empty ones): later actions on it are skipped for the same reason,
 * not failed, since replaying a scenario under another IdP (`--idp`) must not blame the server.
 */
function neverPushed(kind: 'user' | 'group', key: string, notDone: NotDone | undefined): StepEnd | undefined {
  return notDone === undefined
    ? undefined
    : { skipped: `${kind} "${key}" was never put on the server: ${notDone.reason}` };
}

/** Remembers an action the profile skipped, so expectations and later steps on that resource say why. */
function recordSkip(step: ActionStep, reason: string, context: ScenarioContext): void {
  if ('user' in step) context.model.actionNotDone('user', step.user, step.action, reason);
  else if ('group' in step) context.model.actionNotDone('group', step.group, step.action, reason);
}

/**
 * The id a create reported, if the run may treat it as its own: the ledger adopted it only when
 * the answer identified what was sent (CREATE-IDENTITY). Anything else (an upsert returning a
 * stranger, a lookup that found an existing account) is never written to, so the action stops.
 */
function ownId(
  id: string | undefined,
  kind: 'User' | 'Group',
  key: string,
  context: ScenarioContext,
): { id?: string; end?: StepEnd } {
  if (id === undefined) return {};
  const notOwned = context.executor.ledger.notOwnedReason(kind, id);
  if (notOwned === undefined) return { id };
  return {
    end: {
      failed: `${notOwned}: it is not the ${kind.toLowerCase()} "${key}" this run sent, so scim-check will not change or delete it; see CREATE-IDENTITY`,
    },
  };
}

/**
 * Runs one IdP action: asks the profile for its request program, drives it, updates the
 * expected model with what the admin meant, then reads the affected resources back.
 */
export async function runAction(
  rawStep: ActionStep,
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<StepEnd> {
  const { model, profile } = context;
  // `set:` values and a new group name may hold templates (`{{users.bob.id}}` for a manager, `{{run}}`).
  const step =
    rawStep.action === 'updateUser' || rawStep.action === 'renameGroup'
      ? renderDeep(rawStep, templateContextOf(context))
      : rawStep;
  const actions = profile.actions;
  let program: ActionProgram;
  // biome-ignore lint/suspicious/noConfusingVoidType: most continuations return nothing; one ends the step.
  let afterwards: (outcome: ActionOutcome) => Promise<StepEnd | void>;

  switch (step.action) {
    case 'testConnection':
      program = actions.testConnection();
      afterwards = async () => {};
      break;
    case 'assignUser': {
      const user = model.user(step.user);
      program = actions.assignUser(user.view);
      afterwards = async (outcome) => {
        const own = ownId(outcome.userId, 'User', step.user, context);
        if (own.end) return own.end;
        if (own.id) user.view.id = own.id;
        model.userAssigned(step.user, profile.userMapping, outcome.createdInactive === true);
        await verifyUser(step.user, outcome.verifies ?? 'CREATE-201', context, recorder);
      };
      break;
    }
    case 'updateUser':
    case 'deactivateUser':
    case 'reactivateUser':
    case 'unassignUser':
    case 'deleteUser': {
      const user = model.user(step.user);
      if (user.state === 'deleted' && (step.action === 'unassignUser' || step.action === 'deleteUser')) {
        // An IdP that deleted the user on unassignment has nothing left to remove in the app.
        return {
          skipped: `user "${step.user}" is already deleted in the app: ${profile.title} deleted it when it was ${user.removal?.action === 'deleteUser' ? 'deleted' : 'unassigned'}`,
        };
      }
      if (user.state === 'absent')
        return neverPushed('user', step.user, user.notDone) ?? notOnServer('user', step.user);
      if (user.state !== 'present' || !user.view.id) return notOnServer('user', step.user);
      const view = user.view;
      program =
        step.action === 'updateUser'
          ? actions.updateUser(view, step.set)
          : step.action === 'deactivateUser'
            ? actions.deactivateUser(view)
            : step.action === 'reactivateUser'
              ? actions.reactivateUser(view)
              : step.action === 'unassignUser'
                ? actions.unassignUser(view)
                : actions.deleteUser(view);
      afterwards = async (outcome) => {
        if (step.action === 'updateUser') {
          model.applyUserChanges(step.user, step.set);
          model.markUnsentUpdate(step.user, step.set, profile.userMapping);
        }
        if (step.action === 'deactivateUser') view.active = false;
        if (step.action === 'reactivateUser') view.active = true;
        if (step.action === 'unassignUser' || step.action === 'deleteUser') {
          model.userRemoved(
            step.user,
            step.action,
            outcome.userEffect ?? (step.action === 'deleteUser' ? 'deleted' : 'deactivated'),
          );
        }
        await verifyUser(step.user, outcome.verifies ?? 'READ-STATE', context, recorder);
      };
      break;
    }
    case 'pushGroup': {
      const group = model.group(step.group);
      const wanted = members(step.members, context);
      if (wanted.missing.length > 0) return notOnServer('user', wanted.missing[0]!);
      program = actions.pushGroup(group.view, wanted.refs);
      afterwards = async (outcome) => {
        const own = ownId(outcome.groupId, 'Group', step.group, context);
        if (own.end) return own.end;
        if (own.id) group.view.id = own.id;
        // An IdP that sends no members leaves the new group empty on the server.
        group.view.members = outcome.groupNotSent?.members !== undefined ? [] : wanted.refs;
        if (outcome.groupNotSent) group.unsent = { ...group.unsent, ...outcome.groupNotSent };
        group.state = 'present';
        await verifyGroup(step.group, outcome.verifies ?? 'GROUP-CREATE', context, recorder);
      };
      break;
    }
    case 'addMembers':
    case 'removeMembers':
    case 'renameGroup':
    case 'unlinkGroup':
    case 'deleteGroup': {
      const group = model.group(step.group);
      if (group.state === 'absent')
        return neverPushed('group', step.group, group.notDone) ?? notOnServer('group', step.group);
      if (group.state !== 'present' || !group.view.id) return notOnServer('group', step.group);
      const view = group.view;
      let nextMembers = view.members;
      if (step.action === 'addMembers' || step.action === 'removeMembers') {
        const changed = members(step.users, context);
        if (changed.missing.length > 0) return notOnServer('user', changed.missing[0]!);
        if (step.action === 'addMembers') {
          const fresh = changed.refs.filter((ref) => !view.members.some((member) => member.id === ref.id));
          nextMembers = membersAfter(view.members, fresh, []);
          program = actions.addMembers(view, fresh);
        } else {
          nextMembers = membersAfter(view.members, [], changed.refs);
          program = actions.removeMembers(view, changed.refs);
        }
      } else if (step.action === 'renameGroup') {
        program = actions.renameGroup(view, step.to);
      } else if (step.action === 'unlinkGroup') {
        program = actions.unlinkGroup(view, step.deleteInTarget);
      } else {
        program = actions.deleteGroup(view);
      }
      afterwards = async (outcome) => {
        // What the IdP did not send stays as the server had it (src/idp/profile.ts, groupNotSent).
        const notSent = outcome.groupNotSent;
        if (notSent) group.unsent = { ...group.unsent, ...notSent };
        if (notSent?.members === undefined) view.members = nextMembers;
        if (step.action === 'renameGroup' && notSent?.displayName === undefined) view.displayName = step.to;
        if (step.action === 'unlinkGroup' || step.action === 'deleteGroup')
          group.state = outcome.groupDeleted ? 'deleted' : 'unlinked';
        await verifyGroup(step.group, outcome.verifies ?? 'READ-STATE', context, recorder);
      };
      break;
    }
    case 'importUsers':
    case 'importGroups': {
      program =
        step.action === 'importUsers' ? actions.importUsers(step.pageSize) : actions.importGroups(step.pageSize);
      const kind = step.action === 'importUsers' ? 'User' : 'Group';
      afterwards = async (outcome) => {
        if (outcome.imported) verifyImport(kind, outcome.imported, context, recorder, outcome.verifies ?? 'PAGE-WALK');
      };
      break;
    }
  }

  const result = await context.executor.drive(program, { profile, scope: context.scope, step: recorder });
  // A refused write carrying IdP habits: prove which habit the server refuses (issue 12, proven causes).
  await isolateRefusals(rawStep.index, context, recorder);
  // Safety before anything else: the profile wanted to write to something this run did not create.
  if ('refused' in result) return { errored: { code: 'UNSAFE_WRITE', message: result.refused } };
  const { outcome } = result;
  // The IdP dropped a rate-limited request it never retries: the model keeps what the server holds.
  const dropped = droppedByIdp(recorder.exchanges, profile.name);
  if (dropped !== undefined) return { skipped: dropped };
  if (outcome.skipped) {
    recordSkip(step, outcome.skipped, context);
    return { skipped: outcome.skipped };
  }
  if (outcome.failed) return { failed: outcome.failed };
  const stopped = await afterwards(outcome);
  if (stopped) return stopped;
  if (outcome.verifyHint) {
    for (const check of recorder.checks)
      if (check.id === outcome.verifies && check.status === 'failed')
        check.message = `${check.message}. ${outcome.verifyHint}`;
  }
  return { ok: true };
}
