import type { CatalogueArea } from '../catalogue-row.js';

/**
 * List and query, part 2 of 3: `filter` (RFC 7644 §3.4.2.2).
 *
 * Fixtures: U1–U4 share the prefix `scimcheck-{run}-`. U3 has no `title`; U4 is `active:false`;
 * U1 has a second email, with `type: home`, at `alt-{run}.example.com`; U1 and U2 are created at
 * least 1 s apart, so their `meta.lastModified` values differ. Most filter rows restrict the query
 * to the run prefix (`userName sw "scimcheck-{run}"`) so that real data never affects the result.
 */
export const FILTER: CatalogueArea = {
  area: 'List and query',
  rows: [
    {
      id: 'FILTER-EQ',
      requirement:
        '`eq` returns exactly the resources whose value equals the operand, on attributes and sub-attributes.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName eq "<U1>"` → exactly U1. `name.familyName eq "Fam-{run}"` → exactly the fixtures with that family name.',
      gate: 'SPC:filter',
      explanation: {
        why: 'Okta and Entra find existing accounts with `userName eq "…"`; a filter that returns everyone or no one links or duplicates the wrong account.',
        bugs: [
          {
            bug: 'The filter parameter is ignored and all users come back.',
            fix: 'Implement at least `eq` on userName, externalId and displayName.',
          },
          {
            bug: 'Quotes are kept as part of the value.',
            fix: 'Parse the filter grammar (RFC 7644 §3.4.2.2) rather than splitting strings.',
          },
        ],
      },
    },
    {
      id: 'FILTER-NE',
      requirement: '`ne` excludes the resources whose value equals the operand.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName sw "scimcheck-{run}" and title ne "Title-A"` → the run users titled otherwise. U3, which has no title, is not asserted either way.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-CO',
      requirement: '`co` matches when the operand is a substring of the value.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName co "{run}-u1"` → U1 only.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-SW',
      requirement: '`sw` matches a prefix, including the whole value.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName sw "scimcheck-{run}"` → all run users. `userName sw "<U1 exact>"` → U1.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-EW',
      requirement: '`ew` matches a suffix, including the whole value.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName ew "-u2@example.com"` combined with the run prefix → U2. `userName ew "<U2 exact>"` → U2.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-PR',
      requirement: '`pr` matches resources with a non-empty value. Unassigned, null and empty values never match.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName sw "scimcheck-{run}" and title pr` → all run users except U3.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-ORDER',
      requirement:
        '`gt`, `ge`, `lt` and `le` compare by type: chronologically for dateTime, lexicographically for strings, numerically for numbers. On boolean or binary attributes they are refused with 400 `invalidFilter`.',
      rfc: 'RFC 7644 §3.4.2.2 (Table 3)',
      level: 'MUST',
      how: 'Using the run prefix: `meta.lastModified gt "<instant between U1 and U2>"` includes U2 and excludes U1. `ge "<U1.lastModified>"` includes U1. `lt` and `le` mirror these. `userName gt "<U1>"` includes U2 and excludes U1. `active gt true` → 400 `invalidFilter`.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-LOGICAL',
      requirement: '`and` needs both sides to be true. `or` needs either.',
      rfc: 'RFC 7644 §3.4.2.2 (Table 4)',
      level: 'MUST',
      how: '`userName sw "scimcheck-{run}" and active eq false` → U4. `userName eq "<U1>" or userName eq "<U2>"` → U1 and U2.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-NOT',
      requirement: '`not ( … )` negates the expression inside, with or without a space before the parenthesis.',
      rfc: 'RFC 7644 §3.4.2.2 (Table 4, Figure 1)',
      level: 'MUST',
      how: '`userName sw "scimcheck-{run}" and not (userName eq "<U1>")` → the run users except U1. The same holds written as `not(`.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-PRECEDENCE',
      requirement: '`not` binds tighter than `and`, `and` binds tighter than `or`, and parentheses override both.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: '`userName eq "<U1>" or userName eq "<U2>" and active eq false` → U1 only. `(userName eq "<U1>" or userName eq "<U4>") and active eq false` → U4 only.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-MULTIVALUED',
      requirement: 'On a multi-valued attribute, a resource matches if any one of its values matches.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST*',
      how: '`emails.value eq "<U1 home email>"` (U1\'s second address) → U1. `emails.type eq "home"` with the run prefix → U1.',
      gate: 'SPC:filter',
      fixHint:
        'let `emails.value eq …` match when any element matches; skip resources without the attribute instead of failing',
    },
    {
      id: 'FILTER-VALUEPATH',
      requirement:
        'Inside `attr[ … ]`, every condition must hold on the same value. Support for this form is optional.',
      rfc: 'RFC 7644 §3.4.2.2 (Table 5)',
      level: 'MUST',
      how: '`emails[type eq "work" and value co "alt-{run}"]` → no user, because U1\'s alt address is typed home. `emails[type eq "home" and value co "alt-{run}"]` → U1. A 400 `invalidFilter` means unsupported and skips the row.',
      gate: 'probe',
    },
    {
      id: 'FILTER-ATTR-CASE',
      requirement:
        'Attribute names and operators in filters are case-insensitive, and core attributes may carry their schema URN prefix.',
      rfc: 'RFC 7644 §3.4.2.2, §3.10',
      level: 'MUST*',
      how: '`USERNAME EQ "<U1>"`, `userName Eq "<U1>"` and `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "<U1>"` → U1 each time.',
      gate: 'SPC:filter',
      fixHint: 'match attribute names and operators in filters without case, and strip a core schema URN prefix',
    },
    {
      id: 'FILTER-CASE-INSENSITIVE',
      requirement:
        'Values of `caseExact:false` attributes (for example `userName`, `emails.value`, Group `displayName`) compare without regard to case.',
      rfc: 'RFC 7644 §3.4.2.2; RFC 7643 §7, §4.1.1',
      level: 'MUST',
      how: '`userName eq "<U1 upper-cased>"` → U1. `userName sw "SCIMCHECK-{RUN}"` → all run users.',
      gate: 'SPC:filter',
      fixHint: 'compare caseExact:false attributes (userName, emails.value, displayName) case-insensitively in filters',
      explanation: {
        why: 'IdPs may send a userName in a different case than the app stored; a case-sensitive match misses the account and the create then fails with 409.',
        bugs: [
          {
            bug: 'The filter compares with SQL `=` on a case-sensitive collation.',
            fix: 'Compare caseExact:false attributes case-insensitively.',
          },
        ],
      },
    },
    {
      id: 'FILTER-CASE-EXACT',
      requirement: 'Values of `caseExact:true` attributes (for example `id` and `externalId`) compare with case.',
      rfc: 'RFC 7644 §3.4.2.2; RFC 7643 §3.1, §7',
      level: 'MUST',
      how: '`externalId eq "<X1 with case flipped>"` → 0 results. `externalId eq "<X1>"` → U1.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-COMPVALUE',
      requirement:
        'JSON-literal operands work: `true`, `false`, `null`, numbers, and strings with escapes and apostrophes.',
      rfc: 'RFC 7644 §3.4.2.2 (Figure 1)',
      level: 'MUST',
      how: '`userName sw "scimcheck-{run}" and active eq true` → the active run users. U2 has `nickName` `O\'Malley "Q" {run}`, and the matching filter with `\\"` escapes, URL-encoded, → U2.',
      gate: 'SPC:filter',
    },
    {
      id: 'FILTER-INVALID',
      requirement:
        'A filter that breaks the grammar or uses an unknown operator is refused with 400 `invalidFilter` and a readable `detail`.',
      rfc: 'RFC 7644 §3.4.2.2, §3.12 (Table 9)',
      level: 'MUST',
      how: '`userName eq`, `(userName eq "x"`, `userName eq "x" and` and `userName regex "x"` → 400 `invalidFilter` each. A 200 or a 5xx fails. An empty `detail` is a warning.',
      fixHint:
        'parse the whole filter against RFC 7644 Figure 1 and answer 400 invalidFilter on any leftover or missing token',
      explanation: {
        why: 'An invalid filter must fail loudly; a 200 with everything lets the IdP link the wrong account.',
        bugs: [
          {
            bug: 'Parse errors are swallowed and the unfiltered list is returned.',
            fix: 'Answer 400 with `scimType: "invalidFilter"`.',
          },
        ],
      },
    },
    {
      id: 'FILTER-UNKNOWN-ATTR',
      requirement:
        'A filter on an attribute the resource type lacks matches nothing, or is refused with 400 `invalidFilter`. It never matches everything.',
      rfc: 'RFC 7644 §3.4.2.1',
      level: 'MUST',
      how: '`scimcheckNoSuchAttr eq "x"` and `scimcheckNoSuchAttr pr` → 200 with 0 results, or 400 `invalidFilter`. Any returned resource fails.',
      fixHint: 'treat a filter on an unknown attribute as matching nothing (or 400 invalidFilter), never as no filter',
    },
    {
      id: 'FILTER-NOT-IGNORED',
      requirement:
        'A filter the server cannot evaluate is never silently dropped, which would return unfiltered results.',
      rfc: 'RFC 7644 §3.4.2.2',
      level: 'MUST',
      how: 'Across all FILTER rows (run even when `filter.supported` is false): any 200 whose `Resources` include a fixture that cannot match fails as "filter ignored".',
    },
  ],
};
