import type { DocumentedOperation, Quirk } from './evidence.js';
import { addresses, plannedBody, plannedOperations } from './request-helpers.js';

// What authentik's SCIM provider sends, request by request, read in goauthentik/authentik
// authentik/providers/scim/clients/{base,users,groups,schema}.py (the stored versions with the
// 409 adoption and the diff-before-write) and the pull requests that changed it since.

const AUTHENTIK = 'authentik';
const BASE = 'authentik/providers/scim/clients/base.py (SCIMClient.__init__, _request, get_service_provider_config)';
const USERS = 'authentik/providers/scim/clients/users.py (create, update, delete, discover)';
const GROUPS =
  'authentik/providers/scim/clients/groups.py (create, update, _update_patch_general, patch_compare_users, _patch_chunked, discover)';
const PR_23950 =
  'goauthentik/authentik PR #23950 (merged 2026-07-13): the group PATCH value no longer carries the read-only id';

/** One op per member, `{op, path: "members", value: [{value}]}`, all of the same kind. */
function isMemberPatch(request: Parameters<DocumentedOperation['matches']>[0], op: 'add' | 'remove'): boolean {
  const operations = plannedOperations(request);
  return (
    addresses(request, 'PATCH', '/Groups', 'resource') &&
    operations.length > 0 &&
    operations.every(
      (operation) =>
        operation.op === op &&
        operation.path === 'members' &&
        Array.isArray(operation.value) &&
        operation.value.length === 1 &&
        Object.keys(operation.value[0] as object).join() === 'value',
    )
  );
}

export const AUTHENTIK_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'authentik.config.read',
    summary: 'read the server capabilities: GET /ServiceProviderConfig',
    action: 'testConnection',
    grade: 'documented',
    citations: [AUTHENTIK, BASE],
    matches: (request) => request.method === 'GET' && request.path === '/ServiceProviderConfig',
  },
  {
    id: 'authentik.user.create',
    summary: 'create a user: POST /Users with the mapped user and externalId, no lookup first',
    action: 'assignUser',
    grade: 'documented',
    citations: [AUTHENTIK, USERS],
    matches: (request) =>
      addresses(request, 'POST', '/Users', 'collection') && typeof plannedBody(request)?.externalId === 'string',
  },
  {
    id: 'authentik.user.replace',
    summary: 'any user change: PUT /Users/{id} of the whole mapped user, with id and active',
    action: 'updateUser',
    grade: 'documented',
    citations: [AUTHENTIK, USERS],
    matches: (request) =>
      addresses(request, 'PUT', '/Users', 'resource') &&
      request.path === `/Users/${String(plannedBody(request)?.id)}` &&
      plannedBody(request)?.active === true,
  },
  {
    id: 'authentik.user.deactivate',
    summary: 'a user deactivated in authentik: the same full PUT with active false',
    action: 'deactivateUser',
    grade: 'documented',
    citations: [AUTHENTIK, USERS],
    matches: (request) => addresses(request, 'PUT', '/Users', 'resource') && plannedBody(request)?.active === false,
  },
  {
    id: 'authentik.user.delete',
    summary: 'delete a user: DELETE /Users/{id}',
    action: 'deleteUser',
    grade: 'documented',
    citations: [AUTHENTIK, USERS],
    matches: (request) => addresses(request, 'DELETE', '/Users', 'resource'),
  },
  {
    id: 'authentik.group.create',
    summary: 'create a group: POST /Groups with displayName and externalId and no members (PATCH advertised)',
    action: 'pushGroup',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
    matches: (request) =>
      addresses(request, 'POST', '/Groups', 'collection') &&
      typeof plannedBody(request)?.externalId === 'string' &&
      plannedBody(request)?.members === undefined,
  },
  {
    id: 'authentik.group.add-members',
    summary: 'add members: PATCH with one add op per member, path members, value [{value}]',
    action: 'addMembers',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
    matches: (request) => isMemberPatch(request, 'add'),
  },
  {
    id: 'authentik.group.remove-members',
    summary: 'remove members: PATCH with one remove op per member, path members, value [{value}]',
    action: 'removeMembers',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
    matches: (request) => isMemberPatch(request, 'remove'),
  },
  {
    id: 'authentik.group.update',
    summary:
      'rename or any group change: PATCH without the PatchOp "schemas", one path-less replace whose value is the group (schemas, displayName, externalId; no id, no members)',
    action: 'renameGroup',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS, PR_23950],
    matches: (request) => {
      const [operation, ...rest] = plannedOperations(request);
      const value = operation?.value as Record<string, unknown> | undefined;
      return (
        addresses(request, 'PATCH', '/Groups', 'resource') &&
        // exclude_unset drops the PatchRequest's default schemas (quirk authentik.patch-no-schemas).
        !Object.hasOwn((request.body ?? {}) as object, 'schemas') &&
        rest.length === 0 &&
        operation?.op === 'replace' &&
        operation.path === undefined &&
        typeof value?.displayName === 'string' &&
        typeof value.externalId === 'string' &&
        value.id === undefined &&
        value.members === undefined
      );
    },
  },
  {
    id: 'authentik.group.read',
    summary: 'after a group update: GET /Groups/{id} to compare members (patch_compare_users)',
    action: 'renameGroup',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
    matches: (request) => addresses(request, 'GET', '/Groups', 'resource') && request.query === undefined,
  },
  {
    id: 'authentik.group.delete',
    summary: 'delete a group: DELETE /Groups/{id}',
    action: 'deleteGroup',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
    matches: (request) => addresses(request, 'DELETE', '/Groups', 'resource'),
  },
  {
    id: 'authentik.users.discover',
    summary: 'discover users: GET /Users with no query (the next pages ask ?startIndex=N, no count)',
    action: 'importUsers',
    grade: 'documented',
    citations: [AUTHENTIK, USERS],
    matches: (request) => addresses(request, 'GET', '/Users', 'collection') && request.query === undefined,
  },
  {
    id: 'authentik.groups.discover',
    summary: 'discover groups: GET /Groups with no query (the next pages ask ?startIndex=N, no count)',
    action: 'importGroups',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
    matches: (request) => addresses(request, 'GET', '/Groups', 'collection') && request.query === undefined,
  },
];

