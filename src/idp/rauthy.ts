import type { Exchange } from '../http/exchange.js';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import type {
  ActionOutcome,
  ActionProgram,
  GroupView,
  IdpProfile,
  MemberRef,
  PlannedRequest,
  UserView,
} from './profile.js';
import { RAUTHY_DOCUMENTED_OPERATIONS, RAUTHY_QUIRKS } from './rauthy-evidence.js';
import {
  bodyObject,
  createdId,
  createdUserOutcome,
  groupPatchRequest,
  isSuccess,
  listedResources,
  pseudoId,
  send,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import type { UserMapping } from './user-mapping.js';

// Rauthy's outbound SCIM client (SOURCES.rauthy): src/data/src/entity/clients_scim.rs builds every
// request, scim_types.rs the bodies. Function names below are the ones in clients_scim.rs.

/** Writes carry Accept and Content-Type application/scim+json (APPLICATION_JSON_SCIM). */
const RAUTHY_HEADERS = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };

/** `get_user_with`, `get_group_with` and the DELETEs send only Authorization: no Accept. */
const AUTHORIZATION_ONLY = { accept: '', 'content-type': '' };

/**
 * `ScimUser::from_user_values`: userName and displayName are both the email, the email goes
 * without a `type` (scim_types.rs: ScimValue has value, display and primary only), externalId is
 * Rauthy's own user id, and further attributes travel in a non-SCIM `custom` object. So the
 * admin's displayName, externalId and extra attributes never arrive.
 */
export const RAUTHY_USER_MAPPING: UserMapping = {
  emailType: null,
  displayName: 'none',
  externalId: false,
  otherAttributes: 'none',
};

/** Rauthy's id of a user or group, which it sends as externalId (a stand-in derived from the key). */
export const rauthyUserId = (user: UserView): string => pseudoId(`rauthy-user:${user.key}`);
export const rauthyGroupId = (group: GroupView): string => pseudoId(`rauthy-group:${group.key}`);

/** The body of POST and PUT /Users, keys in serde order; `id` only on PUT ("required i.e. by vCenter"). */
export function rauthyUserBody(user: UserView, id?: string): ScimResource {
  return {
    schemas: [URN.user],
    ...(id !== undefined ? { id } : {}),
    externalId: rauthyUserId(user),
    userName: user.userName,
    // family_name is sent as "" when unset, "to avoid errors with some service providers like AWS".
    name: { familyName: user.familyName ?? '', givenName: user.givenName ?? '' },
    displayName: user.userName,
    active: user.active,
    emails: [{ value: user.email ?? user.userName, primary: true }],
    roles: [],
  };
}

