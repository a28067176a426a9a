import type { ServerResponse } from 'node:http';
import { type ScimError, scimErrorBody } from '../scim/scim-error.js';
import { SCIM_MEDIA_TYPE } from '../scim/urns.js';

/** A response as handlers describe it; `body` is serialised as SCIM JSON. */
export interface ScimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The Content-Type of every body the server sends (RFC 7644 §3.1, §8.1). */
export const RESPONSE_CONTENT_TYPE = `${SCIM_MEDIA_TYPE}; charset=utf-8`;

/** A SCIM Error response (RFC 7644 §3.12) for a ScimError. */
export function errorResponse(error: ScimError, headers?: Record<string, string>): ScimResponse {
  const response: ScimResponse = { status: error.status, body: error.toBody() };
  if (headers) response.headers = headers;
  return response;
}

/**
 * The answer to anything unexpected: a generic 500 Error body. The exception's text and stack
 * never reach the client, as they may reveal internals and help no client fix its request.
 */
export function internalErrorResponse(): ScimResponse {
  return { status: 500, body: scimErrorBody(500, 'The server failed to process the request.') };
}

/**
 * The answer when the data file could not record a change (a full disk, a failing drive): the
 * change is not acknowledged, because it might not survive a restart.
 */
export function notSavedResponse(): ScimResponse {
  return {
    status: 500,
    body: scimErrorBody(
      500,
      'The server could not write its data file, so this answer is withheld: the changes it would acknowledge or show might not survive a restart.',
    ),
  };
}

/** Writes a response. 204 and 304 never carry a body (RFC 9110 §15.3.5, §15.4.5). */
export function writeResponse(res: ServerResponse, response: ScimResponse): void {
  const headers: Record<string, string | number> = { ...response.headers };
  const hasBody = response.body !== undefined && response.status !== 204 && response.status !== 304;
  if (!hasBody) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(response.body), 'utf8');
  headers['Content-Type'] = RESPONSE_CONTENT_TYPE;
  headers['Content-Length'] = payload.length;
  res.writeHead(response.status, headers);
  res.end(payload);
}
