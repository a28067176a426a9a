import type { DocumentedOperation, Quirk } from './evidence.js';
import { addresses, plannedOperations } from './request-helpers.js';

// OneLogin's "Implement RESTful SCIM APIs for your app" page (developers.onelogin.com/scim/
// implement-scim-api) lists the calls OneLogin makes: get user with a userName filter, create
// user, get user by id, update user, get groups, create group, patch group, delete user, get
// users; its example flow shows the connection test and the lookup before create. It names the
// calls but not every method or body: those are graded inferred.

const ONELOGIN = 'onelogin';
const CALLS = 'OneLogin developers, "Implement RESTful SCIM APIs" (calls list and example API flow)';

const userNameFilter = (request: Parameters<DocumentedOperation['matches']>[0]) =>
  /^userName eq "/.test(request.query?.filter ?? '');

export const ONELOGIN_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'onelogin.connection-test',
    summary: 'connection test: GET /Users?filter=userName eq "<a name known not to exist>"',
    action: 'testConnection',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'GET', '/Users', 'collection') && userNameFilter(request),
  },
  {
    id: 'onelogin.user.lookup',
    summary: 'before provisioning: GET /Users?filter=userName eq "<userName>"',
    action: 'assignUser',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) =>
      request.purpose === 'lookupUser' && addresses(request, 'GET', '/Users', 'collection') && userNameFilter(request),
  },
  {
    id: 'onelogin.user.create',
    summary: 'create a user: POST /Users with the SCIM JSON template',
    action: 'assignUser',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'POST', '/Users', 'collection'),
  },
  {
    id: 'onelogin.user.get',
    summary: 'get a user by id: GET /Users/{id}',
    action: 'assignUser',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'GET', '/Users', 'resource'),
  },
  {
    id: 'onelogin.user.update',
    summary: 'update a user: PUT /Users/{id} of the whole templated user (the method is not documented)',
    action: 'updateUser',
    grade: 'inferred',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'PUT', '/Users', 'resource'),
  },
  {
    id: 'onelogin.user.delete',
    summary: 'delete a user: DELETE /Users/{id}',
    action: 'deleteUser',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'DELETE', '/Users', 'resource'),
  },
  {
    id: 'onelogin.groups.get',
    summary: 'get groups: GET /Groups (the profile filters by displayName eq, which is inferred)',
    action: 'pushGroup',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'GET', '/Groups', 'collection'),
  },
  {
    id: 'onelogin.group.create',
    summary: 'create a group: POST /Groups',
    action: 'pushGroup',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'POST', '/Groups', 'collection'),
  },
  {
    id: 'onelogin.group.patch',
    summary: 'patch a group: PATCH /Groups/{id} (the ops inside are inferred)',
    action: 'addMembers',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'PATCH', '/Groups', 'resource') && plannedOperations(request).length > 0,
  },
  {
    id: 'onelogin.users.get',
    summary: 'get users: GET /Users (paged with startIndex and count, inferred)',
    action: 'importUsers',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
    matches: (request) => addresses(request, 'GET', '/Users', 'collection') && request.query?.filter === undefined,
  },
];

export const ONELOGIN_QUIRKS: readonly Quirk[] = [
  {
    id: 'onelogin.test-nonexistent-user',
    summary: 'The connection test looks up a userName known not to exist; an empty list or a 404 both pass.',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
  },
  {
    id: 'onelogin.lookup-before-create',
    summary: 'Looks the user up by userName before creating it.',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
  },
  {
    id: 'onelogin.json-responses',
    summary: 'Wants every response labelled Content-Type application/json.',
    grade: 'documented',
    citations: [ONELOGIN, CALLS],
  },
  {
    id: 'onelogin.template',
    summary:
      'User bodies come from the admin\'s SCIM JSON template; customer templates vary (string "active", enterprise manager, SCIM 1.1 URNs).',
    grade: 'documented',
    citations: [ONELOGIN],
  },
  {
    id: 'onelogin.update-put',
    summary: '"Update User" is sent as a PUT of the whole templated user (the method is not documented).',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'onelogin.deactivate-is-update',
    summary: '(De)activation is that same update with active changed.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'onelogin.group-ops',
    summary: 'Group PATCH ops: add members [{value}], remove members[value eq "…"], replace displayName, lower case.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'onelogin.no-group-delete',
    summary:
      'Group deletion is not among the documented calls: deleteGroup and unlinkGroup with deleteInTarget are skipped.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'onelogin.headers',
    summary: 'Headers: Content-Type and Accept application/scim+json.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'onelogin.core-only',
    summary: 'The default template sends core User attributes only: no enterprise extension (manager, department).',
    grade: 'inferred',
    citations: [],
  },
];
