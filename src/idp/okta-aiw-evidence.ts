import type { DocumentedOperation, Quirk } from './evidence.js';
import { bodyOf, isPlainObject, isResourcePath } from './evidence-match.js';
import { OKTA_SHARED_OPERATIONS, OKTA_SHARED_QUIRKS, okta20 } from './okta-evidence.js';
import type { PlannedRequest } from './profile.js';
import { SOURCES } from './sources.js';

// The custom app built with the App Integration Wizard: the same lookup, create, reads and imports
// as the OIN template app; every change is a PUT (SCIM 2.0 reference notes on AIW; SOURCES.oktaAiw).

const AIW_GUIDES = `${SOURCES.oktaAiw.split(':')[0]}`;

/** A PUT of a user whose body sets `active` to the given value. */
function isActivePut(request: PlannedRequest, active: boolean): boolean {
  return request.method === 'PUT' && isResourcePath(request, 'Users') && bodyOf(request)?.active === active;
}

/** The AIW group PUT: schemas, displayName and members of {value, display}, no id. */
function isGroupPut(request: PlannedRequest): boolean {
  const body = bodyOf(request);
  return (
    request.method === 'PUT' &&
    isResourcePath(request, 'Groups') &&
    body !== undefined &&
    !('id' in body) &&
    typeof body.displayName === 'string' &&
    Array.isArray(body.members) &&
    body.members.every((member) => isPlainObject(member) && 'value' in member && 'display' in member)
  );
}

/** Every request of the AIW app (okta-aiw). */
export const OKTA_AIW_OPERATIONS: readonly DocumentedOperation[] = [
  ...OKTA_SHARED_OPERATIONS.map((operation) => ({ ...operation, id: operation.id.replace(/^okta\./, 'okta-aiw.') })),
  {
    id: 'okta-aiw.user.deactivate',
    summary: 'deactivate (and unassign): PUT /Users/{id} with active false',
    action: 'deactivateUser',
    grade: 'documented',
    citations: [okta20('Delete Users'), okta20('Update a specific User (PATCH)')],
    matches: (request) => isActivePut(request, false),
  },
  {
    id: 'okta-aiw.user.activate',
    summary: 'reactivate: PUT /Users/{id} with active true',
    action: 'reactivateUser',
    grade: 'documented',
    citations: [okta20('Update a specific User (PATCH)')],
    matches: (request) => isActivePut(request, true),
  },
  {
    id: 'okta-aiw.group.put',
    summary: 'membership change: PUT /Groups/{id} with displayName and every member as {value, display}, no id',
    action: 'addMembers',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
    matches: isGroupPut,
  },
  {
    id: 'okta-aiw.group.rename',
    summary: 'rename: PUT /Groups/{id} of the whole group with the new displayName',
    action: 'renameGroup',
    grade: 'documented',
    citations: [okta20('Update a specific Group name')],
    // The reference says AIW renames by PUT and shows no body; the membership PUT's shape is reused.
    matches: isGroupPut,
  },
  {
    id: 'okta-aiw.group.create',
    summary: 'group push: POST /Groups with displayName and the members (AIW sends no membership PATCH)',
    action: 'pushGroup',
    grade: 'inferred',
    citations: [okta20('Create Groups'), AIW_GUIDES],
    matches: (request) =>
      request.method === 'POST' && request.path === '/Groups' && Array.isArray(bodyOf(request)?.members),
  },
];

/** Habits of the AIW app. */
export const OKTA_AIW_QUIRKS: readonly Quirk[] = [
  ...OKTA_SHARED_QUIRKS.map((quirk) => ({ ...quirk, id: quirk.id.replace(/^okta\./, 'okta-aiw.') })),
  {
    id: 'okta-aiw.put-everything',
    summary: 'Every change is a PUT: profile updates, deactivation, reactivation, group renames and membership.',
    grade: 'documented',
    citations: [okta20('Update a specific User (PATCH)'), okta20('Update specific Group membership'), AIW_GUIDES],
  },
  {
    id: 'okta-aiw.read-before-active-put',
    summary: '(De)activation reads the user first (GET, then PUT), like a profile update.',
    grade: 'inferred',
    citations: [okta20('Delete Users')],
  },
  {
    id: 'okta-aiw.group-put-no-id',
    summary: 'The group PUT carries schemas, displayName and members as {value, display}, without the id.',
    grade: 'documented',
    citations: [okta20('Update specific Group membership')],
  },
  {
    id: 'okta-aiw.create-with-members',
    summary: 'A group is created with its members in the POST.',
    grade: 'inferred',
    citations: [okta20('Create Groups')],
    disagreement: 'The only create sample (OIN apps) has "members": []; AIW apps send no membership PATCH to fill it.',
  },
];
