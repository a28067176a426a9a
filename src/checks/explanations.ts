/**
 * Hand-written context for the checks servers fail most, for `scim-check explain ID`: why an
 * IdP cares (what breaks for the admin) and the server bugs usually behind a failure, each
 * with its fix. Rows without an entry get text derived from their catalogue row.
 */
export interface Explanation {
  /** What goes wrong in the IdP, for its admin, when a server breaks this rule. */
  why: string;
  /** Typical server bugs behind a failure, each followed by its fix. */
  bugs: { bug: string; fix: string }[];
}

export const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  'DISC-SPC-GET': {
    why: 'IdPs and scim-check read /ServiceProviderConfig first to learn whether PATCH, filtering and ETags work; a missing or malformed one makes them guess.',
    bugs: [
      { bug: 'The endpoint returns a ListResponse (Resources: [config]) like /ResourceTypes.', fix: 'Return the configuration object itself; only /ResourceTypes and /Schemas are lists.' },
      { bug: 'The route is missing or behind a different base path.', fix: 'Serve it at {base}/ServiceProviderConfig, next to /Users.' },
    ],
  },
  'AUTH-401-MISSING': {
    why: 'An endpoint that answers without credentials leaks your directory to anyone who finds the URL.',
    bugs: [{ bug: 'The auth middleware is mounted after the SCIM router, or skipped for GET.', fix: 'Authenticate before routing, for every method.' }],
  },
  'AUTH-401-INVALID': {
    why: 'IdPs use the 401 to tell the admin the token is wrong or expired; a 500 or 200 hides a broken or bypassed credential check.',
    bugs: [
      { bug: 'An unparseable token throws, and the exception becomes a 500.', fix: 'Catch token parsing errors and answer 401.' },
      { bug: 'An empty `Bearer ` header is treated as anonymous and allowed.', fix: 'Reject empty and unknown schemes with 401.' },
    ],
  },
  'AUTH-WWW-AUTHENTICATE': {
    why: 'Clients decide how to re-authenticate from WWW-Authenticate (RFC 7235); without it some HTTP stacks treat the 401 as a generic failure.',
    bugs: [{ bug: 'The 401 is sent by hand without the header.', fix: 'Add `WWW-Authenticate: Bearer realm="…"` to every 401.' }],
  },
  'MEDIA-RESP-TYPE': {
    why: 'Strict IdP parsers check the Content-Type before reading the body; text/html error pages from a proxy or framework break provisioning with unreadable errors.',
    bugs: [
      { bug: 'The framework labels JSON as application/json.', fix: 'Set `Content-Type: application/scim+json` on SCIM responses (RFC 7644 §3.1).' },
      { bug: 'Errors are rendered by the web framework as HTML.', fix: 'Render every error under the SCIM base path as a SCIM Error JSON body.' },
    ],
  },
  'CREATE-201': {
    why: 'IdPs treat anything but 201 as a failed provisioning: Okta and Entra mark the assignment as errored and retry, which creates duplicates or alerts.',
    bugs: [
      { bug: 'The create handler answers 200.', fix: 'Answer 201 Created for a new resource.' },
      { bug: 'Attributes the server does not know (e.g. an extension) make the create fail with 400.', fix: 'Ignore unknown attributes or declare the extension in /Schemas.' },
    ],
  },
  'CREATE-201-LOCATION': {
    why: 'Some clients take the new resource URL from Location instead of building it; a missing or different URL sends their next request to the wrong place.',
    bugs: [{ bug: 'Location is not set, or is relative while meta.location is absolute.', fix: 'Set `Location` to the same absolute URL as `meta.location`.' }],
  },
  'CREATE-BODY': {
    why: 'IdPs store the `id` from the create response to address the user later; without a body they must search for what they just made.',
    bugs: [{ bug: 'The handler returns 201 with an empty body.', fix: 'Return the stored resource, as a GET would.' }],
  },
  'CREATE-ID': {
    why: 'The IdP keys every later PATCH, PUT and DELETE on this id; a reused or empty id makes it change or delete the wrong account.',
    bugs: [
      { bug: 'The id is the userName or email, which can change or collide across users and groups.', fix: 'Issue an opaque, immutable id (e.g. a UUID) per resource.' },
      { bug: 'The id is a number in JSON.', fix: 'Serialise `id` as a string.' },
    ],
  },
  'CREATE-META-RESOURCETYPE': {
    why: 'Clients that read resources from the root or a mixed list tell users from groups by meta.resourceType.',
    bugs: [{ bug: 'meta.resourceType is missing or lower-case (`user`).', fix: 'Set it to the ResourceType name, `User` or `Group`.' }],
  },
  'CREATE-META-TIMESTAMPS': {
    why: 'IdPs and audit tools use meta.created and meta.lastModified for incremental sync and troubleshooting.',
    bugs: [{ bug: 'The timestamps are missing, or set at slightly different instants on create.', fix: 'Set both from one clock reading on create, in RFC 3339 form with a zone.' }],
  },
  'CREATE-META-LOCATION': {
    why: 'meta.location is the URL clients follow to re-read the resource; a wrong host or path breaks them behind proxies.',
    bugs: [{ bug: 'The URL is built from an internal host name or omits the base path.', fix: 'Build it from the externally configured base URL.' }],
  },
  'CREATE-UNIQUENESS-409': {
    why: 'Okta and Entra look for an existing account when a create hits a 409 with scimType uniqueness, and link it; any other answer leaves the assignment failed.',
    bugs: [
      { bug: 'A database unique-constraint violation surfaces as 500.', fix: 'Map it to 409 with `scimType: "uniqueness"`.' },
      { bug: 'Duplicates are silently created.', fix: 'Enforce uniqueness of userName in storage.' },
    ],
  },
  'CREATE-UNIQUENESS-CASE': {
    why: 'userName is caseExact:false; two accounts differing only by case confuse sign-in and de-provisioning.',
    bugs: [{ bug: 'The unique index is case-sensitive.', fix: 'Index a case-folded copy of userName.' }],
  },
  'READ-200': {
    why: 'IdPs re-read a user before updating it (Okta reads before its PUT); a failing GET blocks every later change.',
    bugs: [{ bug: 'GET by id is routed to the list handler or returns a ListResponse.', fix: 'Return the single resource object for /Users/{id}.' }],
  },
  'READ-STATE': {
    why: 'The IdP believes what it sent was applied; if the stored state differs, the app and the IdP drift apart silently (wrong names, wrong active flag).',
    bugs: [
      { bug: 'The write handler ignores attributes it does not map, but answers 2xx.', fix: 'Store every supported attribute, or refuse the write with 400.' },
      { bug: 'The response is built from the request instead of the stored record.', fix: 'Render responses from what was stored.' },
    ],
  },
  'READ-404': {
    why: 'IdPs use 404 to detect that a user was removed on the app side and re-create or unlink it.',
    bugs: [{ bug: 'An unknown id yields 200 with an empty body, or 500 from a failed lookup.', fix: 'Answer 404 with a SCIM Error body.' }],
  },
  'LIST-RESPONSE': {
    why: 'Every lookup-before-create goes through a list query; an unreadable ListResponse makes the IdP create duplicates.',
    bugs: [{ bug: 'The list is returned as a bare JSON array.', fix: 'Wrap it in the ListResponse message with `schemas`, `totalResults` and `Resources`.' }],
  },
  'LIST-RESOURCES': {
    why: 'IdPs read `Resources` (capitalised) to find the matching account.',
    bugs: [{ bug: 'The key is spelled `resources` or `items`.', fix: 'Use exactly `Resources`.' }],
  },
  'LIST-EMPTY': {
    why: 'A lookup that finds nobody must say so with totalResults 0; a 404 is read as an error and the create never happens.',
    bugs: [{ bug: 'No match yields 404.', fix: 'Answer 200 with `totalResults: 0`.' }],
  },
  'LIST-PAGE-FIELDS': {
    why: 'IdP imports page through users with startIndex and count; missing paging fields stop the import after the first page.',
    bugs: [{ bug: 'itemsPerPage reports the requested count instead of the number returned.', fix: 'Set itemsPerPage to Resources.length.' }],
  },
  'FILTER-EQ': {
    why: 'Okta and Entra find existing accounts with `userName eq "…"`; a filter that returns everyone or no one links or duplicates the wrong account.',
    bugs: [
      { bug: 'The filter parameter is ignored and all users come back.', fix: 'Implement at least `eq` on userName, externalId and displayName.' },
      { bug: 'Quotes are kept as part of the value.', fix: 'Parse the filter grammar (RFC 7644 §3.4.2.2) rather than splitting strings.' },
    ],
  },
  'FILTER-CASE-INSENSITIVE': {
    why: 'IdPs may send a userName in a different case than the app stored; a case-sensitive match misses the account and the create then fails with 409.',
    bugs: [{ bug: 'The filter compares with SQL `=` on a case-sensitive collation.', fix: 'Compare caseExact:false attributes case-insensitively.' }],
  },
  'FILTER-INVALID': {
    why: 'An invalid filter must fail loudly; a 200 with everything lets the IdP link the wrong account.',
    bugs: [{ bug: 'Parse errors are swallowed and the unfiltered list is returned.', fix: 'Answer 400 with `scimType: "invalidFilter"`.' }],
  },
  'PAGE-ONE-BASED': {
    why: 'Imports start at startIndex=1; a zero-based server skips or repeats the first user.',
    bugs: [{ bug: 'startIndex is used as an array offset.', fix: 'Use offset = startIndex - 1, and treat values below 1 as 1.' }],
  },
  'PAGE-TOTAL': {
    why: 'IdPs stop paging when they have read totalResults resources; a wrong total truncates imports.',
    bugs: [{ bug: 'totalResults is the page size.', fix: 'Report the number of all matches.' }],
  },
  'PAGE-WALK': {
    why: 'An import that pages through users must see every user exactly once, or accounts go missing or duplicate in the IdP.',
    bugs: [{ bug: 'Results are unordered between pages.', fix: 'Page over a stable order (e.g. by id or created).' }],
  },
  'PUT-SUPPORTED': {
    why: 'Okta updates users with GET-then-PUT by default; without a working PUT profile changes never arrive.',
    bugs: [{ bug: 'PUT answers 405 or merges like PATCH.', fix: 'Implement PUT as a replace of the writable attributes.' }],
  },
  'PATCH-RESPONSE': {
    why: 'IdPs accept 200 with the resource or 204; other 2xx codes or bodies on 204 trip strict HTTP clients.',
    bugs: [{ bug: 'PATCH answers 202 or 201.', fix: 'Answer 200 with the resource, or 204 with no body.' }],
  },
  'PATCH-ADD': {
    why: 'IdPs add attributes with and without `path`; a server that handles only one form loses profile updates.',
    bugs: [{ bug: 'Path-less add is ignored or replaces multi-valued attributes.', fix: 'Merge `value` into the resource, appending to multi-valued attributes.' }],
  },
  'PATCH-REPLACE-ACTIVE': {
    why: 'This is how Okta and Entra deactivate users: if active stays true, a departed employee keeps access to your app.',
    bugs: [
      { bug: 'Only the `path:"active"` form is handled, not `value:{"active":false}`.', fix: 'Support both the path and the path-less replace.' },
      { bug: 'Deactivation deletes the user.', fix: 'Set active=false and keep the user retrievable.' },
      { bug: 'The string "False" (Entra) is stored as truthy.', fix: 'Coerce "True"/"False" strings to booleans.' },
    ],
  },
  'PATCH-REPLACE-NOPATH': {
    why: 'Okta and Entra send path-less replace operations for profile updates; ignoring them loses changes silently.',
    bugs: [{ bug: 'Operations without `path` are skipped.', fix: 'Apply each attribute in `value` as its own replace.' }],
  },
  'PATCH-REPLACE-COMPLEX': {
    why: 'Replacing name.givenName must not wipe name.familyName; otherwise each IdP update erases other fields.',
    bugs: [{ bug: 'replace on `name` overwrites the whole complex value.', fix: 'Replace only the sub-attributes given.' }],
  },
  'PATCH-REMOVE-VALUEPATH': {
    why: 'IdPs remove a single email or phone with a value filter; removing all of them loses data.',
    bugs: [{ bug: 'The value filter is ignored and the whole attribute is removed.', fix: 'Evaluate the filter and remove only matching elements.' }],
  },
  'PATCH-PATH-CASE': {
    why: 'Entra sends attribute names in its own casing; a case-sensitive path resolver ignores the change.',
    bugs: [{ bug: 'Paths are looked up as exact JSON keys.', fix: 'Resolve attribute names case-insensitively (RFC 7643 §2.1).' }],
  },
  'DEL-204': {
    why: 'IdPs expect 204 on delete; some treat 200 with a body as a failure and retry.',
    bugs: [{ bug: 'DELETE answers 200 with the deleted resource.', fix: 'Answer 204 with no body.' }],
  },
  'DEL-GONE-404': {
    why: 'After a delete, the IdP assumes the account is gone; a server that only deactivates keeps personal data it promised to delete.',
    bugs: [{ bug: 'DELETE is implemented as a soft delete that still answers GET.', fix: 'Answer 404 for soft-deleted resources on every operation.' }],
  },
  'GROUP-CREATE': {
    why: 'Okta group push and Entra group provisioning start with POST /Groups; without it no group or membership reaches the app.',
    bugs: [{ bug: 'Groups are created with 200 or without meta.', fix: 'Treat /Groups like /Users: 201, Location, meta.' }],
  },
  'GROUP-MEMBER-SHAPE': {
    why: 'IdPs match members by `value` = the user id they stored; any other shape breaks membership sync.',
    bugs: [{ bug: 'Members are stored by userName or email instead of id.', fix: 'Store and return `value` as the member resource id.' }],
  },
  'PATCH-MEMBERS-ADD': {
    why: 'Group push sends membership changes as PATCH add; lost members lose access to the app.',
    bugs: [
      { bug: 'add on members replaces the member list.', fix: 'Append the given members and keep existing ones.' },
      { bug: 'Only the first element of the value array is applied.', fix: 'Apply every element of `value`.' },
    ],
  },
  'PATCH-MEMBERS-ADD-EXISTING': {
    why: 'IdPs resend memberships on retries; a duplicate or an error on an existing member makes retries fail.',
    bugs: [{ bug: 'Adding an existing member fails with 409 or creates a duplicate row.', fix: 'Make member adds idempotent.' }],
  },
  'PATCH-MEMBERS-REMOVE': {
    why: 'When a user leaves a group in the IdP, their access must go; a remove that fails silently keeps access.',
    bugs: [
      { bug: 'The `members[value eq "…"]` filter is not parsed and nothing is removed.', fix: 'Parse value-path filters in PATCH paths.' },
      { bug: 'The filter is ignored and all members are removed.', fix: 'Remove only the matching members.' },
    ],
  },
  'PATCH-MEMBERS-REPLACE': {
    why: 'Some IdPs replace the whole member list; leftover members keep access.',
    bugs: [{ bug: 'replace on members merges instead of replacing.', fix: 'Set membership to exactly the list given.' }],
  },
  'GROUP-RENAME': {
    why: 'Renaming a group in the IdP must not touch its members; servers that rebuild the group drop them.',
    bugs: [{ bug: 'A PUT-style rename without members empties the group.', fix: 'On PATCH replace displayName, change only displayName.' }],
  },
  'GROUP-DELETE': {
    why: 'Unlinking a group in the IdP deletes it in the app; deleting its members too would remove people from the app entirely.',
    bugs: [{ bug: 'Group delete cascades to member users.', fix: 'Delete only the group and its membership rows.' }],
  },
  'VER-ETAG-HEADER': {
    why: 'Clients use ETags for optimistic concurrency; without them concurrent updates overwrite each other.',
    bugs: [{ bug: 'meta.version is set but no ETag header is sent.', fix: 'Send `ETag` with the same value as meta.version.' }],
  },
  'ERR-BODY': {
    why: 'IdPs show the error `detail` to the admin; an HTML or framework error body turns a fixable problem into "unknown error".',
    bugs: [{ bug: 'Errors come from the web framework (HTML, or {"error": …}).', fix: 'Return SCIM Error JSON for every 4xx and 5xx under the SCIM base path.' }],
  },
  'ERR-STATUS-STRING': {
    why: 'Strict IdP parsers reject an Error whose status is a number; the admin then sees a parse failure instead of the real error.',
    bugs: [{ bug: '`status` is serialised as a number.', fix: 'Send `"status": "400"` as a string.' }],
  },
  'ERR-SCIMTYPE': {
    why: 'IdPs branch on scimType (e.g. uniqueness → link the existing account); unknown keywords fall into generic failure paths.',
    bugs: [{ bug: 'Custom error codes are put in scimType.', fix: 'Use the RFC 7644 Table 9 keywords; put detail in `detail`.' }],
  },
  'INTEROP-OP-CASE': {
    why: 'Entra sends `Add`, `Replace`, `Remove` with capitals; a case-sensitive server ignores every Entra update.',
    bugs: [{ bug: 'op is compared with ===.', fix: 'Compare op case-insensitively.' }],
  },
  'INTEROP-BOOLEAN-STRINGS': {
    why: 'Entra (outside its compliant mode) sends "True"/"False" strings; storing them as truthy strings leaves deactivated users active.',
    bugs: [{ bug: 'The string "False" is stored or treated as true.', fix: 'Coerce "True"/"False" to booleans for boolean attributes.' }],
  },
  'INTEROP-REMOVE-MEMBER-BY-VALUE': {
    why: 'Entra removes members with `remove path:"members" value:[…]`; a strict server empties the whole group.',
    bugs: [{ bug: 'remove on members ignores the value array.', fix: 'When a value array is given, remove only those members.' }],
  },
  'INTEROP-FILTER-CORRELATION': {
    why: 'Okta and Entra look up users and groups by filter before creating them; without filters they create duplicates or fail with 409.',
    bugs: [{ bug: 'Filters answer 400 or are ignored.', fix: 'Support `eq` on userName, externalId and Group displayName.' }],
  },
  'INTEROP-PASSWORD-PLACEHOLDER': {
    why: 'Okta sends a random password even with password sync off; refusing it blocks every user create.',
    bugs: [{ bug: 'Creates with a password are refused by a password policy.', fix: 'Accept and ignore, or store, the password; never fail the create for it.' }],
  },
  'INTEROP-PATCH-200-BODY': {
    why: 'Some IdP validators (Entra\'s) reject 204 on PATCH even though the RFC allows it.',
    bugs: [{ bug: 'PATCH answers 204.', fix: 'Answer 200 with the updated resource.' }],
  },
  'INTEROP-OKTA-PUT-DEACTIVATE': {
    why: 'Okta without PATCH deactivates users by PUT with active:false; a server that ignores it keeps departed employees active.',
    bugs: [{ bug: 'PUT ignores `active`.', fix: 'Treat active as writable in PUT, and keep the user retrievable.' }],
  },
  'INTEROP-NOPATH-DOTTED': {
    why: 'Entra sends path-less operations whose keys are attribute paths (`name.givenName`); ignoring them loses updates.',
    bugs: [{ bug: 'Dotted keys in value are stored as literal attribute names.', fix: 'Resolve each key in `value` as an attribute path.' }],
  },
};
