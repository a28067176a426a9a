import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { OKTA_OPERATIONS, OKTA_QUIRKS } from './okta-evidence.js';
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
  setAttribute,
  unlinkGroupProgram,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// Okta OIN template app (SCIM 2.0). Every request shape below is taken from the Okta SCIM 2.0
// reference (SOURCES.okta20) unless a comment says otherwise.

/** Okta's page size for lookups and imports ("Okta uses count=100"). */
export const OKTA_PAGE_SIZE = 100;

/** The locale every Okta create sample carries (SCIM 2.0 reference, 2019 edition and current). */
export const OKTA_LOCALE = 'en-US';

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

/**
 * The user's Okta app profile as Okta sends it, in the reference's key order (SCIM 2.0 reference,
 * "Create the User": schemas, userName, name, emails with `primary`/`value`/`type`, displayName,
 * `locale: "en-US"`, externalId, `groups: []`, active). Mapped attributes beyond those follow.
 */
export function oktaAppProfile(user: UserView): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [URN.user], userName: user.userName };
  const name: Record<string, string> = {};
  if (user.givenName !== undefined) name.givenName = user.givenName;
  if (user.familyName !== undefined) name.familyName = user.familyName;
  if (Object.keys(name).length > 0) body.name = name;
  if (user.email !== undefined) body.emails = [{ primary: true, value: user.email, type: 'work' }];
  const displayName = user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || undefined);
  if (displayName !== undefined) body.displayName = displayName;
  // Okta's default app profile carries the Okta user's locale; every sample (2019 to now) shows en-US.
  body.locale = OKTA_LOCALE;
  body.externalId = user.externalId ?? oktaUserId(user);
  body.groups = [];
  body.active = user.active;
  for (const [path, value] of Object.entries(user.attributes)) setAttribute(body, path, value);
  return body;
}

/**
 * Create body: the app profile with the placeholder `password` before `active` (SCIM 2.0 reference,
 * "Create the User"; the 2019 edition had no password, the 2022 edition added it with the note that
 * Okta sends it even with password sync off).
 */
export function oktaCreateBody(user: UserView): Record<string, unknown> {
  const { active: _active, ...profile } = oktaAppProfile({ ...user, active: true });
  return { ...profile, password: placeholderPassword(user), active: true };
}

/**
 * The PUT body of a profile update: Okta's app profile after the change, with the SCIM `id`
 * (SCIM 2.0 reference, "Update the User": "Okta modifies the attributes that were changed and runs
 * a PUT"). Built from what Okta holds, not from the server's GET answer: an attribute the server
 * added on its own is not sent back (see quirk okta.put-app-profile for where the sample differs).
 */
export function oktaPutBody(user: UserView, id: string | undefined): Record<string, unknown> {
  const { schemas, ...profile } = oktaAppProfile(user);
  return { schemas, id, ...profile };
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

/** The group lookup by name, with Okta's fixed paging ("Retrieve Groups", the 2024 filter sample). */
export function oktaGroupLookup(displayName: string): PlannedRequest {
  return {
    purpose: 'lookupGroup',
    method: 'GET',
    path: '/Groups',
    query: { filter: eqFilter('displayName', displayName), startIndex: '1', count: String(OKTA_PAGE_SIZE) },
  };
}

/** The full push: the rename PATCH re-sent, then `replace` on `members` with the whole list. */
function* fullPush(group: GroupView, members: MemberRef[]): ActionProgram {
  yield* send(renameRequest(group, group.displayName));
  yield* send({
    purpose: 'patchGroup',
    targetId: group.id,
    method: 'PATCH',
    path: resourcePath('Group', group.id),
    body: patchBody([
      {
        op: 'replace',
        path: 'members',
        value: members.map((member) => ({ value: member.id, display: member.display })),
      },
    ]),
  });
  return { groupId: group.id, verifies: 'PATCH-MEMBERS-REPLACE' };
}

/**
 * A profile update: GET the user ("Retrieve the User"), then PUT Okta's app profile with the
 * change applied ("Update the User"). The GET only tells Okta the user is still there.
 */
export function* readModifyWrite(user: UserView, changes: Record<string, unknown>): ActionProgram {
  const read = yield* send({
    purpose: 'getUser',
    targetId: user.id,
    method: 'GET',
    path: resourcePath('User', user.id),
  });
  if (!isSuccess(read) || !bodyObject(read))
    return {
      failed: `Okta reads the user before a PUT, and GET /Users/${user.id} failed (${read.response?.status ?? read.error?.code})`,
    };
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: oktaPutBody(withChanges(user, changes), user.id),
  });
  return { verifies: 'PUT-SUPPORTED' };
}

