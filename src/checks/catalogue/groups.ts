import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Groups and membership: Group resources and their `members` (RFC 7643 §4.2, RFC 7644 §3.5.2).
 */
export const GROUPS: CatalogueArea = {
  area: 'Groups and membership',
  rows: [
    {
      id: 'GROUP-CREATE',
      requirement:
        'POST /Groups with a `displayName` creates a group: 201, `Location` and `meta.resourceType` `Group`.',
      rfc: 'RFC 7644 §3.3, §3.3.1; RFC 7643 §4.2',
      level: 'MUST',
      how: 'POST `{base}/Groups` `{"schemas":[Group URN],"displayName":"<G1>"}` → 201. The CREATE-201-LOCATION, CREATE-ID and CREATE-META-* assertions also apply to it.',
      explanation: {
        why: 'Okta group push and Entra group provisioning start with POST /Groups; without it no group or membership reaches the app.',
        bugs: [
          {
            bug: 'Groups are created with 200 or without meta.',
            fix: 'Treat /Groups like /Users: 201, Location, meta.',
          },
        ],
      },
    },
    {
      id: 'GROUP-DISPLAYNAME-REQUIRED',
      requirement: 'A group without `displayName` is refused with 400 `invalidValue`.',
      rfc: 'RFC 7643 §4.2; errata EID 5368',
      level: 'MUST',
      how: 'POST `{base}/Groups` with only `schemas` → 400 (`invalidValue` preferred).',
    },
    {
      id: 'GROUP-MEMBER-SHAPE',
      requirement:
        "Members given at creation are stored. Each member's `value` is the member's `id`. `$ref`, when present, is the member's URI. `type`, when present, is `User` or `Group`.",
      rfc: 'RFC 7643 §4.2, §2.4',
      level: 'MUST*',
      how: 'POST G2 with `members:[{"value":U1.id},{"value":U2.id}]` → a GET shows member values {U1.id, U2.id}. Each `$ref` dereferences to the same id (DT-REFERENCE). Another `type` value is a warning.',
      explanation: {
        why: 'IdPs match members by `value` = the user id they stored; any other shape breaks membership sync.',
        bugs: [
          {
            bug: 'Members are stored by userName or email instead of id.',
            fix: 'Store and return `value` as the member resource id.',
          },
        ],
      },
    },
    {
      id: 'GROUP-FILTER-DISPLAYNAME',
      requirement: 'Groups can be found by `displayName eq`, regardless of case.',
      rfc: 'RFC 7644 §3.4.2.2; RFC 7643 §8.7.1',
      level: 'MUST',
      how: 'GET `{base}/Groups?filter=displayName eq "<G1>"`, then with the name upper-cased → exactly G1 both times.',
      gate: 'SPC:filter',
    },
    {
      id: 'GROUP-EXCLUDE-MEMBERS',
      requirement: '`excludedAttributes=members` drops the member list from both single and list reads.',
      rfc: 'RFC 7644 §3.4.2.5, §3.9',
      level: 'MUST',
      how: 'GET `{base}/Groups/{gid}?excludedAttributes=members` and `{base}/Groups?filter=…&excludedAttributes=members` → no `members`, and `displayName` is present.',
      fixHint: 'honour excludedAttributes=members on Group reads and lists (it is also what keeps large groups fast)',
    },
    {
      id: 'PATCH-MEMBERS-ADD',
      requirement: '`add` on `members` adds the given members and keeps the existing ones.',
      rfc: 'RFC 7644 §3.5.2.1',
      level: 'MUST',
      how: 'PATCH G1 `add path:"members" value:[{"value":U1.id}]`, then the same for U2 → both are members.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Group push sends membership changes as PATCH add; lost members lose access to the app.',
        bugs: [
          { bug: 'add on members replaces the member list.', fix: 'Append the given members and keep existing ones.' },
          { bug: 'Only the first element of the value array is applied.', fix: 'Apply every element of `value`.' },
        ],
      },
    },
    {
      id: 'PATCH-MEMBERS-ADD-EXISTING',
      requirement: 'Adding someone who is already a member succeeds without change and creates no duplicate.',
      rfc: 'RFC 7644 §3.5.2.1',
      level: 'SHOULD',
      how: 'Repeat the U1 add → 2xx, and U1 appears once.',
      gate: 'SPC:patch',
      fixHint: 'deduplicate multi-valued attributes by value when adding',
      explanation: {
        why: 'IdPs resend memberships on retries; a duplicate or an error on an existing member makes retries fail.',
        bugs: [
          {
            bug: 'Adding an existing member fails with 409 or creates a duplicate row.',
            fix: 'Make member adds idempotent.',
          },
        ],
      },
    },
    {
      id: 'PATCH-MEMBERS-REMOVE',
      requirement: '`remove` with `members[value eq "<id>"]` removes exactly that member.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'MUST',
      how: 'PATCH G1 `remove path:\'members[value eq "<U2.id>"]\'` → U2 is gone and U1 remains. A 2xx that leaves U2 in place, or that empties the group, fails.',
      gate: 'SPC:patch',
      fixHint: 'apply `members[value eq "id"]` value filters in remove operations; removing only that member',
      explanation: {
        why: 'When a user leaves a group in the IdP, their access must go; a remove that fails silently keeps access.',
        bugs: [
          {
            bug: 'The `members[value eq "…"]` filter is not parsed and nothing is removed.',
            fix: 'Parse value-path filters in PATCH paths.',
          },
          { bug: 'The filter is ignored and all members are removed.', fix: 'Remove only the matching members.' },
        ],
      },
    },
    {
      id: 'PATCH-MEMBERS-REMOVE-ABSENT',
      requirement: 'Removing someone who is not a member succeeds without change.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'SHOULD',
      how: 'Repeat the U2 removal → 2xx, and the membership is unchanged. A 400 `noTarget` is a warning.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-MEMBERS-REMOVE-ALL',
      requirement: '`remove` with path `members` and no filter empties the group.',
      rfc: 'RFC 7644 §3.5.2.2',
      level: 'MUST',
      how: 'PATCH G2 `remove path:"members"` → G2 has no members.',
      gate: 'SPC:patch',
    },
    {
      id: 'PATCH-MEMBERS-REPLACE',
      requirement: '`replace` on `members` sets the membership to exactly the list given.',
      rfc: 'RFC 7644 §3.5.2.3',
      level: 'MUST',
      how: 'PATCH G1 `replace path:"members" value:[{"value":U2.id}]` → the members are exactly {U2}.',
      gate: 'SPC:patch',
      explanation: {
        why: 'Some IdPs replace the whole member list; leftover members keep access.',
        bugs: [
          { bug: 'replace on members merges instead of replacing.', fix: 'Set membership to exactly the list given.' },
        ],
      },
    },
    {
      id: 'GROUP-RENAME',
      requirement: 'Renaming a group changes `displayName` and leaves the membership untouched.',
      rfc: 'RFC 7644 §3.5.1, §3.5.2.3',
      level: 'MUST*',
      how: 'PATCH `replace path:"displayName"`, or PUT when PATCH is unsupported → the new name is stored and the member set is unchanged.',
      explanation: {
        why: 'Renaming a group in the IdP must not touch its members; servers that rebuild the group drop them.',
        bugs: [
          {
            bug: 'A PUT-style rename without members empties the group.',
            fix: 'On PATCH replace displayName, change only displayName.',
          },
        ],
      },
    },
    {
      id: 'GROUP-PUT-MEMBERS',
      requirement: 'A PUT of a group replaces its membership with the list sent.',
      rfc: 'RFC 7644 §3.5.1',
      level: 'MUST*',
      how: 'PUT G1 with `members:[{"value":U1.id}]` → the members are exactly {U1}.',
    },
    {
      id: 'GROUP-USER-GROUPS',
      requirement:
        'If User exposes `groups`, it lists direct memberships by group `id`. It is read-only: membership changes go through the Group.',
      rfc: 'RFC 7643 §4.1.2',
      level: 'MUST',
      how: 'After U1 joins G1, GET U1 → `groups[].value` includes G1.id, and `$ref`, if present, dereferences to G1. PATCH U1 `add path:"groups"` → 400 `mutability` (PATCH-READONLY).',
      gate: 'schema:User.groups',
    },
    {
      id: 'GROUP-DELETE',
      requirement: 'Deleting a group answers 204 and removes the group but not its members.',
      rfc: 'RFC 7644 §3.6',
      level: 'MUST',
      how: 'DELETE G1 → 204. GET G1 → 404, and GET U1 → 200.',
      explanation: {
        why: 'Unlinking a group in the IdP deletes it in the app; deleting its members too would remove people from the app entirely.',
        bugs: [
          { bug: 'Group delete cascades to member users.', fix: 'Delete only the group and its membership rows.' },
        ],
      },
    },
    {
      id: 'GROUP-NESTED',
      requirement: "A group can have another group as a member, as the Group schema's `members` declares.",
      rfc: 'RFC 7643 §4.2, §8.7.1',
      level: 'MAY',
      how: 'PATCH G1 `add` `members` `[{"value":"<G2.id>"}]` → 200 or 204, and a GET of G1 lists G2. A refusal is recorded as a note; it contradicts /Schemas when the server declares `members.$ref` with referenceTypes Group.',
      fixHint: 'either accept Group ids in members or declare members.$ref referenceTypes ["User"] only in /Schemas',
    },
  ],
};
