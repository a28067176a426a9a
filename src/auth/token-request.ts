import { type Dispatcher, request } from 'undici';
import { readBody } from '../http/read-body.js';
import { describeTransportFailure } from '../http/transport-errors.js';
import type { ClientAuthMethod, TokenFetch } from './token-source.js';

/** A token response larger than this is not a token response; it is cut and reported. */
const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

/** One token request as it goes on the wire (RFC 6749 §4.4.2, RFC 7523 §2.1/§2.2). */
export interface TokenRequest {
  tokenUrl: string;
  grantType: string;
  clientAuth: ClientAuthMethod;
  /** Form parameters besides `grant_type`. */
  form: Record<string, string>;
  /** `Authorization: Basic …` for client_secret_basic. */
  basic?: { clientId: string; clientSecret: string };
  audience?: string;
}

/**
 * RFC 6749 §2.3.1: for HTTP Basic the client id and secret are each form-urlencoded first, so a
 * secret holding `:` or `%` survives (many servers get this wrong; scim-check sends it right).
 */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (text: string): string => new URLSearchParams({ x: text }).toString().slice(2);
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64');
}

function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/**
 * Sends one token request: an `application/x-www-form-urlencoded` POST (RFC 6749 §4.4.2) through
 * `dispatcher` (the same TLS, proxy and timeout settings as the SCIM requests), bounded by
 * `timeoutMs` body included. Never throws: no answer is the fetch's `error`.
 */
export async function sendTokenRequest(
  token: TokenRequest,
  dispatcher: Dispatcher,
  timeoutMs: number,
): Promise<TokenFetch> {
  const form = new URLSearchParams({ grant_type: token.grantType, ...token.form });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (token.basic) headers.authorization = `Basic ${basicCredentials(token.basic.clientId, token.basic.clientSecret)}`;
  const fetch: TokenFetch = {
    tokenUrl: token.tokenUrl,
    grantType: token.grantType,
    clientAuth: token.clientAuth,
    ...(token.audience !== undefined ? { audience: token.audience } : {}),
    startedAt: new Date().toISOString(),
    headers: {},
  };
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  timer.unref();
  try {
    const response = await request(token.tokenUrl, {
      method: 'POST',
      headers,
      body: form.toString(),
      dispatcher,
      signal: deadline.signal,
    });
    fetch.status = response.statusCode;
    fetch.headers = lowerCaseHeaders(response.headers);
    const read = await readBody(response.body, fetch.headers['content-encoding'], MAX_TOKEN_RESPONSE_BYTES);
    fetch.body = read.text;
    if (read.truncated) {
      fetch.error = {
        code: 'BODY_TOO_LARGE',
        message: `the token response is larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes`,
      };
    } else if (read.decodeError !== undefined) {
      fetch.error = { code: 'BAD_ENCODING', message: read.decodeError };
    } else {
      try {
        fetch.json = JSON.parse(read.text);
      } catch {
        // Not JSON: the shape check and the error message say so.
      }
    }
  } catch (error) {
    const failure = describeTransportFailure(error, timeoutMs);
    fetch.error = { code: failure.code, message: failure.message };
  } finally {
    clearTimeout(timer);
  }
  return fetch;
}
