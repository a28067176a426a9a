import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Replace: PUT of a whole resource (RFC 7644 §3.5.1).
 */
export const REPLACE: CatalogueArea = {
  area: 'Replace',
  rows: [
    {
      id: 'PUT-SUPPORTED',
      requirement:
        "PUT replaces the resource's attributes and answers 200 with the full resource, and the new values persist.",
      rfc: 'RFC 7644 §3.5, §3.5.1',
      level: 'MUST',
      how: 'GET U1, change `name.givenName` and `title`, and add a phone number. PUT `{base}/Users/{id}` with the whole body → 200 with the full resource. A later GET shows the changes, and the unchanged attributes are intact.',
      explanation: {
        why: 'Okta updates users with GET-then-PUT by default; without a working PUT profile changes never arrive.',
        bugs: [
          {
            bug: 'PUT answers 405 or merges like PATCH.',
            fix: 'Implement PUT as a replace of the writable attributes.',
          },
        ],
      },
    },
    {
      id: 'PUT-OMITTED',
      requirement:
        "Read-write attributes left out of a PUT are either cleared or defaulted, at the provider's choice. Record which.",
      rfc: 'RFC 7644 §3.5.1',
      level: 'MAY',
      how: 'PUT U1 without the `nickName` it had → record "cleared" or "kept". Never fail. The Okta profile\'s expected-state model uses this result.',
    },
    {
      id: 'PUT-NULL-CLEARS',
      requirement: '`null` for a single-valued attribute or `[]` for a multi-valued one clears it.',
      rfc: 'RFC 7644 §3.5.1; RFC 7643 §2.5',
      level: 'MUST',
      how: 'PUT with `"nickName":null,"phoneNumbers":[]` → a later GET shows neither (DT-UNASSIGNED governs the representation).',
    },
    {
      id: 'PUT-READONLY-IGNORED',
      requirement: 'Read-only values in a PUT body are ignored without error, so a GET-modify-PUT round trip works.',
      rfc: 'RFC 7644 §3.1, §3.5.1',
      level: 'MUST',
      how: 'PUT the exact GET body, including `id`, `meta` and `groups`, with one change → 200, and `meta.created` is unchanged. A 400 `mutability` fails.',
    },
    {
      id: 'PUT-ID-STABLE',
      requirement: "An `id` in the body that differs from the URL does not change the resource's id.",
      rfc: 'RFC 7643 §3.1; RFC 7644 §3.5.1',
      level: 'MUST',
      how: 'PUT `/Users/{id}` with `"id":"scimcheck-{run}-other"` → 200 with `id` = `{id}` (a 400 is a warning). GET by the old id is still 200, and GET by the other id is 404.',
    },
    {
      id: 'PUT-IMMUTABLE',
      requirement:
        'An immutable attribute that already has a value can only be re-sent unchanged. A different value gets 400 `mutability`.',
      rfc: 'RFC 7644 §3.5.1',
      level: 'SHOULD',
      how: 'For an attribute declared `immutable`: PUT with the same value → 200. PUT with a new value → 400 `mutability`.',
      gate: 'schema:immutable',
      notCheckedBecause: 'needs an attribute the server declares immutable; the core schemas declare none',
    },
    {
      id: 'PUT-REQUIRED',
      requirement: 'A PUT that lacks a required attribute is rejected.',
      rfc: 'RFC 7644 §3.5.1; RFC 7643 §4.1.1',
      level: 'MUST*',
      how: 'PUT U1 without `userName` → 400 (`invalidValue` preferred). A 200 that leaves `userName` blank fails. A 200 that keeps the old `userName` is a warning.',
    },
    {
      id: 'PUT-UNIQUENESS',
      requirement:
        "A PUT that would duplicate another resource's unique value is refused with `uniqueness`, preferably as 409.",
      rfc: 'RFC 7644 §3.5.1, §3.12 (Table 9)',
      level: 'MUST',
      how: "PUT U2 with `userName` = U1's → 409 `uniqueness`. A 400 `uniqueness` is a warning. A 200 fails.",
    },
    {
      id: 'PUT-NO-CREATE',
      requirement: 'PUT never creates a resource.',
      rfc: 'RFC 7644 §3.2, §3.5.1',
      level: 'MUST',
      how: 'PUT `{base}/Users/{ghost}` with a full body → 404. Afterwards GET `{ghost}` is still 404, and a userName filter finds nothing.',
    },
    {
      id: 'PUT-EXTENSION-KEPT',
      requirement:
        "A PUT that carries an extension's attributes stores them: the extension is replaced with what was sent, not dropped.",
      rfc: 'RFC 7644 §3.5.1; RFC 7643 §3.3',
      level: 'MUST',
      how: 'Create U1 with the enterprise extension (`employeeNumber`, `department`). PUT U1 with the extension changed → 200 whose body holds the new values under the extension URN, and a later GET holds them too.',
      gate: 'schema:extension',
      fixHint:
        'treat extension objects in a PUT body like core attributes: replace them with what was sent instead of skipping them',
      explanation: {
        why: 'Okta (AIW apps), Keycloak and authentik update users with PUT; a server that drops the enterprise extension on PUT loses department, manager and employee numbers on every profile update.',
        bugs: [
          {
            bug: 'The PUT handler maps only core attributes and rebuilds the resource without the extension.',
            fix: 'Apply the extension object in the PUT body (keyed by its schema URN) as part of the replace.',
          },
        ],
      },
    },
  ],
};
