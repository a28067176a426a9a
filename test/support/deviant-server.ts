import type { IncomingHttpHeaders } from 'node:http';
import { forwardToUpstream, parseJsonLoosely, readBody, startProxy } from './loopback-proxy.js';

/** A request as the deviant proxy sees it: path below the SCIM base, query parsed. */
export interface ProxiedRequest {
  method: string;
  /** Path below the base URL without the query, e.g. `/Users/abc`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text when it is not JSON (undefined when empty). */
  body: unknown;
}

/**
 * One injected deviation from RFC 7643/7644 (or, for compliant variants, an unusual but allowed
 * behaviour). `request` may change what the reference server sees, or answer by itself;
 * `response` may change what the client sees.
 */
export interface DeviationHooks {
  // biome-ignore lint/suspicious/noConfusingVoidType: most hooks only mutate the request and return nothing.
  request?(request: ProxiedRequest): { respond: Partial<ProxiedResponse> & { status: number } } | void;
  response?(request: ProxiedRequest, response: ProxiedResponse): void;
}

export interface Deviation extends DeviationHooks {
  /** What the server does wrong (or differently), in one line. */
  description: string;
  /** The SPEC-CHECKS IDs that must catch it; empty for a compliant variant. */
  caughtBy: string[];
}

const SCIM_JSON = 'application/scim+json; charset=utf-8';
const isUserOrGroup = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' &&
  body !== null &&
  Array.isArray((body as { schemas?: unknown }).schemas) &&
  (body as { schemas: string[] }).schemas.some((urn) => /core:2\.0:(User|Group)$/.test(urn));
/** Every User/Group in a body: the body itself or the elements of a ListResponse. */
function resourcesIn(body: unknown): Record<string, unknown>[] {
  if (isUserOrGroup(body)) return [body];
  const list = (body as { Resources?: unknown } | undefined)?.Resources;
  return Array.isArray(list) ? list.filter(isUserOrGroup) : [];
}
const isList = (body: unknown): body is Record<string, unknown> & { Resources?: unknown[] } =>
  typeof body === 'object' &&
  body !== null &&
  JSON.stringify((body as { schemas?: unknown }).schemas ?? []).includes('ListResponse');
const isError = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' &&
  body !== null &&
  JSON.stringify((body as { schemas?: unknown }).schemas ?? []).includes(':Error');
const UUID = /([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})/g;
/** Ids the reference server issued, seen by the opaque-ids deviation (UUIDs are unique, so one set serves every proxy). */
const SERVER_IDS = new Set<string>();

/**
 * The deviations, each a toggle. Every non-compliant one names the checks that must catch it
 * (test/e2e/deviations.test.ts proves they do); the compliant variants must not be flagged.
 */
