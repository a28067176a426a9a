import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Create: POST to a resource endpoint (RFC 7644 §3.3).
 */
export const CREATE: CatalogueArea = {
  area: 'Create',
  rows: [
    {
      id: 'CREATE-201',
      requirement: 'A valid POST to a resource endpoint creates the resource and answers 201.',
      rfc: 'RFC 7644 §3.3',
      level: 'MUST',
      how: 'POST `{base}/Users` with `{"schemas":[User URN],"userName":U1,"name":{"givenName":"Ann","familyName":"Fam-{run}"},"emails":[{"value":…,"type":"work","primary":true}],"externalId":X1,"active":true,"title":"Title-A"}` → 201.',
      explanation: {
        why: 'IdPs treat anything but 201 as a failed provisioning: Okta and Entra mark the assignment as errored and retry, which creates duplicates or alerts.',
        bugs: [
          { bug: 'The create handler answers 200.', fix: 'Answer 201 Created for a new resource.' },
          {
            bug: 'Attributes the server does not know (e.g. an extension) make the create fail with 400.',
            fix: 'Ignore unknown attributes or declare the extension in /Schemas.',
          },
        ],
      },
    },
    {
      id: 'CREATE-201-LOCATION',
      requirement: "The 201 has a `Location` header with the new resource's URI, equal to `meta.location` in the body.",
      rfc: 'RFC 7644 §3.3',
      level: 'MUST',
      how: '`Location` is present and string-equal to `meta.location` (a trailing slash is ignored). An absolute URI is expected; a relative one is a warning.',
      fixHint: 'set the `Location` header of a 201 to the new resource URL, the same value as meta.location',
      explanation: {
        why: 'Some clients take the new resource URL from Location instead of building it; a missing or different URL sends their next request to the wrong place.',
        bugs: [
          {
            bug: 'Location is not set, or is relative while meta.location is absolute.',
            fix: 'Set `Location` to the same absolute URL as `meta.location`.',
          },
        ],
      },
    },
    {
      id: 'CREATE-BODY',
      requirement: "The 201 body is the server's representation of the new resource.",
      rfc: 'RFC 7644 §3.3',
      level: 'SHOULD',
      how: 'The body is a User with `schemas` containing the User URN and a non-empty `id`. An empty body is a warning, and the checker then GETs `Location` to continue.',
      explanation: {
        why: 'IdPs store the `id` from the create response to address the user later; without a body they must search for what they just made.',
        bugs: [
          { bug: 'The handler returns 201 with an empty body.', fix: 'Return the stored resource, as a GET would.' },
        ],
      },
    },
    {
      id: 'CREATE-ID',
      requirement:
        'The server assigns an `id` that is a non-empty string, unique across all its resources, and free of the reserved word `bulkId`.',
      rfc: 'RFC 7643 §3.1',
      level: 'MUST',
      how: '`id` is a non-empty string, differs from every other id seen in the run (users and groups alike), and does not contain `bulkId`.',
      explanation: {
        why: 'The IdP keys every later PATCH, PUT and DELETE on this id; a reused or empty id makes it change or delete the wrong account.',
        bugs: [
          {
            bug: 'The id is the userName or email, which can change or collide across users and groups.',
            fix: 'Issue an opaque, immutable id (e.g. a UUID) per resource.',
          },
          { bug: 'The id is a number in JSON.', fix: 'Serialise `id` as a string.' },
        ],
      },
    },
    {
      id: 'CREATE-IDENTITY',
      requirement:
        'A 201 to a create identifies the resource the client asked for: its `userName` (Users, compared case-insensitively), `displayName` (Groups) and `externalId` are the ones sent, and its `id` was never issued to, or seen on, another resource.',
      rfc: 'RFC 7644 §3.3; RFC 7643 §3.1',
      level: 'MUST',
      how: 'Compare the 201 body with the POST body; compare the id with every id the run saw. A mismatch means the server answered with another resource (an upsert or a loose match): scim-check does not adopt it as its own and never writes to it.',
      fixHint: 'A POST must create a new resource or answer 409 uniqueness; never return an existing resource',
      explanation: {
        why: "The IdP stores the id of the 201 and sends every later PATCH, PUT and DELETE for that person or group to it. A server that answers a create with a resource that already existed makes the IdP rename, deactivate or delete someone else's account, and two IdP users end up sharing one account.",
        bugs: [
          {
            bug: 'The create handler upserts: a POST whose userName or externalId matches an existing resource updates that resource and returns it.',
            fix: 'Only create on POST; answer a duplicate with 409 and `"scimType": "uniqueness"`, which IdPs handle by looking the account up and linking it deliberately.',
          },
          {
            bug: 'The duplicate lookup matches loosely (by email, a normalised name, or a prefix) and returns the match instead of creating.',
            fix: 'Decide uniqueness only on the attributes the schema declares unique, and refuse with 409 rather than returning the match.',
          },
          {
            bug: "Ids are reused: a counter restarts, or a deleted resource's id is issued again.",
            fix: 'Issue an opaque id that is never reused, such as a UUID.',
          },
        ],
      },
    },
    {
      id: 'CREATE-ID-IGNORED',
      requirement: 'An `id` sent by the client is not adopted.',
      rfc: 'RFC 7643 §3.1; RFC 7644 §3.3',
      level: 'MUST',
      how: 'POST U2 with `"id":"scimcheck-{run}-forced"` → 201 and the returned `id` ≠ the forced value. 400 is a warning, because read-only input should be ignored rather than rejected.',
    },
    {
      id: 'CREATE-META-RESOURCETYPE',
      requirement: '`meta.resourceType` comes from the endpoint: `User` for /Users and `Group` for /Groups.',
      rfc: 'RFC 7644 §3.3.1; RFC 7643 §3.1',
      level: 'MUST',
      how: 'In the 201 and a later GET, `meta.resourceType` equals the ResourceType `name` (case-sensitive).',
      explanation: {
        why: 'Clients that read resources from the root or a mixed list tell users from groups by meta.resourceType.',
        bugs: [
          {
            bug: 'meta.resourceType is missing or lower-case (`user`).',
            fix: 'Set it to the ResourceType name, `User` or `Group`.',
          },
        ],
      },
    },
    {
      id: 'CREATE-META-TIMESTAMPS',
      requirement:
        '`meta.created` and `meta.lastModified` are set. On a resource that was never modified, they are equal.',
      rfc: 'RFC 7643 §3.1',
      level: 'MUST',
      how: 'Both are present, both are valid dateTimes (DT-DATETIME), and they are equal. More than 10 min from the client clock is a warning.',
      explanation: {
        why: 'IdPs and audit tools use meta.created and meta.lastModified for incremental sync and troubleshooting.',
        bugs: [
          {
            bug: 'The timestamps are missing, or set at slightly different instants on create.',
            fix: 'Set both from one clock reading on create, in RFC 3339 form with a zone.',
          },
        ],
      },
    },
    {
      id: 'CREATE-META-LOCATION',
      requirement:
        "`meta.location` is this resource's URI: it dereferences to the resource, and it equals `Content-Location` when that header is sent.",
      rfc: 'RFC 7643 §3.1; RFC 7644 §3.3',
      level: 'MUST',
      how: 'GET `meta.location` with the same token → 200 with the same `id`. If `Content-Location` appears on any response, it equals `meta.location`.',
      explanation: {
        why: 'meta.location is the URL clients follow to re-read the resource; a wrong host or path breaks them behind proxies.',
        bugs: [
          {
            bug: 'The URL is built from an internal host name or omits the base path.',
            fix: 'Build it from the externally configured base URL.',
          },
        ],
      },
    },
    {
      id: 'CREATE-READONLY-IGNORED',
      requirement:
        'Values for read-only attributes in the POST body are ignored. They are neither stored nor rejected.',
      rfc: 'RFC 7644 §3.1, §3.3',
      level: 'MUST',
      how: 'POST U2 with `"meta":{"created":"2001-01-01T00:00:00Z","resourceType":"Bogus"}` and `"groups":[{"value":{ghost}}]` → 201 with server values: `created` is not 2001, resourceType is `User`, and there is no ghost group. A 400 `mutability` fails. The checker also generates such a probe for every readOnly attribute in /Schemas that it can fill.',
    },
    {
      id: 'CREATE-UNIQUENESS-409',
      requirement:
        'A create that collides with an existing unique value (for example the same `userName`) fails with 409 and `scimType` `uniqueness`.',
      rfc: 'RFC 7644 §3.3, §3.12',
      level: 'MUST',
      how: 'Re-POST U1\'s body → 409 with an Error body and `scimType:"uniqueness"`. 400, 500, 200 or 201 fail. A 409 without `scimType` fails too, because §3.3 names it.',
      fixHint: 'answer a duplicate userName with 409 and `"scimType": "uniqueness"`',
      explanation: {
        why: 'Okta and Entra look for an existing account when a create hits a 409 with scimType uniqueness, and link it; any other answer leaves the assignment failed.',
        bugs: [
          {
            bug: 'A database unique-constraint violation surfaces as 500.',
            fix: 'Map it to 409 with `scimType: "uniqueness"`.',
          },
          { bug: 'Duplicates are silently created.', fix: 'Enforce uniqueness of userName in storage.' },
        ],
      },
    },
    {
      id: 'CREATE-UNIQUENESS-CASE',
      requirement: '`userName` uniqueness ignores case.',
      rfc: 'RFC 7643 §4.1.1; RFC 7644 §5, §7.8',
      level: 'MUST',
      how: 'POST a user whose `userName` is U1 upper-cased → 409 `uniqueness`. A 201 fails, because two accounts would then differ only by case.',
      fixHint: 'compare userName case-insensitively for uniqueness (store a lower-cased key)',
      explanation: {
        why: 'userName is caseExact:false; two accounts differing only by case confuse sign-in and de-provisioning.',
        bugs: [{ bug: 'The unique index is case-sensitive.', fix: 'Index a case-folded copy of userName.' }],
      },
    },
    {
      id: 'CREATE-UNIQUENESS-PRECIS',
      requirement:
        '`userName` uniqueness is judged after PRECIS preparation, so canonically equivalent Unicode spellings collide.',
      rfc: 'RFC 7644 §5',
      level: 'MUST',
      how: 'POST `scimcheck-{run}-josé` in NFC form, then the same name in NFD form (`e` + U+0301) → 409 `uniqueness`.',
      fixHint: 'normalise userName to NFC before the uniqueness check (String.prototype.normalize("NFC"))',
    },
    {
      id: 'CREATE-REQUIRED-MISSING',
      requirement: 'A create that omits a required attribute, or sends it empty, is rejected with 400 `invalidValue`.',
      rfc: 'RFC 7643 §4.1.1, §7; RFC 7644 §3.12 (Table 9)',
      level: 'MUST',
      how: 'POST `{base}/Users` without `userName`, then with `"userName":""` → 400 each. The `scimType` should be `invalidValue`; another value or none is a warning.',
    },
    {
      id: 'CREATE-EXTENSION',
      requirement:
        'Attributes of an advertised schema extension are accepted and returned under the extension URN, and that URN is listed in `schemas`.',
      rfc: 'RFC 7643 §3.3, §4.3',
      level: 'MUST*',
      how: 'POST U2 with `schemas` including the extension URN and `{"<enterprise URN>":{"employeeNumber":"E-{run}","department":"QA"}}` → the values come back under that key, and `schemas` lists the URN.',
      gate: 'schema:extension',
    },
    {
      id: 'CREATE-ATTRIBUTES-PARAM',
      requirement: '`attributes` and `excludedAttributes` also shape the body a POST returns.',
      rfc: 'RFC 7644 §3.9, §3.4.2.5',
      level: 'MUST',
      how: 'POST U3 to `{base}/Users?attributes=userName` → the 201 body has `id`, `userName` and any returned-always attributes, and none of the other defaults such as `name` or `emails`.',
    },
    {
      id: 'LOCATION-ABSOLUTE',
      requirement: 'The `Location` header of a 2xx and every `meta.location` are absolute URIs.',
      rfc: 'RFC 7644 §3.1, §3.3; RFC 7643 §3.1',
      level: 'SHOULD',
      how: "On every 2xx: `Location` (when sent) and each returned resource's `meta.location` have a scheme (`https://…`). A relative reference (`/Users/1`, `Users/1`) is a warning: HTTP and RFC 7643 §2.3.7 tolerate it, but the RFCs describe and show the resource's full URI.",
      fixHint:
        'build Location and meta.location from the public base URL (scheme, host, path), not from the request path',
      explanation: {
        why: 'Clients store meta.location and follow it later, away from the request it came with; a relative value no longer says which host it belongs to, and a client that dereferences it (or a `$ref` built the same way) requests the wrong URL.',
        bugs: [
          {
            bug: 'Locations are built from the request path (`/scim/v2/Users/…`) behind a proxy that hides the public host.',
            fix: 'Configure the public base URL and prefix every Location, meta.location and $ref with it.',
          },
        ],
      },
    },
  ],
};
