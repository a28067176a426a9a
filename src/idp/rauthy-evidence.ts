import type { DocumentedOperation, Quirk } from './evidence.js';
import type { PlannedRequest } from './profile.js';
import { SOURCES } from './sources.js';

// What Rauthy's SCIM client source (SOURCES.rauthy, src/data/src/entity/clients_scim.rs) shows it
// sending, request by request, and the habits a server must cope with. Every entry is graded
// `documented`: the source builds the request itself.

const filterOf = (request: PlannedRequest): string => request.query?.filter ?? '';
const operationsOf = (request: PlannedRequest): Record<string, unknown>[] =>
  ((request.body as { Operations?: unknown } | undefined)?.Operations as Record<string, unknown>[] | undefined) ?? [];
const isGroupPatch = (request: PlannedRequest): boolean =>
  request.method === 'PATCH' && request.path.startsWith('/Groups/');
const isGet = (request: PlannedRequest, path: string, filterPrefix: string): boolean =>
  request.method === 'GET' && request.path === path && filterOf(request).startsWith(filterPrefix);

const SRC = [SOURCES.rauthy];

export const RAUTHY_DOCUMENTED_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'rauthy.user.lookup-external-id',
    summary: 'get_user: GET /Users?filter=externalId eq "<rauthy id>" (no Accept header)',
    action: 'assignUser',
    grade: 'documented',
    citations: SRC,
    matches: (request) => isGet(request, '/Users', 'externalId eq "'),
  },
  {
    id: 'rauthy.user.lookup-user-name',
    summary: 'get_user fallback when externalId finds nothing: GET /Users?filter=userName eq "<email>"',
    action: 'assignUser',
    grade: 'documented',
    citations: SRC,
    matches: (request) => isGet(request, '/Users', 'userName eq "'),
  },
  {
    id: 'rauthy.user.create',
    summary: 'create_user: POST /Users with externalId, userName = displayName = email, untyped primary email, roles',
    action: 'assignUser',
    grade: 'documented',
    citations: SRC,
    matches: (request) => request.method === 'POST' && request.path === '/Users',
  },
  {
    id: 'rauthy.user.update',
    summary: 'update_user: PUT /Users/{id} with the whole user and the remote id in the body',
    action: 'updateUser',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      request.method === 'PUT' &&
      request.path.startsWith('/Users/') &&
      (request.body as { id?: unknown } | undefined)?.id !== undefined,
  },
  {
    id: 'rauthy.user.disable',
    summary: 'a disabled Rauthy user re-synced: PUT /Users/{id} with active false',
    action: 'deactivateUser',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      request.method === 'PUT' &&
      request.path.startsWith('/Users/') &&
      (request.body as { active?: unknown } | undefined)?.active === false,
  },
  {
    id: 'rauthy.user.delete',
    summary: 'delete_user_exec: DELETE /Users/{id} after the lookup',
    action: 'deleteUser',
    grade: 'documented',
    citations: SRC,
    matches: (request) => request.method === 'DELETE' && request.path.startsWith('/Users/'),
  },
  {
    id: 'rauthy.group.lookup-external-id',
    summary: 'get_group: GET /Groups?filter=externalId eq "<rauthy group id>"',
    action: 'pushGroup',
    grade: 'documented',
    citations: SRC,
    matches: (request) => isGet(request, '/Groups', 'externalId eq "'),
  },
  {
    id: 'rauthy.group.lookup-display-name',
    summary: 'get_group fallback: GET /Groups?filter=displayName eq "<name>"',
    action: 'pushGroup',
    grade: 'documented',
    citations: SRC,
    matches: (request) => isGet(request, '/Groups', 'displayName eq "'),
  },
  {
    id: 'rauthy.group.create',
    summary: 'create_group: POST /Groups with externalId and displayName, no members',
    action: 'pushGroup',
    grade: 'documented',
    citations: SRC,
    matches: (request) => request.method === 'POST' && request.path === '/Groups',
  },
  {
    id: 'rauthy.group.replace',
    summary: 'update_group: PATCH /Groups/{id} with a path-less replace of {displayName, externalId}',
    action: 'renameGroup',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      isGroupPatch(request) &&
      operationsOf(request).some(
        (op) =>
          op.op === 'replace' &&
          op.path === undefined &&
          typeof (op.value as { externalId?: unknown })?.externalId === 'string',
      ),
  },
  {
    id: 'rauthy.group.unlink',
    summary: 'update_group with remove_ext_id_link (scim.sync_delete_groups off): replace with externalId null',
    action: 'unlinkGroup',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      isGroupPatch(request) &&
      operationsOf(request).some(
        (op) => op.op === 'replace' && (op.value as { externalId?: unknown })?.externalId === null,
      ),
  },
  {
    id: 'rauthy.group.member-add',
    summary: 'update_groups_assignment: PATCH add on members with [{value, display}], one user per request',
    action: 'addMembers',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      isGroupPatch(request) && operationsOf(request).some((op) => op.op === 'add' && op.path === 'members'),
  },
  {
    id: 'rauthy.group.member-remove',
    summary: 'update_groups_assignment: PATCH remove on members with a value array [{value}]',
    action: 'removeMembers',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      isGroupPatch(request) && operationsOf(request).some((op) => op.op === 'remove' && Array.isArray(op.value)),
  },
  {
    id: 'rauthy.group.delete',
    summary: 'delete_group_exec: GET by externalId only, then DELETE /Groups/{id}',
    action: 'deleteGroup',
    grade: 'documented',
    citations: SRC,
    matches: (request) => request.method === 'DELETE' && request.path.startsWith('/Groups/'),
  },
  {
    id: 'rauthy.group.list',
    summary: 'sync_groups_exec: GET /Groups?startIndex=N&count=100 until a page holds fewer than 100',
    action: 'importGroups',
    grade: 'documented',
    citations: SRC,
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Groups' &&
      request.query?.count === '100' &&
      request.query?.startIndex !== undefined,
  },
];

