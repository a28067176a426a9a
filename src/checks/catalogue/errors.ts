import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Errors: status codes and the SCIM Error body (RFC 7644 §3.12).
 */
export const ERRORS: CatalogueArea = {
  area: 'Errors',
  rows: [
    {
      id: 'ERR-BODY',
      requirement: 'Every error response has a JSON body in SCIM Error form. `detail`, if present, is a string.',
      rfc: 'RFC 7644 §3.12',
      level: 'MUST',
      how: 'Every 4xx and 5xx in the run (401, 403, 404, 409, 412, 413, 400, 501, …) → a JSON object with `schemas` = `["urn:ietf:params:scim:api:messages:2.0:Error"]`. HTML, an empty body or a framework error format fail.',
      fixHint:
        'route every error (404, 401, framework and proxy errors) through one handler that writes a SCIM Error object',
      explanation: {
        why: 'IdPs show the error `detail` to the admin; an HTML or framework error body turns a fixable problem into "unknown error".',
        bugs: [
          {
            bug: 'Errors come from the web framework (HTML, or {"error": …}).',
            fix: 'Return SCIM Error JSON for every 4xx and 5xx under the SCIM base path.',
          },
        ],
      },
    },
    {
      id: 'ERR-STATUS-STRING',
      requirement: '`status` is present, is a JSON **string**, and equals the HTTP status code.',
      rfc: 'RFC 7644 §3.12',
      level: 'MUST',
      how: '`status` has type string and equals the HTTP status as text. A number such as 400, or a value that differs from the HTTP status, fails.',
      fixHint: 'serialise `status` as a string: `"status": "400"`, not `"status": 400`',
      explanation: {
        why: 'Strict IdP parsers reject an Error whose status is a number; the admin then sees a parse failure instead of the real error.',
        bugs: [{ bug: '`status` is serialised as a number.', fix: 'Send `"status": "400"` as a string.' }],
      },
    },
    {
      id: 'ERR-SCIMTYPE',
      requirement: '`scimType`, when present, is one of the defined keywords and fits the situation.',
      rfc: 'RFC 7644 §3.12 (Table 9); RFC 9865 §2.1',
      level: 'SHOULD',
      how: "The value is one of `invalidFilter`, `tooMany`, `uniqueness`, `mutability`, `invalidSyntax`, `invalidPath`, `noTarget`, `invalidValue`, `invalidVers` or `sensitive`, or one of the cursor paging errors RFC 9865 adds (`invalidCursor`, `expiredCursor`, `invalidCount`). Any other keyword is a warning. A keyword that contradicts a row's expectation fails in that row.",
      fixHint:
        'use only the RFC 7644 Table 9 keywords (invalidFilter, uniqueness, mutability, invalidValue…), spelled exactly',
      explanation: {
        why: 'IdPs branch on scimType (e.g. uniqueness → link the existing account); unknown keywords fall into generic failure paths.',
        bugs: [
          {
            bug: 'Custom error codes are put in scimType.',
            fix: 'Use the RFC 7644 Table 9 keywords; put detail in `detail`.',
          },
        ],
      },
    },
    {
      id: 'ERR-STATUS-IN-HTTP',
      requirement: 'Errors are signalled by the HTTP status code, not by a 2xx that wraps an error body.',
      rfc: 'RFC 7644 §3.2, §3.12',
      level: 'SHOULD',
      how: 'A 2xx whose body has the Error schema → warning here, and failure in the row concerned.',
    },
    {
      id: 'ERR-NOT-FOUND-ENDPOINT',
      requirement: 'An unknown endpoint answers 404 with an Error body.',
      rfc: 'RFC 7644 §3.12 (Table 8)',
      level: 'SHOULD',
      how: 'GET `{base}/ScimcheckNoSuchEndpoint` → 404 with an Error body.',
    },
    {
      id: 'ERR-INVALID-JSON',
      requirement: 'A malformed JSON body is refused with 400 `invalidSyntax`.',
      rfc: 'RFC 7644 §3.12 (Table 9)',
      level: 'SHOULD',
      how: 'POST `{base}/Users` with the truncated body `{"schemas":[` → 400 with `scimType` `invalidSyntax`.',
    },
    {
      id: 'ERR-INVALID-VALUE',
      requirement: 'A value of the wrong JSON type is refused with 400 `invalidValue`.',
      rfc: 'RFC 7644 §3.12 (Table 9); RFC 7643 §2.3',
      level: 'SHOULD',
      how: 'POST with `"active":"yes"`, then with `"emails":{"value":"x"}` (an object instead of an array) → 400 `invalidValue` each. A 201 with a coerced value is a warning. `"True"`/`"False"` strings are covered separately by INTEROP-BOOLEAN-STRINGS.',
    },
    {
      id: 'ERR-NO-5XX',
      requirement: 'Client mistakes never cause a 5xx.',
      rfc: 'RFC 7644 §3.12 (Table 8)',
      level: 'MUST*',
      how: 'Every deliberately bad request in this catalogue (bad JSON, bad filter, bad path, bad token, unknown id, duplicate) → status < 500.',
      fixHint: 'validate input before touching storage and map client mistakes to 400/404/409 with a scimType',
    },
    {
      id: 'ERR-MEDIA-TYPE',
      requirement: 'Error bodies use the SCIM media type.',
      rfc: 'RFC 7644 §3.8, §8.1',
      level: 'SHOULD',
      how: 'Error responses have `Content-Type` `application/scim+json`.',
      fixHint:
        'label error bodies `application/scim+json` too; framework error handlers often fall back to application/json or HTML',
    },
  ],
};