/** Why Okta sends nothing when the admin assigns a user deactivated in Okta. */
const OKTA_INACTIVE_NOT_ASSIGNED =
  'Okta provisions active users only: a user deactivated in Okta is not pushed to the app (inferred)';

export const oktaProfile: IdpProfile = {
  name: 'okta',
  title: 'Okta (OIN template app)',
  summary:
    'Lookup by userName eq before create; GET then PUT of the app profile for profile updates; path-less PATCH replace for (de)activation; never deletes users; groups looked up by displayName eq, then pushed by PATCH with the rename re-sent on every membership change (removes and adds in one PATCH, replace on members for a full push). Relies on: integer totalResults, 200 with an empty list (or 404) for a lookup miss, 409 with the Error schema on a duplicate create.',
  verified: true,
  sources: [SOURCES.okta20, SOURCES.okta11],
  quirks: OKTA_QUIRKS,
  documentedOperations: OKTA_OPERATIONS,
  headers: OKTA_HEADERS,
  // The app profile (SCIM 2.0 reference): the core attributes plus whatever the admin maps, enterprise ones included.
  userMapping: FULL_USER_MAPPING,
  actions: {
    *testConnection() {
      // SOURCES.okta11: on saving the integration "Okta makes two requests", with constant
      // parameters: /Users with count=2, then /Groups with count=100.
      yield* send({ purpose: 'listUsers', method: 'GET', path: '/Users', query: { startIndex: '1', count: '2' } });
      yield* send({
        purpose: 'listGroups',
        method: 'GET',
        path: '/Groups',
        query: { startIndex: '1', count: String(OKTA_PAGE_SIZE) },
      });
      return { verifies: 'LIST-RESPONSE' };
    },
    *assignUser(user) {
      // Okta provisions app users of active Okta users; a user deactivated in Okta (a scenario
      // user with `active: false`, never pushed) is not assigned, so nothing is sent (inferred).
      if (!user.active && user.id === undefined) return { skipped: OKTA_INACTIVE_NOT_ASSIGNED };
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
          const outcome = yield* readModifyWrite(linked, { ...profileChanges(user), active: true });
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
        const added = members.filter((member) => !group.members.some((have) => have.id === member.id));
        const removed = group.members.filter((have) => !members.some((member) => member.id === have.id));
        // Membership changed in Okta since the last push: one PATCH removing and adding ("Update
        // specific Group membership" sample: a remove on members[value eq] and an add, together).
        if (added.length > 0 || removed.length > 0) {
          const outcome = yield* changeMembers(
            group,
            added,
            removed,
            removed.length > 0 ? 'PATCH-MEMBERS-REMOVE' : 'PATCH-MEMBERS-ADD',
          );
          return { ...outcome, groupId: group.id };
        }
        // "Push now" with nothing changed: the full push replaces the member list (same section,
        // "a full push of the membership ... using the replace operation").
        return yield* fullPush(group, members);
      }
      // "Retrieve Groups": Okta looks a group up by `displayName eq` when it has no id for it, and
      // links to a group it finds instead of creating a second one.
      const lookup = yield* send(oktaGroupLookup(group.displayName));
      const found = listedResources(lookup)[0]?.id;
      if (typeof found === 'string') return yield* fullPush({ ...group, id: found }, members);
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
