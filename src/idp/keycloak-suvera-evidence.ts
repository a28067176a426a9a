import type { DocumentedOperation, Quirk } from './evidence.js';
import { bodyOf, isPlainObject, isResourcePath, queryKeys } from './evidence-match.js';
import type { PlannedRequest } from './profile.js';

// suvera/keycloak-scim2-storage on master (SOURCES.keycloakSuvera) sends every request through
// suvera/scim2-sdk (SOURCES.suveraScim2Sdk). Each citation names the file and method that build it.

const REPO = 'suvera/keycloak-scim2-storage';
const CLIENT = `${REPO} ScimClient2.java`;
const PROVIDER = `${REPO} SkssStorageProvider.java`;
const SDK = 'suvera/scim2-sdk Scim2ClientImpl.java';
const RECORDS = 'suvera/scim2-sdk UserRecord.java, GroupRecord.java';

const isGet = (request: PlannedRequest, path: string): boolean =>
  request.method === 'GET' && request.path === path && queryKeys(request).length === 0;

/** A body that carries `meta.resourceType` as a new SDK record does. */
const metaTypeOf = (request: PlannedRequest): unknown => {
  const meta = bodyOf(request)?.meta;
  return isPlainObject(meta) ? meta.resourceType : undefined;
};

/** Every request of keycloak-scim2-storage. */
export const KEYCLOAK_SUVERA_OPERATIONS: readonly DocumentedOperation[] = [
  ...(['/ServiceProviderConfig', '/ResourceTypes', '/Schemas'] as const).map(
    (path): DocumentedOperation => ({
      id: `keycloak-suvera.discovery${path.toLowerCase().replace('/', '.')}`,
      summary: `saving the provider builds the client, which reads GET ${path} (Scim2ClientImpl.init)`,
      action: 'testConnection',
      grade: 'documented',
      citations: [SDK, `${REPO} SkssStorageProviderFactory.java validateConfiguration`],
      matches: (request) => isGet(request, path),
    }),
  ),
  {
    id: 'keycloak-suvera.user.create',
    summary:
      'createUser: POST /Users with externalId (Keycloak id), meta {resourceType: "User"}, schemas, userName, name, displayName, active, a work email and roles',
    action: 'assignUser',
    grade: 'documented',
    citations: [`${CLIENT} createUser, buildScimUser`, RECORDS],
    matches: (request) => {
      const body = bodyOf(request);
      return (
        request.method === 'POST' &&
        request.path === '/Users' &&
        metaTypeOf(request) === 'User' &&
        typeof body?.externalId === 'string' &&
        Array.isArray(body.roles)
      );
    },
  },
  {
    id: 'keycloak-suvera.user.read',
    summary: 'updateUser first reads the user: GET /Users/{id} with no query (getUser → readUser)',
    action: 'updateUser',
    grade: 'documented',
    citations: [`${CLIENT} updateUser, getUser`, SDK],
    matches: (request) =>
      request.method === 'GET' && isResourcePath(request, 'Users') && queryKeys(request).length === 0,
  },
  {
    id: 'keycloak-suvera.user.replace',
    summary:
      "updateUser: PUT /Users/{id} of the record read, Keycloak's data written over it (id and meta as the server sent them)",
    action: 'updateUser',
    grade: 'documented',
    citations: [`${CLIENT} updateUser, buildScimUser`, SDK],
    matches: (request) => {
      const body = bodyOf(request);
      return (
        request.method === 'PUT' &&
        isResourcePath(request, 'Users') &&
        typeof body?.id === 'string' &&
        isPlainObject(body.meta) &&
        typeof body.externalId === 'string'
      );
    },
  },
  {
    id: 'keycloak-suvera.group.create',
    summary:
      'createGroup: POST /Groups with displayName only (meta {resourceType: "Group"}, schemas; no members, no externalId)',
    action: 'pushGroup',
    grade: 'documented',
    citations: [`${CLIENT} createGroup`, RECORDS],
    matches: (request) => {
      const body = bodyOf(request);
      return (
        request.method === 'POST' &&
        request.path === '/Groups' &&
        metaTypeOf(request) === 'Group' &&
        typeof body?.displayName === 'string' &&
        body.members === undefined &&
        body.externalId === undefined
      );
    },
  },
  {
    id: 'keycloak-suvera.group.read',
    summary: 'updateGroup first reads the group: GET /Groups/{id} with no query (readGroup)',
    action: 'renameGroup',
    grade: 'documented',
    citations: [`${CLIENT} updateGroup`, SDK],
    matches: (request) =>
      request.method === 'GET' && isResourcePath(request, 'Groups') && queryKeys(request).length === 0,
  },
  {
    id: 'keycloak-suvera.group.replace-unchanged',
    summary: 'updateGroup: PUT /Groups/{id} of the group exactly as read; the new name is set only afterwards',
    action: 'renameGroup',
    grade: 'documented',
    citations: [`${CLIENT} updateGroup`],
    matches: (request) =>
      request.method === 'PUT' && isResourcePath(request, 'Groups') && typeof bodyOf(request)?.id === 'string',
  },
  {
    id: 'keycloak-suvera.group.delete',
    summary: 'a group removed in Keycloak: DELETE /Groups/{id} (preRemove → deleteGroup)',
    action: 'deleteGroup',
    grade: 'documented',
    citations: [`${PROVIDER} preRemove(realm, group)`, `${CLIENT} deleteGroup`],
    matches: (request) => request.method === 'DELETE' && isResourcePath(request, 'Groups'),
  },
];

