import type { IncomingHttpHeaders } from 'node:http';
import type { ServerContext } from './context.js';
import type { ScimResponse } from './responses.js';

/** A parsed request as handlers see it. */
export interface HandlerRequest {
  method: string;
  /** Path parameters, e.g. `id`, already percent-decoded. */
  params: Record<string, string>;
  /** Query parameters by lower-cased name (SCIM parameter names are matched case-insensitively). */
  query: Map<string, string[]>;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
  baseUrl: string;
  context: ServerContext;
}

export type Handler = (request: HandlerRequest) => ScimResponse;

/** One endpoint: its path pattern (`:id` is a parameter) and a handler per method. */
export interface Route {
  pattern: readonly string[];
  methods: Partial<Record<string, Handler>>;
  /** Readable without credentials (the discovery endpoints, SPEC-CHECKS DISC-SPC-PUBLIC). */
  public?: boolean;
  /** The route takes Bulk-sized bodies (RFC 7644 §3.7.4 maxPayloadSize). */
  bulk?: boolean;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Finds the route for the path segments below the base path. Literal segments match
 * case-insensitively (`/users` works like `/Users`), and routes are tried in order, so
 * `/Users/.search` is listed before `/Users/:id`.
 */
export function matchRoute(routes: readonly Route[], segments: readonly string[]): RouteMatch | undefined {
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    route.pattern.forEach((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith(':')) params[part.slice(1)] = segment;
      else if (part.toLowerCase() !== segment.toLowerCase()) matched = false;
    });
    if (matched) return { route, params };
  }
  return undefined;
}

/**
 * The route's handler for a method. An own-property lookup: the method is client text, and
 * `constructor` or `__proto__` must name no handler.
 */
export function handlerFor(route: Route, method: string): Handler | undefined {
  return Object.hasOwn(route.methods, method) ? route.methods[method] : undefined;
}

/** First value of a query parameter. */
export function queryValue(request: HandlerRequest, name: string): string | undefined {
  return request.query.get(name.toLowerCase())?.[0];
}

/** All values of a query parameter (for `attributes`, which may repeat). */
export function queryValues(request: HandlerRequest, name: string): string[] | undefined {
  return request.query.get(name.toLowerCase());
}

/** A request header as one string. */
export function headerValue(request: HandlerRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
