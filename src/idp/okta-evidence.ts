import type { DocumentedOperation, Quirk } from './evidence.js';
import {
  bodyOf,
  filtersOn,
  isPlainObject,
  isResourcePath,
  type PatchOperationShape,
  patchOperations,
  queryKeys,
} from './evidence-match.js';
import type { PlannedRequest } from './profile.js';
import { SOURCES } from './sources.js';

// What the Okta sources show Okta sending, request by request, and the habits a server has to cope
// with. Read in okta-developer-docs (docs/reference/scim/scim-20 and scim-11, their 2019 editions,
// docs/concepts/scim, docs/guides/scim-provisioning-integration-*).

/** A section of the Okta SCIM 2.0 reference. */
export function okta20(section: string): string {
  return `${SOURCES.okta20}, "${section}"`;
}
/** A section of the Okta SCIM 1.1 reference. */
export function okta11(section: string): string {
  return `${SOURCES.okta11.split(':')[0]}, "${section}"`;
}

const isPathlessActive = (operation: PatchOperationShape, active: boolean): boolean =>
  operation.op === 'replace' &&
  operation.path === undefined &&
  isPlainObject(operation.value) &&
  operation.value.active === active &&
  Object.keys(operation.value).length === 1;

/** The path-less `replace` of `{active}` on a user (OIN apps only). */
function isActivePatch(request: PlannedRequest, active: boolean): boolean {
  const operations = patchOperations(request);
  return isResourcePath(request, 'Users') && operations.length === 1 && isPathlessActive(operations[0]!, active);
}

/** The rename PATCH: path-less replace whose value is exactly `{id, displayName}`. */
function isRenamePatch(request: PlannedRequest): boolean {
  const operations = patchOperations(request);
  const value = operations[0]?.value;
  return (
    isResourcePath(request, 'Groups') &&
    operations.length === 1 &&
    operations[0]!.op === 'replace' &&
    operations[0]!.path === undefined &&
    isPlainObject(value) &&
    Object.keys(value).sort().join(',') === 'displayName,id'
  );
}

const isMemberRemoveByFilter = (operation: PatchOperationShape): boolean =>
  operation.op === 'remove' && /^members\[value eq ".+"\]$/.test(operation.path ?? '') && operation.value === undefined;
const isMemberAdd = (operation: PatchOperationShape): boolean =>
  operation.op === 'add' &&
  operation.path === 'members' &&
  Array.isArray(operation.value) &&
  operation.value.every((member) => isPlainObject(member) && 'value' in member && 'display' in member);

/** The user body keys of the reference's create sample, in its order. */
const CREATE_KEYS = [
  'schemas',
  'userName',
  'name',
  'emails',
  'displayName',
  'locale',
  'externalId',
  'groups',
  'password',
  'active',
];

