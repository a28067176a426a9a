import { applyPatch } from '../scim/patch/index.js';
import { readPath } from '../scim/read-path.js';
import { resourcePath } from '../scim/resource-path.js';
import { USER_RESOURCE_TYPE } from '../scim/resource-type.js';
import { ScimError } from '../scim/scim-error.js';
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
import {
  bodyObject,
  createdId,
  createUserProgram,
  deleteGroupProgram,
  eqFilter,
  isSuccess,
  listedResources,
  pageThrough,
  patchBody,
  send,
  toScimPath,
  unlinkGroupProgram,
  userResource,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// Okta OIN template app (SCIM 2.0). Every request shape below is taken from the Okta SCIM 2.0
// reference (SOURCES.okta20) unless a comment says otherwise.

/** Okta's page size for lookups and imports ("Okta uses count=100"). */
export const OKTA_PAGE_SIZE = 100;

/** `Okta SCIM Client 1.0.0` is in every sample; the media-type headers are in the 2019 samples. */
export const OKTA_HEADERS = {
  'user-agent': 'Okta SCIM Client 1.0.0',
  accept: 'application/scim+json',
  'accept-charset': 'utf-8',
  'content-type': 'application/scim+json; charset=utf-8',
};

/** A stand-in for the Okta user id Okta sends as externalId (`00u…`, 20 characters). */
function oktaUserId(user: UserView): string {
  let hash = 0;
  for (const char of user.userName) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `00u${hash.toString(36).padStart(7, '0')}${user.key.replace(/[^a-z0-9]/gi, '').slice(0, 10)}`.slice(0, 20);
}

/** A throwaway password: Okta sends one on create even with password sync off. */
function placeholderPassword(user: UserView): string {
  return `Pw-${oktaUserId(user).slice(-8)}!9`;
}

/** Create body: the user's app profile plus `password` and `groups: []` (SCIM 2.0 reference, "Create the User"). */
export function oktaCreateBody(user: UserView): Record<string, unknown> {
  return {
    ...userResource(user),
    externalId: user.externalId ?? oktaUserId(user),
    groups: [],
    password: placeholderPassword(user),
    active: true,
  };
}

/** The lookup before create: `userName eq` with Okta's fixed paging ("Determine if the User already exists"). */
export function oktaUserLookup(user: UserView): PlannedRequest {
  return {
    purpose: 'lookupUser',
    method: 'GET',
    path: '/Users',
    query: { filter: eqFilter('userName', user.userName), startIndex: '1', count: String(OKTA_PAGE_SIZE) },
  };
}

/** Deactivate/reactivate: path-less replace whose value is an object ("Update a specific User (PATCH)"). */
function* setActive(user: UserView, active: boolean): ActionProgram {
  yield* send({
    purpose: 'patchUser',
    targetId: user.id,
    method: 'PATCH',
    path: resourcePath('User', user.id),
    body: patchBody([{ op: 'replace', value: { active } }]),
  });
  return { verifies: 'PATCH-REPLACE-ACTIVE' };
}

/** The rename PATCH: path-less replace with `{id, displayName}`; Okta re-sends it with every membership update. */
function renameRequest(group: GroupView, displayName: string): PlannedRequest {
  return {
    purpose: 'patchGroup',
    targetId: group.id,
    method: 'PATCH',
    path: resourcePath('Group', group.id),
    body: patchBody([{ op: 'replace', value: { id: group.id, displayName } }]),
  };
}

function* changeMembers(group: GroupView, added: MemberRef[], removed: MemberRef[], verifies: string): ActionProgram {
  // Order (rename first, then membership) is inferred: the reference shows both requests but not their order.
  yield* send(renameRequest(group, group.displayName));
  const operations: unknown[] = [
    ...removed.map((member) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(member.id)}]` })),
  ];
  if (added.length > 0)
    operations.push({
      op: 'add',
      path: 'members',
      value: added.map((member) => ({ value: member.id, display: member.display })),
    });
  yield* send({
    purpose: 'patchGroup',
    targetId: group.id,
    method: 'PATCH',
    path: resourcePath('Group', group.id),
    body: patchBody(operations),
  });
  return { verifies };
}

/** GET the user, change the attributes, PUT it back (read-modify-write, "Update a specific User (PUT)"). */
export function* readModifyWrite(user: UserView, changes: Record<string, unknown>): ActionProgram {
  const read = yield* send({
    purpose: 'getUser',
    targetId: user.id,
    method: 'GET',
    path: resourcePath('User', user.id),
  });
  const current = bodyObject(read);
  if (!isSuccess(read) || !current)
    return {
      failed: `Okta reads the user before a PUT, and GET /Users/${user.id} failed (${read.response?.status ?? read.error?.code})`,
    };
  // A first work email joins `emails`: there is none for a value-path replace to change.
  const hasWorkEmail = readPath(current, toScimPath('email'), USER_RESOURCE_TYPE).length > 0;
  const operations = Object.entries(changes).map(([key, value]) =>
    key === 'email' && !hasWorkEmail
      ? { op: 'add' as const, path: 'emails', value: [{ value, type: 'work', primary: true }] }
      : { op: 'replace' as const, path: toScimPath(key), value },
  );
  let updated: Record<string, unknown>;
  try {
    updated = applyPatch(current, operations, USER_RESOURCE_TYPE);
  } catch (error) {
    if (error instanceof ScimError)
      return { failed: `could not apply the update to the user the server returned: ${error.message}` };
    throw error;
  }
  // Okta PUTs back what it read, read-only attributes (id, meta, groups) included.
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: updated,
  });
  return { verifies: 'PUT-SUPPORTED' };
}

export const oktaProfile: IdpProfile = {
  name: 'okta',
  title: 'Okta (OIN template app)',
  summary:
    'Lookup by userName eq before create; PUT (read-modify-write) for profile updates; path-less PATCH replace for (de)activation; never deletes users; group push by PATCH with the rename re-sent on every membership change. Relies on: integer totalResults, 200 with an empty list (or 404) for a lookup miss, 409 with the Error schema on a duplicate create.',
  verified: true,
  sources: [SOURCES.okta20, SOURCES.okta11],
  inferred: [
    'Test connection: GET /Users?startIndex=1&count=2 is documented for SCIM 1.1 only.',
    'A user found by the lookup gets a GET then PUT of its app profile with active:true.',
    'The rename PATCH is sent before the membership PATCH.',
    'Content-Type is sent on bodiless requests too (the 2019 samples show it on DELETE).',
    'Re-assigning a deactivated user found by the lookup: PATCH active:true first, then GET + PUT of the profile.',
    'A second push of an already pushed group is a "full push": the rename PATCH, then PATCH replace on members.',
  ],
  headers: OKTA_HEADERS,
  // The app profile (SCIM 2.0 reference): the core attributes plus whatever the admin maps, enterprise ones included.
  userMapping: FULL_USER_MAPPING,
  actions: {
    *testConnection() {
      // SOURCES.okta11: "Okta makes two requests" on saving the integration; the first is this one.
      yield* send({ purpose: 'listUsers', method: 'GET', path: '/Users', query: { startIndex: '1', count: '2' } });
      return { verifies: 'LIST-RESPONSE' };
    },
    *assignUser(user) {
      const lookup = yield* send(oktaUserLookup(user));
      const found = listedResources(lookup)[0];
      if (typeof found?.id === 'string') {
        // "If the SCIM server does return a User object, Okta automatically matches the result with
        // the user in Okta and sends the user's application profile to the SCIM server."
        const linked: UserView = { ...user, id: found.id };
        if (found.active === false) {
          // Re-assigning a user Okta deactivated earlier: the activation PATCH ("Update a specific
          // User (PATCH)": Okta uses PATCH for activation), then the profile push.
          yield* setActive(linked, true);
          const outcome = yield* readModifyWrite(linked, profileChanges(user));
          return { ...outcome, userId: found.id, verifies: 'PATCH-REPLACE-ACTIVE' };
        }
        const outcome = yield* readModifyWrite(linked, { ...profileChanges(user), active: true });
        return { ...outcome, userId: found.id };
      }
      return yield* createUserProgram(user, oktaCreateBody(user));
    },
    updateUser: (user, changes) => readModifyWrite(user, changes),
    deactivateUser: (user) => setActive(user, false),
    reactivateUser: (user) => setActive(user, true),
    *unassignUser(user) {
      // "Okta doesn't perform DELETE operations on User objects": unassignment deactivates.
      const outcome = yield* setActive(user, false);
      return { ...outcome, userEffect: 'deactivated' };
    },
    *deleteUser() {
      return {
        skipped:
          'Okta never sends DELETE for users (SCIM 2.0 reference, "Delete Users"); it deactivates them: use unassignUser or deactivateUser',
      };
    },
    *pushGroup(group, members) {
      if (group.id !== undefined) {
        // "Push now" on a group Okta already pushed: a full push replaces the member list
        // (IDP-NOTES.md, Okta groups: "Full push": PATCH replace on members), with the rename re-sent.
        yield* send(renameRequest(group, group.displayName));
        const body = patchBody([
          {
            op: 'replace',
            path: 'members',
            value: members.map((member) => ({ value: member.id, display: member.display })),
          },
        ]);
        yield* send({
          purpose: 'patchGroup',
          targetId: group.id,
          method: 'PATCH',
          path: resourcePath('Group', group.id),
          body,
        });
        return { groupId: group.id, verifies: 'PATCH-MEMBERS-REPLACE' };
      }
      const create = yield* send({
        purpose: 'createGroup',
        method: 'POST',
        path: '/Groups',
        body: { schemas: [URN.group], displayName: group.displayName, members: [] },
      });
      const created = createdId(create, `group ${group.displayName}`);
      if ('failure' in created) return created.failure;
      if (members.length === 0) return { groupId: created.id, verifies: 'GROUP-CREATE' };
      const outcome: ActionOutcome = yield* changeMembers(
        { ...group, id: created.id },
        members,
        [],
        'PATCH-MEMBERS-ADD',
      );
      return { ...outcome, groupId: created.id };
    },
    addMembers: (group, added) => changeMembers(group, added, [], 'PATCH-MEMBERS-ADD'),
    removeMembers: (group, removed) => changeMembers(group, [], removed, 'PATCH-MEMBERS-REMOVE'),
    *renameGroup(group, newName) {
      yield* send(renameRequest(group, newName));
      return { verifies: 'GROUP-RENAME' };
    },
    *unlinkGroup(group, deleteInTarget) {
      // "Unlink pushed group" with "Delete the group in the target app" sends DELETE; "Leave the group" sends nothing.
      return yield* unlinkGroupProgram(group, deleteInTarget);
    },
    *deleteGroup(group) {
      // Okta deletes a pushed group only through unlink + "Delete the group in the target app".
      return yield* deleteGroupProgram(group);
    },
    *importUsers(pageSize) {
      const result = yield* pageThrough('listUsers', '/Users', pageSize ?? OKTA_PAGE_SIZE, { advanceBy: 'pageSize' });
      return { imported: result.resources, verifies: 'PAGE-WALK', ...(result.failed ? { failed: result.failed } : {}) };
    },
    *importGroups(pageSize) {
      const result = yield* pageThrough('listGroups', '/Groups', pageSize ?? OKTA_PAGE_SIZE, { advanceBy: 'pageSize' });
      return { imported: result.resources, verifies: 'PAGE-WALK', ...(result.failed ? { failed: result.failed } : {}) };
    },
  },
};

/** The attributes of the Okta app profile, as changes to apply over what the server holds. */
export function profileChanges(user: UserView): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (user.givenName !== undefined) changes.givenName = user.givenName;
  if (user.familyName !== undefined) changes.familyName = user.familyName;
  for (const [path, value] of Object.entries(user.attributes)) changes[path] = value;
  return changes;
}
