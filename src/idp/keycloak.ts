import type { Exchange } from '../http/exchange.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { KEYCLOAK_OPERATIONS, KEYCLOAK_QUIRKS } from './keycloak-evidence.js';
import type { ActionOutcome, ActionProgram, GroupView, IdpProfile, MemberRef, UserView } from './profile.js';
import {
  createdId,
  createUserProgram,
  deleteGroupProgram,
  deleteUserProgram,
  isSuccess,
  listedResources,
  membersAfter,
  pseudoId,
  send,
  totalResults,
  unlinkGroupProgram,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { derivedDisplayName, type UserMapping } from './user-mapping.js';

// The Keycloak SCIM client plugin of mitodl/keycloak-scim and its pelotech fork. Keycloak keeps
// SCIM ids in a local table, so it never looks anything up: it POSTs on create and PUTs the whole
// resource on every change, with no GET first (ScimClient.create/replace). Bodies follow
// pelotech's UserAdapter.toSCIM / GroupAdapter.toSCIM (SOURCES.keycloakPelotech).

/** Content-Type is configurable (application/scim+json by default); no Accept header (IDP-NOTES.md, Keycloak). */
const KEYCLOAK_HEADERS = { 'content-type': 'application/scim+json' };

/** The Keycloak user id sent as externalId (a UUID in Keycloak). */
function keycloakUserId(user: UserView): string {
  return pseudoId(`keycloak-user:${user.key}:${user.userName}`);
}

/** The displayName Keycloak derives: "first last", or the username when both are empty (UserAdapter). */
export function keycloakDisplayName(user: UserView): string {
  return derivedDisplayName(user);
}

/**
 * UserAdapter.toSCIM maps a fixed set: userName, name, one work email, active, and a displayName it
 * derives; externalId is Keycloak's own id; no further attribute (title, enterprise) is sent.
 */
export const KEYCLOAK_USER_MAPPING: UserMapping = {
  emailType: 'work',
  displayName: 'derived',
  externalId: false,
  otherAttributes: 'none',
};

/**
 * UserAdapter.toSCIM: externalId = Keycloak id, displayName "first last" (the username when both
 * are empty), name, one work email marked primary (pelotech; mitodl sends `[{value}]` alone),
 * active, roles. `id` is the SCIM id Keycloak stored, so it is there on a PUT and absent on the
 * POST. Both forks call `toSCIM(false)` for create and replace (ScimClient.java, mitodl 2024-09
 * and pelotech 2026-05), so `meta.location` is never sent.
 */
export function keycloakUserBody(user: UserView, withId: boolean): Record<string, unknown> {
  const displayName = keycloakDisplayName(user);
  const body: Record<string, unknown> = {
    schemas: [URN.user],
    externalId: keycloakUserId(user),
    userName: user.userName,
  };
  if (withId) body.id = user.id;
  body.displayName = displayName;
  body.name = {
    ...(user.givenName !== undefined ? { givenName: user.givenName } : {}),
    ...(user.familyName !== undefined ? { familyName: user.familyName } : {}),
  };
  body.emails = user.email === undefined ? [] : [{ value: user.email, type: 'work', primary: true }];
  body.active = user.active;
  body.roles = [];
  return body;
}

/** The Keycloak group id sent as externalId, on create and on every update. */
export function keycloakGroupExternalId(group: GroupView): string {
  return pseudoId(`keycloak-group:${group.key}`);
}

/**
 * GroupAdapter.toSCIM(false): the whole group, members as `{value, $ref: "Users/<id>"}`, the SCIM
 * id on a PUT, no `meta` (ScimClient.replace calls toSCIM(false) in both forks).
 */
export function keycloakGroupBody(
  group: GroupView,
  displayName: string,
  members: MemberRef[],
  withId: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [URN.group] };
  if (withId) body.id = group.id;
  body.externalId = keycloakGroupExternalId(group);
  body.displayName = displayName;
  if (members.length > 0) body.members = members.map((member) => ({ value: member.id, $ref: `Users/${member.id}` }));
  return body;
}

/** ScimClient.replace: a full PUT of what Keycloak holds, no GET first. */
function* replaceUser(user: UserView, verifies: string): ActionProgram {
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id!,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: keycloakUserBody(user, true),
  });
  return { verifies };
}

/** Every membership change or rename: a PUT of the whole group (GroupAdapter). */
function* replaceGroup(group: GroupView, displayName: string, members: MemberRef[], verifies: string): ActionProgram {
  yield* send({
    purpose: 'replaceGroup',
    targetId: group.id!,
    method: 'PUT',
    path: resourcePath('Group', group.id),
    body: keycloakGroupBody(group, displayName, members, true),
  });
  return { verifies };
}

