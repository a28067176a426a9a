import { randomUUID } from 'node:crypto';
import { namesRespondAsync, RESPOND_ASYNC } from '../scim/security-events.js';
import type { ScimResponse } from './responses.js';
import type { Handler, HandlerRequest } from './router.js';

/**
 * RFC 9967 §2.5.1.1: a client may ask for a write (POST, PUT, PATCH, DELETE) to be answered
 * asynchronously with `Prefer: respond-async` (RFC 7240 §4.1). The reference server applies the
 * write at once, as it does without the header, and then answers `202 Accepted` with no body,
 * a fresh `Set-Txn` (§3), `Preference-Applied: respond-async` (RFC 7240 §3) and a `Location`. What
 * a client observes is then exactly what an asynchronous server that has finished shows: the 202
 * answer, and the effect on the next read. A write the server refuses is answered at once with its
 * SCIM Error, which §2.5.1.1 allows ("either returns a normal SCIM response or … 202"); so is every
 * request without the header. The server delivers no Security Event Tokens, so the transaction id
 * is never seen again; §3 lets a client ignore it.
 */

/** Whether the request asks for an asynchronous answer (RFC 9967 §2.5.1.1, RFC 7240 §2). */
export function prefersRespondAsync(request: HandlerRequest): boolean {
  return namesRespondAsync(request.headers.prefer);
}

/**
 * A transaction id for `Set-Txn`: §3 asks for a unique string, e.g. a GUID; the RFC's examples
 * write it as 32 hex digits.
 */
export function newTransactionId(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * The 202 that replaces a successful synchronous answer. `location` is the resource's URL: of the
 * two values §2.5.1.1 allows, the normal SCIM `Location` (RFC 7644 §3.1), since the server offers
 * no endpoint to fetch the completion event from. No body: §2.5.1.1 says the asynchronous answer
 * has none, and the `Accept` header is to be ignored for it.
 */
export function acceptedResponse(location: string): ScimResponse {
  return {
    status: 202,
    headers: { 'Set-Txn': newTransactionId(), 'Preference-Applied': RESPOND_ASYNC, Location: location },
  };
}

/**
 * Wraps a write handler: with `Prefer: respond-async`, a successful answer becomes the 202 of
 * {@link acceptedResponse}, located by `locate`; without the header, or when the write was
 * refused (the handler threw a ScimError, or answered outside 2xx), the answer is unchanged.
 */
export function honourRespondAsync(
  handler: Handler,
  locate: (request: HandlerRequest, answer: ScimResponse) => string,
): Handler {
  return (request) => {
    const answer = handler(request);
    if (!prefersRespondAsync(request) || answer.status < 200 || answer.status >= 300) return answer;
    return acceptedResponse(locate(request, answer));
  };
}
