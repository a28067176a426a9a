import type { Exchange } from '../../http/exchange.js';
import { URN } from '../../scim/urns.js';
import type { ResourceKind } from '../request-purpose.js';
import { jsonObject, schemasOf } from './response-helpers.js';

/** A User or Group found in a response body, with where it sits. */
export interface ReturnedResource {
  kind: ResourceKind;
  resource: Record<string, unknown>;
  /** JSON path prefix of the resource in the body: `$` or `$.Resources[3]`. */
  at: string;
}

function kindOf(resource: Record<string, unknown>): ResourceKind | undefined {
  const schemas = schemasOf(resource);
  if (schemas.includes(URN.user)) return 'User';
  if (schemas.includes(URN.group)) return 'Group';
  return undefined;
}

/**
 * Keyed by the parsed body, not by the exchange: the run keeps exchanges until it ends, but drops
 * their parsed bodies once their step has (src/engine/body-retention.ts), and an entry here must
 * not keep the parse alive.
 */
const CACHE = new WeakMap<Record<string, unknown>, ReturnedResource[]>();

/**
 * Every User and Group resource a 2xx response returns: the body itself (GET, POST, PUT, PATCH)
 * or the elements of a ListResponse. Resources are recognised by their core schema URN, so a
 * raw scenario request is covered as well as an IdP action.
 */
export function returnedResources(exchange: Exchange): ReturnedResource[] {
  const status = exchange.response?.status ?? 0;
  const body = status >= 200 && status < 300 ? jsonObject(exchange) : undefined;
  if (body === undefined) return [];
  const cached = CACHE.get(body);
  if (cached) return cached;
  const found: ReturnedResource[] = [];
  const own = kindOf(body);
  if (own) found.push({ kind: own, resource: body, at: '$' });
  else if (schemasOf(body).includes(URN.listResponse) && Array.isArray(body.Resources)) {
    body.Resources.forEach((item: unknown, index) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
      const kind = kindOf(item as Record<string, unknown>);
      if (kind) found.push({ kind, resource: item as Record<string, unknown>, at: `$.Resources[${index}]` });
    });
  }
  CACHE.set(body, found);
  return found;
}

/**
 * The request URL, parsed once per exchange: dozens of checks ask for its path or a query
 * parameter, and parsing a URL for each would cost more than the checks themselves.
 */
const URLS = new WeakMap<Exchange, URL | null>();

/** The parsed request URL, or null when it does not parse. */
export function requestUrl(exchange: Exchange): URL | null {
  let url = URLS.get(exchange);
  if (url === undefined) {
    try {
      url = new URL(exchange.request.url);
    } catch {
      url = null;
    }
    URLS.set(exchange, url);
  }
  return url;
}

/** The request URL's query parameter, if sent (`attributes`, `excludedAttributes`, `count`...). */
export function queryParam(exchange: Exchange, name: string): string | undefined {
  return requestUrl(exchange)?.searchParams.get(name) ?? undefined;
}

/** The path of the request URL below the host (`/scim/v2/Users/abc`). */
export function requestPath(exchange: Exchange): string {
  return requestUrl(exchange)?.pathname ?? exchange.request.url;
}

/** True when the request shaped the response with `attributes`/`excludedAttributes` (query or /.search body). */
export function isProjected(exchange: Exchange): boolean {
  if (queryParam(exchange, 'attributes') !== undefined || queryParam(exchange, 'excludedAttributes') !== undefined)
    return true;
  return (
    /"(attributes|excludedAttributes)"\s*:/.test(exchange.request.body ?? '') &&
    /\.search\/?$/.test(requestPath(exchange))
  );
}