/**
 * What Keycloak imports from its one unpaged list. A server may cut an unpaged answer to a default
 * page (RFC 7644 §3.4.2.4), which is no paging bug (PAGE-WALK), but Keycloak never asks for the
 * next page: the users past it are missing from the import, an interop finding.
 */
function unpagedImport(list: Exchange, path: string): ActionOutcome {
  const imported = listedResources(list);
  const total = totalResults(list);
  if (total === undefined || total <= imported.length) return { imported, verifies: 'PAGE-WALK' };
  return {
    imported,
    verifies: 'INTEROP-UNPAGED-IMPORT',
    verifyHint: `the server answered the unpaged GET ${path} with ${imported.length} of ${total} resources; the Keycloak connector imports only that answer and never asks for the next page`,
  };
}

export const keycloakProfile: IdpProfile = {
  name: 'keycloak',
  title: 'Keycloak (keycloak-scim plugin, mitodl / pelotech)',
  summary:
    'No lookup before create; POST to create; a full PUT of the user or of the whole group (members with $ref "Users/<id>"), carrying the SCIM id and no meta, on every change, with no GET first; hard DELETE; Content-Type application/scim+json and no Accept; non-2xx answers are logged, never retried.',
  verified: true,
  sources: [SOURCES.keycloakMitodl, SOURCES.keycloakPelotech, SOURCES.idpNotes],
  quirks: KEYCLOAK_QUIRKS,
  documentedOperations: KEYCLOAK_OPERATIONS,
  headers: KEYCLOAK_HEADERS,
  userMapping: KEYCLOAK_USER_MAPPING,
  actions: {
    *testConnection() {
      return {
        skipped:
          'the Keycloak SCIM plugin has no test-connection call (ScimClient only creates, replaces, deletes and imports)',
      };
    },
    *assignUser(user) {
      // ScimClient.create: POST /Users, no lookup (ids are kept in Keycloak's scim_resource table).
      return yield* createUserProgram(user, keycloakUserBody(user, false));
    },
    updateUser: (user, changes) => replaceUser(withChanges(user, changes), 'PUT-SUPPORTED'),
    // Disabling a user in Keycloak sends the same full PUT with active:false (IDP-NOTES.md, Keycloak).
    deactivateUser: (user) => replaceUser({ ...user, active: false }, 'PUT-SUPPORTED'),
    reactivateUser: (user) => replaceUser({ ...user, active: true }, 'PUT-SUPPORTED'),
    *unassignUser(user) {
      return yield* deleteUserProgram(user);
    },
    *deleteUser(user) {
      // ScimClient.delete: hard DELETE (mitodl loses admin-console deletes to an NPE; pelotech fixed it).
      return yield* deleteUserProgram(user);
    },
    *pushGroup(group, members) {
      if (group.id !== undefined) return yield* replaceGroup(group, group.displayName, members, 'GROUP-PUT-MEMBERS');
      // ScimClient.create on a group: the members Keycloak already has come in the POST.
      const create = yield* send({
        purpose: 'createGroup',
        method: 'POST',
        path: '/Groups',
        body: keycloakGroupBody(group, group.displayName, members, false),
      });
      const created = createdId(create, `group ${group.displayName}`);
      if ('failure' in created) return created.failure;
      return { groupId: created.id, verifies: members.length > 0 ? 'GROUP-MEMBER-SHAPE' : 'GROUP-CREATE' };
    },
    addMembers: (group, added) =>
      replaceGroup(group, group.displayName, membersAfter(group.members, added, []), 'GROUP-PUT-MEMBERS'),
    removeMembers: (group, removed) =>
      replaceGroup(group, group.displayName, membersAfter(group.members, [], removed), 'GROUP-PUT-MEMBERS'),
    renameGroup: (group, newName) => replaceGroup(group, newName, group.members, 'GROUP-RENAME'),
    *unlinkGroup(group, deleteInTarget) {
      return yield* unlinkGroupProgram(group, deleteInTarget);
    },
    *deleteGroup(group) {
      return yield* deleteGroupProgram(group);
    },
    *importUsers() {
      // pelotech: one un-paged GET /Users (mitodl's import URL is the literal string "url").
      const list = yield* send({ purpose: 'listUsers', method: 'GET', path: '/Users' });
      if (!isSuccess(list)) return { failed: `GET /Users answered ${list.response?.status ?? list.error?.code}` };
      return unpagedImport(list, '/Users');
    },
    *importGroups() {
      const list = yield* send({ purpose: 'listGroups', method: 'GET', path: '/Groups' });
      if (!isSuccess(list)) return { failed: `GET /Groups answered ${list.response?.status ?? list.error?.code}` };
      return unpagedImport(list, '/Groups');
    },
  },
};
