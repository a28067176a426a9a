import type { DocumentedOperation, Quirk } from './evidence.js';
import type { PlannedRequest } from './profile.js';
import { addresses, plannedBody, plannedOperations } from './request-helpers.js';

// What the keycloak-scim connector sends, request by request, with where each is shown. Both
// forks were read at their newest commits: mitodl/keycloak-scim (2024-09-28, 099fbe8) and
// pelotech/keycloak-scim (2026-05-26, f1cafa7), src/main/java/sh/libre/scim/core/.

const MITODL = 'keycloakMitodl';
const PELOTECH = 'keycloakPelotech';
const CLIENT = 'keycloak-scim ScimClient.java create/replace/delete/importResources (mitodl 099fbe8, pelotech f1cafa7)';
const USER_ADAPTER = 'keycloak-scim UserAdapter.java toSCIM / toPatchBuilder (mitodl 099fbe8, pelotech f1cafa7)';
const GROUP_ADAPTER = 'keycloak-scim GroupAdapter.java toSCIM / toPatchBuilder (mitodl 099fbe8, pelotech f1cafa7)';

/** A full PUT of a user: the body carries the SCIM id of the path and no meta. */
function isUserPut(request: PlannedRequest): boolean {
  const body = plannedBody(request);
  return (
    addresses(request, 'PUT', '/Users', 'resource') &&
    body !== undefined &&
    request.path === `/Users/${String(body.id)}` &&
    body.meta === undefined
  );
}

/** A full PUT of a group with the SCIM id, members as {value, $ref} when there are any. */
function isGroupPut(request: PlannedRequest): boolean {
  const body = plannedBody(request);
  const members = body?.members;
  return (
    addresses(request, 'PUT', '/Groups', 'resource') &&
    body !== undefined &&
    request.path === `/Groups/${String(body.id)}` &&
    typeof body.externalId === 'string' &&
    (members === undefined ||
      (Array.isArray(members) && members.every((member) => typeof (member as { $ref?: unknown }).$ref === 'string')))
  );
}

/** The requests every mode of the connector sends the same way: create, delete, import. */
export const KEYCLOAK_SHARED_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'keycloak.user.create',
    summary: 'create a user: POST /Users with the Keycloak id as externalId, no id, no lookup first',
    action: 'assignUser',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT, USER_ADAPTER],
    matches: (request) =>
      addresses(request, 'POST', '/Users', 'collection') &&
      typeof plannedBody(request)?.externalId === 'string' &&
      plannedBody(request)?.id === undefined,
  },
  {
    id: 'keycloak.user.delete',
    summary: 'delete a user: DELETE /Users/{id}',
    action: 'deleteUser',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT],
    matches: (request) => addresses(request, 'DELETE', '/Users', 'resource'),
  },
  {
    id: 'keycloak.group.create',
    summary: 'create a group: POST /Groups with displayName, externalId and the members it already has',
    action: 'pushGroup',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT, GROUP_ADAPTER],
    matches: (request) =>
      addresses(request, 'POST', '/Groups', 'collection') && typeof plannedBody(request)?.externalId === 'string',
  },
  {
    id: 'keycloak.group.delete',
    summary: 'delete a group: DELETE /Groups/{id}',
    action: 'deleteGroup',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT],
    matches: (request) => addresses(request, 'DELETE', '/Groups', 'resource'),
  },
];

