import type { CatalogueArea } from '../catalogue-row.js';

/**
 * The SCIM 2.0 Interoperability Profile, draft-zollner-scim-interop-profile-01 (Okta, 15 April
 * 2026): the server rules of the draft that no RFC 7643/7644 row asks. Where the draft only
 * repeats an RFC rule (409 `uniqueness`, a deleted `userName` reusable…), the `interop-01`
 * standard pack (src/standards/interop-01.ts) reuses that row's verdict instead of adding one here.
 * These rows run only in scenarios/standards/interop-01.yaml, with `--standard interop-01`: a draft,
 * which may change.
 */
export const INTEROP_PROFILE: CatalogueArea = {
  area: 'Interop profile (draft)',
  rows: [
    {
      id: 'INTEROP01-SPC-CONFORMANT',
      requirement:
        'A server that conforms to the profile says so with `interopProfileConformant: true` in /ServiceProviderConfig; one that does not omits it or sets it to false.',
      rfc: 'draft-zollner-scim-interop-profile-01 §4',
      level: 'MUST',
      how: 'GET `{base}/ServiceProviderConfig` → `interopProfileConformant` is `true`. Absent or `false` fails: the server does not claim conformance (which is right for a server that deviates from other rows).',
      fixHint:
        'add "interopProfileConformant": true to /ServiceProviderConfig once every other row of the profile passes, and not before',
    },
    {
      id: 'INTEROP01-REQUIRED-FEATURES',
      requirement: 'PATCH and filtering are mandatory: /ServiceProviderConfig advertises both as supported.',
      rfc: 'draft-zollner-scim-interop-profile-01 §6.3, §6.5',
      level: 'MUST',
      how: 'GET `{base}/ServiceProviderConfig` → `patch.supported` and `filter.supported` are both `true`.',
    },
    {
      id: 'INTEROP01-RT-ID-NAME',
      requirement: 'Every ResourceType has an `id`, equal to its `name`.',
      rfc: 'draft-zollner-scim-interop-profile-01 §5.1',
      level: 'MUST',
      how: 'GET `{base}/ResourceTypes` → the `User` entry has `id` `User`, and the `Group` entry (when /ResourceTypes names Group) `id` `Group`. RFC 7643 §6 leaves `id` optional; DISC-RT-FIELDS only warns when they differ.',
    },
    {
      id: 'INTEROP01-UNDECLARED-REFUSED',
      requirement:
        'A request that carries an attribute or a schema URI the server does not declare is refused with 400 `invalidSyntax`, never stored or silently dropped.',
      rfc: 'draft-zollner-scim-interop-profile-01 §5.3',
      level: 'MUST',
      how: 'POST `{base}/Users` with an extra `scimcheckUndeclared` attribute, then with an extra URN in `schemas` → 400 with `scimType` `invalidSyntax` each. A 201 fails (the created user is deleted at cleanup).',
      fixHint: 'validate request bodies against your /Schemas and answer 400 invalidSyntax for anything undeclared',
    },
    {
      id: 'INTEROP01-FILTER-UNKNOWN-400',
      requirement:
        'A filter on an attribute the resource type does not define is refused with 400 `invalidFilter` (RFC 7644 also allows matching nothing; the profile does not).',
      rfc: 'draft-zollner-scim-interop-profile-01 §6.3',
      level: 'MUST',
      how: '`{base}/Users?filter=scimcheckUndeclared eq "x"` (and on `/Groups` when it exists) → 400 with `scimType` `invalidFilter`. A 200, even with no results, fails.',
    },
    {
      id: 'INTEROP01-COUNT-100',
      requirement: 'A client `count` of 100 is honoured: the page limit is at least 100.',
      rfc: 'draft-zollner-scim-interop-profile-01 §6.4',
      level: 'MUST',
      how: "/ServiceProviderConfig `filter.maxResults` (the most a response may hold, RFC 7643 §5) is at least 100, and `count=100` on a query over the run's users → 200 with all of them. A lower limit, or a 400 for `count=100`, fails.",
    },
    {
      id: 'INTEROP01-PATCH-PATH-REQUIRED',
      requirement:
        'A PATCH operation without `path` is refused with 400 `invalidSyntax`, and nothing changes (RFC 7644 allows path-less operations; the profile does not).',
      rfc: 'draft-zollner-scim-interop-profile-01 §6.5.1.1',
      level: 'MUST',
      how: 'PATCH U1 `{"op":"replace","value":{"displayName":…}}` → 400 `invalidSyntax`, and a GET shows the old `displayName`. A 2xx fails. Okta deactivates and Entra\'s compliant mode updates with exactly this form, so a server that passes this row breaks them (the conflict table names them).',
      gate: 'SPC:patch',
    },
    {
      id: 'INTEROP01-REPLACE-COMPLEX-WHOLE',
      requirement:
        '`replace` on a whole singular complex attribute (`path: "name"`) replaces it entirely: sub-attributes left out of `value` are removed.',
      rfc: 'draft-zollner-scim-interop-profile-01 §6.5.2.1; contradicts RFC 7644 §3.5.2.3',
      level: 'MUST',
      how: 'PATCH U1 (name with givenName and familyName) `replace path:"name" value:{"givenName":…}` → 2xx, and a GET shows the new `givenName` and no `familyName`. RFC 7644 §3.5.2.3 says the omitted sub-attributes are left unchanged (PATCH-REPLACE-COMPLEX): no server passes both rows.',
      gate: 'SPC:patch',
    },
  ],
};
