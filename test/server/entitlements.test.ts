import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createUser, expectScimError, startTestServer, type TestServer } from './helpers.js';

/*
 * /Roles and /Entitlements: Okta's entitlement resource types (okta-developer-docs,
 * guides/scim-with-entitlements), read-only catalogues listed in discovery and paged like /Users.
 */

const ROLE = 'urn:okta:scim:schemas:core:1.0:Role';
const ENTITLEMENT = 'urn:okta:scim:schemas:core:1.0:Entitlement';

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer({ token: 'entitlements-token' });
});

afterAll(async () => {
  await api.close();
});

describe("Okta's entitlement resource types", () => {
  it('are listed in /ResourceTypes with their endpoints and in /Schemas with their attributes', async () => {
    const types = await api.call('GET', '/ResourceTypes', { token: null });
    expect(types.body.Resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'Role', name: 'Role', endpoint: '/Roles', schema: ROLE, schemaExtensions: [] }),
        expect.objectContaining({ id: 'Entitlement', endpoint: '/Entitlements', schema: ENTITLEMENT }),
      ]),
    );
    const role = await api.call('GET', `/Schemas/${ROLE}`, { token: null });
    expect(role.status).toBe(200);
    expect(role.body.attributes.map((attribute: any) => attribute.name)).toEqual(
      expect.arrayContaining(['id', 'displayName', 'description']),
    );
    const entitlement = await api.call('GET', `/Schemas/${ENTITLEMENT}`, { token: null });
    expect(entitlement.body.attributes.map((attribute: any) => attribute.name)).toEqual(
      expect.arrayContaining(['id', 'displayName', 'type', 'description']),
    );
  });

  it('page like /Users: count=1&startIndex=1 gives one value and numeric paging fields', async () => {
    for (const endpoint of ['/Roles', '/Entitlements']) {
      const page = await api.call('GET', `${endpoint}?count=1&startIndex=1`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ schemas: [URN.listResponse], itemsPerPage: 1, startIndex: 1, totalResults: 3 });
      expect(page.body.Resources).toHaveLength(1);
      const second = await api.call('GET', `${endpoint}?count=2&startIndex=2`);
      expect(second.body).toMatchObject({ itemsPerPage: 2, startIndex: 2, totalResults: 3 });
      expect(second.body.Resources[0].id).not.toBe(page.body.Resources[0].id);
    }
  });

  it('serve each value by id, with the type named on entitlements, and 404 for an unknown id', async () => {
    const list = await api.call('GET', '/Entitlements');
    const first = list.body.Resources[0];
    const one = await api.call('GET', `/Entitlements/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ schemas: [ENTITLEMENT], id: first.id, type: 'Entitlement' });
    expect(typeof one.body.displayName).toBe('string');
    const role = await api.call('GET', '/Roles/role-admin');
    expect(role.body).toMatchObject({ schemas: [ROLE], id: 'role-admin', displayName: 'Administrator' });
    expectScimError(await api.call('GET', '/Roles/no-such-role'), 404);
    expectScimError(await api.call('GET', '/Entitlements/no-such-entitlement'), 404);
  });

  it('are read-only and need the token', async () => {
    expect((await api.call('POST', '/Roles', { body: { displayName: 'x' } })).status).toBe(405);
    expect((await api.call('GET', '/Roles', { token: null })).status).toBe(401);
  });

  it('let users carry roles and entitlements', async () => {
    const user = await createUser(api, 'holder@example.com', {
      roles: [{ value: 'role-viewer', display: 'Viewer' }],
      entitlements: [{ value: 'entitlement-basic', type: 'Entitlement' }],
    });
    const read = await api.call('GET', `/Users/${user.id}`);
    expect(read.body.roles).toEqual([{ value: 'role-viewer', display: 'Viewer' }]);
    expect(read.body.entitlements).toEqual([{ value: 'entitlement-basic', type: 'Entitlement' }]);
  });
});
