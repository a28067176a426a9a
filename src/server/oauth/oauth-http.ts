import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScimError } from '../../scim/scim-error.js';
import { WWW_AUTHENTICATE } from '../auth.js';
import { errorResponse, writeResponse } from '../responses.js';
import { type AuthorizationServer, TOKEN_PATH } from './authorization-server.js';

/** A token request body larger than this is no token request. */
const MAX_FORM_BYTES = 64 * 1024;

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

function bearerOf(authorization: string | undefined): string | undefined {
  return /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/**
 * The SCIM API's bearer check in OAuth mode: tokens the authorization server issued, unexpired
 * and for this API's audience, and the static token when one was configured explicitly.
 */
export function createOAuthBearerCheck(
  server: AuthorizationServer,
  staticCheck: ((authorization: string | undefined) => void) | undefined,
): (authorization: string | undefined) => void {
  return (authorization) => {
    const token = bearerOf(authorization);
    if (token !== undefined && server.judge(token) === 'valid') return;
    if (staticCheck !== undefined) return staticCheck(authorization);
    throw new ScimError(
      401,
      undefined,
      authorization === undefined ? 'Authorization with a bearer token is required.' : 'The bearer token is not valid.',
    );
  };
}

function readForm(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}

function writeJson(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': payload.length,
  });
  response.end(payload);
}

/**
 * Puts the token endpoint (`POST /oauth/token`, outside the SCIM base path) in front of the SCIM
 * listener, and answers an issued token that expired or was issued for another audience with
 * RFC 6750 §3.1's `invalid_token` challenge, so a client can tell "renew" from "wrong key".
 */
export function withTokenEndpoint(server: AuthorizationServer, basePath: string, scim: Listener): Listener {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === TOKEN_PATH) {
      void (async () => {
        const body = await readForm(request);
        if (response.headersSent || response.destroyed) return;
        if (body === undefined) {
          writeJson(
            response,
            413,
            { Connection: 'close' },
            { error: 'invalid_request', error_description: 'The request body is too large.' },
          );
          return;
        }
        const host = request.headers.host;
        const listening = `http://${request.socket.localAddress?.includes(':') ? `[${request.socket.localAddress}]` : request.socket.localAddress}:${request.socket.localPort}`;
        const tokenUrls = [`${listening}${TOKEN_PATH}`, ...(host !== undefined ? [`http://${host}${TOKEN_PATH}`] : [])];
        const answer = server.answer({ method: request.method ?? 'GET', headers: request.headers, body, tokenUrls });
        writeJson(response, answer.status, answer.headers, answer.body);
      })();
      return;
    }
    const token = bearerOf(request.headers.authorization);
    const verdict =
      token === undefined || !(path === basePath || path.startsWith(`${basePath}/`)) ? 'unknown' : server.judge(token);
    if (verdict === 'expired' || verdict === 'wrong-audience') {
      const description =
        verdict === 'expired' ? 'The access token expired.' : 'The access token was issued for another audience.';
      request.resume();
      writeResponse(
        response,
        errorResponse(new ScimError(401, undefined, description), {
          'WWW-Authenticate': `${WWW_AUTHENTICATE}, error="invalid_token", error_description="${description}"`,
          Connection: 'close',
        }),
      );
      return;
    }
    scim(request, response);
  };
}