/** The default mode (no patchOp switch): whole-resource PUTs, and the un-paged import. */
export const KEYCLOAK_OPERATIONS: readonly DocumentedOperation[] = [
  ...KEYCLOAK_SHARED_OPERATIONS,
  {
    id: 'keycloak.user.replace',
    summary: 'update a user: PUT /Users/{id} of the whole user with its SCIM id, no meta, no GET first',
    action: 'updateUser',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT, USER_ADAPTER],
    matches: (request) => isUserPut(request) && plannedBody(request)?.active === true,
  },
  {
    id: 'keycloak.user.disable',
    summary: 'disable a user: the same full PUT with active false',
    action: 'deactivateUser',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT, USER_ADAPTER],
    matches: (request) => isUserPut(request) && plannedBody(request)?.active === false,
  },
  {
    id: 'keycloak.group.replace',
    summary: 'change members or rename: PUT /Groups/{id} of the whole group, members as {value, $ref: "Users/<id>"}',
    action: 'addMembers',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT, GROUP_ADAPTER],
    matches: isGroupPut,
  },
  {
    id: 'keycloak.users.import',
    summary: 'sync import of users: one GET /Users with no filter and no paging parameters',
    action: 'importUsers',
    grade: 'documented',
    citations: [PELOTECH, CLIENT],
    matches: (request) =>
      addresses(request, 'GET', '/Users', 'collection') && Object.keys(request.query ?? {}).length === 0,
  },
  {
    id: 'keycloak.groups.import',
    summary: 'sync import of groups: one GET /Groups with no filter and no paging parameters',
    action: 'importGroups',
    grade: 'documented',
    citations: [PELOTECH, CLIENT],
    matches: (request) =>
      addresses(request, 'GET', '/Groups', 'collection') && Object.keys(request.query ?? {}).length === 0,
  },
];

const isReplace = (operation: { op?: unknown }, path: string, value: (v: unknown) => boolean) =>
  (operation as { path?: unknown }).path === path &&
  operation.op === 'replace' &&
  value((operation as { value?: unknown }).value);

/** `user-patchOp`: the three fixed replace ops; `active` is the string "true" or "false". */
function isUserPatch(request: PlannedRequest, active: 'true' | 'false'): boolean {
  const [first, second, third, ...rest] = plannedOperations(request);
  return (
    addresses(request, 'PATCH', '/Users', 'resource') &&
    rest.length === 0 &&
    first !== undefined &&
    isReplace(first, 'active', (value) => value === active) &&
    second !== undefined &&
    isReplace(second, 'userName', (value) => typeof value === 'string') &&
    third !== undefined &&
    isReplace(third, 'displayName', (value) => typeof value === 'string')
  );
}

/** `group-patchOp`: members (replace of [{value}] or a bare remove), then displayName, then externalId. */
function isGroupPatch(request: PlannedRequest, membership: 'replace' | 'remove'): boolean {
  const [first, second, third, ...rest] = plannedOperations(request);
  const membersOk =
    membership === 'replace'
      ? first !== undefined &&
        isReplace(
          first,
          'members',
          (value) =>
            Array.isArray(value) &&
            value.length > 0 &&
            value.every((member) => Object.keys(member as object).join() === 'value'),
        )
      : first?.op === 'remove' && first.path === 'members' && first.value === undefined;
  return (
    addresses(request, 'PATCH', '/Groups', 'resource') &&
    rest.length === 0 &&
    membersOk &&
    second !== undefined &&
    isReplace(second, 'displayName', (value) => typeof value === 'string') &&
    third !== undefined &&
    isReplace(third, 'externalId', (value) => typeof value === 'string')
  );
}

/** The PATCH modes (`user-patchOp`, `group-patchOp`), on top of the shared create/delete. */
export const KEYCLOAK_PATCH_OPERATIONS: readonly DocumentedOperation[] = [
  ...KEYCLOAK_SHARED_OPERATIONS,
  {
    id: 'keycloak-patch.user.patch',
    summary:
      'update a user: PATCH with exactly replace active ("true", a string), replace userName, replace displayName',
    action: 'updateUser',
    grade: 'documented',
    citations: [MITODL, PELOTECH, USER_ADAPTER],
    matches: (request) => isUserPatch(request, 'true'),
  },
  {
    id: 'keycloak-patch.user.disable',
    summary: 'disable a user: the same three ops with active "false" (a string)',
    action: 'deactivateUser',
    grade: 'documented',
    citations: [MITODL, PELOTECH, USER_ADAPTER],
    matches: (request) => isUserPatch(request, 'false'),
  },
  {
    id: 'keycloak-patch.group.replace-members',
    summary:
      'change members or rename: PATCH replace members [{value}] (no $ref), replace displayName, replace externalId',
    action: 'addMembers',
    grade: 'documented',
    citations: [MITODL, PELOTECH, GROUP_ADAPTER],
    matches: (request) => isGroupPatch(request, 'replace'),
  },
  {
    id: 'keycloak-patch.group.remove-all-members',
    summary: 'last member leaves: PATCH remove path members (no value), replace displayName, replace externalId',
    action: 'removeMembers',
    grade: 'documented',
    citations: [MITODL, PELOTECH, GROUP_ADAPTER],
    matches: (request) => isGroupPatch(request, 'remove'),
  },
];

