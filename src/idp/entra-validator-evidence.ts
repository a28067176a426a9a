import type { DocumentedOperation, Quirk } from './evidence.js';
import type { PlannedRequest } from './profile.js';
import { SOURCES } from './sources.js';

// The SCIM Validator's requests and habits, graded. "observed" entries cite the recorded run
// (SOURCES.scimValidatorRecording, 2026-02-10) or the user reports; no Microsoft document shows
// the validator's requests, so nothing here is `documented`.

const RECORDED = [SOURCES.scimValidatorRecording];
const RECORDED_ON = '2026-02-10';
const MANAGER_PATH = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager';

const operationsOf = (request: PlannedRequest): Record<string, unknown>[] =>
  ((request.body as { Operations?: unknown } | undefined)?.Operations as Record<string, unknown>[] | undefined) ?? [];
const patchOf = (request: PlannedRequest, prefix: '/Users/' | '/Groups/'): Record<string, unknown>[] =>
  request.method === 'PATCH' && request.path.startsWith(prefix) ? operationsOf(request) : [];
const isResourceGet = (request: PlannedRequest, prefix: '/Users/' | '/Groups/'): boolean =>
  request.method === 'GET' && request.path.startsWith(prefix) && request.targetId === undefined;

export const ENTRA_VALIDATOR_DOCUMENTED_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'entra-validator.user.filter',
    summary: '"Filter for an existing user" / "a non-existing user": GET /Users?filter=userName eq "…"',
    action: 'testConnection',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) =>
      request.method === 'GET' && request.path === '/Users' && /^userName eq /.test(request.query?.filter ?? ''),
  },
  {
    id: 'entra-validator.user.create',
    summary: '"Create a new User": POST /Users with the selected attributes and `schemas` last',
    action: 'assignUser',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) => request.method === 'POST' && request.path === '/Users',
  },
  {
    id: 'entra-validator.user.replace-attributes',
    summary:
      '"Patch User - Replace Attributes": PATCH /Users/{id}, one lower-case replace per attribute, each with its path',
    action: 'updateUser',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) =>
      patchOf(request, '/Users/').some(
        (op) => op.op === 'replace' && typeof op.path === 'string' && op.path !== 'active' && op.path !== MANAGER_PATH,
      ),
  },
  {
    id: 'entra-validator.user.disable',
    summary: '"Patch User - Disable User": PATCH /Users/{id} on active (body form inferred: Replace, "False")',
    action: 'deactivateUser',
    grade: 'observed',
    citations: [...RECORDED, 'sourcegraph/sourcegraph-public-snapshot issue #49325 (2023-03-14)'],
    matches: (request) => patchOf(request, '/Users/').some((op) => op.path === 'active'),
  },
  {
    id: 'entra-validator.user.read-after-disable',
    summary: 'after the disable PATCH, GET /Users/{id}: the user must still be there, inactive',
    action: 'deactivateUser',
    grade: 'observed',
    citations: ['sourcegraph/sourcegraph-public-snapshot issue #49325 (2023-03-14)'],
    matches: (request) =>
      request.method === 'GET' && request.path.startsWith('/Users/') && request.targetId !== undefined,
  },
  {
    id: 'entra-validator.user.manager-string',
    summary:
      '"Patch User - Add Manager": replace on the manager (the profile sends {"value": id}; users report a bare string)',
    action: 'updateUser',
    grade: 'inferred',
    citations: [SOURCES.entraManagerString],
    matches: (request) =>
      patchOf(request, '/Users/').some(
        (op) => op.path === MANAGER_PATH && ((op.value as { value?: unknown } | undefined)?.value ?? '') !== '',
      ),
  },
  {
    id: 'entra-validator.user.manager-remove',
    summary: '"Patch User - Remove Manager": replace on the manager with {"value": ""}',
    action: 'updateUser',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) =>
      patchOf(request, '/Users/').some(
        (op) => op.path === MANAGER_PATH && (op.value as { value?: unknown } | undefined)?.value === '',
      ),
  },
  {
    id: 'entra-validator.user.delete',
    summary: '"Delete a User": DELETE /Users/{id}, then GET /Users/{id} expecting 404',
    action: 'deleteUser',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) => request.method === 'DELETE' && request.path.startsWith('/Users/'),
  },
  {
    id: 'entra-validator.user.delete-verify',
    summary: 'the verification GET after a user DELETE',
    action: 'deleteUser',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) => isResourceGet(request, '/Users/'),
  },
  {
    id: 'entra-validator.group.create',
    summary: '"Create a new Group": POST /Groups with displayName, externalId and schemas',
    action: 'pushGroup',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) => request.method === 'POST' && request.path === '/Groups',
  },
  {
    id: 'entra-validator.group.filter-excluding-members',
    summary:
      '"Filter for existing group excluding members": GET /Groups?filter=displayName eq "…"&excludedAttributes=members',
    action: 'pushGroup',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) =>
      request.method === 'GET' &&
      request.path === '/Groups' &&
      request.query?.excludedAttributes === 'members' &&
      /^displayName eq /.test(request.query?.filter ?? ''),
  },
  {
    id: 'entra-validator.group.members-replace',
    summary: '"Patch Group - Add Member": PATCH replace on members with a value list',
    action: 'addMembers',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) => patchOf(request, '/Groups/').some((op) => op.op === 'replace' && op.path === 'members'),
  },
  {
    id: 'entra-validator.group.member-remove',
    summary: '"Patch Group - Remove Member": remove with path members[value eq "…"] and no value',
    action: 'removeMembers',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) =>
      patchOf(request, '/Groups/').some((op) => op.op === 'remove' && /^members\[value eq /.test(String(op.path))),
  },
  {
    id: 'entra-validator.group.rename',
    summary: '"Update Group displayName": a path-less replace with {displayName}',
    action: 'renameGroup',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) =>
      patchOf(request, '/Groups/').some(
        (op) =>
          op.op === 'replace' &&
          op.path === undefined &&
          (op.value as { displayName?: unknown })?.displayName !== undefined,
      ),
  },
  {
    id: 'entra-validator.group.delete',
    summary: '"Delete a Group": DELETE /Groups/{id}, then GET /Groups/{id} expecting 404',
    action: 'deleteGroup',
    grade: 'observed',
    citations: RECORDED,
    matches: (request) => request.method === 'DELETE' && request.path.startsWith('/Groups/'),
  },
];

