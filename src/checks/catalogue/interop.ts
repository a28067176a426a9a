import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Interop: what named IdPs depend on beyond the RFC. These rows come from the IdPs' documented
 * behaviour, not from RFC text, so a failure is an error only under a profile of the named IdP
 * family (src/idp/profile-names.ts) and informational otherwise.
 */
export const INTEROP: CatalogueArea = {
  area: 'Interop',
  rows: [
    {
      id: 'INTEROP-OP-CASE',
      requirement: 'PATCH `op` values are matched regardless of case (`Add`, `Replace`, `Remove`).',
      rfc: 'RFC 7644 §3.5.2 shows them in lower case',
      level: 'INTEROP',
      // The SCIM Validator profile sends the Entra legacy disable form too (inferred there).
      interopFamilies: ['entra', 'entra-validator'],
      how: 'PATCH `{"op":"Replace","path":"active","value":false}` → the same effect as the lower-case form. Judged by proof: a refused (or accepted but ignored) request is re-sent with lower-case ops, and the row fails only when that form is accepted (applied).',
      gate: 'SPC:patch',
      explanation: {
        why: 'Entra sends `Add`, `Replace`, `Remove` with capitals; a case-sensitive server ignores every Entra update.',
        bugs: [{ bug: 'op is compared with ===.', fix: 'Compare op case-insensitively.' }],
      },
    },
    {
      id: 'INTEROP-BOOLEAN-STRINGS',
      requirement:
        '`"True"`/`"False"` (Entra) and `"true"`/`"false"` (keycloak-scim\'s PATCH mode) strings sent for boolean attributes in PATCH are accepted and stored as booleans.',
      rfc: 'contradicts 7643 §2.3.2 on the client side',
      level: 'INTEROP',
      // Entra: the known-issues page. Keycloak: the plugin's `user-patchOp` sends String(active) (IDP-NOTES.md, Keycloak "Update style").
      interopFamilies: ['entra', 'keycloak', 'entra-validator'],
      how: 'PATCH `{"op":"Replace","path":"active","value":"False"}` → 2xx, and a GET shows `active:false` as a boolean.',
      gate: 'SPC:patch',
      explanation: {
        why: "Entra (outside its compliant mode) and the Keycloak plugin's PATCH mode send booleans as strings; refusing them blocks every deactivation, and storing them as truthy strings leaves deactivated users active.",
        bugs: [
          {
            bug: 'The string "False" is stored or treated as true.',
            fix: 'Coerce "True"/"False" to booleans for boolean attributes.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-REMOVE-MEMBER-BY-VALUE',
      requirement: "`remove` on `members` with a `value` array removes only the listed members (Entra's legacy form).",
      rfc: 'RFC 7644 §3.5.2.2 reads this as "remove all"',
      level: 'INTEROP',
      // Rauthy: clients_scim.rs update_groups_assignment removes with the same value array.
      interopFamilies: ['entra', 'jumpcloud', 'authentik', 'rauthy'],
      how: 'PATCH G `{"op":"Remove","path":"members","value":[{"value":U2.id}]}` → only U2 is removed. A strict server that empties the group passes the RFC but breaks Entra. The checker reports this conflict explicitly.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Entra removes members with `remove path:"members" value:[…]`; a strict server empties the whole group.',
        bugs: [
          {
            bug: 'remove on members ignores the value array.',
            fix: 'When a value array is given, remove only those members.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-NOPATH-DOTTED',
      requirement:
        'A path-less `replace` or `add` whose `value` keys are attribute paths updates those attributes. Such keys include `name.givenName` and full extension URN paths.',
      rfc: 'RFC 7644 §3.5.2.3 is silent on this',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: '`{"op":"replace","value":{"name.givenName":"X","<enterprise URN>:employeeNumber":"7"}}` → both attributes are updated.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Entra sends path-less operations whose keys are attribute paths (`name.givenName`); ignoring them loses updates.',
        bugs: [
          {
            bug: 'Dotted keys in value are stored as literal attribute names.',
            fix: 'Resolve each key in `value` as an attribute path.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-SINGLE-VALUE-ARRAY',
      requirement:
        'A single-valued attribute sent as a one-element array (Entra\'s manager: `[{"$ref":null,"value":id}]`) is taken as that one value.',
      rfc: 'RFC 7643 §2.4 keeps arrays for multi-valued attributes',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'PATCH U1 `{"op":"Add","path":"<enterprise URN>:manager","value":[{"$ref":null,"value":U2.id}]}` → 2xx and the manager is U2. Judged by re-sending a refused request with the element itself: only when that form is accepted is the array the cause.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Entra sets the manager with a value array holding one reference (its tutorial\'s "Add manager" sample); a server that refuses it never gets a manager from Entra.',
        bugs: [
          {
            bug: "The value is validated against the attribute's definition and an array is refused for single-valued manager.",
            fix: 'Accept a one-element array for a single-valued attribute and store the element.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-NULL-REF',
      requirement:
        'A `"$ref": null` inside a PATCH value (Entra\'s manager and member references) is accepted as an unassigned `$ref`.',
      rfc: 'RFC 7643 §2.5 (null is the same as unassigned)',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'PATCH G `{"op":"Add","path":"members","value":[{"$ref":null,"value":U1.id}]}` → 2xx and U1 is a member. Judged by re-sending a refused request without the null `$ref`.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Entra\'s tutorial samples send `"$ref": null` with every member and manager reference; a server that reads null as an object or a URI refuses every such update.',
        bugs: [
          {
            bug: 'The reference is parsed without a null check (e.g. "Cannot convert undefined or null to object").',
            fix: 'Treat a null sub-attribute as absent (RFC 7643 §2.5).',
          },
        ],
      },
    },
    {
      id: 'INTEROP-EXTENSION-BARE-NAME',
      requirement:
        'An enterprise extension attribute named without its schema URN in a PATCH path (`manager`, `employeeNumber`) is resolved to the extension.',
      rfc: 'RFC 7644 §3.10 asks for the URN-prefixed name',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'PATCH U1 `{"op":"Add","path":"manager","value":…}` → 2xx and the enterprise extension holds it. Judged by re-sending a refused request with the URN-prefixed path.',
      gate: 'SPC:patch',
      explanation: {
        why: "Entra's tutorial samples write the manager's path as plain `manager`; a server that only resolves URN-prefixed extension paths refuses the update.",
        bugs: [
          {
            bug: 'A path that is not a core attribute is refused as invalidPath.',
            fix: "When a name is not a core attribute, look it up in the resource type's extensions.",
          },
        ],
      },
    },
    {
      id: 'INTEROP-REFUSED',
      requirement:
        "A request the IdP sends is accepted; when it is refused and no single IdP habit in it explains why, the server's reason is reported as it gave it.",
      rfc: 'RFC 7644 §3.12 (the error `detail`)',
      level: 'INTEROP',
      interopFamilies: [
        'okta',
        'entra',
        'keycloak',
        'google',
        'onelogin',
        'jumpcloud',
        'authentik',
        'ping',
        'rauthy',
        'entra-validator',
      ],
      how: "An IdP write answered 4xx that carries IdP habits is re-sent with each habit alone in RFC form; when none of those is accepted, the refusal is reported once with the server's `detail`.",
      explanation: {
        why: "The IdP retries a refused write on every cycle and the change never lands; the server's own `detail` is the only clue to what it objected to.",
        bugs: [
          {
            bug: 'The server refuses a value or attribute the IdP sends for a reason of its own (a validation rule, a missing attribute).',
            fix: 'Read the quoted `detail`: accept what the IdP sends, or document why it cannot be stored.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-ADD-VALUEPATH-CREATES',
      requirement: '`add` to `emails[type eq "work"].value` when no work email exists creates one.',
      rfc: 'RFC 7644 §3.5.2.1 leaves this open',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'On a user without emails, `add path:\'emails[type eq "work"].value\' value:E` → `emails` contains `{type:"work",value:E}`.',
      gate: 'SPC:patch',
    },
    {
      id: 'INTEROP-FILTER-CORRELATION',
      requirement:
        '`userName eq` and `externalId eq` on Users, and `displayName eq` on Groups, work, because IdPs look up before they create.',
      rfc: 'RFC 7644 §3.4.2.2 makes filtering optional',
      level: 'INTEROP',
      // Rauthy looks up by all three filters before every write (clients_scim.rs get_user, get_group).
      interopFamilies: ['okta', 'entra', 'rauthy'],
      how: 'The three filters → exact matches. A 400 `invalidFilter` is an error under these profiles.',
      explanation: {
        why: 'Okta and Entra look up users and groups by filter before creating them; without filters they create duplicates or fail with 409.',
        bugs: [
          {
            bug: 'Filters answer 400 or are ignored.',
            fix: 'Support `eq` on userName, externalId and Group displayName.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-OKTA-PUT-DEACTIVATE',
      requirement:
        'A PUT that carries `active:false` deactivates the user without deleting them. The user stays retrievable, and a PUT with `active:true` brings them back.',
      rfc: 'RFC 7644 §3.5.1',
      level: 'INTEROP',
      interopFamilies: ['okta'],
      how: "PUT U1's full body with `active:false` → GET 200 shows `active:false`. PUT with `active:true` → `active:true`.",
      explanation: {
        why: 'Okta without PATCH deactivates users by PUT with active:false; a server that ignores it keeps departed employees active.',
        bugs: [
          { bug: 'PUT ignores `active`.', fix: 'Treat active as writable in PUT, and keep the user retrievable.' },
        ],
      },
    },
    {
      id: 'INTEROP-PASSWORD-PLACEHOLDER',
      requirement:
        'A create that carries a `password` is not refused merely for that. Okta sends one even when password sync is off.',
      rfc: 'RFC 7644 §3.3 lets the server ignore POSTed content',
      level: 'INTEROP',
      interopFamilies: ['okta'],
      how: 'POST with a random password → 201. A 400 caused by the password is an error under the okta profile.',
      explanation: {
        why: 'Okta sends a random password even with password sync off; refusing it blocks every user create.',
        bugs: [
          {
            bug: 'Creates with a password are refused by a password policy.',
            fix: 'Accept and ignore, or store, the password; never fail the create for it.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-PATCH-NO-SCHEMAS',
      requirement:
        "A PATCH body that leaves the `schemas` key out (authentik's path-less group replace) is read as a PatchOp; one whose `schemas` names something else may still be refused.",
      rfc: 'RFC 7644 §3.5.2 asks the client for the PatchOp URN in `schemas`',
      level: 'INTEROP',
      // goauthentik/authentik groups.py _update_patch_general dumps its PatchRequest with
      // exclude_unset, dropping the default schemas; Infisical issue #6552 saw it from authentik 2026.2.
      interopFamilies: ['authentik'],
      how: 'PATCH G `{"Operations":[{"op":"replace","value":{"displayName":"…","externalId":"…"}}]}` (no `schemas`) → 2xx and the group renamed. Judged by proof: a refused request is re-sent with `"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]` added, and the row fails only when that form is accepted.',
      gate: 'SPC:patch',
      explanation: {
        why: 'authentik renames and updates every pushed group with a PATCH that has no `schemas`; a server that insists on the envelope never sees an authentik group change.',
        bugs: [
          {
            bug: 'A PATCH body without `schemas` is refused with 400 invalidSyntax.',
            fix: 'Require the PatchOp URN only when `schemas` is present; read a body without the key as a PatchOp.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-PATCH-200-BODY',
      requirement:
        "PATCH success returns 200 with the resource, because Microsoft's hosted SCIM Validator is said to reject a 204. The evidence is inferred: no public report shows the validator refusing a 204, and its recorded run of 2026-02-10 passed four group PATCH tests answered 200 with an empty body.",
      rfc: 'RFC 7644 §3.5.2 allows 204',
      // Only Microsoft's hosted SCIM Validator wants the 200 (src/idp/entra-validator-evidence.ts):
      // the Entra provisioning engine documents 204 for group PATCHes (IDP-NOTES, Entra), so the
      // row judges servers under the entra-validator profile alone, never under entra.
      level: 'INTEROP',
      interopFamilies: ['entra-validator'],
      // A 204 is compliant and the validator refusing it is only inferred (quirk
      // entra-validator.patch-200-body), so the row is a note: a compliant answer is never an
      // error or a warning (test/e2e/verdict-quality.test.ts). test/idp/entra-validator.test.ts
      // ties the level to the quirk: a recording of the validator refusing 204 (grade observed)
      // is what makes this an error.
      interopSeverity: 'info',
      how: 'A successful PATCH → 200 with a body.',
      gate: 'SPC:patch',
      explanation: {
        why: "Microsoft's hosted SCIM Validator is said to expect 200 with the resource after a PATCH, even though the RFC allows 204; the Entra provisioning engine documents 204. No recording shows the validator refusing a 204 (the recorded run accepted an empty 200), so a 204 is a warning until one does.",
        bugs: [{ bug: 'PATCH answers 204.', fix: 'Answer 200 with the updated resource.' }],
      },
    },
    {
      id: 'INTEROP-NO-RETRY-429',
      requirement:
        "The IdP's requests are answered without 429, because this IdP never sends a rate-limited request again.",
      rfc: "RFC 6585 §4 allows 429 with Retry-After; the IdP's connector does not retry it",
      level: 'INTEROP',
      // The families whose retry policy (src/http/retry-policy.ts) does not retry 429; a test keeps the two equal.
      interopFamilies: ['keycloak'],
      // Rate limiting with 429 + Retry-After is compliant (RFC 6585 §4): the warning is about the IdP.
      interopSeverity: 'warning',
      how: 'A 429 that the profile\'s retry policy leaves standing → one finding naming the IdP\'s policy and its source (Keycloak: the mitodl/keycloak-scim connector code, IDP-NOTES "Keycloak / Errors and 429"). The 429 itself is not judged as an answer to the request.',
      fixHint:
        "exempt the IdP's provisioning client from rate limiting, or set its limit above the rate the IdP syncs at",
      explanation: {
        why: 'The Keycloak SCIM connector logs a non-2xx answer, 429 included, and moves on: every rate-limited create or update is lost until the next full sync.',
        bugs: [
          {
            bug: 'An API gateway rate-limits the provisioning client like any other client.',
            fix: "Give the IdP's client its own, higher limit, or none.",
          },
        ],
      },
    },
    {
      id: 'INTEROP-UNPAGED-IMPORT',
      requirement:
        'An unpaged `GET /Users` (or `/Groups`) lists every resource, because some IdPs import from that one answer and never page.',
      rfc: 'RFC 7644 §3.4.2.4 lets a server cut an unpaged answer short',
      level: 'INTEROP',
      interopFamilies: ['keycloak'],
      how: 'GET /Users without startIndex or count → `totalResults` resources in the one answer, every run user among them.',
      explanation: {
        why: 'The Keycloak SCIM connectors import users and groups from one unpaged GET; a server that answers with its default page size (legal per RFC 7644 §3.4.2.4) silently leaves everyone past that page out of Keycloak.',
        bugs: [
          {
            bug: 'An unpaged list answers with a default page (e.g. 100) of a larger total.',
            fix: 'Without `count`, answer every match (or raise the default well above the directory size); keep paging for requests that ask for it.',
          },
        ],
      },
    },
    {
      id: 'INTEROP-INDEX-WITH-CURSOR',
      requirement:
        'A server that offers cursor paging still answers `startIndex`/`count` requests as index pages, because the IdPs page by index.',
      rfc: 'RFC 9865 §2.3 and §2.4 let a server page by cursor only, or make cursors its default',
      level: 'INTEROP',
      // Rauthy pages its group sync with startIndex and count=100 (clients_scim.rs sync_groups_exec).
      interopFamilies: ['okta', 'onelogin', 'authentik', 'rauthy'],
      how: 'Only when ServiceProviderConfig says `pagination.cursor` true: `startIndex=1`, `2` and `3` with `count=1` over the three run users C1–C3 → 200 with one resource each, never one an earlier page returned.',
      fixHint: 'keep answering startIndex/count with index pages next to cursor paging, and keep index the default',
      explanation: {
        why: 'Okta pages its lookups and imports with startIndex and count=100 and tests the connection with startIndex=1&count=2 (Okta SCIM 2.0 reference); OneLogin and authentik import by startIndex too (src/idp/onelogin.ts, src/idp/authentik.ts). None of them sends `cursor`, so a server that answers only cursor paging (RFC 9865 §2.3 allows it) breaks their imports. Entra ID is not named: its documented requests are filtered lookups without startIndex (src/idp/entra.ts).',
        bugs: [
          {
            bug: 'After adding cursors, `startIndex` is ignored and every request gets the first page with a `nextCursor`.',
            fix: 'Page by cursor only when the request carries `cursor`; answer `startIndex`/`count` as RFC 7644 §3.4.2.4 says, and advertise `"index": true`.',
          },
        ],
      },
    },
  ],
};
