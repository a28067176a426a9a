import type { CatalogueArea } from '../catalogue-row.js';

/**
 * List and query, part 1 of 3: the ListResponse itself (RFC 7644 §3.4.2). Parts 2 and 3 are
 * filter.ts and paging.ts; the three share the area.
 */
export const LIST: CatalogueArea = {
  area: 'List and query',
  rows: [
    {
      id: 'LIST-RESPONSE',
      requirement: 'A query answers 200 with a ListResponse whose `totalResults` is a non-negative integer.',
      rfc: 'RFC 7644 §3.4.2',
      level: 'MUST',
      how: 'GET `{base}/Users?count=2` → 200 with `schemas` = ListResponse URN and an integer `totalResults` ≥ 0.',
      fixHint:
        'answer every query with 200 and a ListResponse (`schemas`, integer `totalResults`), also when nothing matches',
      explanation: {
        why: 'Every lookup-before-create goes through a list query; an unreadable ListResponse makes the IdP create duplicates.',
        bugs: [
          {
            bug: 'The list is returned as a bare JSON array.',
            fix: 'Wrap it in the ListResponse message with `schemas`, `totalResults` and `Resources`.',
          },
        ],
      },
    },
    {
      id: 'LIST-RESOURCES',
      requirement: 'When `totalResults` > 0, a `Resources` array holds complete resources.',
      rfc: 'RFC 7644 §3.4.2',
      level: 'MUST',
      how: 'The key is spelled exactly `Resources`. Every element passes the READ shape checks (`id`, `schemas`, `meta.resourceType`).',
      explanation: {
        why: 'IdPs read `Resources` (capitalised) to find the matching account.',
        bugs: [{ bug: 'The key is spelled `resources` or `items`.', fix: 'Use exactly `Resources`.' }],
      },
    },
    {
      id: 'LIST-EMPTY',
      requirement: 'A query with no matches is a success: 200 with `totalResults` 0.',
      rfc: 'RFC 7644 §3.4.2',
      level: 'MUST',
      how: '`?filter=userName eq "scimcheck-{run}-nobody"` → 200 with `totalResults` 0 and `Resources` absent or `[]`. A 404 fails.',
      gate: 'SPC:filter',
      fixHint: 'a query with no match is 200 with `totalResults: 0`, not 404',
      explanation: {
        why: 'A lookup that finds nobody must say so with totalResults 0; a 404 is read as an error and the create never happens.',
        bugs: [{ bug: 'No match yields 404.', fix: 'Answer 200 with `totalResults: 0`.' }],
      },
    },
    {
      id: 'LIST-PAGE-FIELDS',
      requirement:
        'A page that holds fewer resources than `totalResults` carries `startIndex` and `itemsPerPage`, and `itemsPerPage` equals the number of resources on the page.',
      rfc: 'RFC 7644 §3.4.2, §3.4.2.4 (Table 7)',
      level: 'MUST',
      how: 'With ≥ 2 run users, `?filter=userName sw "scimcheck-{run}"&count=1` → `startIndex` 1, `itemsPerPage` 1 and `Resources.length` 1. A cursor page (RFC 9865) needs no `startIndex`.',
      explanation: {
        why: 'IdP imports page through users with startIndex and count; missing paging fields stop the import after the first page.',
        bugs: [
          {
            bug: 'itemsPerPage reports the requested count instead of the number returned.',
            fix: 'Set itemsPerPage to Resources.length.',
          },
        ],
      },
    },
    {
      id: 'LIST-UNKNOWN-PARAM',
      requirement: 'Unrecognised query parameters are ignored rather than rejected.',
      rfc: 'RFC 7644 §3.4.2',
      level: 'SHOULD',
      how: '`{base}/Users?count=1&scimcheckUnknown=1` → 200. A 400 is a warning.',
    },
    {
      id: 'LIST-TOOMANY',
      requirement:
        'A server that refuses an over-broad query says so with 400 `tooMany`. It does not fail with 5xx or time out.',
      rfc: 'RFC 7644 §3.4.2.1, §3.12',
      level: 'MUST',
      how: 'Any list or filter request answered 400 without a syntax fault must carry `scimType` `tooMany`; a cursor request may instead carry `invalidCursor`, `expiredCursor` or `invalidCount` (RFC 9865 §2.1). A 5xx or a timeout fails.',
    },
    {
      id: 'LIST-IDP-TIMEOUT',
      requirement: 'A list or lookup the IdP sends is answered before that IdP gives up waiting.',
      rfc: 'RFC 7644 §3.4.2',
      level: 'SHOULD',
      how: "Under a profile whose IdP documents a timeout (Okta 60 s, Entra 60 s), each list or lookup GET must answer within it, measured as the exchange's duration. No verdict under other profiles. Raise `--timeout` above 60000 to measure answers that slow.",
      fixHint:
        'page lists (honour count), index userName/externalId/displayName, and answer lookups without scanning the directory',
      explanation: {
        why: 'The RFC sets no time limit, but the IdPs do: Okta drops a SCIM request after 60 s without an answer (Okta SCIM FAQ), and Microsoft staff state Entra needs answers within 60 s (Microsoft Q&A 1151866). The lookup before every create and the import walk are lists, so a slow list stops provisioning.',
        bugs: [
          {
            bug: 'A `userName eq` lookup scans every user, or a list ignores `count` and returns the whole directory.',
            fix: 'Index the correlation attributes and honour `count` with a bounded page size.',
          },
        ],
      },
    },
  ],
};
