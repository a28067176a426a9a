import type { DocumentedOperation, Quirk } from './evidence.js';
import { addresses, plannedOperations } from './request-helpers.js';

// JumpCloud's support article "Custom SCIM identity management" describes what the custom
// integration does (test connection, group push rules) in words, without request bodies: the
// requests it names are graded documented, every shape beyond the method and endpoint inferred.

const JUMPCLOUD = 'jumpcloud';
const ARTICLE = 'JumpCloud support, "Custom SCIM identity management" (Test Connection, groups)';

export const JUMPCLOUD_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'jumpcloud.test.create-user',
    summary: 'Test Connection creates a test user: POST /Users',
    action: 'testConnection',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
    matches: (request) => addresses(request, 'POST', '/Users', 'collection'),
  },
  {
    id: 'jumpcloud.test.create-group',
    summary: 'Test Connection creates a test group: POST /Groups',
    action: 'testConnection',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
    matches: (request) => addresses(request, 'POST', '/Groups', 'collection'),
  },
  {
    id: 'jumpcloud.user.delete',
    summary: 'Test Connection (and a deleted user) removes the user: DELETE /Users/{id}',
    action: 'testConnection',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
    matches: (request) => addresses(request, 'DELETE', '/Users', 'resource'),
  },
  {
    id: 'jumpcloud.group.delete',
    summary: 'Test Connection and a deleted group remove the group: DELETE /Groups/{id}',
    action: 'deleteGroup',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
    matches: (request) => addresses(request, 'DELETE', '/Groups', 'resource'),
  },
  {
    id: 'jumpcloud.group.take-over',
    summary: 'a same-named app group is taken over: GET /Groups?filter=displayName eq "<name>" (query shape inferred)',
    action: 'pushGroup',
    grade: 'inferred',
    citations: [ARTICLE],
    matches: (request) =>
      addresses(request, 'GET', '/Groups', 'collection') && /^displayName eq "/.test(request.query?.filter ?? ''),
  },
  {
    id: 'jumpcloud.group.rename',
    summary: 'a renamed group: PATCH replace displayName (the article says renames are sent, not how)',
    action: 'renameGroup',
    grade: 'inferred',
    citations: [ARTICLE],
    matches: (request) =>
      addresses(request, 'PATCH', '/Groups', 'resource') &&
      plannedOperations(request).some((operation) => operation.op === 'replace' && operation.path === 'displayName'),
  },
  {
    id: 'jumpcloud.group.remove-members',
    summary: 'member removal: PATCH remove on members with a value array, no filter',
    action: 'removeMembers',
    grade: 'inferred',
    citations: [],
    matches: (request) =>
      addresses(request, 'PATCH', '/Groups', 'resource') &&
      plannedOperations(request).some(
        (operation) => operation.op === 'remove' && operation.path === 'members' && Array.isArray(operation.value),
      ),
  },
];

export const JUMPCLOUD_QUIRKS: readonly Quirk[] = [
  {
    id: 'jumpcloud.test-creates',
    summary:
      'Test Connection creates a test user and a test group and deletes them; a server that refuses DELETE for users gets the test user deactivated instead.',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
  },
  {
    id: 'jumpcloud.no-empty-groups',
    summary: 'Empty groups are never pushed.',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
  },
  {
    id: 'jumpcloud.take-over-by-name',
    summary: 'An app group with the same name is taken over instead of created.',
    grade: 'documented',
    citations: [JUMPCLOUD, ARTICLE],
  },
  {
    id: 'jumpcloud.remove-by-value',
    summary: 'Members are removed with an Entra-style value array, not a filter.',
    grade: 'inferred',
    citations: [],
    disagreement: 'Reported by a third party the team notes do not name; no public source could be found to cite.',
  },
  {
    id: 'jumpcloud.test-names',
    summary: 'Test user and group names (jumpcloud-test-<uuid>) and their bodies.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'jumpcloud.lookup-user',
    summary: 'Lookup by userName eq before create.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'jumpcloud.put-update',
    summary: 'User updates and (de)activation are a PUT of the whole user.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'jumpcloud.unassign-deactivates',
    summary: 'Unassignment deactivates (PUT active:false); deleteUser sends DELETE.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'jumpcloud.group-ops',
    summary: 'Member add: PATCH add on members with [{value}]; rename: PATCH replace displayName.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'jumpcloud.core-only',
    summary: 'Users carry core User attributes only: no enterprise extension (manager).',
    grade: 'inferred',
    citations: [],
  },
];