/** Operations both Okta profiles send the same way: lookup, create, reads, imports, test connection. */
export const OKTA_SHARED_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'okta.testConnection.users',
    summary: 'test connection: GET /Users?startIndex=1&count=2',
    action: 'testConnection',
    grade: 'documented',
    citations: [okta11('Create Users'), 'the SCIM 2.0 reference shows no test connection: carried over from 1.1'],
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Users' &&
      request.query?.startIndex === '1' &&
      request.query?.count === '2' &&
      request.query?.filter === undefined,
  },
  {
    id: 'okta.testConnection.groups',
    summary: 'test connection: GET /Groups?startIndex=1&count=100, the second of "two requests"',
    action: 'testConnection',
    grade: 'documented',
    citations: [okta11('Create Users')],
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Groups' &&
      queryKeys(request).join(',') === 'count,startIndex' &&
      request.query?.startIndex === '1' &&
      request.query?.count === '100',
  },
  {
    id: 'okta.user.lookup',
    summary: 'lookup before create: GET /Users?filter=userName eq "…"&startIndex=1&count=100',
    action: 'assignUser',
    grade: 'documented',
    citations: [okta20('Determine if the User already exists')],
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Users' &&
      filtersOn(request, 'userName') &&
      request.query?.startIndex === '1' &&
      request.query?.count === '100',
  },
  {
    id: 'okta.user.create',
    summary:
      'create: POST /Users with the app profile (name, emails {primary, value, type}, displayName, locale, externalId, groups [], password, active)',
    action: 'assignUser',
    grade: 'documented',
    citations: [okta20('Create the User')],
    matches: (request) => {
      const body = bodyOf(request);
      if (request.method !== 'POST' || request.path !== '/Users' || !body) return false;
      const keys = Object.keys(body).filter((key) => CREATE_KEYS.includes(key));
      const emails = body.emails;
      return (
        keys.join(',') === CREATE_KEYS.join(',') &&
        body.locale === 'en-US' &&
        Array.isArray(body.groups) &&
        body.groups.length === 0 &&
        Array.isArray(emails) &&
        isPlainObject(emails[0]) &&
        Object.keys(emails[0]).join(',') === 'primary,value,type'
      );
    },
  },
  {
    id: 'okta.user.read-before-put',
    summary: 'profile update, first request: GET /Users/{id}',
    action: 'updateUser',
    grade: 'documented',
    citations: [okta20('Retrieve the User')],
    matches: (request) => request.method === 'GET' && isResourcePath(request, 'Users') && request.query === undefined,
  },
  {
    id: 'okta.user.put',
    summary: 'profile update: PUT /Users/{id} with the app profile and the SCIM id',
    action: 'updateUser',
    grade: 'documented',
    citations: [okta20('Update the User')],
    matches: (request) => {
      const body = bodyOf(request);
      return (
        request.method === 'PUT' &&
        isResourcePath(request, 'Users') &&
        body !== undefined &&
        body.id === request.path.slice('/Users/'.length) &&
        typeof body.userName === 'string' &&
        !('password' in body)
      );
    },
  },
  {
    id: 'okta.group.lookup',
    summary: 'group lookup when Okta holds no id for it: GET /Groups?filter=displayName eq "…"&startIndex=1&count=100',
    action: 'pushGroup',
    grade: 'documented',
    citations: [okta20('Retrieve Groups')],
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Groups' &&
      filtersOn(request, 'displayName') &&
      request.query?.startIndex === '1' &&
      request.query?.count === '100',
  },
  {
    id: 'okta.import.users',
    summary: 'import: GET /Users?startIndex=…&count=… page by page, startIndex advancing by count',
    action: 'importUsers',
    grade: 'documented',
    citations: [okta20('Retrieve Users')],
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Users' &&
      queryKeys(request).join(',') === 'count,startIndex' &&
      // Not the test connection's fixed first request.
      (request.query?.count !== '2' || request.query?.startIndex !== '1'),
  },
  {
    id: 'okta.import.groups',
    summary: 'import: GET /Groups?startIndex=…&count=… page by page',
    action: 'importGroups',
    grade: 'documented',
    citations: [okta20('Retrieve Groups')],
    // The test connection's /Groups?startIndex=1&count=100 is the same request; a later page tells them apart.
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Groups' &&
      queryKeys(request).join(',') === 'count,startIndex' &&
      request.query?.startIndex !== '1',
  },
  {
    id: 'okta.group.delete',
    summary: 'unlink with "Delete the group in the target app": DELETE /Groups/{id}',
    action: 'unlinkGroup',
    grade: 'documented',
    citations: [okta20('Delete a specific Group')],
    matches: (request) => request.method === 'DELETE' && isResourcePath(request, 'Groups'),
  },
];

