import type { IncomingHttpHeaders } from 'node:http';
import type { Exchange } from '../http/exchange.js';
import { resolveUrl, type HttpRequest, type ScimClient } from '../http/scim-client.js';
import { ScimError } from '../scim/scim-error.js';
import type { ServerContext } from '../server/context.js';
import { ResourceService } from '../server/resource-service.js';
import { RESPONSE_CONTENT_TYPE, errorResponse, internalErrorResponse, type ScimResponse } from '../server/responses.js';
import { matchRoute } from '../server/router.js';
import { createRoutes } from '../server/routes.js';
import { createStore } from '../server/store.js';

/** A host that can never resolve (RFC 6761 `.invalid`), so a dry-run URL can never be mistaken for a real one. */
export const DRY_RUN_BASE_URL = 'https://scim.example.invalid/scim/v2';

/** What the dry-run client saw: each request with the purpose the engine gave it. */
export interface DryRunRecord {
  exchange: Exchange;
  /** `readBack`, `createUser`, ... as the engine labelled the request; undefined for preflight. */
  purpose: string | undefined;
}

function routeSegments(pathname: string): string[] {
  const below = pathname.startsWith('/scim/v2') ? pathname.slice('/scim/v2'.length) : pathname;
  return below.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
}

/**
 * `--dry-run`'s stand-in for the HTTP client: it answers every request in-process from a fresh
 * in-memory reference store (the embedded server's handlers, without a socket), so profile
 * programs get plausible answers — a 201 with a generated id for a create, the created resource
 * on a read-back — and nothing leaves the machine. It never throws, like the real client.
 */
export function createDryRunClient(): { client: ScimClient; records: DryRunRecord[] } {
  const store = createStore();
  const context: ServerContext = { store, service: new ResourceService(store), baseUrl: DRY_RUN_BASE_URL, maxBodyBytes: 1_048_576 };
  const routes = createRoutes();
  const records: DryRunRecord[] = [];
  let sequence = 0;

  function answer(request: HttpRequest, url: URL): ScimResponse {
    try {
      const match = matchRoute(routes, routeSegments(url.pathname));
      if (!match) throw new ScimError(404, undefined, `Unknown endpoint ${url.pathname}.`);
      const method = request.method.toUpperCase();
      const handler = match.route.methods[method];
      if (!handler) throw new ScimError(405, undefined, `${method} is not supported here.`);
      let body: Record<string, unknown> | undefined;
      if (request.body !== undefined) {
        const parsed: unknown = typeof request.body === 'string' ? JSON.parse(request.body) : request.body;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      }
      const query = new Map<string, string[]>();
      for (const [name, value] of url.searchParams) query.set(name.toLowerCase(), [...(query.get(name.toLowerCase()) ?? []), value]);
      const headers: IncomingHttpHeaders = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      return handler({ method, params: match.params, query, headers, body, baseUrl: DRY_RUN_BASE_URL, context });
    } catch (error) {
      if (error instanceof ScimError) return errorResponse(error);
      if (error instanceof SyntaxError) return errorResponse(new ScimError(400, 'invalidSyntax', 'The body is not JSON.'));
      return internalErrorResponse();
    }
  }

  async function send(request: HttpRequest): Promise<Exchange> {
    const url = resolveUrl(DRY_RUN_BASE_URL, request.path, request.query);
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    const response = answer(request, url);
    const hasBody = response.body !== undefined && response.status !== 204;
    const text = hasBody ? JSON.stringify(response.body) : '';
    const responseHeaders = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    if (hasBody) responseHeaders['content-type'] = RESPONSE_CONTENT_TYPE;
    const exchange: Exchange = {
      id: ++sequence,
      request: { method: request.method, url: url.toString(), headers, ...(request.body === undefined ? {} : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }) },
      response: { status: response.status, headers: responseHeaders, body: text, ...(hasBody ? { json: JSON.parse(text) as unknown } : {}) },
      startedAt: new Date().toISOString(),
      durationMs: 0,
    };
    // The engine hands the planned request itself to the client, so its purpose label rides along.
    records.push({ exchange, purpose: (request as { purpose?: string }).purpose });
    return exchange;
  }

  return { client: { baseUrl: DRY_RUN_BASE_URL, send, close: async () => {} }, records };
}
