import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import type { DocumentedOperation, Quirk } from './evidence.js';
import type { ActionProgram, GroupView, IdpProfile, MemberRef, PlannedRequest, UserView } from './profile.js';
import {
  createdId,
  deleteGroupProgram,
  deleteUserProgram,
  eqFilter,
  groupPatchRequest,
  listedResources,
  send,
  unlinkGroupProgram,
  userResource,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// PingFederate's SCIM Provisioner (also the PingOne "SCIM Outbound" connection). Ping documents
// which requests it makes (feature table, user and group management, provisioning options) but
// shows no request body: every body shape below is inferred and says so.

/** No source shows the media types; the SCIM 2.0 default is assumed (inferred). */
const PING_HEADERS = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };

/**
 * The user filter the profile sends. The PingOne page says the default template follows the User
 * Identifier field (userName by default, SOURCES.pingUserGroupManagement) and shows
 * `username Eq "%s"` only as an example of an override, so the default spelling is inferred.
 */
export function pingUserFilter(userName: string): string {
  return eqFilter('userName', userName);
}

/** The full user, as PUT needs it (RFC 7644 §3.5.1); with `id` once the server issued one. */
function pingUserBody(user: UserView): Record<string, unknown> {
  const body = userResource(user);
  return user.id === undefined ? body : { ...body, id: user.id };
}

function* putUser(user: UserView): ActionProgram {
  // "PATCH: Users No" (SOURCES.pingScimProvisioner): every user change is a full PUT.
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id!,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: pingUserBody(user),
  });
  return { verifies: 'PUT-SUPPORTED' };
}

/** Membership added as one `add` on `members` (RFC 7644 §3.5.2.1 form; inferred). */
const addMembersOp = (members: MemberRef[]) => ({
  op: 'add',
  path: 'members',
  value: members.map((member) => ({ value: member.id })),
});