/** Every request of the OIN template app (okta). */
export const OKTA_OPERATIONS: readonly DocumentedOperation[] = [
  ...OKTA_SHARED_OPERATIONS,
  {
    id: 'okta.user.deactivate',
    summary: 'deactivate (and unassign): PATCH /Users/{id}, path-less replace with value {"active": false}',
    action: 'deactivateUser',
    grade: 'documented',
    citations: [okta20('Update a specific User (PATCH)'), okta20('Delete Users')],
    matches: (request) => isActivePatch(request, false),
  },
  {
    id: 'okta.user.activate',
    summary: 'reactivate: PATCH /Users/{id}, path-less replace with value {"active": true}',
    action: 'reactivateUser',
    grade: 'documented',
    citations: [okta20('Update a specific User (PATCH)')],
    matches: (request) => isActivePatch(request, true),
  },
  {
    id: 'okta.group.create',
    summary: 'group push: POST /Groups with displayName and members []',
    action: 'pushGroup',
    grade: 'documented',
    citations: [okta20('Create Groups')],
    matches: (request) => {
      const body = bodyOf(request);
      return (
        request.method === 'POST' &&
        request.path === '/Groups' &&
        Array.isArray(body?.members) &&
        body.members.length === 0 &&
        typeof body.displayName === 'string'
      );
    },
  },
  {
    id: 'okta.group.rename',
    summary: 'rename, re-sent with every membership update: PATCH, path-less replace with {id, displayName}',
    action: 'renameGroup',
    grade: 'documented',
    citations: [okta20('Update a specific Group name')],
    matches: isRenamePatch,
  },
  {
    id: 'okta.group.members-add',
    summary: 'members added: PATCH add on path members with [{value, display}]',
    action: 'addMembers',
    grade: 'documented',
    citations: [okta20('Update specific Group membership'), 'okta-developer-docs 2019 edition of the same section'],
    matches: (request) => {
      const operations = patchOperations(request);
      return isResourcePath(request, 'Groups') && operations.length === 1 && isMemberAdd(operations[0]!);
    },
  },
  {
    id: 'okta.group.members-remove-and-add',
    summary: 'membership update: one PATCH with remove on members[value eq "…"] and add on members, together',
    action: 'pushGroup',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
    matches: (request) => {
      const operations = patchOperations(request);
      return (
        isResourcePath(request, 'Groups') &&
        operations.some(isMemberRemoveByFilter) &&
        operations.some(isMemberAdd) &&
        operations.every((operation) => isMemberRemoveByFilter(operation) || isMemberAdd(operation))
      );
    },
  },
  {
    id: 'okta.group.members-remove',
    summary: 'members removed: PATCH remove on members[value eq "…"], no value',
    action: 'removeMembers',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
    matches: (request) => {
      const operations = patchOperations(request);
      return isResourcePath(request, 'Groups') && operations.length > 0 && operations.every(isMemberRemoveByFilter);
    },
  },
  {
    id: 'okta.group.full-push',
    summary: 'full push: PATCH replace on path members with the whole list of {value, display}',
    action: 'pushGroup',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
    matches: (request) => {
      const operations = patchOperations(request);
      return (
        isResourcePath(request, 'Groups') &&
        operations.length === 1 &&
        operations[0]!.op === 'replace' &&
        operations[0]!.path === 'members' &&
        Array.isArray(operations[0]!.value)
      );
    },
  },
];