/** Habits of keycloak-scim2-storage a server has to cope with. */
export const KEYCLOAK_SUVERA_QUIRKS: readonly Quirk[] = [
  {
    id: 'keycloak-suvera.discovery',
    summary:
      "Building the client reads /ServiceProviderConfig, /ResourceTypes and /Schemas; one that fails or is not a JSON object is replaced by the plugin's bundled JSON.",
    grade: 'documented',
    citations: [SDK, `${CLIENT} constructor`],
  },
  {
    id: 'keycloak-suvera.no-lookup',
    summary:
      'Never filters: the SCIM ids live in Keycloak attributes (skss_id_<component>), and a user that has one is not created again.',
    grade: 'documented',
    citations: [`${CLIENT} createUser, createGroup`],
  },
  {
    id: 'keycloak-suvera.get-then-put',
    summary:
      "An update is GET /Users/{id}, then a PUT of what was read with Keycloak's data over it: id and meta go back as the server sent them, and attributes Keycloak has none of (emails, addresses, phoneNumbers…) are dropped, so the PUT clears them.",
    grade: 'documented',
    citations: [`${CLIENT} updateUser, buildScimUser`, RECORDS],
    disagreement:
      'On master nothing calls updateUser or updateGroup: the SPI methods Keycloak calls are addUser, removeUser and getUserBy*; fork PR #13 wires Keycloak events to them. scim-check sends them for updateUser, (de)activation and renameGroup.',
  },
  {
    id: 'keycloak-suvera.meta-and-roles',
    summary:
      'A create carries meta {resourceType} (readOnly, RFC 7643 §3.1) and the user\'s Keycloak roles as {value: role id, display, type: "direct", primary: false}.',
    grade: 'documented',
    citations: [RECORDS, `${CLIENT} buildScimUser`],
  },
  {
    id: 'keycloak-suvera.groups-on-user',
    summary:
      "Membership is sent only as the user's `groups` (readOnly, RFC 7643 §4.1.2) with Keycloak's own group ids as values; group members are never written, so a server holds no members.",
    grade: 'documented',
    citations: [`${CLIENT} buildScimUser`],
    disagreement:
      'The profile sends no `groups` on the user: a scenario user has no Keycloak groups when it is created, and master writes no user when one joins a group.',
  },
  {
    id: 'keycloak-suvera.group-name-only',
    summary:
      'Groups are created with displayName only (no externalId, no members), when a user in them is provisioned.',
    grade: 'documented',
    citations: [`${CLIENT} createGroup`],
  },
  {
    id: 'keycloak-suvera.rename-lost',
    summary:
      'A rename reads the group and PUTs it back unchanged (replaceGroup runs before setDisplayName), so the server keeps the old name.',
    grade: 'documented',
    citations: [`${CLIENT} updateGroup`],
  },
  {
    id: 'keycloak-suvera.no-user-delete',
    summary:
      'A provisioned user is never DELETEd: removeUser returns early when the user has its SCIM id, and queues a delete with no id otherwise.',
    grade: 'documented',
    citations: [`${PROVIDER} removeUser`, `${REPO} Scim2SyncJob.java`],
  },
  {
    id: 'keycloak-suvera.extension-unreadable',
    summary:
      "A user read back with an extension schema (e.g. the enterprise one) cannot be mapped by the SDK's UserRecord, so the update is dropped.",
    grade: 'documented',
    citations: [RECORDS],
  },
  {
    id: 'keycloak-suvera.headers',
    summary:
      'X-Requested-With "SuVeRa SCIM 2.0 Client 1.0.0" on every request, OkHttp\'s User-Agent, no Accept; bodies and the bodiless DELETE say application/scim+json.',
    grade: 'documented',
    citations: [SDK, 'suvera/scim2-sdk pom.xml (okhttp 4.12.0)'],
  },
  {
    id: 'keycloak-suvera.auth-on-challenge',
    summary:
      'Authorization is sent only after a 401 (OkHttp Authenticator): every first request goes without it. Not reproduced: scim-check authenticates every request.',
    grade: 'documented',
    citations: ['suvera/scim2-sdk Scim2ClientBuilder.java'],
  },
  {
    id: 'keycloak-suvera.ids',
    summary:
      "Keycloak's user ids (sent as externalId) and the default role's id are stand-ins derived from the scenario keys.",
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'keycloak-suvera.triggers',
    summary:
      'pushGroup stands for the group created when a member is provisioned; updateUser, deactivateUser and reactivateUser for updateUser; unlinkGroup sends nothing.',
    grade: 'inferred',
    citations: [CLIENT],
  },
];
