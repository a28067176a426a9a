import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Microsoft's Entra app gallery validator (AzureAD/SCIMReferenceCode,
 * Microsoft.SCIM.LogicAppValidationTemplate: SCIM-Validation-Test-Overview.md and
 * SCIMTests_Workflow.json, August 2026): what its direct SCIM tests assert beyond an RFC 7644 row.
 * They run in scenarios/readiness/entra-gallery-*.yaml, through `scim-check readiness entra-gallery`.
 * INTEROP rows: the RFCs allow a server to differ, but the gallery fails it.
 */
export const ENTRA_GALLERY: CatalogueArea = {
  area: 'Entra gallery',
  rows: [
    {
      id: 'ENTRA-SCHEMA-DISCOVERABLE',
      requirement:
        'Every attribute the Entra SCIM app maps by default is discoverable in /Schemas, flattened the way the gallery validator does it (`emails[type eq "work"].value` needs `work` among the canonicalValues of `emails.type`), compared case-insensitively.',
      rfc: 'RFC 7643 §7; Entra gallery Schema_Discoverability_Test (SCIMTests_Workflow.json)',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'GET `{base}/Schemas` → flatten the User, enterprise User and Group schemas: simple attributes by name, single-valued complex ones as `name.sub`, multi-valued complex ones as `name[type eq "v"].sub` for each declared canonical `type` value (without one, only `name[primary eq true].sub`), `manager` and `members` by name, extension attributes under their schema URN. Each of Entra\'s default target attributes (userName, active, displayName, title, preferredLanguage, name.*, externalId, the work email, the work address, work/mobile/fax phone numbers, employeeNumber, department, manager; the group displayName and members) must be among them, ignoring case.',
      fixHint:
        'serve every default-mapped attribute in /Schemas, and declare the `type` canonicalValues (work, mobile, fax…) of emails, addresses and phoneNumbers',
      explanation: {
        why: "The gallery validator builds its attribute list from /Schemas; an attribute it cannot find there fails Schema_Discoverability_Test, and admins cannot map it in the gallery app's attribute mapping.",
        bugs: [
          {
            bug: 'emails.type, addresses.type or phoneNumbers.type declare no canonicalValues.',
            fix: 'Declare the values the server accepts (work, home, other, mobile, fax…), so `[type eq "work"]` paths can be formed.',
          },
          {
            bug: 'The enterprise extension schema is not served in /Schemas.',
            fix: 'Serve urn:ietf:params:scim:schemas:extension:enterprise:2.0:User with employeeNumber, department and manager.',
          },
        ],
      },
    },
    {
      id: 'ENTRA-NULL-UPDATE',
      requirement:
        'A PATCH `replace` whose value is `""`, and one whose value is `null`, on the optional attributes Entra maps leaves each of them unassigned; the PATCH answers 200 or 204.',
      rfc: 'RFC 7643 §2.5, RFC 7644 §3.5.2.3; Entra gallery SCIM_Null_Update_Test',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'POST U with every optional default-mapped attribute set; PATCH U with `{"op":"replace","path":P,"value":""}` for each P → 200/204, GET U → each P unassigned; the same with `"value":null`.',
      gate: 'SPC:patch',
      fixHint: 'treat a replace with "" or null as removing the attribute (RFC 7643 §2.5: unassigned)',
      explanation: {
        why: 'Entra clears an attribute emptied in the directory by sending "" or null; a server that stores "" or refuses null keeps stale data, and the gallery validator fails SCIM_Null_Update_Test.',
        bugs: [
          { bug: 'A replace with null is refused with 400.', fix: 'Treat null as a removal of the attribute.' },
          {
            bug: 'A replace with "" on a filtered path (emails[type eq "work"].value) stores an empty string.',
            fix: 'Remove the sub-attribute, and the element when nothing but its type is left.',
          },
        ],
      },
    },
    {
      id: 'ENTRA-DIRECT-UPDATE',
      requirement:
        'One PATCH replacing every single-valued string attribute of a User (core and enterprise extension), or the displayName and externalId of a Group, answers 200 or 204, and a GET shows every value sent.',
      rfc: 'RFC 7644 §3.5.2.3; Entra gallery SCIM_User_Update_Test, SCIM_Group_Update_Test',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'PATCH U with one `replace` per attribute (displayName, nickName, title, userType, preferredLanguage, locale, timezone, externalId, name.givenName/familyName/formatted, the enterprise employeeNumber, costCenter, organization, division, department) → 200/204; GET U → each value as sent. The same for G with displayName and externalId.',
      gate: 'SPC:patch',
      fixHint: 'apply every operation of a PATCH, including extension paths, and return the stored values on GET',
    },
    {
      id: 'ENTRA-MANAGER',
      requirement:
        'The enterprise `manager` can be set with `add`, changed with `replace` and removed with a `replace` whose value is empty, each answering 200 or 204 and reading back as sent.',
      rfc: 'RFC 7643 §4.3, RFC 7644 §3.5.2; Entra gallery SCIM_Update_Manager_Test',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'PATCH U `{"op":"add","path":"<enterprise URN>:manager","value":M1.id}` → GET shows manager.value M1.id; `replace` with M2.id → M2.id; `replace` with `""` → manager unassigned.',
      gate: 'schema:urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      fixHint: 'accept a bare id as the manager value, and treat a replace with "" as removing the manager',
    },
    {
      id: 'ENTRA-PAGINATION',
      requirement:
        'Index paging with `count=5` answers every page 200 with `startIndex` page×5+1 echoed and at most 5 resources (exactly 5 while more remain).',
      rfc: 'RFC 7644 §3.4.2.4; Entra gallery SCIM_User_Pagination_Test, SCIM_Group_Pagination_Test',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'With at least 11 users: GET `{base}/Users?startIndex=1&count=5`, `startIndex=6`, `startIndex=11` → 200, `startIndex` 1, 6, 11, five resources on the full pages, `totalResults` at least 11. The same over /Groups with six groups.',
      fixHint: 'honour count, and echo the startIndex asked for (1-based) in the ListResponse',
    },
  ],
};
