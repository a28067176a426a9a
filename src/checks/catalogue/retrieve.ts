import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Retrieve: GET of one resource by id, with `attributes` and `excludedAttributes` (RFC 7644 §3.4.1).
 */
export const RETRIEVE: CatalogueArea = {
  area: 'Retrieve',
  rows: [
    {
      id: 'READ-200',
      requirement: 'GET on a resource URL returns 200 and that resource.',
      rfc: 'RFC 7644 §3.4.1',
      level: 'MUST*',
      how: 'GET `{base}/Users/{id}` → 200 with a body whose `id` = `{id}` and whose `schemas` contains the User URN.',
      explanation: {
        why: 'IdPs re-read a user before updating it (Okta reads before its PUT); a failing GET blocks every later change.',
        bugs: [
          {
            bug: 'GET by id is routed to the list handler or returns a ListResponse.',
            fix: 'Return the single resource object for /Users/{id}.',
          },
        ],
      },
    },
    {
      id: 'READ-STATE',
      requirement:
        "What GET returns matches what the write reported, because responses reflect the server's interpreted state.",
      rfc: 'RFC 7644 §3.1',
      level: 'MUST',
      how: 'Compare the GET with the last create or update response: same `id`, `userName` and `meta.created`, and every other attribute present in both is equal. Server-side canonicalisation (for example a lower-cased email) is a warning.',
      explanation: {
        why: 'The IdP believes what it sent was applied; if the stored state differs, the app and the IdP drift apart silently (wrong names, wrong active flag).',
        bugs: [
          {
            bug: 'The write handler ignores attributes it does not map, but answers 2xx.',
            fix: 'Store every supported attribute, or refuse the write with 400.',
          },
          {
            bug: 'The response is built from the request instead of the stored record.',
            fix: 'Render responses from what was stored.',
          },
        ],
      },
    },
    {
      id: 'READ-404',
      requirement: 'An unknown id yields 404 with a SCIM Error body.',
      rfc: 'RFC 7644 §3.4.1, §3.12',
      level: 'MUST',
      how: 'GET `{base}/Users/{ghost}` → 404 with `schemas` = Error URN and `status` = `"404"`. A 200 with an empty body, a 400 or a 500 fails.',
      explanation: {
        why: 'IdPs use 404 to detect that a user was removed on the app side and re-create or unlink it.',
        bugs: [
          {
            bug: 'An unknown id yields 200 with an empty body, or 500 from a failed lookup.',
            fix: 'Answer 404 with a SCIM Error body.',
          },
        ],
      },
    },
    {
      id: 'READ-ID-CASE',
      requirement: '`id` is case-exact, so a case-altered id does not address the same resource.',
      rfc: 'RFC 7643 §3.1',
      level: 'SHOULD',
      how: 'If `{id}` has letters, GET `{base}/Users/{id with case flipped}` → 404. A 200 with the same resource is a warning.',
      notCheckedBecause:
        'needs a case-flipped copy of a server-issued id; scenario templates have no case transform yet',
    },
    {
      id: 'READ-DEFAULT-SET',
      requirement: 'With no parameters, the response holds only returned-always and returned-default attributes.',
      rfc: 'RFC 7644 §3.4, §3.9',
      level: 'MUST',
      how: "Compare the GET's keys with /Schemas: no `returned:never` or `returned:request` attribute may appear.",
      notCheckedBecause:
        'in the core schemas the only attribute outside the default set is password (returned "never"), which CHAR-RETURNED-NEVER reports once; returned:request attributes of custom schemas need /Schemas (see CHAR-RETURNED-REQUEST)',
    },
    {
      id: 'READ-ATTRIBUTES',
      requirement:
        '`attributes=` replaces the default set with the always-returned attributes plus the named attributes, down to the sub-attribute.',
      rfc: 'RFC 7644 §3.4.2.5, §3.9, §3.10',
      level: 'MUST',
      how: '`?attributes=userName,emails` → `id`, `userName` and `emails` are present, and `name`, `active` and `externalId` are absent. `?attributes=name.familyName` → `name` holds only `familyName`. Extra `schemas` or `meta` is only a warning.',
    },
    {
      id: 'READ-EXCLUDED',
      requirement: '`excludedAttributes=` removes the named attributes from the default set and nothing else.',
      rfc: 'RFC 7644 §3.4.2.5, §3.9',
      level: 'MUST',
      how: '`?excludedAttributes=emails,name` → both are absent, while `userName` and `active` are present.',
    },
    {
      id: 'READ-ATTR-NOTATION',
      requirement: 'Attribute names in these parameters are case-insensitive and may carry their schema URN prefix.',
      rfc: 'RFC 7644 §3.10',
      level: 'MUST*',
      how: '`?attributes=USERNAME` and `?attributes=urn:ietf:params:scim:schemas:core:2.0:User:userName` → both return `userName`.',
    },
  ],
};
