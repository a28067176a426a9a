import type { ExchangeCheckContext } from '../../src/checks/exchange-check.js';
import type { Exchange } from '../../src/http/exchange.js';

export const BASE = 'https://scim.example.com/scim/v2';
export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ID = '2819c223-7f76-453a-919d-413861904646';

/** A recorded exchange, as src/http records it, from a compact description. */
export function recorded(spec: {
  method?: string;
  path?: string;
  requestHeaders?: Record<string, string>;
  requestBody?: unknown;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}): Exchange {
  const text = spec.body === undefined ? '' : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const exchange: Exchange = {
    id: 1,
    request: {
      method: spec.method ?? 'GET',
      url: `${BASE}${spec.path ?? '/Users'}`,
      headers: { accept: 'application/scim+json', authorization: 'Bearer [redacted]', ...spec.requestHeaders },
    },
    response: {
      status: spec.status,
      headers: { 'content-type': 'application/scim+json; charset=utf-8', ...spec.headers },
      body: text,
      ...(json !== undefined ? { json } : {}),
    },
    startedAt: '2024-05-01T10:00:00.000Z',
    durationMs: 3,
  };
  if (spec.requestBody !== undefined)
    exchange.request.body = typeof spec.requestBody === 'string' ? spec.requestBody : JSON.stringify(spec.requestBody);
  return exchange;
}

/** A compliant User as RFC 7643 §8.2 shows it (trimmed). */
export function user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_URN],
    id: ID,
    externalId: 'X1-AbC',
    userName: 'bjensen@example.com',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    active: true,
    emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    groups: [
      {
        value: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
        $ref: `${BASE}/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a`,
        display: 'Tour Guides',
      },
    ],
    meta: {
      resourceType: 'User',
      created: '2024-05-01T10:00:00Z',
      lastModified: '2024-05-01T10:00:00Z',
      location: `${BASE}/Users/${ID}`,
      version: 'W/"3694e05e9dff590"',
    },
    ...overrides,
  };
}

export function group(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [GROUP_URN],
    id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    displayName: 'Tour Guides',
    members: [{ value: ID, $ref: `${BASE}/Users/${ID}`, display: 'Babs Jensen' }],
    meta: {
      resourceType: 'Group',
      created: '2024-05-01T10:00:00Z',
      lastModified: '2024-05-01T10:00:00Z',
      location: `${BASE}/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a`,
      version: 'W/"1"',
    },
    ...overrides,
  };
}

export function list(resources: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [LIST_URN],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
    ...overrides,
  };
}

export function scimError(status: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [ERROR_URN], status: String(status), detail: 'what went wrong', ...overrides };
}

export function context(overrides: Partial<ExchangeCheckContext> = {}): ExchangeCheckContext {
  return { idp: 'generic', purpose: 'raw', issuedIds: new Set(), ...overrides };
}
