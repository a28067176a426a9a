import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Delete: DELETE of a resource, and what a client sees afterwards (RFC 7644 §3.6).
 */
export const DELETE: CatalogueArea = {
  area: 'Delete',
  rows: [
    {
      id: 'DEL-204',
      requirement: 'A successful DELETE answers 204 with no body.',
      rfc: 'RFC 7644 §3.6',
      level: 'MUST',
      how: 'DELETE `{base}/Users/{id}` → 204 with an empty body. A 200 or 202 fails.',
      fixHint: 'answer a successful DELETE with 204 and an empty body',
      explanation: {
        why: 'IdPs expect 204 on delete; some treat 200 with a body as a failure and retry.',
        bugs: [{ bug: 'DELETE answers 200 with the deleted resource.', fix: 'Answer 204 with no body.' }],
      },
    },
    {
      id: 'DEL-GONE-404',
      requirement:
        'Every later operation on the deleted resource gets 404. Merely deactivating the resource and still serving it fails.',
      rfc: 'RFC 7644 §3.6',
      level: 'MUST',
      how: 'GET, PUT, PATCH and a second DELETE on `{id}` → 404 with an Error body each. A 200 with `active:false` is reported as "DELETE treated as deactivate".',
      fixHint: 'delete the resource (or hide it everywhere); a later GET must be 404, not a deactivated copy',
      explanation: {
        why: 'After a delete, the IdP assumes the account is gone; a server that only deactivates keeps personal data it promised to delete.',
        bugs: [
          {
            bug: 'DELETE is implemented as a soft delete that still answers GET.',
            fix: 'Answer 404 for soft-deleted resources on every operation.',
          },
        ],
      },
    },
    {
      id: 'DEL-NOT-LISTED',
      requirement: 'Deleted resources are left out of every query result.',
      rfc: 'RFC 7644 §3.6',
      level: 'MUST',
      how: '`?filter=userName eq "<deleted>"` → `totalResults` 0, and walking the run-prefix pages no longer shows it. Without filter support, the paging walk alone is used.',
    },
    {
      id: 'DEL-NAME-REUSABLE',
      requirement: 'The unique values of a deleted resource can be used again.',
      rfc: 'RFC 7644 §3.6',
      level: 'SHOULD',
      how: 'POST a new user with the deleted userName → 201. A 409 is a warning.',
    },
  ],
};
