import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { KEYCLOAK_SUVERA_OPERATIONS, KEYCLOAK_SUVERA_QUIRKS } from './keycloak-suvera-evidence.js';
import type { ActionProgram, GroupView, IdpProfile, PlannedRequest, UserView } from './profile.js';
import {
  bodyObject,
  createdId,
  createdUserOutcome,
  deleteGroupProgram,
  isSuccess,
  pseudoId,
  send,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import type { UserMapping } from './user-mapping.js';

// suvera/keycloak-scim2-storage, master (SOURCES.keycloakSuvera): a Keycloak user-storage provider
// whose ScimClient2 builds every body, sent through suvera/scim2-sdk's Scim2ClientImpl (OkHttp,
// Jackson). Method names below are ScimClient2's. The provider keeps the SCIM ids in Keycloak
// attributes (`skss_id_<component>`), so it never looks anything up by filter.

/** Scim2ClientImpl.doRequest: `X-Requested-With` on every request; OkHttp 4.12.0's User-Agent; no Accept. */
const SUVERA_HEADERS = {
  'x-requested-with': 'SuVeRa SCIM 2.0 Client 1.0.0',
  'user-agent': 'okhttp/4.12.0',
  accept: '',
  'content-type': '',
};

/** A body as OkHttp sends a String with MediaType application/scim+json: it appends the charset. */
const SCIM_JSON = { 'content-type': 'application/scim+json; charset=utf-8' };

/**
 * buildScimUser: userName, name, one work email, Keycloak's own user id as externalId, the
 * `displayName` user attribute or else "first last". title and nickName come from user attributes;
 * nothing else the admin sets travels (no enterprise extension, no middleName).
 */
export const KEYCLOAK_SUVERA_USER_MAPPING: UserMapping = {
  emailType: 'work',
  displayName: 'given',
  externalId: false,
  otherAttributes: 'none',
};

/** Keycloak's user id, sent as externalId (a UUID in Keycloak; a stand-in derived from the key). */
const keycloakUserId = (user: UserView): string => pseudoId(`suvera-user:${user.key}`);

/** The user attributes buildScimUser copies onto the record when set. */
const COPIED_ATTRIBUTES = ['nickName', 'title'] as const;

/**
 * The record buildScimUser writes onto a UserRecord (a new one on create, the one read from the
 * server on update). Jackson with NON_EMPTY drops nulls and empty lists; BaseRecord's fields
 * (externalId, meta, schemas) come first, and a new record carries `meta.resourceType`.
 */
function keycloakFields(user: UserView): ScimResource {
  const givenName = user.givenName ?? user.userName;
  const name: Record<string, string> = {
    ...(user.familyName !== undefined ? { familyName: user.familyName } : {}),
    givenName,
  };
  const fields: ScimResource = {
    externalId: keycloakUserId(user),
    schemas: [URN.user],
    userName: user.userName,
    name,
    displayName: user.displayName ?? `${givenName} ${user.familyName ?? ''}`.trim(),
  };
  for (const attribute of COPIED_ATTRIBUTES) {
    const value = user.attributes[attribute];
    if (typeof value === 'string' && value !== '') fields[attribute] = value;
  }
  fields.active = user.active;
  if (user.email !== undefined) fields.emails = [{ value: user.email, type: 'work', primary: true }];
  // Every Keycloak user holds the realm's default roles composite; roles go as {value: role id, display, type, primary}.
  fields.roles = [
    { value: pseudoId('suvera-role:default-roles'), display: 'default-roles-scim', type: 'direct', primary: false },
  ];
  return fields;
}

/** createUser: POST /Users with a new UserRecord (its `meta.resourceType` included). */
export function suveraCreateBody(user: UserView): ScimResource {
  const { externalId, schemas, ...rest } = keycloakFields(user);
  return { externalId, meta: { resourceType: 'User' }, schemas, ...rest };
}

/**
 * updateUser: the record read back with buildScimUser's fields written over it. Lists the user has
 * none of in Keycloak (emails without an email, addresses, phoneNumbers, ims, photos, entitlements,
 * x509Certificates, groups) are set empty and so dropped, which a PUT reads as "clear them".
 */
export function suveraUpdateBody(read: ScimResource, user: UserView): ScimResource {
  const cleared = [
    'emails',
    'addresses',
    'phoneNumbers',
    'ims',
    'photos',
    'entitlements',
    'x509Certificates',
    'groups',
  ];
  const kept = Object.fromEntries(Object.entries(read).filter(([key]) => !cleared.includes(key) && key !== 'name'));
  return { ...kept, ...keycloakFields(user) };
}

/** readUser / readGroup: GET of the resource by id, no query (Scim2ClientImpl.read). */
function read(kind: 'User' | 'Group', id: string): PlannedRequest {
  return {
    purpose: kind === 'User' ? 'getUser' : 'getGroup',
    targetId: id,
    method: 'GET',
    path: resourcePath(kind, id),
  };
}

/**
 * The SDK maps the answer onto UserRecord, whose JsonAnySetter throws for any attribute it does
 * not declare unless it is an ExtensionRecord: a user carrying an extension schema cannot be read.
 */
function undeclaredKey(resource: ScimResource): string | undefined {
  return Object.keys(resource).find((key) => key.startsWith('urn:'));
}

/** updateUser: GET /Users/{id}, then PUT of what was read with Keycloak's data over it. */
function* updateUser(user: UserView, verifies: string): ActionProgram {
  const id = user.id!;
  const readBack = yield* send(read('User', id));
  const current = bodyObject(readBack);
  if (!isSuccess(readBack) || current === undefined)
    return { failed: `GET /Users/${id} answered ${readBack.response?.status ?? readBack.error?.code}` };
  const undeclared = undeclaredKey(current);
  if (undeclared !== undefined)
    return { failed: `the SDK's UserRecord cannot read "${undeclared}" (JsonAnySetter refuses it), so no PUT is sent` };
  yield* send({
    purpose: 'replaceUser',
    targetId: id,
    method: 'PUT',
    path: resourcePath('User', id),
    body: suveraUpdateBody(current, user),
    headers: SCIM_JSON,
  });
  return { verifies };
}

/** Why Keycloak sends no DELETE for a provisioned user. */
const NO_USER_DELETE =
  'keycloak-scim2-storage sends no DELETE for a provisioned user: SkssStorageProvider.removeUser returns early when the user has its SCIM id, and queues a delete with no id otherwise';

/** Why a membership change reaches no server. */
const NO_MEMBERS =
  "keycloak-scim2-storage never writes group members: a membership goes only into the user's `groups` (readOnly, RFC 7643 §4.1.2) with Keycloak's own group ids";

/** Why a rename leaves the old name on the server. */
const RENAME_LOST =
  'keycloak-scim2-storage renames by GET then PUT of the group as read (ScimClient2.updateGroup sets the new name after the PUT), so the old name is sent back';

/** Keycloak has no import from a user-storage provider's SCIM target. */
const NO_IMPORT = 'keycloak-scim2-storage reads users one by one (GET /Users/{id}) and never lists or imports them';

export const keycloakSuveraProfile: IdpProfile = {
  name: 'keycloak-suvera',
  title: 'Keycloak (suvera keycloak-scim2-storage)',
  summary:
    "A Keycloak user-storage provider: discovery GETs when configured; POST /Users with externalId, meta and roles; an update is GET /Users/{id} then a PUT of what was read with Keycloak's data over it; groups are POSTed with displayName only and never get members; a rename PUTs the group back as read (the new name is lost); a provisioned user is never DELETEd; a group deleted in Keycloak is DELETEd.",
  verified: true,
  sources: [SOURCES.keycloakSuvera, SOURCES.suveraScim2Sdk],
  quirks: KEYCLOAK_SUVERA_QUIRKS,
  documentedOperations: KEYCLOAK_SUVERA_OPERATIONS,
  headers: SUVERA_HEADERS,
  userMapping: KEYCLOAK_SUVERA_USER_MAPPING,
  actions: {
    *testConnection() {
      // Saving the provider builds a ScimClient2 (validateConfiguration): Scim2ClientImpl.init reads
      // these three, falling back to the plugin's bundled JSON when one fails.
      yield* send({ purpose: 'discoverConfig', method: 'GET', path: '/ServiceProviderConfig' });
      yield* send({ purpose: 'discoverConfig', method: 'GET', path: '/ResourceTypes' });
      yield* send({ purpose: 'discoverConfig', method: 'GET', path: '/Schemas' });
      return {};
    },
    *assignUser(user) {
      // createUser returns at once for a user that already has its SCIM id (skss_id_…).
      if (user.id !== undefined) return { userId: user.id };
      const body = suveraCreateBody(user);
      const create = yield* send({ purpose: 'createUser', method: 'POST', path: '/Users', body, headers: SCIM_JSON });
      const created = createdId(create, `user ${user.userName}`);
      if ('failure' in created) return created.failure;
      return createdUserOutcome(created.id, body);
    },
    updateUser: (user, changes) => updateUser(withChanges(user, changes), 'PUT-SUPPORTED'),
    deactivateUser: (user) => updateUser({ ...user, active: false }, 'PUT-SUPPORTED'),
    reactivateUser: (user) => updateUser({ ...user, active: true }, 'PUT-SUPPORTED'),
    *unassignUser() {
      return { skipped: NO_USER_DELETE };
    },
    *deleteUser() {
      return { skipped: NO_USER_DELETE };
    },
    *pushGroup(group) {
      // createGroup: a new GroupRecord with displayName only (Jackson NON_NULL drops members).
      const create = yield* send({
        purpose: 'createGroup',
        method: 'POST',
        path: '/Groups',
        body: { meta: { resourceType: 'Group' }, schemas: [URN.group], displayName: group.displayName },
        headers: SCIM_JSON,
      });
      const created = createdId(create, `group ${group.displayName}`);
      if ('failure' in created) return created.failure;
      return { groupId: created.id, verifies: 'GROUP-CREATE', groupNotSent: { members: NO_MEMBERS } };
    },
    *addMembers() {
      return { groupNotSent: { members: NO_MEMBERS } };
    },
    *removeMembers() {
      return { groupNotSent: { members: NO_MEMBERS } };
    },
    *renameGroup(group) {
      const id = group.id!;
      const readBack = yield* send(read('Group', id));
      const current = bodyObject(readBack);
      if (!isSuccess(readBack) || current === undefined)
        return { failed: `GET /Groups/${id} answered ${readBack.response?.status ?? readBack.error?.code}` };
      // replaceGroup(id, grp) runs before grp.setDisplayName(newName): the group goes back as read.
      yield* send({
        purpose: 'replaceGroup',
        targetId: id,
        method: 'PUT',
        path: resourcePath('Group', id),
        body: current,
        headers: SCIM_JSON,
      });
      return { groupNotSent: { displayName: RENAME_LOST } };
    },
    *unlinkGroup(group: GroupView, deleteInTarget: boolean) {
      // A Keycloak group has no "unlink": only its removal (preRemove) reaches the server.
      if (!deleteInTarget) return { groupDeleted: false };
      return yield* deleteGroupProgram(group);
    },
    *deleteGroup(group) {
      // SkssStorageProvider.preRemove(realm, group) → deleteGroup: DELETE /Groups/{id}; OkHttp sends
      // the bodiless DELETE with Content-Type application/scim+json (Scim2ClientImpl.doRequest).
      yield* send({
        purpose: 'deleteGroup',
        targetId: group.id!,
        method: 'DELETE',
        path: resourcePath('Group', group.id),
        headers: { 'content-type': 'application/scim+json' },
      });
      return { groupDeleted: true, verifies: 'GROUP-DELETE' };
    },
    *importUsers() {
      return { skipped: NO_IMPORT };
    },
    *importGroups() {
      return { skipped: NO_IMPORT };
    },
  },
};
