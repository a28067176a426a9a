import type { DocumentedOperation, Quirk } from './evidence.js';
import { addresses } from './request-helpers.js';

// Google publishes which admin events trigger provisioning (support.google.com/a/answer/7681608)
// and no request at all: every operation below is our guess, graded inferred, so the coverage rule
// demands none of them. They are listed so `list profiles` shows what the profile sends.

const GOOGLE = 'google';

export const GOOGLE_OPERATIONS: readonly DocumentedOperation[] = [
  {
    id: 'google.probe',
    summary: 'setup probe: GET /Users?count=1 (from a third-party guide)',
    action: 'testConnection',
    grade: 'inferred',
    citations: [GOOGLE],
    matches: (request) => addresses(request, 'GET', '/Users', 'collection') && request.query?.count === '1',
  },
  {
    id: 'google.user.create',
    summary: 'a user assigned the app: POST /Users',
    action: 'assignUser',
    grade: 'inferred',
    citations: [GOOGLE],
    matches: (request) => addresses(request, 'POST', '/Users', 'collection'),
  },
  {
    id: 'google.user.patch',
    summary: 'an attribute change, a suspension or its reversal: PATCH replace with a path',
    action: 'updateUser',
    grade: 'inferred',
    citations: [GOOGLE],
    matches: (request) => addresses(request, 'PATCH', '/Users', 'resource'),
  },
  {
    id: 'google.user.delete',
    summary: 'deprovisioning set to delete: DELETE /Users/{id}',
    action: 'deleteUser',
    grade: 'inferred',
    citations: [GOOGLE],
    matches: (request) => addresses(request, 'DELETE', '/Users', 'resource'),
  },
];

export const GOOGLE_QUIRKS: readonly Quirk[] = [
  {
    id: 'google.triggers',
    summary:
      'Provisions on user create, attribute change, app assignment and removal; deprovisioning suspends or deletes, per the admin.',
    grade: 'documented',
    citations: [GOOGLE],
  },
  {
    id: 'google.no-groups',
    summary: 'No group push: Google provisions users only.',
    grade: 'documented',
    citations: [GOOGLE],
  },
  { id: 'google.bodies', summary: 'Every request body: none is public.', grade: 'inferred', citations: [] },
  {
    id: 'google.probe',
    summary: 'Test connection GET /Users?count=1 comes from a third-party guide.',
    grade: 'inferred',
    citations: [],
  },
  { id: 'google.no-lookup', summary: 'No lookup before create.', grade: 'inferred', citations: [] },
  {
    id: 'google.patch-updates',
    summary: 'Updates and suspension as PATCH replace with a path (RFC 7644 style).',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'google.unassign-suspends',
    summary:
      'unassignUser ("app turned off for the user") suspends, the default of the admin\'s suspend-or-delete choice.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'google.reassign-reactivates',
    summary:
      'Turning the app back on for a user it suspended reactivates that user (PATCH active true) rather than creating one.',
    grade: 'inferred',
    citations: [],
  },
  {
    id: 'google.headers',
    summary: 'Headers: Content-Type and Accept application/scim+json.',
    grade: 'inferred',
    citations: [],
  },
];
