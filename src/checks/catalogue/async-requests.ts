import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Asynchronous requests: `Prefer: respond-async` on writes and the `securityEvents` advertisement
 * (RFC 9967 §2.5.1.1, §3, §4; RFC 7240 §3, §4.1). Section numbers are RFC 9967's, which keeps those
 * of draft-ietf-scim-events-16. The scenario rows run only when /ServiceProviderConfig advertises
 * `securityEvents.asyncRequest` as `request` or `long` (scenarios/spec/async-requests.yaml,
 * `requires: [asyncRequest]`); without `securityEvents` a server supports none of it (§4). The
 * passive rows judge whatever answers a write got to `Prefer: respond-async` or with a 202.
 */
export const ASYNC_REQUESTS: CatalogueArea = {
  area: 'Asynchronous requests',
  rows: [
    {
      id: 'ASYNC-SPC-SHAPE',
      requirement:
        'When /ServiceProviderConfig has `securityEvents`, it is a complex attribute: `asyncRequest` is one of `none`, `long` or `request` (any case), and `eventUris` is a list of strings.',
      rfc: 'RFC 9967 §4',
      level: 'MUST*',
      how: 'GET /ServiceProviderConfig: `securityEvents`, when present, is an object; `asyncRequest`, when present, is a string naming one of the three modes; `eventUris`, when present, is an array of strings. An absent `securityEvents` passes: it means the server supports none of RFC 9967.',
      fixHint:
        'advertise securityEvents as an object, e.g. {"asyncRequest":"request"}, with eventUris only for SET events you deliver',
    },
    {
      id: 'ASYNC-ANSWER',
      requirement:
        'A write sent with `Prefer: respond-async` gets either the answer it would get without the header or `202 Accepted`.',
      rfc: 'RFC 9967 §2.5.1.1; RFC 7240 §4.1',
      level: 'MUST*',
      how: 'POST of U1, then PATCH and DELETE of it, each with `Prefer: respond-async` → POST 201 or 202, PATCH 200, 204 or 202, DELETE 204 or 202.',
      gate: 'SPC:asyncRequest',
    },
    {
      id: 'ASYNC-SET-TXN',
      requirement: 'A `202 Accepted` answer to a write carries a `Set-Txn` header with a transaction id.',
      rfc: 'RFC 9967 §3, §2.5.1.1',
      level: 'MUST',
      how: 'Every 202 to a POST, PUT, PATCH or DELETE: `Set-Txn` is present and not blank.',
      fixHint: 'send Set-Txn: <a fresh unique id, e.g. a GUID> with every 202 Accepted',
      explanation: {
        why: 'The transaction id is how a client matches the Security Event Token that reports the outcome of its write; without it an asynchronous write can never be confirmed.',
        bugs: [
          {
            bug: 'The 202 is produced by a generic job queue that knows nothing about SCIM events.',
            fix: 'Put the job id (or a fresh GUID recorded with the job) in Set-Txn and in the txn claim of the completion event.',
          },
        ],
      },
    },
    {
      id: 'ASYNC-PREFERENCE-APPLIED',
      requirement:
        'A 202 answer to `Prefer: respond-async` names `respond-async` in `Preference-Applied`; a synchronous answer does not claim it.',
      rfc: 'RFC 9967 §2.5.1.1; RFC 7240 §3',
      level: 'MUST*',
      how: 'Every write sent with `Prefer: respond-async`: a 202 has `Preference-Applied: respond-async`; any other status has no `respond-async` in `Preference-Applied`.',
      fixHint: 'send Preference-Applied: respond-async exactly when you answer 202, never on a synchronous answer',
    },
    {
      id: 'ASYNC-LOCATION',
      requirement:
        "A 202 answer carries a `Location`: where the completion event can be fetched, or the resource's own URL.",
      rfc: 'RFC 9967 §2.5.1.1',
      level: 'MUST',
      how: 'Every 202 to a POST, PUT, PATCH or DELETE: `Location` is present and is a URI reference (resolved against the request URL).',
    },
    {
      id: 'ASYNC-NO-BODY',
      requirement: 'A 202 answer to an asynchronous request has no body.',
      rfc: 'RFC 9967 §2.5.1.1, §3',
      level: 'MUST',
      how: 'Every 202 to a POST, PUT, PATCH or DELETE has an empty body.',
    },
    {
      id: 'ASYNC-EFFECT-VISIBLE',
      requirement: 'A write accepted for asynchronous processing takes effect: later reads show it.',
      rfc: 'RFC 9967 §2.5.1.1',
      level: 'MUST*',
      how: 'After each asynchronous write of U1, the resource is read back (by `userName` filter after the create, by id after the PATCH and the DELETE) up to 5 times, 200 ms apart, until the create, the new value or the 404 shows; otherwise it fails with "not observed within 5 attempts".',
      gate: 'SPC:asyncRequest',
      explanation: {
        why: 'A client that asked for an asynchronous answer goes on as if the write happened; a server that accepts writes and drops them loses provisioning changes silently.',
        bugs: [
          {
            bug: 'The 202 is sent before the job is queued durably, and the job is lost.',
            fix: 'Queue the write durably before answering 202, and report a failure through the completion event.',
          },
        ],
      },
    },
    {
      id: 'ASYNC-TXN-UNIQUE',
      requirement: 'Every 202 answer carries a transaction id of its own.',
      rfc: 'RFC 9967 §3',
      level: 'MUST*',
      how: '`Set-Txn` of each 202 in the run differs from every earlier one.',
      fixHint: 'generate a new Set-Txn value (e.g. a GUID) for every accepted request',
    },
  ],
};