export const DEVIATIONS = {
  'content-type-json-scim': {
    description: 'labels responses application/json+scim (FusionAuth, pingidentity/scim2#131)',
    caughtBy: ['MEDIA-RESP-TYPE'],
    response: (_request, response) => {
      response.headers['content-type'] = 'application/json+scim';
    },
  },
  'error-status-number': {
    description: 'sends Error status as a JSON number (pingidentity/scim2#87)',
    caughtBy: ['ERR-STATUS-STRING'],
    response: (_request, response) => {
      if (isError(response.body)) response.body.status = Number(response.body.status);
    },
  },
  'error-html': {
    description: 'answers 404 with an HTML page',
    caughtBy: ['ERR-BODY', 'READ-404'],
    response: (_request, response) => {
      if (response.status !== 404) return;
      response.headers['content-type'] = 'text/html';
      response.body = '<html><body>Not Found</body></html>';
    },
  },
  'no-www-authenticate': {
    description: 'answers 401 without WWW-Authenticate (thunder-id#5104)',
    caughtBy: ['AUTH-WWW-AUTHENTICATE'],
    response: (_request, response) => void delete response.headers['www-authenticate'],
  },
  'anonymous-allowed': {
    description:
      'serves /Users to requests without credentials (RFC 7644 §2.2 allows it: recorded as info, never silent)',
    caughtBy: ['AUTH-401-MISSING'],
    request: (request) => {
      request.headers.authorization ??= `Bearer ${TOKEN}`;
    },
  },
  'password-echoed': {
    description: 'echoes password in User representations (pond/scimitar#56)',
    caughtBy: ['CHAR-RETURNED-NEVER'],
    response: (_request, response) => {
      for (const resource of resourcesIn(response.body)) if ('userName' in resource) resource.password = 'hunter2';
    },
  },
  'active-string': {
    description: 'emits active as the string "true"/"false" (snipe-it#13948)',
    caughtBy: ['DT-BOOLEAN'],
    response: (_request, response) => {
      for (const resource of resourcesIn(response.body))
        if (typeof resource.active === 'boolean') resource.active = String(resource.active);
    },
  },
  'zero-based-start-index': {
    description: 'reports startIndex 0 on list responses (osiam/server#7)',
    caughtBy: ['PAGE-ONE-BASED'],
    response: (_request, response) => {
      if (isList(response.body) && typeof response.body.startIndex === 'number') response.body.startIndex = 0;
    },
  },
  'count-zero-returns-all': {
    description: 'treats count=0 as "no limit" (SimpleIdServer#39)',
    caughtBy: ['PAGE-COUNT-ZERO'],
    request: (request) => {
      if (request.query.get('count') === '0') request.query.delete('count');
    },
  },
  'total-is-page-size': {
    description: 'reports totalResults as the page size (wso2/product-is#5106)',
    caughtBy: ['PAGE-TOTAL'],
    response: (_request, response) => {
      if (isList(response.body) && Array.isArray(response.body.Resources))
        response.body.totalResults = response.body.Resources.length;
    },
  },
  'case-sensitive-filter': {
    description: 'compares userName/displayName filter values with case (zulip#21758)',
    caughtBy: ['FILTER-CASE-INSENSITIVE', 'GROUP-FILTER-DISPLAYNAME'],
    // The reference server compares without case; the answer keeps only exact-case matches, as a
    // case-sensitive server would (a literal in the stored case still matches).
    response: (request, response) => {
      const clause = /^\s*(userName|displayName)\s+(eq|sw)\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(
        request.query.get('filter') ?? '',
      );
      if (
        request.method !== 'GET' ||
        clause === null ||
        !isList(response.body) ||
        !Array.isArray(response.body.Resources)
      )
        return;
      const [, attribute, operator, literal] = clause as unknown as [string, string, string, string];
      const value = JSON.parse(`"${literal}"`) as string;
      const kept = (response.body.Resources as Record<string, unknown>[]).filter((resource) => {
        const held = resource[attribute.toLowerCase() === 'username' ? 'userName' : 'displayName'];
        return typeof held === 'string' && (operator.toLowerCase() === 'eq' ? held === value : held.startsWith(value));
      });
      response.body.Resources = kept;
      response.body.totalResults = kept.length;
      response.body.itemsPerPage = kept.length;
    },
  },
  'unknown-attribute-matches-all': {
    description: 'drops a filter on an unknown attribute and returns everything',
    caughtBy: ['FILTER-UNKNOWN-ATTR'],
    request: (request) => {
      if (/scimcheckNoSuchAttr/.test(request.query.get('filter') ?? '')) request.query.delete('filter');
    },
  },
  'uniqueness-400': {
    description: 'answers a uniqueness clash with 400 instead of 409 (FusionAuth#1776)',
    caughtBy: ['CREATE-UNIQUENESS-409'],
    response: (_request, response) => {
      if (response.status !== 409 || !isError(response.body)) return;
      response.status = 400;
      response.body.status = '400';
    },
  },
  'delete-200': {
    description: 'answers DELETE with 200 and a body (okta-developer-docs#1307)',
    caughtBy: ['DEL-204'],
    response: (request, response) => {
      if (request.method !== 'DELETE' || response.status !== 204) return;
      response.status = 200;
      response.headers['content-type'] = SCIM_JSON;
      response.body = { deleted: true };
    },
  },
  'no-location': {
    description: 'omits the Location header on 201 (wso2/product-is#5328)',
    caughtBy: ['CREATE-201-LOCATION'],
    response: (_request, response) => void (response.status === 201 && delete response.headers.location),
  },
  'version-mismatch': {
    description: 'sends a meta.version that differs from the ETag header',
    caughtBy: ['VER-META-VERSION'],
    response: (_request, response) => {
      const meta = isUserOrGroup(response.body)
        ? (response.body.meta as Record<string, unknown> | undefined)
        : undefined;
      if (meta && typeof meta.version === 'string') meta.version = `W/"other-${meta.version.replace(/\W/g, '')}"`;
    },
  },
  'remove-by-filter-ignored': {
    description: 'answers 200 to remove members[value eq …] but keeps the member (authentik#25686)',
    caughtBy: ['PATCH-MEMBERS-REMOVE'],
    request: (request) => {
      const body = request.body as { Operations?: { op?: string; path?: string }[] } | undefined;
      if (request.method !== 'PATCH' || !body?.Operations) return;
      const kept = body.Operations.filter(
        (operation) => !(operation.op?.toLowerCase() === 'remove' && /^members\[/i.test(operation.path ?? '')),
      );
      if (kept.length === body.Operations.length) return;
      if (kept.length === 0) return { respond: { status: 204 } };
      body.Operations = kept;
    },
  },
  'excluded-members-ignored': {
    description: 'ignores excludedAttributes=members (SimpleIdServer#490)',
    caughtBy: ['GROUP-EXCLUDE-MEMBERS'],
    request: (request) => void request.query.delete('excludedAttributes'),
  },
  'not-found-500': {
    description: 'fails with 500 on an unknown resource id (wso2/product-is#7520)',
    caughtBy: ['ERR-NO-5XX', 'READ-404'],
    response: (request, response) => {
      if (request.method !== 'GET' || response.status !== 404 || !/^\/(Users|Groups)\/[^/]+$/.test(request.path))
        return;
      response.status = 500;
      response.body = {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '500',
        detail: 'NullPointerException',
      };
    },
  },
  'invented-scim-type': {
    description: 'invents scimType keywords (SimpleIdServer#275 "schemaViolated")',
    caughtBy: ['ERR-SCIMTYPE'],
    response: (_request, response) => {
      if (isError(response.body) && response.body.scimType === 'invalidValue')
        response.body.scimType = 'schemaViolated';
    },
  },
  'list-without-schemas': {
    description: 'sends ListResponses without the ListResponse schema URN',
    caughtBy: ['LIST-RESPONSE'],
    response: (_request, response) => {
      if (isList(response.body)) delete response.body.schemas;
    },
  },
  // Compliant variants: unusual, allowed by the RFC, and never to be flagged.
  'patch-204': {
    description: 'answers a successful PATCH with 204 and no body (RFC 7644 §3.5.2 allows it)',
    caughtBy: [],
    response: (request, response) => {
      if (
        request.method !== 'PATCH' ||
        response.status !== 200 ||
        request.query.has('attributes') ||
        request.query.has('excludedAttributes')
      )
        return;
      response.status = 204;
      response.body = undefined;
      delete response.headers['content-type'];
    },
  },
  'opaque-ids': {
    description: 'issues ids that are not UUIDs (RFC 7643 §3.1: ids are opaque)',
    caughtBy: [],
    // Translates the reference server's UUIDs to `Id_<hex>` on the way out and back on the way in.
    request: (request) => {
      request.path = request.path.replace(
        /Id_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})/g,
        '$1-$2-$3-$4-$5',
      );
      for (const [key, value] of [...request.query])
        request.query.set(
          key,
          value.replace(/Id_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})/g, '$1-$2-$3-$4-$5'),
        );
      if (request.body !== undefined)
        request.body = JSON.parse(
          JSON.stringify(request.body).replace(
            /Id_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})/g,
            '$1-$2-$3-$4-$5',
          ),
        );
    },
    // Only the server's own ids are rewritten: the IdP profiles send UUIDs as externalId (and in
    // userNames), and rewriting those would make the server look as if it changed client data.
    response: (_request, response) => {
      for (const resource of resourcesIn(response.body))
        if (typeof resource.id === 'string') SERVER_IDS.add(resource.id);
      // A Bulk response names what it created only in each operation's location.
      for (const match of JSON.stringify(response.body ?? '').matchAll(/\/(?:Users|Groups)\/([0-9a-f-]{36})/g))
        SERVER_IDS.add(match[1]!);
      // A 202 Accepted (RFC 9967 §2.5.1.1) has no body: its Location alone names the new resource.
      for (const match of String(response.headers.location ?? '').matchAll(/\/(?:Users|Groups)\/([0-9a-f-]{36})/g))
        SERVER_IDS.add(match[1]!);
      const opaque = (text: string): string =>
        text.replace(UUID, (uuid: string, ...parts: string[]) =>
          SERVER_IDS.has(uuid) ? `Id_${parts.slice(0, 5).join('')}` : uuid,
        );
      if (typeof response.headers.location === 'string') response.headers.location = opaque(response.headers.location);
      if (response.body !== undefined && typeof response.body === 'object')
        response.body = JSON.parse(opaque(JSON.stringify(response.body)));
    },
  },
  'opaque-weak-etags': {
    description: 'uses opaque weak entity-tags W/"v-…" (RFC 7232 §2.3)',
    caughtBy: [],
    request: (request) => {
      for (const name of ['if-match', 'if-none-match'] as const) {
        const value = request.headers[name];
        if (typeof value === 'string') request.headers[name] = value.replace(/W\/"v-(\d+)-x"/g, 'W/"$1"');
      }
    },
    response: (_request, response) => {
      const rewrite = (value: string): string => value.replace(/W\/"(\d+)"/g, 'W/"v-$1-x"');
      if (typeof response.headers.etag === 'string') response.headers.etag = rewrite(response.headers.etag);
      if (response.body !== undefined && typeof response.body === 'object')
        response.body = JSON.parse(rewrite(JSON.stringify(response.body).replace(/W\/\\"(\d+)\\"/g, 'W/\\"v-$1-x\\"')));
    },
  },
  'small-pages': {
    description: 'returns at most 2 resources per page whatever count asks (RFC 7644 §3.4.2.4 allows fewer)',
    caughtBy: [],
    request: (request) => {
      if (request.method !== 'GET' || !/^\/(Users|Groups)\/?$/.test(request.path)) return;
      const count = request.query.get('count');
      if (count === null || Number(count) > 2) request.query.set('count', '2');
    },
  },
  'rate-limited': {
    description: 'answers every 15th request 429 with Retry-After: 0 (RFC 6585 §4)',
    caughtBy: [],
    request: () => {
      rateCounter += 1;
      if (rateCounter % 15 === 0)
        return {
          respond: {
            status: 429,
            headers: { 'retry-after': '0', 'content-type': SCIM_JSON },
            body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' },
          },
        };
    },
  },
} satisfies Record<string, Deviation>;

