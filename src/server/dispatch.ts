import type { IncomingHttpHeaders } from 'node:http';
import { ScimError } from '../scim/scim-error.js';
import { WWW_AUTHENTICATE } from './auth.js';
import { type BodyLimit, checkBodyMediaType, parseJsonBody } from './body.js';
import type { ServerContext } from './context.js';
import { errorResponse, internalErrorResponse, notSavedResponse, type ScimResponse } from './responses.js';
import { type HandlerRequest, handlerFor, matchRoute, type Route } from './router.js';
import { BULK_MAX_PAYLOAD_SIZE } from './service-provider-config.js';

/** A request as the server sees it, however it arrived (a socket, or a direct in-process call). */
export interface DispatchRequest {
  method: string;
  /** The request target as sent: origin form (`/scim/v2/Users?count=1`) or absolute form. */
  target: string;
  headers: IncomingHttpHeaders;
  /** Reads the body within the route's limit (413 past it, 415 for another media type). */
  readBody(limit: BodyLimit): Promise<Record<string, unknown> | undefined>;
}

/** What dispatching needs besides the request itself. */
export interface DispatchOptions {
  context: ServerContext;
  routes: readonly Route[];
  /** The path every SCIM endpoint sits under, e.g. `/scim/v2`, or `''` for the root. */
  basePath: string;
  /** Throws ScimError 401 unless the `Authorization` header carries the server's token. */
  checkBearer: (authorization: string | undefined) => void;
  /** With a data file: resolves once every change made so far is on the disk (persistence.ts). */
  whenDurable?: () => Promise<void>;
}

/** Methods whose bodies the server reads; other methods' bodies are drained unread. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Host header values used for response URLs: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

interface Target {
  segments: string[];
  query: Map<string, string[]>;
}

/**
 * Splits the request target into path segments below the base path (percent-decoded, empty
 * segments dropped, so a trailing slash is tolerated) and query parameters keyed by lower-cased
 * name. Returns undefined for a path outside the base path.
 */
function parseTarget(requestTarget: string, basePath: string): Target | undefined {
  // The absolute form (`GET http://host/scim/v2/Users`, RFC 9112 §3.2.2) is reduced to its path.
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(requestTarget);
  const rawUrl = origin ? requestTarget.slice(origin[0].length) || '/' : requestTarget;
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  const segments = path
    .slice(basePath.length)
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new ScimError(404, undefined, `The path segment "${segment}" is not validly percent-encoded.`);
      }
    });
  const query = new Map<string, string[]>();
  if (queryAt >= 0) {
    for (const [name, value] of new URLSearchParams(rawUrl.slice(queryAt + 1))) {
      const key = name.toLowerCase();
      const values = query.get(key);
      if (values) values.push(value);
      else query.set(key, [value]);
    }
  }
  return { segments, query };
}

/**
 * The base URL to build `Location`, `meta.location` and `$ref` from: the host the client
 * addressed (so URLs work through whatever name reached the server, RFC 7644 §3.1), or the
 * listening address when the Host header is missing or odd.
 */
function requestBaseUrl(request: DispatchRequest, options: DispatchOptions): string {
  const host = request.headers.host;
  if (host === undefined || !HOST_HEADER.test(host)) return options.context.baseUrl;
  return `http://${host}${options.basePath}`;
}

function bodyLimit(route: Route, context: ServerContext): BodyLimit {
  if (route.bulk) {
    return {
      bytes: BULK_MAX_PAYLOAD_SIZE,
      detail: `The bulk request exceeds maxPayloadSize of ${BULK_MAX_PAYLOAD_SIZE} bytes (RFC 7644 §3.7.4).`,
    };
  }
  return {
    bytes: context.maxBodyBytes,
    detail: `The request body exceeds the limit of ${context.maxBodyBytes} bytes.`,
  };
}

/** Routes, authenticates, reads the body and runs the handler; every refusal is a thrown ScimError. */
async function respond(request: DispatchRequest, options: DispatchOptions): Promise<ScimResponse> {
  const target = parseTarget(request.target, options.basePath);
  if (!target)
    throw new ScimError(404, undefined, `No SCIM endpoint here; the service root is ${options.basePath || '/'}.`);
  const match = matchRoute(options.routes, target.segments);
  if (!match?.route.public) options.checkBearer(request.headers.authorization);
  if (!match) throw new ScimError(404, undefined, `Unknown endpoint "/${target.segments.join('/')}".`);
  const method = request.method.toUpperCase();
  // HEAD is GET without the body, which node:http leaves out by itself (RFC 9110 §9.3.2).
  const handler = handlerFor(match.route, method) ?? (method === 'HEAD' ? handlerFor(match.route, 'GET') : undefined);
  if (!handler) {
    const allowed = Object.keys(match.route.methods);
    // RFC 9110 §15.5.6: a 405 lists the methods the resource does support.
    return errorResponse(new ScimError(405, undefined, `${method} is not supported here; use ${allowed.join(', ')}.`), {
      Allow: allowed.join(', '),
    });
  }
  const body = BODY_METHODS.has(method) ? await request.readBody(bodyLimit(match.route, options.context)) : undefined;
  const handlerRequest: HandlerRequest = {
    method,
    params: match.params,
    query: target.query,
    headers: request.headers,
    body,
    baseUrl: requestBaseUrl(request, options),
    context: options.context,
  };
  return handler(handlerRequest);
}

/** Extra headers an error status calls for. */
function errorHeaders(error: ScimError): Record<string, string> | undefined {
  // Every 401 names the accepted scheme (RFC 7235 §3.1, SPEC-CHECKS AUTH-WWW-AUTHENTICATE).
  return error.status === 401 ? { 'WWW-Authenticate': WWW_AUTHENTICATE } : undefined;
}

/**
 * The reference server's one entry: routes, authenticates, reads the body and runs the handler.
 * Never throws: a refusal is a SCIM Error response, and anything unexpected a generic 500 whose
 * text and stack never reach the client (responses.ts). The socket listener and the in-process
 * transport both call it, so they can never answer differently.
 */
export async function dispatch(request: DispatchRequest, options: DispatchOptions): Promise<ScimResponse> {
  let response: ScimResponse;
  try {
    response = await respond(request, options);
  } catch (error) {
    response = error instanceof ScimError ? errorResponse(error, errorHeaders(error)) : internalErrorResponse();
  }
  if (options.whenDurable) {
    // Whatever this answer reports or reveals, including other clients' writes it read, must
    // survive a crash: "acknowledged" means "on the disk" (issue 11).
    try {
      await options.whenDurable();
    } catch {
      return notSavedResponse();
    }
  }
  return response;
}

/** A request whose body is already text (an in-process call): the same media-type, size and JSON rules as a socket's. */
export function textBodyReader(body: string | undefined, headers: IncomingHttpHeaders): DispatchRequest['readBody'] {
  return async (limit) => {
    if (body === undefined || body === '') return undefined;
    const contentType = headers['content-type'];
    checkBodyMediaType(Array.isArray(contentType) ? contentType[0] : contentType);
    if (Buffer.byteLength(body) > limit.bytes) throw new ScimError(413, undefined, limit.detail);
    return parseJsonBody(body);
  };
}
