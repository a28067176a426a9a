import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Modify: PATCH (RFC 7644 §3.5.2). Every row is gated on `SPC:patch`; refusal when PATCH is
 * unsupported is DISC-SPC-HONEST.
 */
export const MODIFY: CatalogueArea = {
  area: 'Modify',
  rows: [
    {
      id: 'PATCH-BODY-VALIDATED',
      requirement:
        "A PATCH body is refused with 400 (`invalidSyntax`) in any of these cases: its `schemas` does not list the PatchOp URN, `Operations` is missing or empty, an `op` is unknown, or an `add`/`replace` has no `value`. A body with no `schemas` key at all is authentik's habit, judged by INTEROP-PATCH-NO-SCHEMAS instead.",
      rfc: 'RFC 7644 §3.5.2, §3.5.2.1, §3.12',
      level: 'SHOULD',
      how: 'Send four requests: `schemas` naming another URN (or empty); `"Operations":[]`; `op:"move"`; `{"op":"add","path":"title"}` → 400 each, and the resource is unchanged.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-RESPONSE',
      requirement: 'Success is either 200 with the full resource or 204 with no body.',
      rfc: 'RFC 7644 §3.5.2',
      level: 'MUST',
      how: 'Every successful PATCH → 200 with a resource whose `id` is the target, or 204 with an empty body. Any other 2xx fails.',
      gate: 'SPC:patch',
      explanation: {
        why: 'IdPs accept 200 with the resource or 204; other 2xx codes or bodies on 204 trip strict HTTP clients.',
        bugs: [{ bug: 'PATCH answers 202 or 201.', fix: 'Answer 200 with the resource, or 204 with no body.' }],
      },
    },
    {
      id: 'PATCH-ATTRIBUTES-200',
      requirement: 'With `attributes` in the query, success must be 200 with the shaped body.',
      rfc: 'RFC 7644 §3.5.2, §3.9',
      level: 'MUST',
      how: 'PATCH `{base}/Users/{id}?attributes=nickName` → 200, with a body holding only `id`, `nickName` and any always-returned attributes. A 204 fails.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-ADD',
      requirement:
        '`add` sets single-valued attributes and appends to multi-valued ones, with or without a `path`. Without a `path`, the attributes in `value` are merged into the resource.',
      rfc: 'RFC 7644 §3.5.2.1',
      level: 'MUST*',
      how: 'Path-less: `{"op":"add","value":{"nickName":"Babs","emails":[{"value":"h-{run}@example.com","type":"home"}]}}` → `nickName` is set, and `emails` = the old emails plus the new one. With a path: `add path:"title" value:"T2"` → `title` is T2. `add path:"phoneNumbers" value:[{"value":"+1 555 0100","type":"work"}]` → the phone is appended and the others are kept.',
      gate: 'SPC:patch',
      explanation: {
        why: 'IdPs add attributes with and without `path`; a server that handles only one form loses profile updates.',
        bugs: [
          {
            bug: 'Path-less add is ignored or replaces multi-valued attributes.',
            fix: 'Merge `value` into the resource, appending to multi-valued attributes.',
          },
        ],
      },
    },
    {
      id: 'PATCH-ADD-DUPLICATE',
      requirement:
        'Adding a value that is already present should change nothing and succeed, leaving `meta.lastModified` untouched.',
      rfc: 'RFC 7644 §3.5.2.1',
      // SHOULD, as §3.5.2.1 words it (no change and a success response are both SHOULD), and as
      // PATCH-MEMBERS-ADD-EXISTING grades the same sentence. The timestamp clause is conditional on
      // nothing having changed, so it is judged with the rest of this row.
      level: 'SHOULD',
      how: 'Re-send the phone `add` → 2xx. The phone count is unchanged, and `lastModified` is identical to its earlier value. A moved timestamp fails.',
      gate: 'SPC:patch',
      fixHint: 'skip values already present on add, and leave meta.lastModified alone when nothing changed',
    },
    {
      id: 'PATCH-REPLACE-NOPATH',
      requirement: '`replace` without `path` replaces each attribute named in `value` and leaves the others alone.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST*',
      how: '`{"op":"replace","value":{"nickName":"B2","title":"T3"}}` → both are changed and `name` is unchanged.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Okta and Entra send path-less replace operations for profile updates; ignoring them loses changes silently.',
        bugs: [
          { bug: 'Operations without `path` are skipped.', fix: 'Apply each attribute in `value` as its own replace.' },
        ],
      },
    },
    {
      id: 'PATCH-REPLACE-ACTIVE',
      requirement:
        'Deactivation by `replace` sets `active` to JSON `false` and leaves the user retrievable. This holds with a path (`path:"active",value:false`) and in the path-less form (`value:{"active":false}`).',
      rfc: 'RFC 7644 §3.5.2.3; RFC 7643 §4.1.1',
      level: 'MUST*',
      how: 'Both forms → GET shows `"active": false` and the user still returns 200. Reactivating with `true` works the same way.',
      gate: 'SPC:patch',
      explanation: {
        why: 'This is how Okta and Entra deactivate users: if active stays true, a departed employee keeps access to your app.',
        bugs: [
          {
            bug: 'Only the `path:"active"` form is handled, not `value:{"active":false}`.',
            fix: 'Support both the path and the path-less replace.',
          },
          { bug: 'Deactivation deletes the user.', fix: 'Set active=false and keep the user retrievable.' },
          { bug: 'The string "False" (Entra) is stored as truthy.', fix: 'Coerce "True"/"False" strings to booleans.' },
        ],
      },
    },
    {
      id: 'PATCH-REPLACE-MULTI',
      requirement: '`replace` on a multi-valued attribute without a filter replaces the whole set.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST*',
      how: '`replace path:"emails" value:[{"value":E9,"type":"work","primary":true}]` → `emails` is exactly [E9].',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-REPLACE-COMPLEX',
      requirement: '`replace` on a complex attribute changes only the sub-attributes supplied.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST*',
      how: '`replace path:"name" value:{"givenName":"G2"}` → `givenName` is G2 and `familyName` is unchanged.',
      gate: 'SPC:patch',
      fixHint:
        'for replace on a complex attribute, merge the given sub-attributes instead of replacing the whole object',
      explanation: {
        why: 'Replacing name.givenName must not wipe name.familyName; otherwise each IdP update erases other fields.',
        bugs: [
          {
            bug: 'replace on `name` overwrites the whole complex value.',
            fix: 'Replace only the sub-attributes given.',
          },
        ],
      },
    },
    {
      id: 'PATCH-REPLACE-VALUEPATH',
      requirement:
        '`replace` with a value filter replaces every matching element. If the path continues with `.sub`, only that sub-attribute of the matching elements changes.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST',
      how: '`replace path:\'emails[type eq "work"]\' value:{"value":E5,"type":"work"}` → the work email is E5 and the home email is untouched. Then `replace path:\'emails[type eq "work"].value\' value:E6` → only that value changes.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-REPLACE-NOTARGET',
      requirement: '`replace` with a value filter that matches nothing fails with 400 `noTarget`.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST',
      how: '`replace path:\'emails[type eq "scimcheck-none"].value\' value:"x"` → 400 `noTarget`, and the resource is unchanged.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-REPLACE-ABSENT',
      requirement: '`replace` on an attribute that has no value acts as `add`.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST',
      how: 'After `nickName` has been removed, `replace path:"nickName" value:"N"` → 2xx and `nickName` is N.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-REMOVE-NOPATH',
      requirement: '`remove` without `path` fails with 400 `noTarget`.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'MUST*',
      how: '`{"op":"remove"}` → 400 `noTarget`, and nothing is removed.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-REMOVE',
      requirement:
        '`remove` on a single-valued attribute, or on a multi-valued attribute without a filter, leaves it unassigned.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'MUST',
      how: '`remove path:"nickName"` → `nickName` is absent. `remove path:"phoneNumbers"` → no phone numbers remain.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-REMOVE-VALUEPATH',
      requirement: '`remove` with a value filter deletes only the matching elements.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'MUST',
      how: '`remove path:\'emails[type eq "home"]\'` → the home email is gone and the work email is intact.',
      gate: 'SPC:patch',
      explanation: {
        why: 'IdPs remove a single email or phone with a value filter; removing all of them loses data.',
        bugs: [
          {
            bug: 'The value filter is ignored and the whole attribute is removed.',
            fix: 'Evaluate the filter and remove only matching elements.',
          },
        ],
      },
    },
    {
      id: 'PATCH-REMOVE-REQUIRED',
      requirement: 'Removing a required attribute is refused with `mutability`.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'MUST',
      how: '`remove path:"userName"` → 400 `mutability`, and `userName` is unchanged.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-READONLY',
      requirement: 'An operation that would change a read-only attribute is refused with 400 `mutability`.',
      rfc: 'RFC 7644 §3.5.2',
      level: 'MUST',
      how: '`replace path:"id" value:"x"`, `replace path:"meta.created" value:"2001-01-01T00:00:00Z"` and `add path:"groups" value:[{"value":G1.id}]` → 400 `mutability` each, and the resource is unchanged.',
      gate: 'SPC:patch',
      fixHint: 'refuse PATCH operations on readOnly attributes (id, meta, groups) with 400 mutability',
    },
    {
      id: 'PATCH-IMMUTABLE',
      requirement:
        'An immutable attribute may be added while it is empty, but once set it cannot be changed (400 `mutability`).',
      rfc: 'RFC 7644 §3.5.2',
      level: 'MUST',
      how: 'For an attribute declared `immutable`: `add` while unassigned → 2xx. `replace` with another value → 400 `mutability`.',
      gate: 'schema:immutable',
      notCheckedBecause: 'needs an attribute the server declares immutable; the core schemas declare none',
    },
    {
      id: 'PATCH-INVALID-PATH',
      requirement: 'A malformed or unresolvable `path` is refused with 400 `invalidPath`.',
      rfc: 'RFC 7644 §3.5.2, §3.12 (Table 9)',
      level: 'MUST',
      how: '`path:\'emails[type eq "work"\'` (unclosed) and `path:"name..givenName"` → 400 `invalidPath`. `invalidFilter` for the bracket part is a warning.',
      gate: 'SPC:patch',
      fixHint: 'parse `path` with the RFC 7644 grammar and answer 400 invalidPath when it does not resolve',
    },
    {
      id: 'PATCH-ATOMIC',
      requirement: 'All operations in a request succeed or fail together. On failure the resource is unchanged.',
      rfc: 'RFC 7644 §3.5.2',
      level: 'MUST',
      how: '`[replace nickName→"Atomic-{run}", remove userName]` → 400. A GET shows the old `nickName`, with `meta.lastModified` and `meta.version` unchanged.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-ORDERED',
      requirement: 'Operations are applied in array order, each to the result of the one before.',
      rfc: 'RFC 7644 §3.5.2',
      level: 'MUST*',
      how: '`[remove path:"emails", add path:"emails" value:[E7]]` → `emails` is exactly [E7].',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-PRIMARY-UNIQUE',
      requirement: 'Setting `primary:true` on one element clears `primary` on the others.',
      rfc: 'RFC 7644 §3.5.2; RFC 7643 §2.4',
      level: 'MUST',
      how: 'With the work email primary: `add path:"emails" value:[{"value":E8,"type":"other","primary":true}]` → only E8 has `primary:true`.',
      gate: 'SPC:patch',
      fixHint: 'when a value is set primary:true, clear primary on the other values of that attribute',
    },
    {
      id: 'PATCH-EXTENSION-PATH',
      requirement:
        'A fully qualified extension attribute path is accepted, and it adds the extension URN to `schemas`.',
      rfc: 'RFC 7644 §3.5.2, §3.10',
      level: 'MUST*',
      how: '`add path:"<enterprise URN>:employeeNumber" value:"E-{run}"` → the value is stored under the URN, and `schemas` now lists the URN.',
      gate: 'schema:extension',
    },
    {
      id: 'PATCH-PATH-CASE',
      requirement: 'Attribute names inside `path` are case-insensitive.',
      rfc: 'RFC 7644 §3.10; RFC 7643 §2.1',
      level: 'MUST*',
      how: '`replace path:"NickName" value:"C"` and `replace path:\'EMAILS[TYPE eq "work"].VALUE\' value:E4` → both are applied.',
      gate: 'SPC:patch',
      fixHint: 'resolve attribute names in PATCH paths case-insensitively',
      explanation: {
        why: 'Entra sends attribute names in its own casing; a case-sensitive path resolver ignores the change.',
        bugs: [
          {
            bug: 'Paths are looked up as exact JSON keys.',
            fix: 'Resolve attribute names case-insensitively (RFC 7643 §2.1).',
          },
        ],
      },
    },
    {
      id: 'PATCH-UNIQUENESS',
      requirement:
        "A PATCH that would duplicate another resource's unique value fails with `uniqueness`, preferably as 409.",
      rfc: 'RFC 7644 §3.5.2, §3.12 (Table 9)',
      level: 'MUST',
      how: 'On U2, `replace path:"userName" value:"<U1>"` → 409 `uniqueness`. A 400 `uniqueness` is a warning. A 2xx fails.',
      gate: 'SPC:patch',
    },
  ],
};
