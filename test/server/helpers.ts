import { expect } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import {
  type ReferenceServerOptions,
  type RunningReferenceServer,
  startReferenceServer,
} from '../../src/server/index.js';

/** One HTTP exchange with the reference server, body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when the body is empty. Throws in `json()` style if it is not JSON. */
  body: any;
}

export interface RequestOptions {
  /** A value to send as JSON, or a string sent verbatim. */
  body?: unknown;
  headers?: Record<string, string>;
  /** `null` sends no Authorization header; a string replaces the server's token. */
  token?: string | null;
}

/** A started server plus a small client for it. */
export interface TestServer {
  server: RunningReferenceServer;
  baseUrl: string;
  call(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** Starts a reference server on a free loopback port with a client bound to it. */
export async function startTestServer(options: ReferenceServerOptions = {}): Promise<TestServer> {
  const server = await startReferenceServer({ port: 0, ...options });
  const call = async (method: string, path: string, request: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { accept: 'application/scim+json' };
    const token = request.token === undefined ? server.token : request.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (request.body !== undefined) {
      payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['content-type'] = 'application/scim+json';
    }
    Object.assign(headers, request.headers);
    const url = /^https?:/.test(path) ? path : `${server.baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(
          `${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
        );
      }
    }
    return { status: response.status, headers: response.headers, text, body };
  };
  return { server, baseUrl: server.baseUrl, call, close: () => server.close() };
}

/** Asserts a SCIM Error response (RFC 7644 §3.12): status, Error schema, string status, optional scimType. */
export function expectScimError(reply: Reply, status: number, scimType?: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(reply.body.schemas).toEqual([URN.error]);
  expect(reply.body.status).toBe(String(status));
  expect(typeof reply.body.detail).toBe('string');
  if (scimType === undefined) expect(reply.body.scimType).toBeUndefined();
  else expect(reply.body.scimType).toBe(scimType);
}

/** A minimal valid User body. */
export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [URN.user], userName, ...extra };
}

/** A minimal valid Group body. */
export function groupBody(displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [URN.group], displayName, ...extra };
}

/** A PatchOp body (RFC 7644 §3.5.2). */
export function patchOp(...operations: unknown[]): Record<string, unknown> {
  return { schemas: [URN.patchOp], Operations: operations };
}

/** Creates a user and returns the 201 body. */
export async function createUser(api: TestServer, userName: string, extra: Record<string, unknown> = {}): Promise<any> {
  const reply = await api.call('POST', '/Users', { body: userBody(userName, extra) });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

/** Creates a group and returns the 201 body. */
export async function createGroup(
  api: TestServer,
  displayName: string,
  extra: Record<string, unknown> = {},
): Promise<any> {
  const reply = await api.call('POST', '/Groups', { body: groupBody(displayName, extra) });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

/** The member ids of a group, sorted. */
export function memberIds(group: { members?: { value: string }[] }): string[] {
  return (group.members ?? []).map((member) => member.value).sort();
}
