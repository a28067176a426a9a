import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Okta's OIN submission tests that no RFC row asks (okta-developer-docs: guides/submit-oin-app,
 * guides/scim-with-entitlements, SCIMFiles/Okta-SCIM-20-Entitlements-Test.json). They run in
 * scenarios/readiness/okta-oin-*.yaml, which `scim-check readiness okta-oin` replays; the SPEC and
 * CRUD tests reuse the RFC rows (READ-404, CREATE-UNIQUENESS-409, FILTER-CASE-INSENSITIVE, …).
 */
export const OKTA_OIN: CatalogueArea = {
  area: 'Okta OIN',
  rows: [
    {
      id: 'OKTA-ENTITLEMENT-PAGE',
      requirement:
        "Every endpoint whose ResourceType has Okta's Role or Entitlement schema answers `count=1&startIndex=1` with a one-item ListResponse page whose `itemsPerPage`, `startIndex` and `totalResults` are numbers.",
      rfc: 'Okta SCIMFiles/Okta-SCIM-20-Entitlements-Test.json; guides/scim-with-entitlements; RFC 7644 §3.4.2.4',
      level: 'INTEROP',
      interopFamilies: ['okta'],
      how: 'For each ResourceType with `schema` `urn:okta:scim:schemas:core:1.0:Role` or `…:Entitlement`: GET `{base}{endpoint}?count=1&startIndex=1` → 200, `schemas` has the ListResponse URN, `Resources` is not empty, `itemsPerPage` is the number 1, `startIndex` the number 1 and `totalResults` a number.',
      fixHint:
        'Page the entitlement endpoints like /Users: honour `count` and `startIndex`, and write `itemsPerPage`, `startIndex` and `totalResults` as JSON numbers, never strings.',
      explanation: {
        why: "Okta Identity Governance reads every value of each entitlement endpoint page by page; a page that ignores `count`, or numbers written as strings, fails Okta's Entitlements test and the OIN submission with it.",
        bugs: [
          {
            bug: 'The endpoint returns every value whatever `count` says.',
            fix: 'Slice the list by `startIndex` (1-based) and `count`, and set `itemsPerPage` to the page length.',
          },
          {
            bug: '`itemsPerPage` or `totalResults` serialised as a string ("1").',
            fix: 'Emit them as integers (RFC 7644 §3.4.2: they are integers).',
          },
        ],
      },
    },
    {
      id: 'OKTA-IMPORT-USER-SCHEMA',
      requirement:
        "Okta's Import User Schema discovery finds the User resource type with the core User schema, reads its attributes from /Schemas, and finds each extension through that resource type's `schemaExtensions`, each also served by /Schemas.",
      rfc: 'Okta guides/scim-with-entitlements ("Endpoint call sequence", "User schema discovery"); RFC 7643 §6, §7',
      level: 'INTEROP',
      interopFamilies: ['okta'],
      how: 'GET `{base}/ResourceTypes/User` → `schema` is the core User URN and names its `schemaExtensions`; GET `{base}/Schemas/<core User URN>` → `attributes` has userName, name, emails and active; GET `{base}/Schemas/<each extension URN>` → 200 with that `id`.',
      fixHint:
        'Declare user extensions in the User ResourceType `schemaExtensions` and serve each one under /Schemas/<urn>; Okta builds the app user profile only from what it finds that way.',
    },
  ],
};
