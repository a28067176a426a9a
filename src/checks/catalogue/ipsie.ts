import type { CatalogueArea } from '../catalogue-row.js';

/**
 * The OpenID IPSIE Account Lifecycle SCIM 2.0 profile, "IPSIE AL SCIM 2.0 Profile Draft 00"
 * (openid/ipsie-scim-al, 8 September 2026): the Application (SCIM server) rules of AL1 (user
 * deprovisioning) and AL2 (user and group management) that no RFC 7643/7644 row asks. The
 * `ipsie-al1` and `ipsie-al2` standard packs (src/standards/) reuse the RFC rows for the rest.
 * These rows run only in scenarios/standards/ipsie-*.yaml, with `--standard ipsie-al1|ipsie-al2`:
 * a draft, which may change.
 */
export const IPSIE: CatalogueArea = {
  area: 'IPSIE (draft)',
  rows: [
    {
      id: 'IPSIE-BULK-SUPPORTED',
      requirement: 'The Application supports /Bulk and advertises it.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §4.3',
      level: 'MUST',
      how: 'GET `{base}/ServiceProviderConfig` → `bulk.supported` is `true` (the BULK rows then judge /Bulk itself).',
    },
    {
      id: 'IPSIE-FILTER-EMAILS',
      requirement:
        'Users can be found by e-mail address: `emails[value eq "…"]` and `emails[type eq "work" and value eq "…"]`.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §5.4',
      level: 'MUST',
      how: 'U1 has a work and a home address. `emails[value eq "<home>"]` → exactly U1; `emails[type eq "work" and value eq "<work>"]` → exactly U1; `emails[type eq "work" and value eq "<home>"]` → none. RFC 7644 makes value filters optional (FILTER-VALUEPATH probes them); IPSIE requires these two.',
    },
    {
      id: 'IPSIE-USER-SCHEMA',
      requirement:
        'The User schema has `userName`, `displayName` and `active`, and `externalId` is supported (stored and returned).',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §6.1.1',
      level: 'MUST',
      how: 'GET `{base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` → `attributes` names userName, displayName and active. A user created with an `externalId` reads back with it.',
    },
    {
      id: 'IPSIE-NO-PASSWORD',
      requirement: 'The Application does not support the `password` attribute.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §6.1.2',
      level: 'MUST',
      how: 'GET `{base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` → no `password` attribute. Okta sends a password with every create, so a server that passes this row refuses Okta (the conflict table names it).',
    },
    {
      id: 'IPSIE-GROUP-SCHEMA',
      requirement:
        'When groups are supported, the Group schema has `displayName` and `members`, and `externalId` is supported.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §6.2.1',
      level: 'MUST',
      how: 'GET `{base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group` → `attributes` names displayName and members; a group created with an `externalId` reads back with it.',
      gate: 'schema:resourceType=Group',
    },
    {
      id: 'IPSIE-GROUP-NAME-UNIQUE',
      requirement: 'Two groups cannot share a `displayName`.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §6.2.1',
      level: 'SHOULD',
      how: "POST a second group with G1's `displayName` → 409 `uniqueness`. A 201 is a warning (RFC 7643 leaves Group `displayName` non-unique; the group is deleted at cleanup).",
      gate: 'schema:resourceType=Group',
    },
    {
      id: 'IPSIE-FILTER-GROUPS',
      requirement: 'Groups can be found by `externalId eq "…"` and by member: `members[value eq "<user id>"]`.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §6.2.5',
      level: 'MUST',
      how: '`{base}/Groups?filter=externalId eq "<G1 externalId>"` → exactly G1; `members[value eq "<U1 id>"]` → exactly G1, the only group U1 is in. (`displayName eq` is GROUP-FILTER-DISPLAYNAME.)',
      gate: 'schema:resourceType=Group',
    },
    {
      id: 'IPSIE-GROUP-PATCH-50',
      requirement: 'One PATCH may hold at least 50 add or remove operations on `members`.',
      rfc: 'IPSIE AL SCIM 2.0 Profile Draft 00 §6.2.6',
      level: 'MUST',
      how: 'PATCH G1 with 50 operations (U2 added and removed by `members[value eq …]` 24 times, then U2 and U3 added) → 2xx, and a GET shows U1, U2 and U3 as members.',
      gate: 'schema:resourceType=Group',
    },
  ],
};