/** One `remove` per member with a value filter (RFC 7644 §3.5.2.2 form; inferred). */
const removeMemberOps = (members: MemberRef[]) =>
  members.map((member) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(member.id)}]` }));

function* pushGroup(group: GroupView, members: MemberRef[]): ActionProgram {
  let id = group.id;
  if (id === undefined) {
    // "The connector allows group filtering by retrieving all groups and finding a match"
    // (SOURCES.pingScimProvisioner): an unfiltered GET /Groups, matched on displayName here.
    const all = yield* send({ purpose: 'listGroups', method: 'GET', path: '/Groups' });
    const found = listedResources(all).find((resource) => resource.displayName === group.displayName)?.id;
    if (typeof found === 'string') id = found;
    else {
      const create = yield* send({
        purpose: 'createGroup',
        method: 'POST',
        path: '/Groups',
        body: { schemas: [URN.group], displayName: group.displayName },
      });
      const created = createdId(create, `group ${group.displayName}`);
      if ('failure' in created) return created.failure;
      id = created.id;
    }
  }
  // "Group membership updates": the difference from what was pushed before, as one PATCH
  // ("PATCH: Groups Yes", SOURCES.pingScimProvisioner); adds first, then removes (inferred).
  const pushed = group.id === undefined ? [] : group.members;
  const missing = members.filter((member) => !pushed.some((have) => have.id === member.id));
  const gone = pushed.filter((have) => !members.some((member) => member.id === have.id));
  const operations = [...(missing.length > 0 ? [addMembersOp(missing)] : []), ...removeMemberOps(gone)];
  if (operations.length === 0) return { groupId: id, verifies: 'GROUP-CREATE' };
  yield* send(groupPatchRequest(id, operations));
  return { groupId: id, verifies: 'PATCH-MEMBERS-ADD' };
}

const isPatchOf = (request: PlannedRequest, kind: '/Users/' | '/Groups/') =>
  request.method === 'PATCH' && request.path.startsWith(kind);
const operationsOf = (request: PlannedRequest): Record<string, unknown>[] =>
  ((request.body as { Operations?: Record<string, unknown>[] } | undefined)?.Operations ?? []) as Record<
    string,
    unknown
  >[];
const bodyOf = (request: PlannedRequest) => (request.body ?? {}) as Record<string, unknown>;

const DOCS = [SOURCES.pingScimProvisioner, SOURCES.pingUserGroupManagement];

/** What the Ping documents show the provisioner doing, one entry per request. */
export const PING_DOCUMENTED_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'ping.user.lookup',
    summary: 'match an existing user on userName before creating: GET /Users?filter=userName eq "…"',
    action: 'assignUser',
    grade: 'documented',
    citations: [SOURCES.pingUserGroupManagement, SOURCES.pingOneFilterExpressions],
    matches: (request) =>
      request.method === 'GET' && request.path === '/Users' && /^userName eq /i.test(request.query?.filter ?? ''),
  },
  {
    id: 'ping.user.create',
    summary: 'create a user: POST /Users with the mapped attributes and active',
    action: 'assignUser',
    grade: 'documented',
    citations: DOCS,
    matches: (request) => request.method === 'POST' && request.path === '/Users' && bodyOf(request).active !== false,
  },
  {
    id: 'ping.user.create-disabled',
    summary: 'provision a user disabled in the datastore: POST /Users with active false ("Provision disabled users")',
    action: 'assignUser',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner, SOURCES.pingProvisioningOptions],
    matches: (request) => request.method === 'POST' && request.path === '/Users' && bodyOf(request).active === false,
  },
  {
    id: 'ping.user.update',
    summary: 'update a user: a full PUT /Users/{id} (the provisioner never PATCHes users)',
    action: 'updateUser',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner],
    matches: (request) =>
      request.method === 'PUT' && request.path.startsWith('/Users/') && bodyOf(request).active === true,
  },
  {
    id: 'ping.user.disable',
    summary: 'deprovision with Remove User Action "Disable" (the default): PUT /Users/{id} with active false',
    action: 'unassignUser',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner, SOURCES.pingProvisioningOptions],
    matches: (request) =>
      request.method === 'PUT' && request.path.startsWith('/Users/') && bodyOf(request).active === false,
  },
  {
    id: 'ping.user.delete',
    summary: 'deprovision with Remove User Action "Delete": DELETE /Users/{id}',
    action: 'deleteUser',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner, SOURCES.pingProvisioningOptions],
    matches: (request) => request.method === 'DELETE' && request.path.startsWith('/Users/'),
  },
  {
    id: 'ping.group.list-all',
    summary: 'find a group by retrieving all groups: GET /Groups with no filter',
    action: 'pushGroup',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner],
    matches: (request) => request.method === 'GET' && request.path === '/Groups' && request.query?.filter === undefined,
  },
  {
    id: 'ping.group.create',
    summary: 'create a group: POST /Groups',
    action: 'pushGroup',
    grade: 'documented',
    citations: DOCS,
    matches: (request) => request.method === 'POST' && request.path === '/Groups',
  },
  {
    id: 'ping.group.members-add',
    summary: 'add members: PATCH /Groups/{id} (op shape inferred: add on members)',
    action: 'addMembers',
    grade: 'documented',
    citations: DOCS,
    matches: (request) => isPatchOf(request, '/Groups/') && operationsOf(request).some((op) => op.op === 'add'),
  },
  {
    id: 'ping.group.members-remove',
    summary: 'remove members: PATCH /Groups/{id} (op shape inferred: remove members[value eq …])',
    action: 'removeMembers',
    grade: 'documented',
    citations: DOCS,
    matches: (request) =>
      isPatchOf(request, '/Groups/') &&
      operationsOf(request).some((op) => op.op === 'remove' && String(op.path).startsWith('members[')),
  },
  {
    id: 'ping.group.rename',
    summary: 'group name update: PATCH /Groups/{id} (op shape inferred: replace displayName)',
    action: 'renameGroup',
    grade: 'documented',
    citations: DOCS,
    matches: (request) =>
      isPatchOf(request, '/Groups/') && operationsOf(request).some((op) => op.path === 'displayName'),
  },
  {
    id: 'ping.group.delete',
    summary: 'delete a group: DELETE /Groups/{id}',
    action: 'deleteGroup',
    grade: 'documented',
    citations: DOCS,
    matches: (request) => request.method === 'DELETE' && request.path.startsWith('/Groups/'),
  },
];

/** The habits a server must cope with, graded by the evidence for each. */
export const PING_QUIRKS: readonly Quirk[] = [
  {
    id: 'ping.put-update',
    summary: 'Users are never PATCHed: every change, disable and re-enable included, is a full PUT.',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner],
  },
  {
    id: 'ping.groups-by-listing',
    summary:
      'Groups are found by listing every group (GET /Groups, no filter) and matching locally, so the list must hold them all.',
    grade: 'documented',
    citations: [SOURCES.pingScimProvisioner],
  },
  {
    id: 'ping.filter-template',
    summary:
      'The user filter is an admin template with "%s" (e.g. `username Eq "%s"`): attribute names and operators arrive in any case (RFC 7644 §3.4.2.2 makes both case-insensitive). The profile sends the default, userName eq.',
    grade: 'documented',
    citations: [SOURCES.pingOneFilterExpressions],
  },
  {
    id: 'ping.default-filter-spelling',
    summary: 'The default user filter is spelled userName eq "…": the documents give only examples of an override.',
    grade: 'inferred',
    citations: [SOURCES.pingOneFilterExpressions],
  },
  {
    id: 'ping.disable-default',
    summary:
      'Deprovisioning disables (PUT active:false) by default; only the "Delete" Remove User Action sends DELETE.',
    grade: 'documented',
    citations: [SOURCES.pingProvisioningOptions],
  },
  {
    id: 'ping.create-disabled',
    summary: 'With "Provision disabled users" on, a user disabled in the datastore is created with active:false.',
    grade: 'documented',
    citations: [SOURCES.pingProvisioningOptions],
  },
  {
    id: 'ping.body-shapes',
    summary:
      'Request bodies (the user attributes, group POST without members, add/remove/replace op shapes) follow RFC 7644; no Ping source shows one.',
    grade: 'inferred',
    citations: [SOURCES.rfc7644],
  },
  {
    id: 'ping.headers',
    summary: 'Accept and Content-Type application/scim+json.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'ping.delete-user-action',
    summary:
      'deleteUser stands for the "Delete" Remove User Action (DELETE); unassignUser for the default "Disable". The scenario language has no per-step setting.',
    grade: 'inferred',
    citations: [SOURCES.pingProvisioningOptions],
  },
];

export const pingProfile: IdpProfile = {
  name: 'ping',
  title: 'PingFederate / PingOne SCIM provisioner',
  summary:
    'Looks users up by userName eq before POSTing them (active:false when provisioning disabled users); every user change is a full PUT, deprovisioning disables by PUT active:false (the default Remove User Action) or DELETEs; groups are found by listing all of /Groups, created with POST, and PATCHed for members and names.',
  verified: true,
  sources: [
    SOURCES.pingScimProvisioner,
    SOURCES.pingUserGroupManagement,
    SOURCES.pingProvisioningOptions,
    SOURCES.pingOneFilterExpressions,
  ],
  quirks: PING_QUIRKS,
  documentedOperations: PING_DOCUMENTED_OPERATIONS,
  headers: PING_HEADERS,
  userMapping: FULL_USER_MAPPING,
  actions: {
    *testConnection() {
      return { skipped: 'the Ping SCIM provisioner documents no connection test request' };
    },
    *assignUser(user) {
      const lookup = yield* send({
        purpose: 'lookupUser',
        method: 'GET',
        path: '/Users',
        query: { filter: pingUserFilter(user.userName) },
      });
      const found = listedResources(lookup)[0]?.id;
      if (typeof found === 'string') {
        // "Synchronizing existing users": the match is linked and brought up to date, and a
        // disabled match re-enabled ("PingFederate can also re-enable disabled users").
        const outcome = yield* putUser({ ...user, id: found, active: true });
        return { ...outcome, userId: found };
      }
      const create = yield* send({ purpose: 'createUser', method: 'POST', path: '/Users', body: pingUserBody(user) });
      const created = createdId(create, `user ${user.userName}`);
      if ('failure' in created) return created.failure;
      return { userId: created.id, verifies: 'CREATE-201', ...(user.active ? {} : { createdInactive: true }) };
    },
    updateUser: (user, changes) => putUser(withChanges(user, changes)),
    deactivateUser: (user) => putUser({ ...user, active: false }),
    // "PingFederate can also re-enable disabled users" when User Update is on.
    reactivateUser: (user) => putUser({ ...user, active: true }),
    *unassignUser(user) {
      yield* putUser({ ...user, active: false });
      return { userEffect: 'deactivated', verifies: 'PUT-SUPPORTED' };
    },
    *deleteUser(user) {
      return yield* deleteUserProgram(user);
    },
    pushGroup,
    *addMembers(group, added) {
      if (added.length > 0) yield* send(groupPatchRequest(group.id!, [addMembersOp(added)]));
      return { verifies: 'PATCH-MEMBERS-ADD' };
    },
    *removeMembers(group, removed) {
      if (removed.length > 0) yield* send(groupPatchRequest(group.id!, removeMemberOps(removed)));
      return { verifies: 'PATCH-MEMBERS-REMOVE' };
    },
    *renameGroup(group, newName) {
      yield* send(groupPatchRequest(group.id!, [{ op: 'replace', path: 'displayName', value: newName }]));
      return { verifies: 'GROUP-RENAME' };
    },
    *unlinkGroup(group, deleteInTarget) {
      return yield* unlinkGroupProgram(group, deleteInTarget);
    },
    *deleteGroup(group) {
      return yield* deleteGroupProgram(group);
    },
    *importUsers() {
      return { skipped: 'the Ping SCIM provisioner pushes only; it does not import from the target' };
    },
    *importGroups() {
      return { skipped: 'the Ping SCIM provisioner pushes only; it does not import from the target' };
    },
  },
};
