import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { expectScimError, startTestServer, type TestServer, userBody } from './helpers.js';

// Discovery (RFC 7644 §4), authentication (RFC 7644 §2), routing and /Me (RFC 7644 §3.11).

let api: TestServer;

/** Sends raw bytes, so requests no HTTP client would produce can be tested; resolves with everything read. */
function rawHttp(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(api.baseUrl).port), '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  api = await startTestServer({ token: 'test-token-123' });
});
afterAll(() => api.close());

describe('discovery endpoints (RFC 7644 §4)', () => {
  it('serves /ServiceProviderConfig without credentials', async () => {
    const reply = await api.call('GET', '/ServiceProviderConfig', { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body.schemas).toEqual([URN.serviceProviderConfig]);
    expect(reply.body.Resources).toBeUndefined();
    for (const feature of ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'])
      expect(typeof reply.body[feature].supported).toBe('boolean');
    expect(reply.body.bulk).toMatchObject({ supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 });
    expect(reply.body.filter).toEqual({ supported: true, maxResults: 200 });
    expect(reply.body.authenticationSchemes[0].type).toBe('oauthbearertoken');
    expect(reply.body.meta.location).toBe(`${api.baseUrl}/ServiceProviderConfig`);
  });

  it('lists and serves single ResourceTypes, public and linked to served Schemas', async () => {
    const list = await api.call('GET', '/ResourceTypes', { token: null });
    expect(list.status).toBe(200);
    expect(list.body.schemas).toEqual([URN.listResponse]);
    expect(list.body.totalResults).toBe(list.body.Resources.length);
    // Role and Entitlement: Okta's entitlement types (test/server/entitlements.test.ts).
    expect(list.body.Resources.map((type: any) => type.name)).toEqual(['User', 'Group', 'Role', 'Entitlement']);
    const user = await api.call('GET', '/ResourceTypes/User', { token: null });
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({
      schemas: [URN.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: URN.user,
    });
    expect(user.body.schemaExtensions).toEqual([{ schema: URN.enterpriseUser, required: false }]);
    expectScimError(await api.call('GET', '/ResourceTypes/Device'), 404);

    const schemas = await api.call('GET', '/Schemas', { token: null });
    const ids = schemas.body.Resources.map((schema: any) => schema.id);
    expect(ids).toEqual([
      URN.user,
      URN.enterpriseUser,
      URN.group,
      'urn:okta:scim:schemas:core:1.0:Role',
      'urn:okta:scim:schemas:core:1.0:Entitlement',
    ]);
    for (const type of list.body.Resources) {
      expect(ids).toContain(type.schema);
      for (const extension of type.schemaExtensions) expect(ids).toContain(extension.schema);
    }
    expect(ids.some((id: string) => id.startsWith('urn:ietf:params:scim:api:'))).toBe(false);
  });

  it('serves a single Schema by URN with the common attributes', async () => {
    const reply = await api.call('GET', `/Schemas/${URN.user}`, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body.schemas).toEqual([URN.schema]);
    expect(reply.body.id).toBe(URN.user);
    const byName = Object.fromEntries(reply.body.attributes.map((attribute: any) => [attribute.name, attribute]));
    expect(byName.id).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true });
    expect(byName.password).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(byName.userName).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(reply.body.meta).toEqual({ resourceType: 'Schema', location: `${api.baseUrl}/Schemas/${URN.user}` });
    expectScimError(await api.call('GET', '/Schemas/urn:example:nope'), 404);
  });

  it('refuses filters with 403 and ignores paging (DISC-NO-FILTER, DISC-NO-PAGING)', async () => {
    expectScimError(await api.call('GET', `/ResourceTypes?filter=${encodeURIComponent('name eq "User"')}`), 403);
    expectScimError(await api.call('GET', `/Schemas?filter=${encodeURIComponent('id pr')}`), 403);
    const paged = await api.call('GET', '/Schemas?startIndex=2&count=1&sortBy=id');
    expect(paged.body.Resources).toHaveLength(5);
  });
});

describe('authentication (RFC 7644 §2)', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer scimcheck-invalid'],
    ['an empty bearer token', 'Bearer '],
    ['another scheme', 'Basic Zm9vOmJhcg=='],
    ['the token without a scheme', 'test-token-123'],
  ])('answers 401 with WWW-Authenticate for %s', async (_name, authorization) => {
    const headers: Record<string, string> = {};
    if (authorization !== undefined) headers.authorization = authorization;
    const reply = await api.call('GET', '/Users?count=1', { token: null, headers });
    expectScimError(reply, 401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
  });

  it('protects every non-discovery endpoint, including unknown ones', async () => {
    for (const [method, path] of [
      ['GET', '/Groups'],
      ['POST', '/Users'],
      ['POST', '/Bulk'],
      ['POST', '/.search'],
      ['GET', '/Me'],
      ['GET', '/NoSuchEndpoint'],
      ['DELETE', '/Users/x'],
    ]) {
      expectScimError(
        await api.call(method as string, path as string, {
          token: null,
          body: method === 'GET' || method === 'DELETE' ? undefined : userBody('x@example.com'),
        }),
        401,
      );
    }
    expect((await api.call('GET', '/Users?count=0', { token: null })).status).toBe(401);
  });

  it('accepts the scheme name in any case', async () => {
    const reply = await api.call('GET', '/Users?count=0', {
      token: null,
      headers: { authorization: 'bearer test-token-123' },
    });
    expect(reply.status).toBe(200);
  });
});

