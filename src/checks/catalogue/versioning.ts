import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Versioning: ETags and the protocol version in the path (RFC 7644 §3.13, §3.14).
 */
export const VERSIONING: CatalogueArea = {
  area: 'Versioning',
  rows: [
    {
      id: 'VER-ETAG-HEADER',
      requirement: 'Responses that carry a single resource include an `ETag` header.',
      rfc: 'RFC 7644 §3.14',
      level: 'MUST',
      how: 'GET, POST, PUT and PATCH (200) of U1 → `ETag` is present each time.',
      gate: 'SPC:etag',
      explanation: {
        why: 'Clients use ETags for optimistic concurrency; without them concurrent updates overwrite each other.',
        bugs: [
          {
            bug: 'meta.version is set but no ETag header is sent.',
            fix: 'Send `ETag` with the same value as meta.version.',
          },
        ],
      },
    },
    {
      id: 'VER-META-VERSION',
      requirement: '`meta.version` is present and equal to the `ETag` header.',
      rfc: 'RFC 7644 §3.14; RFC 7643 §3.1',
      level: 'MUST*',
      how: 'The values are compared character for character. A missing `meta.version` is a warning (it is only a SHOULD). If both are present and differ, the check fails.',
      gate: 'SPC:etag',
      fixHint: 'derive the ETag header and meta.version from the same value',
    },
    {
      id: 'VER-WEAK-PREFIX',
      requirement: 'An entity-tag is a quoted string. A weak one carries a case-sensitive `W/` prefix.',
      rfc: 'RFC 7643 §3.1; RFC 7232 §2.3',
      level: 'MUST',
      how: 'The `ETag` is either `W/` followed by a quoted string or a bare quoted string. A lower-case `w/` or an unquoted value fails.',
      gate: 'SPC:etag',
    },
    {
      id: 'VER-CHANGES',
      requirement: 'The version changes when the resource changes and stays the same otherwise.',
      rfc: 'RFC 7644 §3.14; RFC 7232 §2.3',
      level: 'MUST*',
      how: 'Two GETs give the same `ETag`. After a PUT or PATCH that changed data, the `ETag` differs.',
      gate: 'SPC:etag',
    },
    {
      id: 'VER-IF-NONE-MATCH',
      requirement:
        'A conditional GET with the current tag answers 304 with no body. With a stale tag it answers 200 with the resource.',
      rfc: 'RFC 7644 §3.14',
      level: 'MUST*',
      how: 'GET with `If-None-Match: <current>` → 304 with an empty body. GET with `If-None-Match: W/"scimcheck-stale"` → 200.',
      gate: 'SPC:etag',
    },
    {
      id: 'VER-IF-MATCH',
      requirement:
        'A PUT, PATCH or DELETE conditioned on the current tag succeeds. One conditioned on a stale tag fails with 412 and changes nothing.',
      rfc: 'RFC 7644 §3.12 (Table 8), §3.14; RFC 7232 §3.1',
      level: 'MUST',
      how: '`If-Match: <current>` → 2xx. `If-Match: W/"scimcheck-stale"` on each of PATCH, PUT and DELETE → 412 with an Error body, and a GET shows no change. No `scimType` is defined for 412, so none is required. A 409 is a warning (Table 8 also mentions it). A 2xx fails.',
      gate: 'SPC:etag',
    },
    {
      id: 'VER-PROTOCOL',
      requirement:
        'When the base URL has a version segment (`/v2`), the server serves that version or rejects a version it does not support.',
      rfc: 'RFC 7644 §3.13',
      level: 'MUST',
      how: 'Only when the base ends in `/v2`: the same request with `/v9` → 400 `invalidVers` or 404. A 2xx is a warning, because the version was silently ignored.',
      gate: 'probe',
    },
  ],
};
