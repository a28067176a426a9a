import { URN } from '../../src/scim/urns.js';
import { type DeviationHooks, startHookedServer } from './deviant-server.js';

/*
 * Servers with the bugs scim-check used to be silent about (issue 12, "close the gaps"): each a
 * loopback proxy in front of a correct reference server that breaks one behaviour, as
 * deviant-server.ts does for the spec suite's older deviations.
 */

interface Request {
  method: string;
  /** Path below the base URL, e.g. `/Users/abc`. */
  path: string;
  body: unknown;
}

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface Gap {
  // biome-ignore lint/suspicious/noConfusingVoidType: most hooks only mutate the request and return nothing.
  request?(request: Request, state: Map<string, unknown>): Response | void;
  response?(request: Request, response: Response, state: Map<string, unknown>): void;
}

const SCIM_JSON = 'application/scim+json; charset=utf-8';
const errorBody = (status: number, detail: string): Response => ({
  status,
  headers: { 'content-type': SCIM_JSON },
  body: { schemas: [URN.error], status: String(status), detail },
});
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The User/Group resources of a body: the body itself or a ListResponse's elements. */
function resourcesIn(body: unknown): Record<string, unknown>[] {
  if (!isObject(body)) return [];
  if (isObject(body.meta)) return [body];
  return Array.isArray(body.Resources) ? body.Resources.filter(isObject) : [];
}

/** The path of an absolute URL: what a server that builds locations from the request path sends. */
const pathOnly = (value: string): string => value.replace(/^[a-z]+:\/\/[^/]+/i, '');

export const GAPS = {
  /** PUT ignores the enterprise extension object (RFC 7644 §3.5.1 says replace with what was sent). */
  'put-drops-extension': {
    request(request) {
      if (request.method !== 'PUT' || !isObject(request.body)) return;
      delete request.body[URN.enterpriseUser];
      if (Array.isArray(request.body.schemas))
        request.body.schemas = request.body.schemas.filter((urn) => urn !== URN.enterpriseUser);
    },
  },
  /** Applies PATCH bodies without looking for the PatchOp URN in `schemas` (RFC 7644 §3.5.2). */
  'patch-envelope-unchecked': {
    request(request) {
      if (request.method === 'PATCH' && isObject(request.body)) request.body.schemas = [URN.patchOp];
    },
  },
  /** Refuses a group as a member of a group, while /Schemas still declares members.$ref referenceTypes Group. */
  'nested-groups-refused': {
    request(request, state) {
      if (request.method !== 'PATCH' || !/^\/Groups\/[^/]+$/.test(request.path)) return;
      const groups = (state.get('groups') as Set<string> | undefined) ?? new Set<string>();
      if (groups.size > 0 && [...groups].some((id) => JSON.stringify(request.body).includes(`"${id}"`)))
        return errorBody(400, 'Nested groups are not supported.');
    },
    response(request, response, state) {
      if (
        request.method !== 'POST' ||
        request.path !== '/Groups' ||
        response.status !== 201 ||
        !isObject(response.body)
      )
        return;
      const groups = (state.get('groups') as Set<string> | undefined) ?? new Set<string>();
      groups.add(String(response.body.id));
      state.set('groups', groups);
    },
  },
  /** No POST /.search at all (RFC 7644 §3.4.3 makes it a MAY). */
  'no-search': {
    request: (request) =>
      request.method === 'POST' && request.path.endsWith('/.search') ? errorBody(404, 'Not found.') : undefined,
  },
  /** Location and meta.location as paths below the host (`/scim/v2/Users/…`). */
  'relative-locations': {
    response(_request, response) {
      if (typeof response.headers.location === 'string')
        response.headers.location = pathOnly(response.headers.location);
      for (const resource of resourcesIn(response.body)) {
        const meta = resource.meta as Record<string, unknown>;
        if (typeof meta.location === 'string') meta.location = pathOnly(meta.location);
      }
    },
  },
  /** meta.lastModified stays at meta.created and meta.version at its first value, whatever changes. */
  'frozen-meta': {
    response(_request, response, state) {
      for (const resource of resourcesIn(response.body)) {
        const meta = resource.meta as Record<string, unknown>;
        meta.lastModified = meta.created;
        const key = `version:${String(resource.id)}`;
        if (!state.has(key)) state.set(key, meta.version);
        meta.version = state.get(key);
        if (typeof response.headers.etag === 'string') response.headers.etag = String(meta.version);
      }
    },
  },
} satisfies Record<string, Gap>;

export type GapName = keyof typeof GAPS;

export interface GapServer {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

const TOKEN = 'gap-server-token';

/** A reference server behind the deviant-server proxy that injects the named gaps. */
export async function startGapServer(names: readonly GapName[]): Promise<GapServer> {
  // Gaps share one state per server (what they saw earlier: the groups created, the last meta...).
  const state = new Map<string, unknown>();
  const hooks: DeviationHooks[] = names.map((name) => {
    const gap: Gap = GAPS[name];
    return {
      request: (request) => {
        const early = gap.request?.(request, state);
        return early ? { respond: early } : undefined;
      },
      response: (request, response) => gap.response?.(request, response, state),
    };
  });
  return startHookedServer(hooks, TOKEN);
}
