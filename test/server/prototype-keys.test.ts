import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createUser, expectScimError, startTestServer, type TestServer, userBody } from './helpers.js';

// Client text used as a key (`/__proto__`, `constructor`) must name nothing: lookups keyed by it
// are own-property or Map lookups, so such a request gets a SCIM error, never a 500, and
// Object.prototype is never touched.

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function prototypeIsClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(BASELINE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
const BASELINE = Object.getOwnPropertyNames(Object.prototype).sort();

describe('Bulk paths named like prototype members (RFC 7644 §3.7)', () => {
  const paths = [
    ...PROTOTYPE_NAMES.map((name) => `/${name}`),
    ...PROTOTYPE_NAMES.map((name) => `/${name}/x`),
    '/Users/__proto__',
    '/Users/constructor',
    '/Groups/prototype',
    '/Users/__proto__/x',
  ];

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s answers each with a SCIM error, not 500', async (method) => {
    const data =
      method === 'PATCH'
        ? { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'nickName', value: 'x' }] }
        : userBody('proto@example.com', { polluted: true });
    const reply = await api.call('POST', '/Bulk', {
      body: {
        schemas: [URN.bulkRequest],
        Operations: paths.map((path, index) => ({ method, path, bulkId: `b${index}`, data })),
      },
    });
    expect(reply.status, reply.text).toBe(200);
    const results = reply.body.Operations as {
      status: string;
      response?: { schemas: string[]; status: string; scimType?: string };
    }[];
    expect(results).toHaveLength(paths.length);
    results.forEach((result, index) => {
      const path = paths[index] as string;
      // POST /Users/x is not a collection; everything else names no resource endpoint or resource.
      expect(['400', '404'], `${method} ${path}: ${JSON.stringify(result)}`).toContain(result.status);
      expect(result.response?.schemas).toEqual([URN.error]);
      expect(result.response?.status).toBe(result.status);
      if (result.status === '400') expect(result.response?.scimType).toBe('invalidPath');
    });
    prototypeIsClean();
  });

  it('a POST to /Users in the same request still works', async () => {
    const reply = await api.call('POST', '/Bulk', {
      body: {
        schemas: [URN.bulkRequest],
        Operations: [
          { method: 'POST', path: '/__proto__', bulkId: 'a', data: userBody('proto-a@example.com') },
          { method: 'POST', path: '/Users', bulkId: 'b', data: userBody('proto-b@example.com') },
        ],
      },
    });
    expect(reply.body.Operations.map((result: { status: string }) => result.status)).toEqual(['404', '201']);
  });
});

describe('request bodies and paths with prototype member names', () => {
  it('treats __proto__ and constructor in a resource body as unknown attributes', async () => {
    const body = JSON.parse(
      `{"schemas":["${URN.user}"],"userName":"proto-body@example.com","__proto__":{"polluted":true,"title":"Injected"},"constructor":{"prototype":{"polluted":true}}}`,
    );
    const reply = await api.call('POST', '/Users', { body: JSON.stringify(body) });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.title).toBeUndefined();
    expect(reply.body.polluted).toBeUndefined();
    const patched = await api.call('PATCH', `/Users/${reply.body.id}`, {
      body: JSON.stringify(
        JSON.parse(
          `{"schemas":["${URN.patchOp}"],"Operations":[{"op":"add","value":{"__proto__":{"polluted":true}}}]}`,
        ),
      ),
    });
    expectScimError(patched, 400, 'invalidValue');
    prototypeIsClean();
  });

  it.each(PROTOTYPE_NAMES)('"%s" as a path segment names no endpoint or resource (404)', async (name) => {
    expectScimError(await api.call('GET', `/${name}`), 404);
    expectScimError(await api.call('GET', `/Users/${name}`), 404);
    expectScimError(await api.call('GET', `/ResourceTypes/${name}`), 404);
    expectScimError(await api.call('GET', `/Schemas/${name}`), 404);
    expectScimError(await api.call('DELETE', `/Groups/${name}`), 404);
    prototypeIsClean();
  });

  it('the in-process dispatch refuses a method named like a prototype member', async () => {
    const user = await createUser(api, 'proto-method@example.com');
    for (const method of ['constructor', '__proto__', 'toString', 'valueOf']) {
      const response = await api.server.dispatch({
        method,
        target: `/scim/v2/Users/${user.id}`,
        headers: { authorization: `Bearer ${api.server.token}` },
      });
      expect(response.status, `${method}: ${JSON.stringify(response.body)}`).toBe(405);
    }
    prototypeIsClean();
  });
});
