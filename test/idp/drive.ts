import { wireHeaders } from '../../src/executor/wire-headers.js';
import type { Exchange } from '../../src/http/exchange.js';
import type {
  ActionOutcome,
  ActionProgram,
  GroupView,
  IdpProfile,
  MemberRef,
  PlannedRequest,
  UserView,
} from '../../src/idp/profile.js';

/** A request as it goes on the wire: what golden tests compare. */
export interface WireRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

/** A synthetic answer: status and JSON body (undefined for none). */
export interface FakeResponse {
  status: number;
  json?: unknown;
}

export type Responder = (request: PlannedRequest, index: number) => FakeResponse;

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export function alice(overrides: Partial<UserView> = {}): UserView {
  return {
    key: 'alice',
    id: 'u-alice',
    userName: 'alice@example.com',
    givenName: 'Alice',
    familyName: 'Doe',
    email: 'alice@example.com',
    active: true,
    attributes: {},
    ...overrides,
  };
}

export const BOB: MemberRef = { key: 'bob', id: 'u-bob', display: 'bob@example.com' };
export const CAROL: MemberRef = { key: 'carol', id: 'u-carol', display: 'carol@example.com' };

export function eng(overrides: Partial<GroupView> = {}): GroupView {
  return { key: 'eng', id: 'g-eng', displayName: 'Engineering', members: [BOB], ...overrides };
}

export function listOf(resources: unknown[]): FakeResponse {
  return {
    status: 200,
    json: {
      schemas: [LIST_URN],
      totalResults: resources.length,
      startIndex: 1,
      itemsPerPage: resources.length,
      Resources: resources,
    },
  };
}

/** A well-behaved server: creates answer 201 with an id, lookups find nothing, reads echo a resource. */
export const compliantServer: Responder = (request) => {
  const { method, path } = request;
  if (method === 'POST')
    return { status: 201, json: { id: path.startsWith('/Groups') ? 'g-new' : 'u-new', ...(request.body as object) } };
  if (method === 'DELETE') return { status: 204 };
  if (method === 'GET' && /^\/Users\/[^/]+$/.test(path))
    return {
      status: 200,
      json: {
        schemas: [USER_URN],
        id: path.slice(7),
        userName: 'alice@example.com',
        name: { givenName: 'Alice', familyName: 'Doe' },
        active: true,
        meta: { resourceType: 'User' },
      },
    };
  if (method === 'GET' && /^\/Groups\/[^/]+$/.test(path))
    return {
      status: 200,
      json: { schemas: [GROUP_URN], id: path.slice(8), displayName: 'Engineering', members: [{ value: 'u-bob' }] },
    };
  if (method === 'GET') return listOf([]);
  return { status: 200, json: { id: request.targetId } };
};

function exchangeFor(request: PlannedRequest, response: FakeResponse, id: number): Exchange {
  const body = response.json === undefined ? '' : JSON.stringify(response.json);
  return {
    id,
    request: {
      method: request.method,
      url: `http://scim.test${request.path}`,
      headers: {},
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    },
    response: {
      status: response.status,
      headers: { 'content-type': 'application/scim+json' },
      body,
      ...(response.json !== undefined ? { json: response.json } : {}),
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
  };
}

/** Drives an action program with synthetic exchanges (no network) and records what it planned. */
export function drive(
  profile: IdpProfile,
  program: ActionProgram,
  respond: Responder = compliantServer,
): { requests: WireRequest[]; outcome: ActionOutcome } {
  const requests: WireRequest[] = [];
  let next = program.next();
  let index = 0;
  while (!next.done) {
    const planned = next.value;
    const wire: WireRequest = {
      method: planned.method,
      path: planned.path,
      headers: wireHeaders(profile.headers, planned),
    };
    if (planned.query !== undefined) wire.query = planned.query;
    if (planned.body !== undefined) wire.body = planned.body;
    requests.push(wire);
    next = program.next(exchangeFor(planned, respond(planned, index), index));
    index++;
  }
  return { requests, outcome: next.value };
}

/** A responder that answers the listed requests (by index) specially and defers to the compliant server otherwise. */
export function scripted(answers: Record<number, FakeResponse>): Responder {
  return (request, index) => answers[index] ?? compliantServer(request, index);
}