export const RAUTHY_QUIRKS: readonly Quirk[] = [
  {
    id: 'rauthy.put-update',
    summary: 'Every user change is a full PUT /Users/{id} carrying the remote id in the body; users are never PATCHed.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.external-id-filters',
    summary:
      'Users are found by externalId eq, then userName eq; groups by externalId eq, then displayName eq: all four filters must work, and a resource found with another externalId stops the sync.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.unescaped-filter',
    summary:
      'Filter values are pasted between quotes unescaped (format!), so a name holding a quote or a backslash makes an invalid filter.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.groups-attribute',
    summary:
      "Memberships follow the user's `groups` in the answer to its PUT or POST: a server that leaves `groups` out gets an add on every sync and never a remove.",
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.remove-by-value',
    summary:
      'A member is removed with {"op":"remove","path":"members","value":[{"value":id}]}, which must remove only that member.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.external-id-echo',
    summary: 'A group POST fails unless the answer echoes the externalId Rauthy sent.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.untyped-email',
    summary: 'The one email has no `type` (value and primary only), and displayName is the email too.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.unlink-not-delete',
    summary:
      'With scim.sync_delete_users / sync_delete_groups off (the code default) a resource that leaves scope is not deleted but PUT or PATCHed with externalId null.',
    grade: 'documented',
    citations: [SOURCES.rauthy, 'rauthy config.toml [scim] (default: false)'],
  },
  {
    id: 'rauthy.no-accept-on-reads',
    summary:
      'Filtered lookups and DELETEs carry no Accept header; writes and the paged group list send application/scim+json.',
    grade: 'documented',
    citations: SRC,
  },
  {
    id: 'rauthy.ids',
    summary: "Rauthy's user and group ids (sent as externalId) are stand-ins derived from the scenario keys.",
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'rauthy.unassign-deletes',
    summary:
      "unassignUser stands for a user leaving the client's group prefix with scim.sync_delete_users on (lookup, DELETE).",
    grade: 'inferred',
    citations: SRC,
  },
  {
    id: 'rauthy.member-resync',
    summary:
      "The PUT before a membership change re-sends the user as the server holds it (Rauthy's copy is assumed in sync).",
    grade: 'inferred',
    citations: [],
  },
];