/** The habits of the connector a server has to cope with, whatever the mode. */
export const KEYCLOAK_QUIRKS: readonly Quirk[] = [
  {
    id: 'keycloak.no-lookup',
    summary:
      'Never looks anything up: SCIM ids live in a Keycloak table, so a user or group the server already has is POSTed again.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT],
  },
  {
    id: 'keycloak.put-update',
    summary: 'Every user change and every group change is a full PUT, with no GET first.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, CLIENT],
  },
  {
    id: 'keycloak.member-ref',
    summary: 'Group members carry $ref "Users/<id>" (relative) in POST and PUT bodies.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, GROUP_ADAPTER],
  },
  {
    id: 'keycloak.email-shape',
    summary: 'One email, typed "work" and marked primary.',
    grade: 'documented',
    citations: [PELOTECH, USER_ADAPTER],
    disagreement:
      'mitodl (2024-09) sends the email as {value} alone, with neither type nor primary; pelotech adds both.',
  },
  {
    id: 'keycloak.unpaged-import',
    summary: 'The sync import reads one un-paged GET and never asks for the next page.',
    grade: 'documented',
    citations: [PELOTECH, CLIENT],
    disagreement: 'mitodl (2024-09) lists the literal URL "url", so its import never reaches the server.',
  },
  {
    id: 'keycloak.no-retry-on-status',
    summary: 'A non-2xx answer is logged and dropped; only transport errors are retried (pelotech, resilience4j).',
    grade: 'documented',
    citations: [PELOTECH, CLIENT],
  },
  {
    id: 'keycloak.put-405-falls-back-to-patch',
    summary:
      'pelotech: a 405 to a group PUT is retried as the group-patchOp PATCH; a 404 or 400 to any replace re-creates the resource with POST (not reproduced by the profile).',
    grade: 'documented',
    citations: [PELOTECH, 'pelotech/keycloak-scim ScimClient.java replace (f1cafa7, 2026-05)'],
  },
  {
    id: 'keycloak.no-test-connection',
    summary: 'Keycloak has no "test connection": the step is skipped.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'keycloak.unassign-is-delete',
    summary: 'Keycloak has no app assignment: unassignUser is the user being deleted in Keycloak (hard DELETE).',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'keycloak.no-unlink',
    summary: 'Keycloak has no unlink: unlinkGroup without deleteInTarget sends nothing.',
    grade: 'inferred',
    citations: [],
  },
];

/** The PATCH modes add these. */
export const KEYCLOAK_PATCH_QUIRKS: readonly Quirk[] = [
  ...KEYCLOAK_QUIRKS.filter((quirk) => quirk.id !== 'keycloak.put-update'),
  {
    id: 'keycloak-patch.string-active',
    summary: 'user-patchOp sends active as the string "true" or "false", not a JSON boolean.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, USER_ADAPTER],
  },
  {
    id: 'keycloak-patch.fixed-user-ops',
    summary:
      'user-patchOp always sends the same three replace ops (active, userName, displayName): name and email changes never reach the server.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, USER_ADAPTER],
  },
  {
    id: 'keycloak-patch.members-replace',
    summary:
      'group-patchOp replaces the whole member list on every change; an empty group gets a bare "remove" of members.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, GROUP_ADAPTER],
  },
  {
    id: 'keycloak-patch.op-order',
    summary:
      'The ops come in a fixed order: active, userName, displayName for users; members, displayName, externalId for groups.',
    grade: 'documented',
    citations: [MITODL, PELOTECH, USER_ADAPTER, GROUP_ADAPTER],
  },
];
