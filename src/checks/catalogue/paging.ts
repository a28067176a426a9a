import type { CatalogueArea } from '../catalogue-row.js';

/**
 * List and query, part 3 of 3: paging, sort and `/.search` (RFC 7644 §3.4.2.3, §3.4.2.4, §3.4.3).
 */
export const PAGING: CatalogueArea = {
  area: 'List and query',
  rows: [
    {
      id: 'PAGE-ONE-BASED',
      requirement: '`startIndex` counts from 1 and defaults to 1.',
      rfc: 'RFC 7644 §3.4.2.4 (Table 6)',
      level: 'MUST*',
      how: 'With the run-prefix filter, `startIndex=1&count=2` and `startIndex=2&count=2` overlap in exactly one resource. A response without `startIndex` in the request reports `startIndex` 1.',
      fixHint: 'treat startIndex as 1-based: the first resource is startIndex=1',
      explanation: {
        why: 'Imports start at startIndex=1; a zero-based server skips or repeats the first user.',
        bugs: [
          {
            bug: 'startIndex is used as an array offset.',
            fix: 'Use offset = startIndex - 1, and treat values below 1 as 1.',
          },
        ],
      },
    },
    {
      id: 'PAGE-START-BELOW-ONE',
      requirement: 'A `startIndex` below 1 is treated as 1.',
      rfc: 'RFC 7644 §3.4.2.4 (Table 6)',
      level: 'MUST',
      how: '`startIndex=0` and `startIndex=-3` → 200 with the same first resource as `startIndex=1` and `startIndex` 1 in the response. A 400 fails.',
    },
    {
      id: 'PAGE-COUNT-MAX',
      requirement:
        'The server never returns more than `count` resources, nor more than `filter.maxResults`. It may return fewer.',
      rfc: 'RFC 7644 §3.4.2.4; RFC 7643 §5',
      level: 'MUST',
      how: '`count=1` and `count=2` → `Resources.length` ≤ count. Every page has ≤ `filter.maxResults` resources.',
    },
    {
      id: 'PAGE-COUNT-ZERO',
      requirement: '`count=0` returns no resources, only `totalResults`. A negative `count` is treated as 0.',
      rfc: 'RFC 7644 §3.4.2.4 (Table 6)',
      level: 'MUST',
      how: 'Run-prefix filter with `count=0`, then with `count=-1` → 200, no resources, and `totalResults` = the number of run users. A 400 fails.',
      fixHint: 'for count=0 return only totalResults and no Resources',
    },
    {
      id: 'PAGE-TOTAL',
      requirement:
        '`totalResults` counts all matches, not the page size, and it is the same on every page of an unchanged result set.',
      rfc: 'RFC 7644 §3.4.2, §3.4.2.4 (Table 7)',
      level: 'MUST',
      how: 'Run-prefix filter with `count=1` → `totalResults` = N on every page.',
      fixHint: 'set totalResults to the number of matches before paging, not the page size',
      explanation: {
        why: 'IdPs stop paging when they have read totalResults resources; a wrong total truncates imports.',
        bugs: [{ bug: 'totalResults is the page size.', fix: 'Report the number of all matches.' }],
      },
    },
    {
      id: 'PAGE-WALK',
      requirement:
        'Stepping `startIndex` by `itemsPerPage` visits every match exactly once. A `startIndex` past the end gives 200 with no resources.',
      rfc: 'RFC 7644 §3.4.2.4',
      level: 'MUST*',
      how: 'Walk the run users with `count=1` → their union is all N run users, with no duplicates. `startIndex=N+1` → 200, 0 resources, `totalResults` N.',
      fixHint: 'return an empty page (and the same totalResults) when startIndex is past the end',
      explanation: {
        why: 'An import that pages through users must see every user exactly once, or accounts go missing or duplicate in the IdP.',
        bugs: [
          { bug: 'Results are unordered between pages.', fix: 'Page over a stable order (e.g. by id or created).' },
        ],
      },
    },
    {
      id: 'SORT-ORDER',
      requirement:
        "`sortBy` orders by the attribute's type rules: case-insensitively for `caseExact:false` strings, and by the primary (else first) value for multi-valued attributes. `sortOrder` defaults to ascending, and `descending` reverses the order.",
      rfc: 'RFC 7644 §3.4.2.3',
      level: 'MUST',
      how: 'Fixtures `…-s-b`, `…-s-A` and `…-s-c`: `filter=userName sw "scimcheck-{run}-s"&sortBy=userName` → A, b, c. The same query with `sortOrder=descending` → c, b, A. `sortBy=name.familyName` sorts by the sub-attribute.',
      gate: 'SPC:sort',
    },
    {
      id: 'SORT-MISSING-LAST',
      requirement:
        'Resources without a value for the sort key come last in ascending order and first in descending order.',
      rfc: 'RFC 7644 §3.4.2.3',
      level: 'MUST*',
      how: 'Run-prefix filter with `sortBy=title` → U3, which has no title, comes last. With `descending`, it comes first.',
      gate: 'SPC:sort',
    },
    {
      id: 'SEARCH-POST',
      requirement:
        '`POST <endpoint>/.search` with a SearchRequest body is a query. It answers 200 ListResponse with GET semantics, honours `filter`, `attributes`, `excludedAttributes`, `sortBy`, `sortOrder`, `startIndex` and `count` from the body, and never creates anything.',
      rfc: 'RFC 7644 §3.4.3',
      level: 'MUST',
      how: 'POST `{base}/Users/.search` with `{"schemas":[SearchRequest URN],"filter":"userName eq \\"<U1>\\"","attributes":["userName"],"startIndex":1,"count":10}` → 200 (201 fails), exactly U1, and only the requested attributes. The run-user count is unchanged afterwards.',
      gate: 'probe',
    },
    {
      id: 'SEARCH-ROOT',
      requirement:
        'A query at the service root, by GET with `filter` or by POST `{base}/.search`, spans all resource types and tags each result with `meta.resourceType`.',
      rfc: 'RFC 7644 §3.4.2.1, §3.4.3',
      level: 'MAY',
      how: 'POST `{base}/.search` with `filter: userName eq "<U1>" or displayName eq "<G1>"` → U1 and G1, each with the right `meta.resourceType`. A 404, 501 or 400 is reported as "root query unsupported".',
      gate: 'probe',
    },
    {
      id: 'SEARCH-POST-OFFERED',
      requirement: 'A server that advertises filtering also answers `POST <endpoint>/.search`.',
      rfc: 'RFC 7644 §3.4.3',
      level: 'MAY',
      how: "With `filter.supported` true: POST `{base}/Users/.search` with a SearchRequest → 200. A 404, 405 or 501 is recorded as a note: POST search is optional, and none of the profiled IdPs sends it (Okta's SCIM FAQ lists it as unused).",
      gate: 'SPC:filter',
    },
  ],
};
