import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Cursor paging (RFC 9865, October 2025, updating RFC 7643 and 7644): `cursor` and `count` on a
 * query, `nextCursor`/`previousCursor` in the answer, three more `scimType` errors, and the
 * ServiceProviderConfig `pagination` attribute. Every row but the advertisement's shape runs only
 * when ServiceProviderConfig says `pagination.cursor` is true (scenario `requires:
 * [pagination.cursor]`, scenarios/spec/cursor-paging.yaml); a server without `pagination`
 * predates the RFC and is not asked. The rules were read from the SCIM working group's source of
 * the draft that became the RFC (github.com/ietf-scim-wg/draft-ietf-scim-cursor-pagination, its
 * last revision); the published RFC text was not readable in full here, so the section numbers
 * are that draft's (§2 parameters and attributes, §2.1 errors, §2.3/§2.4 cursor-only and mixed
 * servers, §3 POST search, §4 ServiceProviderConfig, §5 security; the IETF HTTP directorate's
 * review of draft -07 cites the same numbers).
 */
export const CURSOR_PAGING: CatalogueArea = {
  area: 'Cursor paging',
  rows: [
    {
      id: 'CURSOR-ADVERTISED',
      requirement:
        'A ServiceProviderConfig `pagination` attribute states `cursor` and `index` as booleans; `defaultPaginationMethod`, when given, is `cursor` or `index`; `defaultPageSize`, `maxPageSize` and `cursorTimeout`, when given, are positive integers.',
      rfc: 'RFC 9865 §4',
      level: 'MUST',
      how: 'Every GET `{base}/ServiceProviderConfig` answer that has `pagination` (the discovery and cursor paging scenarios read it) → `pagination.cursor` and `pagination.index` are JSON booleans, and the optional members have the types above. A configuration without `pagination` is not judged: the attribute is optional.',
      fixHint:
        'advertise "pagination": {"cursor": true, "index": true, "defaultPaginationMethod": "index", …} with JSON booleans and integers',
    },
    {
      id: 'CURSOR-FIRST-PAGE',
      requirement:
        'The first page of a cursor query (an empty `cursor`) carries `nextCursor` when more results remain, and never `previousCursor`.',
      rfc: 'RFC 9865 §2',
      level: 'MUST',
      how: 'Three run users C1–C3, scoped by `externalId eq … or …`: `cursor=&count=1` → 200 with one resource, a `nextCursor`, and no `previousCursor`; `cursor=&count=2` → two resources and a `nextCursor`.',
      fixHint:
        'answer a request with an empty cursor parameter with the first page and a nextCursor, and leave previousCursor out of it',
      explanation: {
        why: 'A client that asked for cursors stops at the first page without a `nextCursor`, so everything past it is never read; a `previousCursor` on the first page sends a client that pages backwards into a loop.',
        bugs: [
          {
            bug: 'The server ignores `cursor` and answers an index page without `nextCursor`.',
            fix: 'Treat the `cursor` parameter (empty on the first request) as a request for cursor paging and return `nextCursor` while results remain.',
          },
          {
            bug: '`previousCursor` is set on every page, pointing at the start.',
            fix: 'Only return `previousCursor` when there is a page before this one.',
          },
        ],
      },
    },
    {
      id: 'CURSOR-WALK',
      requirement:
        'Following `nextCursor` visits every match exactly once, with a `nextCursor` on every page but the last.',
      rfc: 'RFC 9865 §2',
      level: 'MUST',
      how: 'From the `count=1` first page, `cursor=<nextCursor>&count=1` twice (all other parameters repeated) → one resource per page, never one an earlier page returned, and a `nextCursor` on the second page: the three pages hold C1, C2 and C3.',
      fixHint: 'make nextCursor continue exactly after the last resource served, in the same stable order',
      explanation: {
        why: 'An import that follows cursors must see every user once, or accounts are missed or duplicated.',
        bugs: [
          {
            bug: 'The cursor encodes a page number over an unstable order, so pages overlap.',
            fix: 'Page over a stable order and anchor the cursor to the last resource served.',
          },
        ],
      },
    },
    {
      id: 'CURSOR-LAST-PAGE',
      requirement: 'The page that completes the results has no `nextCursor`: its absence is what ends the walk.',
      rfc: 'RFC 9865 §2',
      level: 'MUST*',
      how: 'From a `cursor=&count=2` first page, its `nextCursor` → the one remaining run user and no `nextCursor`.',
      fixHint: 'leave nextCursor out once the page holds the last matching resource',
    },
    {
      id: 'CURSOR-COUNT-MAX',
      requirement:
        'On a cursor page `count` is an upper bound: neither `itemsPerPage` nor the resources returned exceed it (a negative count counts as 0).',
      rfc: 'RFC 9865 §2',
      level: 'MUST',
      how: 'Every 200 answer to a request with a `cursor` and an integer `count` → `itemsPerPage` ≤ count. More resources than `count` is reported under PAGE-COUNT-MAX, which holds every list page to `count`, so one bug has one name.',
    },
    {
      id: 'CURSOR-COUNT-ABOVE-MAX',
      requirement:
        'No cursor page exceeds the advertised `maxPageSize`: a larger `count` is served as `maxPageSize`, or refused with 400 and `scimType` `invalidCount`.',
      rfc: 'RFC 9865 §4, §2.1',
      level: 'MUST*',
      how: '`cursor=&count=1000000` over C1–C3 → 200 (at most `maxPageSize` resources) or 400 with `scimType` `invalidCount`; any other answer fails. Every 200 cursor page is also held to `maxPageSize`. Judged only when ServiceProviderConfig gives `pagination.maxPageSize`.',
      fixHint: 'serve a count above maxPageSize as maxPageSize, or refuse it with 400 scimType invalidCount',
    },
    {
      id: 'CURSOR-INVALID',
      requirement: 'A cursor the server never issued is refused with 400 and `scimType` `invalidCursor`.',
      rfc: 'RFC 9865 §2.1, §5.2',
      level: 'SHOULD',
      how: '`cursor=scimcheck-{run}-not-a-cursor&count=1` with the C1–C3 filter → 400 with `scimType` `invalidCursor`. A 200 (the cursor ignored) or another `scimType` is a warning.',
      fixHint: 'answer an unknown or forged cursor with 400 and scimType invalidCursor',
      explanation: {
        why: 'A client whose cursor went bad (a server restart, a copy error) must be told to start again; a server that ignores it answers the first page again, and the client reads the same users forever.',
        bugs: [
          {
            bug: 'An unreadable cursor is treated as no cursor and the first page is returned.',
            fix: 'Validate (or authenticate) the cursor and answer 400 `invalidCursor` when it is not one you issued.',
          },
        ],
      },
    },
    {
      id: 'CURSOR-EXPIRED',
      requirement:
        'A cursor followed later than the advertised `cursorTimeout` may be refused, and then with 400 and `scimType` `expiredCursor`.',
      rfc: 'RFC 9865 §2.1, §4',
      level: 'SHOULD',
      how: 'Wait longer than `pagination.cursorTimeout` after a page, then follow its `nextCursor` → 200, or 400 with `scimType` `expiredCursor`.',
      notCheckedBecause:
        "it needs a cursor older than cursorTimeout, the least time a server promises to honour one (RFC 9865 §4), and a run never waits that long; a server advertising a cursorTimeout of a few seconds could be checked, but no step can be gated on a number. The reference server's expiry is tested with a fake clock (test/server/cursor-paging.test.ts).",
    },
  ],
};
