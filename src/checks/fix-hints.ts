/**
 * How a server author usually fixes a failed row: one line each, for the rows servers fail
 * most often (SPEC-CHECKS "Commonly violated in practice"). The pretty reporter prints it under
 * the finding. Rows without an entry show only what the RFC requires and what came back.
 */
const FIX_HINTS: Readonly<Record<string, string>> = {
  'MEDIA-RESP-TYPE': 'send `Content-Type: application/scim+json; charset=utf-8` on every SCIM response, errors included',
  'ERR-MEDIA-TYPE': 'label error bodies `application/scim+json` too; framework error handlers often fall back to application/json or HTML',
  'ERR-BODY': 'route every error (404, 401, framework and proxy errors) through one handler that writes a SCIM Error object',
  'ERR-STATUS-STRING': 'serialise `status` as a string: `"status": "400"`, not `"status": 400`',
  'ERR-SCIMTYPE': 'use only the RFC 7644 Table 9 keywords (invalidFilter, uniqueness, mutability, invalidValue…), spelled exactly',
  'ERR-NO-5XX': 'validate input before touching storage and map client mistakes to 400/404/409 with a scimType',
  'AUTH-WWW-AUTHENTICATE': 'add `WWW-Authenticate: Bearer realm="scim"` to every 401',
  'AUTH-401-MISSING': 'reject requests without an Authorization header with 401 before any other processing',
  'AUTH-401-INVALID': 'answer an unknown, empty or wrong-scheme credential with 401 (not 403, never 2xx or 5xx)',
  'CREATE-201-LOCATION': 'set the `Location` header of a 201 to the new resource URL, the same value as meta.location',
  'CREATE-UNIQUENESS-409': 'answer a duplicate userName with 409 and `"scimType": "uniqueness"`',
  'CREATE-UNIQUENESS-CASE': 'compare userName case-insensitively for uniqueness (store a lower-cased key)',
  'CREATE-UNIQUENESS-PRECIS': 'normalise userName to NFC before the uniqueness check (String.prototype.normalize("NFC"))',
  'FILTER-CASE-INSENSITIVE': 'compare caseExact:false attributes (userName, emails.value, displayName) case-insensitively in filters',
  'FILTER-ATTR-CASE': 'match attribute names and operators in filters without case, and strip a core schema URN prefix',
  'FILTER-INVALID': 'parse the whole filter against RFC 7644 Figure 1 and answer 400 invalidFilter on any leftover or missing token',
  'FILTER-MULTIVALUED': 'let `emails.value eq …` match when any element matches; skip resources without the attribute instead of failing',
  'FILTER-UNKNOWN-ATTR': 'treat a filter on an unknown attribute as matching nothing (or 400 invalidFilter), never as no filter',
  'LIST-RESPONSE': 'answer every query with 200 and a ListResponse (`schemas`, integer `totalResults`), also when nothing matches',
  'LIST-EMPTY': 'a query with no match is 200 with `totalResults: 0`, not 404',
  'PAGE-ONE-BASED': 'treat startIndex as 1-based: the first resource is startIndex=1',
  'PAGE-COUNT-ZERO': 'for count=0 return only totalResults and no Resources',
  'PAGE-TOTAL': 'set totalResults to the number of matches before paging, not the page size',
  'PAGE-WALK': 'return an empty page (and the same totalResults) when startIndex is past the end',
  'DEL-204': 'answer a successful DELETE with 204 and an empty body',
  'DEL-GONE-404': 'delete the resource (or hide it everywhere); a later GET must be 404, not a deactivated copy',
  'PATCH-MEMBERS-REMOVE': 'apply `members[value eq "id"]` value filters in remove operations; removing only that member',
  'PATCH-MEMBERS-ADD-EXISTING': 'deduplicate multi-valued attributes by value when adding',
  'PATCH-ADD-DUPLICATE': 'skip values already present on add, and leave meta.lastModified alone when nothing changed',
  'PATCH-PRIMARY-UNIQUE': 'when a value is set primary:true, clear primary on the other values of that attribute',
  'PATCH-REPLACE-COMPLEX': 'for replace on a complex attribute, merge the given sub-attributes instead of replacing the whole object',
  'PATCH-READONLY': 'refuse PATCH operations on readOnly attributes (id, meta, groups) with 400 mutability',
  'PATCH-INVALID-PATH': 'parse `path` with the RFC 7644 grammar and answer 400 invalidPath when it does not resolve',
  'PATCH-PATH-CASE': 'resolve attribute names in PATCH paths case-insensitively',
  'CHAR-RETURNED-NEVER': 'strip `password` (and every returned:never attribute) from every response, including the 201',
  'CHAR-PRIMARY-ONCE': 'keep at most one primary:true per multi-valued attribute',
  'DT-BOOLEAN': 'emit JSON booleans (`true`/`false`), not strings or 1/0',
  'DISC-SCHEMAS-SHAPE': 'give every attribute definition, sub-attributes included, all of name, type, multiValued, required, mutability, returned, uniqueness (and caseExact for strings)',
  'VER-META-VERSION': 'derive the ETag header and meta.version from the same value',
  'GROUP-EXCLUDE-MEMBERS': 'honour excludedAttributes=members on Group reads and lists (it is also what keeps large groups fast)',
};

/** The fix hint for a row, if there is one. */
export function fixHint(id: string): string | undefined {
  return FIX_HINTS[id];
}
