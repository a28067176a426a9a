import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Attribute characteristics (RFC 7643 §2, §7). Rows here are driven by what `/Schemas` declares:
 * the checker walks every attribute and sub-attribute and applies the row to each one that
 * carries the characteristic.
 */
export const CHARACTERISTICS: CatalogueArea = {
  area: 'Attribute characteristics',
  rows: [
    {
      id: 'CHAR-RETURNED-ALWAYS',
      requirement:
        '`returned:always` attributes (at least `id`) appear in every representation, whatever `attributes` or `excludedAttributes` say.',
      rfc: 'RFC 7643 §7; RFC 7644 §3.4.2.5, §3.9',
      level: 'MUST',
      how: '`?attributes=userName` and `?excludedAttributes=id` on GET, list and POST → `id`, and every other always-returned attribute, is present.',
    },
    {
      id: 'CHAR-RETURNED-NEVER',
      requirement:
        '`returned:never` attributes (for example `password`) never appear in any response, even when asked for.',
      rfc: 'RFC 7643 §4.1.1, §7',
      level: 'MUST',
      how: 'Scan every response in the run, including the 201 to a create that set a password. Also GET `?attributes=password` → the key is absent.',
      fixHint: 'strip `password` (and every returned:never attribute) from every response, including the 201',
    },
    {
      id: 'CHAR-RETURNED-REQUEST',
      requirement: '`returned:request` attributes appear only when named in `attributes`, or on a write that set them.',
      rfc: 'RFC 7643 §7',
      level: 'MUST',
      how: 'For each such attribute: a plain GET → absent. `?attributes=<attr>` → present if it has a value.',
      gate: 'schema:returned=request',
      notCheckedBecause:
        'needs the returned:request attributes of /Schemas; the core schemas declare none, so it only applies to custom schemas',
    },
    {
      id: 'CHAR-WRITEONLY',
      requirement: 'The values of `writeOnly` attributes are never returned.',
      rfc: 'RFC 7643 §7',
      level: 'MUST',
      how: 'The same scan as CHAR-RETURNED-NEVER, for every attribute with mutability `writeOnly`.',
      gate: 'schema:writeOnly',
      notCheckedBecause:
        'in the core schemas the only writeOnly attribute is password, which is returned "never": CHAR-RETURNED-NEVER reports it once; other writeOnly attributes need the custom schemas of /Schemas',
    },
    {
      id: 'CHAR-CASE-PRESERVED',
      requirement:
        '`caseExact:true` values come back with their case intact. `externalId` is never invented by the server.',
      rfc: 'RFC 7643 §3.1, §7',
      level: 'MUST',
      how: "U1's mixed-case `externalId` X1 is returned byte-identical. A user created without `externalId` has none. The same applies to other caseExact strings the checker wrote.",
    },
    {
      id: 'CHAR-UNIQUENESS-DECLARED',
      requirement:
        'Attributes declared `uniqueness: server` or `global`, besides `userName`, refuse duplicates with `uniqueness`.',
      rfc: 'RFC 7643 §7; RFC 7644 §3.3',
      level: 'SHOULD',
      how: 'For each such writable string attribute, create two fixtures that share a value → the second gets 409 `uniqueness`. A 201 is a warning.',
      gate: 'schema:uniqueness',
      notCheckedBecause:
        'needs fixtures generated per attribute from /Schemas (uniqueness other than userName); not generated yet',
    },
    {
      id: 'CHAR-REQUIRED',
      requirement:
        'Every `required:true` attribute is present in every returned resource, unless it is returned never or on request, and a create without it is refused.',
      rfc: 'RFC 7643 §7',
      level: 'MUST',
      how: 'Check presence in each GET. A POST that omits the attribute → 400 (`invalidValue`).',
    },
    {
      id: 'CHAR-CANONICAL',
      requirement:
        'A provider may restrict values to `canonicalValues`. If it does, it refuses other values with 400 `invalidValue`.',
      rfc: 'RFC 7643 §2.3.1, §7',
      level: 'MAY',
      how: 'POST U6 with `emails[0].type:"scimcheck-odd"` → record 201 ("accepted") or 400 `invalidValue` ("restricted"). Other outcomes fall to the ERR rows.',
    },
    {
      id: 'CHAR-PRIMARY-ONCE',
      requirement: 'At most one element of a multi-valued attribute has `primary:true`.',
      rfc: 'RFC 7643 §2.4',
      level: 'MUST',
      how: 'In every returned resource, count `primary:true` per attribute → ≤ 1.',
      fixHint: 'keep at most one primary:true per multi-valued attribute',
    },
    {
      id: 'CHAR-SCHEMAS',
      requirement:
        "`schemas` is a non-empty array of unique URIs. It holds the resource type's base schema and only extensions declared for that type.",
      rfc: 'RFC 7643 §3, §3.3',
      level: 'MUST',
      how: 'For each returned resource: it contains ResourceType `schema`, every other entry is in `schemaExtensions`, there are no duplicates, and each entry is an absolute URI (RFC 7643 §3; the `urn:ietf:params:scim` form is the registered one, not a requirement for custom schemas).',
    },
    {
      id: 'CHAR-EXTENSION-CONTAINER',
      requirement:
        'Extension attributes sit under their schema URN key. An extension that the ResourceType marks required is always present.',
      rfc: 'RFC 7643 §3.3, §6',
      level: 'MUST',
      how: 'URN-named keys are listed in `schemas`. Extension fields never appear at the top level. A required extension is present on every resource of that type.',
      gate: 'schema:extension',
    },
    {
      id: 'CHAR-NAME-CASE',
      requirement: 'Attribute names in request bodies are matched regardless of case.',
      rfc: 'RFC 7643 §2.1',
      level: 'MUST*',
      how: 'POST U7 with `{"UserName":…,"NAME":{"GivenName":…}}` → 201, and a GET shows `userName` and `name.givenName` set.',
    },
    {
      id: 'CHAR-DECLARED-ONLY',
      requirement:
        'Returned resources hold only attributes that the published schema declares for their type, besides the common attributes.',
      rfc: 'RFC 7644 §3.4; RFC 7643 §3, §7',
      level: 'SHOULD',
      how: 'Diff each resource against /Schemas. An undeclared top-level key is a warning. Type mismatches are reported by the DT rows.',
    },
    {
      id: 'CHAR-ID-STABLE',
      requirement: "`id` never changes and is unique across all of the provider's resources.",
      rfc: 'RFC 7643 §3.1',
      level: 'MUST',
      how: 'U1 has the same `id` in every read and write response, and no Group shares an id with a User.',
    },
    {
      id: 'CHAR-LASTMODIFIED',
      requirement: '`meta.lastModified` moves forward when the resource changes, and `meta.created` never changes.',
      rfc: 'RFC 7643 §3.1',
      level: 'MUST*',
      how: 'After each PUT or PATCH that changed data, `lastModified` ≥ its previous value (strictly greater unless the clock granularity hides it), and `created` is unchanged.',
    },
  ],
};