let rateCounter = 0;
const TOKEN = 'deviant-server-token';

export type DeviationName = keyof typeof DEVIATIONS;

export interface DeviantServer {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

function serialize(body: unknown): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A hook's answer in place of the server's: a SCIM Error (RFC 7644 §3.12) with this status and scimType. */
export function scimErrorAnswer(
  status: number,
  scimType: string,
  detail: string,
): { respond: Partial<ProxiedResponse> & { status: number } } {
  return {
    respond: {
      status,
      headers: { 'content-type': 'application/scim+json' },
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), scimType, detail },
    },
  };
}

/**
 * A reference server behind a loopback proxy that injects the named deviations. The server
 * behind it stays correct, so each toggle breaks (or varies) exactly one behaviour.
 */
export async function startDeviantServer(names: readonly DeviationName[]): Promise<DeviantServer> {
  return startHookedServer(names.map((name) => DEVIATIONS[name] as DeviationHooks));
}

/** The same proxy with any request/response hooks (test/support/gap-deviant-server.ts has its own set). */
export async function startHookedServer(hooks: readonly DeviationHooks[], token = TOKEN): Promise<DeviantServer> {
  const proxy = await startProxy({
    reference: { token },
    async onRequest(req, res, { upstreamUrl }) {
      const base = upstreamUrl.pathname.replace(/\/$/, '');
      const url = new URL(req.url ?? '/', 'http://proxy');
      const raw = (await readBody(req)).toString('utf8');
      // Only the SCIM root is proxied; anything else (another version segment) is a plain SCIM 404.
      if (!url.pathname.startsWith(`${base}/`) && url.pathname !== base) {
        res.writeHead(404, { 'content-type': SCIM_JSON });
        res.end(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '404',
            detail: 'Not found',
          }),
        );
        return;
      }
      const request: ProxiedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.slice(base.length) || '/',
        query: url.searchParams,
        headers: { ...req.headers },
        body: parseJsonLoosely(raw, raw),
      };
      const rawUnchanged = JSON.stringify(request.body);
      const send = (response: ProxiedResponse): void => {
        for (const hook of hooks) hook.response?.(request, response);
        const body = serialize(response.body);
        const headers = { ...response.headers };
        delete headers['transfer-encoding'];
        if (body.length > 0 || headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
        res.writeHead(response.status, headers);
        res.end(body);
      };
      for (const hook of hooks) {
        const early = hook.request?.(request);
        if (early) return send({ headers: {}, body: undefined, ...early.respond });
      }
      // Keep the client's exact bytes unless a hook changed the body (malformed JSON must reach the server as sent).
      const bodyOut = JSON.stringify(request.body) === rawUnchanged ? Buffer.from(raw) : serialize(request.body);
      const query = request.query.toString();
      const answer = await forwardToUpstream(
        upstreamUrl,
        { method: request.method, path: `${base}${request.path}${query ? `?${query}` : ''}`, headers: request.headers },
        bodyOut,
      );
      const text = answer.body.toString('utf8');
      send({ status: answer.status, headers: { ...answer.headers }, body: parseJsonLoosely(text, text) });
    },
  });
  return { baseUrl: proxy.baseUrl, token, close: proxy.close };
}