describe('routing', () => {
  it('answers 404 with a SCIM Error for unknown endpoints and paths outside the base path', async () => {
    expectScimError(await api.call('GET', '/ScimcheckNoSuchEndpoint'), 404);
    expectScimError(await api.call('GET', '/Users/a/b'), 404);
    expectScimError(await api.call('GET', `${new URL(api.baseUrl).origin}/elsewhere`), 404);
    expectScimError(await api.call('GET', '/Users/%E0%A4%A'), 404);
  });

  it('answers 405 with Allow for a known path and an unsupported method', async () => {
    const reply = await api.call('DELETE', '/Users');
    expectScimError(reply, 405);
    expect(reply.headers.get('allow')).toBe('GET, POST');
    const search = await api.call('GET', '/Users/.search');
    expectScimError(search, 405);
    expect(search.headers.get('allow')).toBe('POST');
    expect((await api.call('PUT', '/ServiceProviderConfig', { body: {} })).headers.get('allow')).toBe('GET');
  });

  it('matches endpoint names case-insensitively and tolerates a trailing slash', async () => {
    expect((await api.call('GET', '/users?count=0')).status).toBe(200);
    expect((await api.call('GET', '/Users/?count=0')).status).toBe(200);
    expect((await api.call('GET', '/serviceproviderconfig')).status).toBe(200);
  });

  it('answers HEAD like GET without a body', async () => {
    const reply = await request(`${api.baseUrl}/ServiceProviderConfig`, { method: 'HEAD' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    expect(await reply.body.text()).toBe('');
  });

  it('answers /Me with 501 (RFC 7644 §3.11)', async () => {
    expectScimError(await api.call('GET', '/Me'), 501);
    expectScimError(await api.call('PATCH', '/Me', { body: { schemas: [URN.patchOp], Operations: [] } }), 501);
  });

  it('accepts the absolute request-target form (RFC 9112 §3.2.2)', async () => {
    const raw = await rawHttp(
      `GET ${api.baseUrl}/ServiceProviderConfig HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain(URN.serviceProviderConfig);
  });

  it('answers malformed HTTP with a SCIM Error body', async () => {
    const raw = await rawHttp('GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('Content-Type: application/scim+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ schemas: [URN.error], status: '400' });
  });
});
