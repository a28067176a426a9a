import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Discovery: `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 §4, RFC 7643 §5–7). Discovery runs
 * first: it decides which gates open and which extension attributes to expect.
 */
export const DISCOVERY: CatalogueArea = {
  area: 'Discovery',
  rows: [
    {
      id: 'DISC-SPC-GET',
      requirement:
        'The service-provider configuration is one JSON object whose `schemas` names the ServiceProviderConfig schema.',
      rfc: 'RFC 7644 §4; RFC 7643 §5',
      level: 'MUST',
      how: 'GET `{base}/ServiceProviderConfig` → 200. The body is an object, not a ListResponse (no `Resources`), and `schemas` contains `urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig`.',
      explanation: {
        why: 'IdPs and scim-check read /ServiceProviderConfig first to learn whether PATCH, filtering and ETags work; a missing or malformed one makes them guess.',
        bugs: [
          {
            bug: 'The endpoint returns a ListResponse (Resources: [config]) like /ResourceTypes.',
            fix: 'Return the configuration object itself; only /ResourceTypes and /Schemas are lists.',
          },
          {
            bug: 'The route is missing or behind a different base path.',
            fix: 'Serve it at {base}/ServiceProviderConfig, next to /Users.',
          },
        ],
      },
    },
    {
      id: 'DISC-SPC-REQUIRED',
      requirement:
        'Every required member is present and typed. `patch`, `bulk`, `filter`, `changePassword`, `sort` and `etag` each carry a boolean `supported`. `bulk.maxOperations`, `bulk.maxPayloadSize` and `filter.maxResults` are integers even when the feature is off. `authenticationSchemes` is a non-empty array of entries with `type`, `name` and `description`.',
      rfc: 'RFC 7643 §5',
      level: 'MUST',
      how: 'Same response → report each missing or mistyped member with its JSON path. `"true"` or 1 for `supported` fails. A `type` outside `oauth`, `oauth2`, `oauthbearertoken`, `httpbasic`, `httpdigest` is a warning (extension). Unknown extra members are ignored.',
    },
    {
      id: 'DISC-SPC-PUBLIC',
      requirement: 'The authentication-scheme information can be read without credentials.',
      rfc: 'RFC 7643 §5',
      level: 'SHOULD',
      how: 'GET `{base}/ServiceProviderConfig` with no `Authorization` → 200. 401 is a warning.',
    },
    {
      id: 'DISC-SPC-HONEST',
      requirement:
        'Behaviour matches the advertised capabilities. A feature flagged unsupported is refused with 501. A feature flagged supported actually works.',
      rfc: 'RFC 7643 §5; RFC 7644 §3.12 (Table 8)',
      level: 'SHOULD',
      how: 'After the feature rows run: with `patch`/`bulk` `supported:false`, PATCH `{base}/Users/{id}` or POST `{base}/Bulk` → 501 (404 or 405 is a warning). With `true`, no row in that area failed with 404, 405 or 501. "Advertised but broken" is reported as its own finding.',
    },
    {
      id: 'DISC-SPC-IDP-USES',
      requirement:
        'ServiceProviderConfig does not call a feature unsupported that the IdP a scenario replays uses without reading it (Okta and Entra send PATCH and `userName eq` filters whatever it says).',
      rfc: 'RFC 7643 §5',
      level: 'SHOULD',
      how: 'A scenario `requires:` a feature that `/ServiceProviderConfig` flags `supported:false`, under a profile that never reads it → the scenario runs as the IdP would, and this row records the contradiction once, on its first step.',
      explanation: {
        why: 'Okta and Entra never read /ServiceProviderConfig; a server that advertises no PATCH or filtering still gets both from them, so the flag neither protects the server nor tells the truth.',
        bugs: [
          {
            bug: 'The SPC flag is a placeholder (false) while the endpoints work.',
            fix: 'Advertise what works; the flag is what SCIM clients that do read it rely on.',
          },
          {
            bug: 'The feature really is missing.',
            fix: 'Implement what the IdPs you target send (PATCH and `eq` filters for Okta and Entra); the flows of this run show which requests fail.',
          },
        ],
      },
    },
    {
      id: 'DISC-RT-LIST',
      requirement: '`/ResourceTypes` returns all resource types in ListResponse form.',
      rfc: 'RFC 7644 §4',
      level: 'MUST',
      how: 'GET `{base}/ResourceTypes` → 200 with `schemas` = ListResponse URN and `totalResults` = `Resources.length`.',
    },
    {
      id: 'DISC-RT-FIELDS',
      requirement:
        'Each ResourceType has `schemas` (ResourceType URN), `name`, `endpoint` and `schema`. Each `schemaExtensions` entry has `schema` and a boolean `required`.',
      rfc: 'RFC 7643 §6',
      level: 'MUST',
      how: 'Inspect every entry. `endpoint` may appear as `Users` or `/Users`; accept both. If `id` is present and differs from `name`, that is a warning.',
    },
    {
      id: 'DISC-RT-SCHEMA-LINK',
      requirement: 'Every `schema` and `schemaExtensions[].schema` URI names a Schema that `/Schemas` serves.',
      rfc: 'RFC 7643 §6',
      level: 'MUST',
      how: 'Collect the Schema `id`s from DISC-SCHEMAS-LIST → each referenced URI is among them.',
    },
    {
      id: 'DISC-SINGLE',
      requirement: 'A single ResourceType and a single Schema can be fetched by id, and come back as a plain object.',
      rfc: 'RFC 7644 §4, §3.4.1',
      level: 'MUST*',
      how: 'GET `{base}/ResourceTypes/User` (using `id`, else `name`) and `{base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` → 200 each. Each is an object with the right `id`/`name`, not a ListResponse.',
    },
    {
      id: 'DISC-RT-ENDPOINTS-LIVE',
      requirement: 'Every advertised endpoint answers a list query.',
      rfc: 'RFC 7644 §3.2, §4',
      level: 'MUST*',
      how: 'For each ResourceType, GET `{base}{endpoint}?count=1` → 200 ListResponse. A 404 on an advertised endpoint fails.',
    },
    {
      id: 'DISC-SCHEMAS-LIST',
      requirement: '`/Schemas` returns every supported schema as a ListResponse.',
      rfc: 'RFC 7644 §4',
      level: 'MUST',
      how: 'GET `{base}/Schemas` → 200 ListResponse containing at least the core schema of each ResourceType.',
    },
    {
      id: 'DISC-SCHEMAS-SHAPE',
      requirement:
        'Each Schema has `schemas` (Schema URN), a URI `id` and `attributes`. Each attribute definition, including those under `subAttributes`, has `name`, `type`, `multiValued`, `required`, `mutability`, `returned` and `uniqueness`, and `caseExact` for strings. `meta.resourceType` is `Schema` when `meta` is present.',
      rfc: 'RFC 7643 §7; errata EID 8417',
      level: 'MUST',
      how: 'Walk every definition → report each missing characteristic by JSON path. A missing `caseExact` on a non-string attribute is a warning only.',
      fixHint:
        'give every attribute definition, sub-attributes included, all of name, type, multiValued, required, mutability, returned, uniqueness (and caseExact for strings)',
    },
    {
      id: 'DISC-SCHEMAS-ENUMS',
      requirement:
        'Characteristic values come from the defined vocabularies. `type` is one of string, boolean, decimal, integer, dateTime, binary, reference, complex. `mutability` is readOnly, readWrite, immutable or writeOnly. `returned` is always, never, default or request. `uniqueness` is none, server or global.',
      rfc: 'RFC 7643 §2.3, §7',
      level: 'MUST',
      how: "Exact string compare. `binary` is accepted even though §7's list leaves it out (see the inconsistencies section).",
    },
    {
      id: 'DISC-SCHEMAS-COMPLEX',
      requirement:
        'A complex attribute lists its `subAttributes`, and a reference attribute lists `referenceTypes` as an array.',
      rfc: 'RFC 7643 §2.3.7, §7; EID 5607',
      level: 'SHOULD',
      how: 'Complex without `subAttributes` → warning. Reference without an array `referenceTypes` → warning. Nested complex is DT-SHAPE.',
    },
    {
      id: 'DISC-SCHEMAS-COMMON',
      requirement:
        'The published schema does not contradict the fixed characteristics of common and credential attributes. `id` is readOnly, returned always and caseExact. `password`, if listed, is writeOnly and returned never. `meta` sub-attributes are readOnly.',
      rfc: 'RFC 7643 §3.1, §4.1.1, §8.7.1',
      level: 'MUST',
      how: 'Inspect the User and Group schemas → a contradiction fails. Differences elsewhere (for example `userName` not `required`, or Group `displayName` not `required`, which errata EID 5368 corrects) are reported as info.',
    },
    {
      id: 'DISC-SCHEMAS-NO-MESSAGES',
      requirement: 'Protocol message URNs (`urn:ietf:params:scim:api:…`) are never published as schemas.',
      rfc: 'RFC 7644 §3.1',
      level: 'MUST',
      how: 'No Schema `id` starts with `urn:ietf:params:scim:api:`.',
    },
    {
      id: 'DISC-NO-FILTER',
      requirement:
        '`/Schemas` and `/ResourceTypes` do not run filters. A request with `filter` should be refused with 403.',
      rfc: 'RFC 7644 §4',
      level: 'SHOULD',
      how: 'GET `{base}/ResourceTypes?filter=name eq "User"` → 403 with an Error body. 200 with the full list is a warning. 200 with a visibly filtered list is a warning that says clients may wrongly trust the filter.',
    },
    {
      id: 'DISC-NO-PAGING',
      requirement: 'Paging and sorting parameters on these endpoints are ignored, so the full set always comes back.',
      rfc: 'RFC 7644 §4',
      level: 'MUST',
      how: 'GET `{base}/Schemas?startIndex=2&count=1&sortBy=id` → the same set of `id`s as the plain GET.',
    },
  ],
};