export const ENTRA_VALIDATOR_QUIRKS: readonly Quirk[] = [
  {
    id: 'entra-validator.back-to-back',
    summary:
      'Each request goes out as soon as the previous answer arrives (a POST, then at once a filter for what it wrote): a server with delayed indexing fails the test.',
    grade: 'observed',
    citations: RECORDED,
    observedOn: RECORDED_ON,
  },
  {
    id: 'entra-validator.patch-200-body',
    summary:
      'A successful PATCH is expected to answer 200 with the resource (INTEROP-PATCH-200-BODY, a note while this stays inferred).',
    grade: 'inferred',
    citations: ['scim-check IDP-NOTES.md, Entra (the claim INTEROP-PATCH-200-BODY was written from)'],
    disagreement:
      'No public report shows the validator refusing a 204; the recorded run (2026-02-10) passed four group PATCH tests answered 200 with an empty body, so it did not check the body there. The Entra engine itself documents 204 for group PATCHes.',
  },
  {
    id: 'entra-validator.scim-content-type',
    summary: 'An answer with Content-Type application/json (not application/scim+json) stops the whole test run.',
    grade: 'observed',
    citations: ['MicrosoftDocs/azure-docs issue #104859 (2023-02-07), "SCIM Validator Known Issues"'],
    observedOn: '2023-02-07',
  },
  {
    id: 'entra-validator.members-replace',
    summary:
      'Members are added with a replace on `members` (the profile sends the whole membership, as the recorded test does).',
    grade: 'observed',
    citations: RECORDED,
    observedOn: RECORDED_ON,
    disagreement:
      'The recorded "Add Member" test adds to an empty group, where the new member is the whole list; users report a partial list when the group already has members (a server applying RFC 7644 §3.5.2.3 then drops the others), which no recording shows. The Entra engine documents add, not replace.',
  },
  {
    id: 'entra-validator.manager-remove',
    summary: 'The manager is removed with a replace whose value is {"value": ""}, not with a remove.',
    grade: 'observed',
    citations: RECORDED,
    observedOn: RECORDED_ON,
    disagreement: 'Users also report a bare "" as the value; the recorded run shows {"value": ""}.',
  },
  {
    id: 'entra-validator.manager-string',
    summary:
      'The manager is set with a bare string id instead of {"value": id}. Not sent by the profile: a server refusing it (RFC 7643 §4.3 makes manager complex) would fail every scenario that sets a manager, on a shape no validator recording shows.',
    grade: 'inferred',
    citations: [SOURCES.entraManagerString],
    disagreement:
      'Budibase PR #17071 (2025-10-03) and directory-scimple #1242 (2026-09-16) report the bare string from Microsoft traffic without naming the validator; the Entra tutorial shows [{"$ref":null,"value":id}]; the recorded validator run does not show the Add Manager body.',
  },
  {
    id: 'entra-validator.string-booleans',
    summary: 'Disable is {"op":"Replace","path":"active","value":"False"}: capitalised op, string boolean.',
    grade: 'inferred',
    citations: [SOURCES.entraKnownIssues],
    disagreement:
      'The recorded run (2026-02-10) sends lower-case ops in every group PATCH and does not show the Disable User body; the capitalised string form is the Entra engine legacy default.',
  },
  {
    id: 'entra-validator.empty-operations',
    summary: 'One test sends a PATCH whose Operations array is empty and expects success.',
    grade: 'observed',
    citations: [SOURCES.scimValidatorEmptyPatch],
    observedOn: '2024-10-31',
    disagreement: 'RFC 7644 §3.5.2 asks for one or more operations; SCIMMY refuses it as the RFC says.',
  },
  {
    id: 'entra-validator.delete-then-get',
    summary: 'Every DELETE is followed by a GET of the same resource that must answer 404.',
    grade: 'observed',
    citations: RECORDED,
    observedOn: RECORDED_ON,
  },
  {
    id: 'entra-validator.disable-then-get',
    summary: 'A disable is judged by a later GET that must still return the user (a soft delete, not a 404).',
    grade: 'observed',
    citations: ['sourcegraph/sourcegraph-public-snapshot issue #49325 (2023-03-14)'],
    observedOn: '2023-03-14',
  },
  {
    id: 'entra-validator.headers',
    summary: 'Content-Type application/scim+json; charset=utf-8 and no Accept header.',
    grade: 'observed',
    citations: RECORDED,
    observedOn: RECORDED_ON,
  },
  {
    id: 'entra-validator.first-email-add',
    summary: 'A first email is added to `emails`, not replaced: every recorded replace targets a value the user has.',
    grade: 'inferred',
    citations: RECORDED,
  },
  {
    id: 'entra-validator.test-connection',
    summary:
      'testConnection is the "Filter for a non-existing user" test: a userName filter that must answer an empty list.',
    grade: 'inferred',
    citations: RECORDED,
  },
  {
    id: 'entra-validator.reenable',
    summary: 'Re-enabling a user: the validator has no such test; the profile sends the disable request with "True".',
    grade: 'inferred',
    citations: [],
  },
];
