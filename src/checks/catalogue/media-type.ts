import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Media type: `application/scim+json` in both directions, and UTF-8 (RFC 7644 §3.1, §8.1).
 */
export const MEDIA_TYPE: CatalogueArea = {
  area: 'Media type',
  rows: [
    {
      id: 'MEDIA-RESP-TYPE',
      requirement:
        'Responses that carry a body are JSON objects. When the client asks for SCIM JSON, they are labelled `application/scim+json`; parameters such as `charset=utf-8` are allowed.',
      rfc: 'RFC 7644 §3.1, §3.8, §8.1',
      level: 'MUST',
      how: 'Every exchange with a body → `JSON.parse` succeeds and the top level is an object. When the request sent `Accept: application/scim+json`, the `Content-Type` media type is exactly `application/scim+json`. `application/json+scim`, `text/html` or a missing header fail.',
      fixHint: 'send `Content-Type: application/scim+json; charset=utf-8` on every SCIM response, errors included',
      explanation: {
        why: 'Strict IdP parsers check the Content-Type before reading the body; text/html error pages from a proxy or framework break provisioning with unreadable errors.',
        bugs: [
          {
            bug: 'The framework labels JSON as application/json.',
            fix: 'Set `Content-Type: application/scim+json` on SCIM responses (RFC 7644 §3.1).',
          },
          {
            bug: 'Errors are rendered by the web framework as HTML.',
            fix: 'Render every error under the SCIM base path as a SCIM Error JSON body.',
          },
        ],
      },
    },
    {
      id: 'MEDIA-ACCEPT-JSON',
      requirement: 'A client that accepts only `application/json` still gets JSON.',
      rfc: 'RFC 7644 §3.8',
      level: 'SHOULD',
      how: 'GET `{base}/Users?count=1` with `Accept: application/json` → 200 with a JSON body typed `application/json` or `application/scim+json`. 406 is a warning.',
    },
    {
      id: 'MEDIA-NO-ACCEPT',
      requirement: 'Without `Accept`, the response format defaults to SCIM JSON.',
      rfc: 'RFC 7644 §3.8',
      level: 'MUST*',
      how: 'The same GET with no `Accept` → 200 JSON with `Content-Type` `application/scim+json`. Plain `application/json` is a warning.',
    },
    {
      id: 'MEDIA-REQ-SCIM-JSON',
      requirement: 'Request bodies labelled `application/scim+json` are accepted.',
      rfc: 'RFC 7644 §3.1, §3.8, §8.1',
      level: 'MUST',
      how: 'Every POST, PUT and PATCH in the run → never 415, and never a 400 that blames the media type.',
    },
    {
      id: 'MEDIA-REQ-JSON',
      requirement: 'Request bodies labelled `application/json` are accepted as equivalent.',
      rfc: 'RFC 7644 §8.1',
      level: 'SHOULD',
      how: 'POST `{base}/Users` (U2) with `Content-Type: application/json` → 201. 415 is a warning, and an error under profiles whose IdP sends `application/json`.',
    },
    {
      id: 'MEDIA-UTF8',
      requirement: 'Bodies are UTF-8 JSON, and non-ASCII text survives a round trip.',
      rfc: 'RFC 7644 §3.8; RFC 7643 §2.3.1',
      level: 'MUST',
      how: 'Create U1 with `displayName` "Zoë Ñúñez 山田 😀" → the response and a later GET return the identical string. A declared `charset` must be `utf-8`.',
    },
  ],
};