/** `get_user`: by externalId first, then by userName (the email) when that finds nothing. */
function* findUser(user: UserView): Generator<PlannedRequest, ScimResource | undefined, Exchange> {
  for (const filter of [`externalId eq "${rauthyUserId(user)}"`, `userName eq "${user.userName}"`]) {
    const found = listedResources(yield* send(lookup('lookupUser', '/Users', filter)))[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A filtered GET as `get_*_with` sends it: the filter quoted without escaping, no Accept header. */
function lookup(purpose: 'lookupUser' | 'lookupGroup', path: '/Users' | '/Groups', filter: string): PlannedRequest {
  return { purpose, method: 'GET', path, query: { filter }, headers: AUTHORIZATION_ONLY };
}

/** `get_group`: by externalId, then (unless ext_id_only) by displayName. */
function* findGroup(
  group: GroupView,
  externalIdOnly: boolean,
): Generator<PlannedRequest, ScimResource | undefined, Exchange> {
  const byId = listedResources(
    yield* send(lookup('lookupGroup', '/Groups', `externalId eq "${rauthyGroupId(group)}"`)),
  )[0];
  if (byId !== undefined || externalIdOnly) return byId;
  return listedResources(yield* send(lookup('lookupGroup', '/Groups', `displayName eq "${group.displayName}"`)))[0];
}

/**
 * `create_update_user_exec`: find the user, then PUT it (with the remote id) or POST it. Returns
 * the user the server answered with, whose `groups` drive the membership PATCHes.
 */
function* upsertUser(
  user: UserView,
): Generator<PlannedRequest, { outcome: ActionOutcome; remote?: ScimResource }, Exchange> {
  const found = yield* findUser(user);
  if (found === undefined) {
    const create = yield* send({ purpose: 'createUser', method: 'POST', path: '/Users', body: rauthyUserBody(user) });
    const created = createdId(create, `user ${user.userName}`);
    if ('failure' in created) return { outcome: created.failure };
    return { outcome: createdUserOutcome(created.id, rauthyUserBody(user)), remote: bodyObject(create) };
  }
  const id = String(found.id ?? '');
  const put = yield* send({
    purpose: 'replaceUser',
    targetId: id,
    method: 'PUT',
    path: resourcePath('User', id),
    body: rauthyUserBody(user, id),
  });
  if (!isSuccess(put))
    return { outcome: { userId: id, failed: `PUT /Users/${id} answered ${put.response?.status ?? put.error?.code}` } };
  return { outcome: { userId: id, verifies: 'PUT-SUPPORTED' }, remote: bodyObject(put) };
}

/** The user's `groups` entries as the server listed them in its answer to the PUT or POST. */
function remoteGroupsOf(remote: ScimResource | undefined): { value: string; display?: string }[] {
  const groups = remote?.groups;
  return Array.isArray(groups) ? (groups as { value: string; display?: string }[]) : [];
}

/**
 * A user's membership as `update_groups_assignment` syncs it, for one group. In Rauthy a
 * membership change is a user update: the user is found and PUT, and then a group the server
 * does not list in the user's `groups` (matched by display name) is looked up and gets `add`,
 * while a group listed there that the user left gets `remove`, PATCHed at the entry's `value`.
 * The PUT re-sends the user as the server holds it (Rauthy's copy is in sync; inferred).
 */
function* syncMembership(group: GroupView, member: MemberRef, joined: boolean): ActionProgram {
  const ref = memberAsUser(member);
  const found = yield* findUser(ref);
  if (typeof found?.id !== 'string') return { failed: `Rauthy found no user for ${member.display} to re-sync` };
  const name = (found.name ?? {}) as { givenName?: string; familyName?: string };
  const user: UserView = {
    ...ref,
    id: found.id,
    userName: typeof found.userName === 'string' ? found.userName : ref.userName,
    ...(name.givenName !== undefined ? { givenName: name.givenName } : {}),
    ...(name.familyName !== undefined ? { familyName: name.familyName } : {}),
    active: found.active !== false,
  };
  const put = yield* send({
    purpose: 'replaceUser',
    targetId: found.id,
    method: 'PUT',
    path: resourcePath('User', found.id),
    body: rauthyUserBody(user, found.id),
  });
  if (!isSuccess(put)) return { failed: `PUT /Users/${found.id} answered ${put.response?.status ?? put.error?.code}` };
  const remote = bodyObject(put);
  const remoteId = typeof remote?.id === 'string' ? remote.id : found.id;
  const listed = remoteGroupsOf(remote).find((entry) => entry.display === group.displayName);
  if (joined) {
    if (listed !== undefined) return {};
    const target = yield* findGroup(group, false);
    const groupId = typeof target?.id === 'string' ? target.id : group.id!;
    yield* send(
      groupPatchRequest(groupId, [
        { op: 'add', path: 'members', value: [{ value: remoteId, display: user.userName }] },
      ]),
    );
    return {};
  }
  if (listed === undefined)
    return {
      failed: `the server did not list group "${group.displayName}" in the user's groups after the PUT, so Rauthy sends no remove`,
    };
  yield* send(groupPatchRequest(listed.value, [{ op: 'remove', path: 'members', value: [{ value: remoteId }] }]));
  return {};
}

function* syncMembers(group: GroupView, members: MemberRef[], joined: boolean): ActionProgram {
  for (const member of members) {
    const result = yield* syncMembership(group, member, joined);
    if (result.failed !== undefined)
      return { ...result, verifies: joined ? 'PATCH-MEMBERS-ADD' : 'PATCH-MEMBERS-REMOVE' };
  }
  return { verifies: joined ? 'PATCH-MEMBERS-ADD' : 'INTEROP-REMOVE-MEMBER-BY-VALUE' };
}

/** `update_group`: a path-less replace of displayName and externalId (null to unlink). */
function* replaceGroup(groupId: string, displayName: string, externalId: string | null): ActionProgram {
  yield* send(groupPatchRequest(groupId, [{ op: 'replace', value: { displayName, externalId } }]));
  return { groupId, verifies: externalId === null ? 'READ-STATE' : 'GROUP-RENAME' };
}

/** `delete_group_exec` with no remote group at hand: look it up by externalId only, then DELETE. */
function* deleteGroupFlow(group: GroupView): ActionProgram {
  const found = yield* findGroup(group, true);
  const id = typeof found?.id === 'string' ? found.id : undefined;
  if (id === undefined) return { groupDeleted: false, failed: 'Rauthy found no group with its externalId to delete' };
  yield* send({
    purpose: 'deleteGroup',
    targetId: id,
    method: 'DELETE',
    path: resourcePath('Group', id),
    headers: AUTHORIZATION_ONLY,
  });
  return { groupDeleted: true, verifies: 'GROUP-DELETE' };
}

/** `delete_user_exec`: find the user (externalId, then userName), then DELETE it. */
function* deleteUserFlow(user: UserView): ActionProgram {
  const found = yield* findUser(user);
  const id = typeof found?.id === 'string' ? found.id : undefined;
  if (id === undefined) return { failed: 'Rauthy found no user by externalId or userName to delete' };
  yield* send({
    purpose: 'deleteUser',
    targetId: id,
    method: 'DELETE',
    path: resourcePath('User', id),
    headers: AUTHORIZATION_ONLY,
  });
  return { userEffect: 'deleted', verifies: 'DEL-GONE-404' };
}

/** `sync_groups_exec`: GET /Groups?startIndex=N&count=100 until a page comes back short. */
function* listAllGroups(): ActionProgram {
  const imported: ScimResource[] = [];
  const count = 100;
  for (let startIndex = 1; startIndex < 100_000; startIndex += count) {
    const page = yield* send({
      purpose: 'listGroups',
      method: 'GET',
      path: '/Groups',
      query: { startIndex: String(startIndex), count: String(count) },
    });
    if (!isSuccess(page))
      return {
        imported,
        failed: `GET /Groups answered ${page.response?.status ?? page.error?.code}`,
        verifies: 'PAGE-WALK',
      };
    const resources = listedResources(page);
    imported.push(...resources);
    if (resources.length < count) break;
  }
  return { imported, verifies: 'PAGE-WALK' };
}

/** A member as the lookup needs it: its key (for Rauthy's id) and userName. */
const memberAsUser = (member: MemberRef): UserView => ({
  key: member.key,
  id: member.id,
  userName: member.display,
  active: true,
  attributes: {},
});

export const rauthyProfile: IdpProfile = {
  name: 'rauthy',
  title: 'Rauthy (outbound SCIM client)',
  summary:
    "Finds users by externalId eq, then userName eq, before a POST or a full PUT /Users/{id} (the id in the body); finds groups by externalId eq, then displayName eq; renames with a path-less PATCH replace of displayName and externalId; changes membership after each user PUT, one PATCH add (with display) or remove (with a value array) per user, driven by the user's `groups` in the PUT answer; lists groups with startIndex and count=100.",
  verified: true,
  sources: [SOURCES.rauthy],
  quirks: RAUTHY_QUIRKS,
  documentedOperations: RAUTHY_DOCUMENTED_OPERATIONS,
  headers: RAUTHY_HEADERS,
  userMapping: RAUTHY_USER_MAPPING,
  actions: {
    *testConnection() {
      return {
        skipped: 'Rauthy has no connection test; configuring SCIM starts a full sync (importGroups, then each user)',
      };
    },
    *assignUser(user) {
      return (yield* upsertUser(user)).outcome;
    },
    *updateUser(user, changes) {
      return (yield* upsertUser(withChanges(user, changes))).outcome;
    },
    *deactivateUser(user) {
      // Disabling a user in Rauthy re-syncs it: the PUT carries active:false (user.enabled).
      return (yield* upsertUser({ ...user, active: false })).outcome;
    },
    *reactivateUser(user) {
      return (yield* upsertUser({ ...user, active: true })).outcome;
    },
    unassignUser: deleteUserFlow,
    deleteUser: deleteUserFlow,
    *pushGroup(group, members) {
      // `create_update_group`: find by externalId, then displayName; POST when absent, else replace.
      const found = yield* findGroup(group, false);
      let id: string;
      if (typeof found?.id === 'string') {
        id = found.id;
        yield* replaceGroup(id, group.displayName, rauthyGroupId(group));
      } else {
        const create = yield* send({
          purpose: 'createGroup',
          method: 'POST',
          path: '/Groups',
          body: { schemas: [URN.group], externalId: rauthyGroupId(group), displayName: group.displayName },
        });
        const created = createdId(create, `group ${group.displayName}`);
        if ('failure' in created) return created.failure;
        id = created.id;
      }
      // Each member's user sync adds the group; a member pushed before and now gone has its
      // user synced too, which removes the group the server lists for it.
      const pushed = group.id === undefined ? [] : group.members;
      const joined = members.filter((member) => !pushed.some((have) => have.id === member.id));
      const left = pushed.filter((have) => !members.some((member) => member.id === have.id));
      const added = yield* syncMembers({ ...group, id }, joined, true);
      if (added.failed !== undefined) return { ...added, groupId: id };
      const removed = yield* syncMembers({ ...group, id }, left, false);
      if (removed.failed !== undefined) return { ...removed, groupId: id };
      return { groupId: id, verifies: members.length > 0 ? 'PATCH-MEMBERS-ADD' : 'GROUP-CREATE' };
    },
    addMembers: (group, added) => syncMembers(group, added, true),
    *removeMembers(group, removed) {
      const result = yield* syncMembers(group, removed, false);
      return {
        ...result,
        verifyHint:
          'Rauthy removes a member with {"op":"remove","path":"members","value":[{"value":id}]} (clients_scim.rs update_groups_assignment) and expects only that member to go',
      };
    },
    *renameGroup(group, newName) {
      const found = yield* findGroup(group, false);
      const id = typeof found?.id === 'string' ? found.id : group.id!;
      return yield* replaceGroup(id, newName, rauthyGroupId(group));
    },
    *unlinkGroup(group, deleteInTarget) {
      if (deleteInTarget) return yield* deleteGroupFlow(group);
      // scim.sync_delete_groups off: the group stays, unlinked by an externalId of null.
      const found = yield* findGroup(group, false);
      const id = typeof found?.id === 'string' ? found.id : group.id!;
      yield* replaceGroup(id, group.displayName, null);
      return { groupDeleted: false };
    },
    deleteGroup: deleteGroupFlow,
    *importUsers() {
      return { skipped: 'Rauthy never lists users; it looks each one up by filter' };
    },
    importGroups: () => listAllGroups(),
  },
};