/** Habits both Okta profiles share. */
export const OKTA_SHARED_QUIRKS: readonly Quirk[] = [
  {
    id: 'okta.lookup-before-create',
    summary:
      'Looks the user up by userName eq (startIndex=1&count=100) before creating it; a user found is linked and gets the profile by PUT instead of a create.',
    grade: 'documented',
    citations: [okta20('Create Users'), okta20('Determine if the User already exists')],
  },
  {
    id: 'okta.lookup-miss',
    summary: 'Accepts 200 with an empty ListResponse, or 404 with the Error schema, for a lookup that finds nobody.',
    grade: 'documented',
    citations: [okta20('Determine if the User already exists')],
  },
  {
    id: 'okta.placeholder-password',
    summary: 'Sends a random password on every create, even with password sync off.',
    grade: 'documented',
    citations: [okta20('Create the User')],
    disagreement:
      'The 2019 edition of the create sample has no password; the note and the password were added in 2022.',
  },
  {
    id: 'okta.create-locale-groups',
    summary: 'The create body carries locale "en-US", an Okta user id (00u…) as externalId and "groups": [].',
    grade: 'documented',
    citations: [okta20('Create the User')],
  },
  {
    id: 'okta.empty-create-body',
    summary: 'A create answered without the user in the body fails the provisioning job.',
    grade: 'documented',
    citations: [okta20('Create the User')],
  },
  {
    id: 'okta.duplicate-409',
    summary: 'Expects 409 with the Error schema when the user already exists.',
    grade: 'documented',
    citations: [okta20('Create the User')],
  },
  {
    id: 'okta.put-update',
    summary: 'Profile updates are GET /Users/{id}, then a PUT of the whole user.',
    grade: 'documented',
    citations: [
      okta20('Update a specific User (PUT)'),
      'okta-developer-docs docs/concepts/scim/faqs, "PATCH versus PUT"',
    ],
  },
  {
    id: 'okta.put-app-profile',
    summary:
      "The PUT carries Okta's app profile with the change (schemas, id, userName, name, emails, displayName, locale, externalId, groups, active); attributes the server added on its own are not sent back.",
    grade: 'inferred',
    citations: [okta20('Update the User')],
    disagreement:
      'The reference says Okta "modifies the attributes that were changed" and its PUT sample equals its GET sample with one change (meta and emails[].display included), which also reads as an echo of the server answer; scim-check sends the app profile, as the create shows it.',
  },
  {
    id: 'okta.never-deletes-users',
    summary: 'Never sends DELETE for a user: unassignment and deactivation set active false.',
    grade: 'documented',
    citations: [okta20('Delete Users'), 'okta-developer-docs docs/concepts/scim, "Delete (Deprovision)"'],
  },
  {
    id: 'okta.integer-paging',
    summary:
      'Imports page with startIndex and count=100, advancing startIndex by 100 whatever came back; totalResults, startIndex and itemsPerPage must be integers.',
    grade: 'documented',
    citations: [okta20('Retrieve Users'), okta20('Retrieve Groups')],
  },
  {
    id: 'okta.group-lookup-by-name',
    summary: 'Looks a group up by displayName eq when it holds no id for it, and links to a group it finds.',
    grade: 'documented',
    citations: [okta20('Retrieve Groups')],
    disagreement:
      'The reference names the case "update a group, but the external group ID isn\'t known"; that the lookup also comes before a first push is inferred.',
  },
  {
    id: 'okta.headers',
    summary:
      'User-Agent "Okta SCIM Client 1.0.0" on every request; Accept, Accept-Charset and Content-Type application/scim+json, Content-Type also on bodiless requests.',
    grade: 'inferred',
    citations: [okta20('Create the User'), 'okta-developer-docs SCIMFiles/Okta-SCIM-20-SPEC-Test.json (headers)'],
  },
  {
    id: 'okta.test-connection',
    summary:
      'Test connection: GET /Users?startIndex=1&count=2, then GET /Groups?startIndex=1&count=100, both constant.',
    grade: 'documented',
    citations: [okta11('Create Users')],
    disagreement: 'Shown in the SCIM 1.1 reference only; the SCIM 2.0 reference does not describe the test connection.',
  },
  {
    id: 'okta.reassign-reactivates',
    summary:
      'Re-assigning a user Okta deactivated earlier, found by the lookup: a PATCH setting active true first, then the GET and PUT of the profile.',
    grade: 'inferred',
    citations: [okta20('Update a specific User (PATCH)')],
  },
  {
    id: 'okta.inactive-not-assigned',
    summary:
      'A user deactivated in Okta is not provisioned: assigning one sends nothing (the step is skipped), where Ping creates it with active false.',
    grade: 'inferred',
    citations: [],
  },
];

/** Habits of the OIN template app (okta). */
export const OKTA_QUIRKS: readonly Quirk[] = [
  ...OKTA_SHARED_QUIRKS,
  {
    id: 'okta.pathless-active',
    summary:
      'Deactivation and reactivation are a PATCH with a path-less replace whose value is {"active": false|true}.',
    grade: 'documented',
    citations: [okta20('Update a specific User (PATCH)')],
  },
  {
    id: 'okta.rename-with-membership',
    summary:
      'Re-sends the group name (path-less replace of {id, displayName}) with every membership update, before the membership PATCH.',
    grade: 'documented',
    citations: [okta20('Update a specific Group name')],
    disagreement: 'The reference says the rename is "triggered each time" membership changes; the order is inferred.',
  },
  {
    id: 'okta.remove-and-add-together',
    summary:
      'A membership update removes (members[value eq "…"]) and adds (members, [{value, display}]) in the same PATCH.',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
  },
  {
    id: 'okta.full-push',
    summary: 'A full push replaces the member list: PATCH replace on members with every member.',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
    disagreement:
      'The reference shows the body but not the admin action; scim-check sends it for a push with nothing changed ("Push now") and for a group linked by name (inferred).',
  },
  {
    id: 'okta.patch-204',
    summary: 'Accepts 204 without a body after a PATCH, or 200 with the resource.',
    grade: 'documented',
    citations: [okta20('Update a specific User (PATCH)'), okta20('Update a specific Group name')],
  },
];