export const AUTHENTIK_QUIRKS: readonly Quirk[] = [
  {
    id: 'authentik.reads-config',
    summary:
      'Reads /ServiceProviderConfig whenever it builds a client (each sync task) and, when that fails, assumes no PATCH, filter or bulk (the profile reads it once, in testConnection).',
    grade: 'documented',
    citations: [AUTHENTIK, BASE],
  },
  {
    id: 'authentik.put-users',
    summary: 'Every user change is a full PUT (id included), skipped when nothing changed since its last write.',
    grade: 'documented',
    citations: [AUTHENTIK, USERS],
  },
  {
    id: 'authentik.patch-members-only',
    summary:
      'With PATCH advertised, members change by PATCH (one op per member) and the group itself by a path-less replace; without it, every group change is a PUT of the group with id, externalId and all members, falling back to PATCH when the PUT is refused (the profile reproduces the PATCH branch: the embedded server always advertises PATCH).',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
  },
  {
    id: 'authentik.remove-member-by-value',
    summary: 'Removes a member with {"op":"remove","path":"members","value":[{"value":id}]}, no filter in the path.',
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
  },
  {
    id: 'authentik.patch-no-schemas',
    summary:
      'The path-less group replace goes out without "schemas" (the PatchRequest is dumped with exclude_unset, dropping its default); the member PATCHes carry it. A server that refuses it fails INTEROP-PATCH-NO-SCHEMAS.',
    grade: 'observed',
    observedOn: '2026-05-20',
    citations: [
      AUTHENTIK,
      GROUPS,
      'Infisical/infisical issue #6552 (authentik 2026.2 client: PATCH refused for missing schemas)',
    ],
  },
  {
    id: 'authentik.adopt-on-409',
    summary:
      'A 409 on create, when filtering is advertised, is followed by GET ?filter=userName eq "<name>" (groups: displayName eq "<name>") and the first result is linked.',
    grade: 'documented',
    citations: [AUTHENTIK, USERS, GROUPS],
  },
  {
    id: 'authentik.put-after-adopt',
    summary: 'After adopting an existing user the profile PUTs it at once; authentik writes it on its next sync.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'authentik.paging',
    summary: 'Discovery pages with ?startIndex=N and no count, until totalResults resources were seen.',
    grade: 'documented',
    citations: [AUTHENTIK, USERS, GROUPS],
  },
  {
    id: 'authentik.chunked-patch',
    summary:
      "Member ops are chunked by the server's bulk.maxOperations; the profile sends them in one PATCH (the embedded server allows 1000).",
    grade: 'documented',
    citations: [AUTHENTIK, GROUPS],
  },
  {
    id: 'authentik.headers',
    summary: 'Headers: Accept and Content-Type application/scim+json.',
    grade: 'documented',
    citations: [AUTHENTIK, BASE],
  },
  {
    id: 'authentik.email-other',
    summary: 'The default user mapping types the email "other" and sends no displayName.',
    grade: 'documented',
    citations: [AUTHENTIK],
  },
  {
    id: 'authentik.unassign-deletes',
    summary: "unassignUser (the user leaves the provider's scope) sends DELETE.",
    grade: 'inferred',
    citations: [],
  },
];
