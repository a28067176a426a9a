import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createUser, expectScimError, patchOp, startTestServer, type TestServer } from './helpers.js';

// PATCH over HTTP (RFC 7644 §3.5.2). The operations' semantics are covered table by table in
// test/scim/patch; these tests check what the server adds: status codes, the response body,
// versioning, uniqueness, validation of the outcome and the IdP quirks end to end.

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const patch = (id: string, ...operations: unknown[]) =>
  api.call('PATCH', `/Users/${id}`, { body: patchOp(...operations) });

describe('PATCH /Users/{id}', () => {
  it('answers 200 with the full resource and a new version (INTEROP-PATCH-200-BODY)', async () => {
    const user = await createUser(api, 'p-basic@example.com', { name: { givenName: 'A', familyName: 'F' } });
    const reply = await patch(
      user.id,
      { op: 'add', value: { nickName: 'Babs', emails: [{ value: 'h@example.com', type: 'home' }] } },
      { op: 'replace', path: 'name', value: { givenName: 'G2' } },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(user.id);
    expect(reply.body.nickName).toBe('Babs');
    expect(reply.body.emails).toEqual([{ value: 'h@example.com', type: 'home' }]);
    expect(reply.body.name).toEqual({ givenName: 'G2', familyName: 'F' });
    expect(reply.body.meta.version).not.toBe(user.meta.version);
    expect(reply.headers.get('etag')).toBe(reply.body.meta.version);
    expect(reply.body.meta.created).toBe(user.meta.created);
    expect(reply.body.meta.lastModified >= user.meta.lastModified).toBe(true);
    expect((await api.call('GET', `/Users/${user.id}`)).body).toEqual(reply.body);
  });

  it('honours attributes on the PATCH response (PATCH-ATTRIBUTES-200)', async () => {
    const user = await createUser(api, 'p-attrs@example.com');
    const reply = await api.call('PATCH', `/Users/${user.id}?attributes=nickName`, {
      body: patchOp({ op: 'add', path: 'nickName', value: 'N' }),
    });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['id', 'nickName', 'schemas']);
  });

  it('re-adding a present value changes nothing, not even lastModified (PATCH-ADD-DUPLICATE)', async () => {
    const user = await createUser(api, 'p-dup@example.com', { phoneNumbers: [{ value: '+1 555 0100', type: 'work' }] });
    const reply = await patch(user.id, {
      op: 'add',
      path: 'phoneNumbers',
      value: [{ value: '+1 555 0100', type: 'work' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.phoneNumbers).toHaveLength(1);
    expect(reply.body.meta.lastModified).toBe(user.meta.lastModified);
    expect(reply.body.meta.version).toBe(user.meta.version);
  });

  it('is atomic: a failing operation leaves the resource and its version alone (PATCH-ATOMIC)', async () => {
    const user = await createUser(api, 'p-atomic@example.com', { nickName: 'Before' });
    expectScimError(
      await patch(user.id, { op: 'replace', path: 'nickName', value: 'After' }, { op: 'remove', path: 'userName' }),
      400,
      'mutability',
    );
    const read = await api.call('GET', `/Users/${user.id}`);
    expect(read.body).toEqual(user);
  });

  it('answers client mistakes with the RFC 7644 §3.12 scimType', async () => {
    const user = await createUser(api, 'p-errors@example.com', { emails: [{ value: 'w@example.com', type: 'work' }] });
    expectScimError(await patch(user.id, { op: 'remove' }), 400, 'noTarget');
    expectScimError(
      await patch(user.id, { op: 'replace', path: 'emails[type eq "scimcheck-none"].value', value: 'x' }),
      400,
      'noTarget',
    );
    expectScimError(
      await patch(user.id, { op: 'replace', path: 'emails[type eq "work"', value: 'x' }),
      400,
      'invalidPath',
    );
    expectScimError(await patch(user.id, { op: 'replace', path: 'name..givenName', value: 'x' }), 400, 'invalidPath');
    expectScimError(
      await patch(user.id, { op: 'replace', path: 'scimcheckNoSuchAttr', value: 'x' }),
      400,
      'invalidPath',
    );
    expectScimError(await patch(user.id, { op: 'replace', path: 'id', value: 'x' }), 400, 'mutability');
    expectScimError(
      await patch(user.id, { op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }),
      400,
      'mutability',
    );
    expectScimError(
      await patch(user.id, { op: 'add', path: 'groups', value: [{ value: user.id }] }),
      400,
      'mutability',
    );
    expectScimError(await patch(user.id, { op: 'remove', path: 'userName' }), 400, 'mutability');
    expectScimError(await patch(user.id, { op: 'replace', path: 'userName', value: '' }), 400, 'mutability');
    expectScimError(await patch(user.id, { op: 'replace', path: 'active', value: 'yes' }), 400, 'invalidValue');
    expectScimError(await patch(user.id, { op: 'move', path: 'title', value: 'x' }), 400, 'invalidSyntax');
    expectScimError(await patch(user.id, { op: 'add', path: 'title' }), 400, 'invalidSyntax');
    expectScimError(
      // A `schemas` naming something else is refused; one left out is authentik's habit and is
      // read as a PatchOp (INTEROP-PATCH-NO-SCHEMAS).
      await api.call('PATCH', `/Users/${user.id}`, {
        body: { schemas: [URN.user], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await api.call('PATCH', `/Users/${user.id}`, { body: { schemas: [URN.patchOp], Operations: [] } }),
      400,
      'invalidSyntax',
    );
    expectScimError(await api.call('PATCH', `/Users/${user.id}`), 400, 'invalidSyntax');
    expect((await api.call('GET', `/Users/${user.id}`)).body.meta.version).toBe(user.meta.version);
  });

  it('refuses a userName another user has with 409 uniqueness (PATCH-UNIQUENESS)', async () => {
    await createUser(api, 'p-taken@example.com');
    const user = await createUser(api, 'p-other@example.com');
    expectScimError(
      await patch(user.id, { op: 'replace', path: 'userName', value: 'P-TAKEN@example.com' }),
      409,
      'uniqueness',
    );
    expect((await patch(user.id, { op: 'replace', path: 'userName', value: 'P-OTHER@example.com' })).status).toBe(200);
  });

  it('adds the enterprise extension to schemas (PATCH-EXTENSION-PATH)', async () => {
    const user = await createUser(api, 'p-ext@example.com');
    const reply = await patch(user.id, { op: 'add', path: `${URN.enterpriseUser}:employeeNumber`, value: 'E-1' });
    expect(reply.body.schemas).toEqual([URN.user, URN.enterpriseUser]);
    expect(reply.body[URN.enterpriseUser]).toEqual({ employeeNumber: 'E-1' });
  });

  it('keeps one primary email (PATCH-PRIMARY-UNIQUE)', async () => {
    const user = await createUser(api, 'p-primary@example.com', {
      emails: [{ value: 'w@example.com', type: 'work', primary: true }],
    });
    const reply = await patch(user.id, {
      op: 'add',
      path: 'emails',
      value: [{ value: 'o@example.com', type: 'other', primary: true }],
    });
    expect(reply.body.emails.filter((email: any) => email.primary === true)).toEqual([
      { value: 'o@example.com', type: 'other', primary: true },
    ]);
  });
});

describe('Entra ID quirks (IDP-NOTES.md, SPEC-CHECKS §17)', () => {
  it('accepts capitalised ops and "False"/"True" strings (INTEROP-OP-CASE, INTEROP-BOOLEAN-STRINGS)', async () => {
    const user = await createUser(api, 'entra-bool@example.com', { active: true });
    const off = await patch(user.id, { op: 'Replace', path: 'active', value: 'False' });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await api.call('GET', `/Users/${user.id}`)).body.active).toBe(false);
    const on = await patch(user.id, { op: 'Replace', path: 'active', value: 'True' });
    expect(on.body.active).toBe(true);
  });

  it('path-less replace with dotted and URN-prefixed keys (INTEROP-NOPATH-DOTTED)', async () => {
    const user = await createUser(api, 'entra-dotted@example.com', { name: { givenName: 'G', familyName: 'F' } });
    const reply = await patch(user.id, {
      op: 'replace',
      value: { 'name.givenName': 'X', [`${URN.enterpriseUser}:employeeNumber`]: '7', active: false },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toEqual({ givenName: 'X', familyName: 'F' });
    expect(reply.body[URN.enterpriseUser]).toEqual({ employeeNumber: '7' });
    expect(reply.body.active).toBe(false);
  });

  it('add to emails[type eq "work"].value creates the work email (INTEROP-ADD-VALUEPATH-CREATES)', async () => {
    const user = await createUser(api, 'entra-email@example.com');
    const reply = await patch(user.id, { op: 'Add', path: 'emails[type eq "work"].value', value: 'e@example.com' });
    expect(reply.body.emails).toEqual([{ type: 'work', value: 'e@example.com' }]);
  });

  it('sets the manager from a one-element array holding $ref null', async () => {
    const manager = await createUser(api, 'entra-manager@example.com');
    const user = await createUser(api, 'entra-report@example.com');
    const reply = await patch(user.id, {
      op: 'Add',
      path: `${URN.enterpriseUser}:manager`,
      value: [{ $ref: null, value: manager.id }],
    });
    expect(reply.body[URN.enterpriseUser].manager).toEqual({ value: manager.id });
  });
});
