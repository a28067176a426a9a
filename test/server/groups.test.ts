import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import {
  createGroup,
  createUser,
  expectScimError,
  groupBody,
  memberIds,
  patchOp,
  startTestServer,
  type TestServer,
} from './helpers.js';

let api: TestServer;
let u1: any;
let u2: any;
let u3: any;
beforeAll(async () => {
  api = await startTestServer();
  u1 = await createUser(api, 'g-u1@example.com', { displayName: 'User One' });
  u2 = await createUser(api, 'g-u2@example.com');
  u3 = await createUser(api, 'g-u3@example.com');
});
afterAll(() => api.close());

const patchGroup = (id: string, ...operations: unknown[]) =>
  api.call('PATCH', `/Groups/${id}`, { body: patchOp(...operations) });

describe('Groups (RFC 7643 §4.2)', () => {
  it('creates a group with members, each with value, $ref, type and display', async () => {
    const reply = await api.call('POST', '/Groups', {
      body: groupBody('Engineering', {
        externalId: 'eng',
        members: [{ value: u1.id, display: 'ignored' }, { value: u2.id }],
      }),
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('location')).toBe(`${api.baseUrl}/Groups/${reply.body.id}`);
    expect(reply.body.meta.resourceType).toBe('Group');
    expect(reply.body.members).toEqual([
      { value: u1.id, $ref: `${api.baseUrl}/Users/${u1.id}`, type: 'User', display: 'User One' },
      { value: u2.id, $ref: `${api.baseUrl}/Users/${u2.id}`, type: 'User', display: 'g-u2@example.com' },
    ]);
    const member = await api.call('GET', new URL(reply.body.members[0].$ref).pathname.replace('/scim/v2', ''));
    expect(member.body.id).toBe(u1.id);
  });

  it('requires displayName and existing member ids (400 invalidValue)', async () => {
    expectScimError(await api.call('POST', '/Groups', { body: { schemas: [URN.group] } }), 400, 'invalidValue');
    expectScimError(
      await api.call('POST', '/Groups', {
        body: groupBody('Ghosts', { members: [{ value: '00000000-0000-4000-8000-000000000000' }] }),
      }),
      400,
      'invalidValue',
    );
    expectScimError(
      await api.call('POST', '/Groups', { body: groupBody('No value', { members: [{ display: 'x' }] }) }),
      400,
      'invalidValue',
    );
  });

  it('lists the memberships on the user, read-only (GROUP-USER-GROUPS)', async () => {
    const group = await createGroup(api, 'Readers', { members: [{ value: u3.id }] });
    const user = await api.call('GET', `/Users/${u3.id}`);
    expect(user.body.groups).toEqual([
      { value: group.id, $ref: `${api.baseUrl}/Groups/${group.id}`, type: 'direct', display: 'Readers' },
    ]);
    expectScimError(
      await api.call('PATCH', `/Users/${u3.id}`, {
        body: patchOp({ op: 'add', path: 'groups', value: [{ value: group.id }] }),
      }),
      400,
      'mutability',
    );
  });

  it('supports nested groups', async () => {
    const inner = await createGroup(api, 'Inner', { members: [{ value: u1.id }] });
    const outer = await createGroup(api, 'Outer', { members: [{ value: inner.id }, { value: u2.id }] });
    expect(outer.members.find((member: any) => member.value === inner.id)).toEqual({
      value: inner.id,
      $ref: `${api.baseUrl}/Groups/${inner.id}`,
      type: 'Group',
      display: 'Inner',
    });
    const found = await api.call('GET', `/Groups?filter=${encodeURIComponent(`members.value eq "${inner.id}"`)}`);
    expect(found.body.Resources.map((group: any) => group.id)).toEqual([outer.id]);
    expectScimError(
      await patchGroup(inner.id, { op: 'add', path: 'members', value: [{ value: inner.id }] }),
      400,
      'invalidValue',
    );
    // Deleting the inner group removes it from the outer one and bumps the outer version.
    expect((await api.call('DELETE', `/Groups/${inner.id}`)).status).toBe(204);
    const after = await api.call('GET', `/Groups/${outer.id}`);
    expect(memberIds(after.body)).toEqual([u2.id]);
    expect(after.body.meta.version).not.toBe(outer.meta.version);
  });

  it('excludedAttributes=members drops members from single and list reads (GROUP-EXCLUDE-MEMBERS)', async () => {
    const group = await createGroup(api, 'Excluded', { members: [{ value: u1.id }] });
    const single = await api.call('GET', `/Groups/${group.id}?excludedAttributes=members`);
    expect(single.body.members).toBeUndefined();
    expect(single.body.displayName).toBe('Excluded');
    const list = await api.call(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "excluded"')}&excludedAttributes=members`,
    );
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0].members).toBeUndefined();
    expect(list.body.Resources[0].displayName).toBe('Excluded');
  });

  it('finds groups by displayName regardless of case (GROUP-FILTER-DISPLAYNAME)', async () => {
    const group = await createGroup(api, 'Mixed Case Name');
    for (const name of ['Mixed Case Name', 'MIXED CASE NAME']) {
      const list = await api.call('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`);
      expect(list.body.Resources.map((resource: any) => resource.id)).toEqual([group.id]);
    }
  });
});

describe('membership changes by PATCH (SPEC-CHECKS PATCH-MEMBERS-*)', () => {
  it('adds, re-adds, removes by filter, removes absent, replaces and empties', async () => {
    const group = await createGroup(api, 'Members');
    const added = await patchGroup(group.id, {
      op: 'add',
      path: 'members',
      value: [{ value: u1.id }, { value: u2.id }],
    });
    expect(memberIds(added.body)).toEqual([u1.id, u2.id].sort());
    const again = await patchGroup(group.id, { op: 'add', path: 'members', value: [{ value: u1.id, display: 'x' }] });
    expect(again.body.members).toHaveLength(2);
    expect(again.body.meta.version).toBe(added.body.meta.version);
    const removed = await patchGroup(group.id, { op: 'remove', path: `members[value eq "${u2.id}"]` });
    expect(memberIds(removed.body)).toEqual([u1.id]);
    const absent = await patchGroup(group.id, { op: 'remove', path: `members[value eq "${u2.id}"]` });
    expect(absent.status).toBe(200);
    expect(memberIds(absent.body)).toEqual([u1.id]);
    const replaced = await patchGroup(group.id, {
      op: 'replace',
      path: 'members',
      value: [{ value: u2.id }, { value: u3.id }],
    });
    expect(memberIds(replaced.body)).toEqual([u2.id, u3.id].sort());
    const emptied = await patchGroup(group.id, { op: 'remove', path: 'members' });
    expect(emptied.body.members).toBeUndefined();
  });

  it('Entra: Remove with path members and a value list removes only those (INTEROP-REMOVE-MEMBER-BY-VALUE)', async () => {
    const group = await createGroup(api, 'Entra Members', {
      members: [{ value: u1.id }, { value: u2.id }, { value: u3.id }],
    });
    const reply = await patchGroup(group.id, { op: 'Remove', path: 'members', value: [{ value: u2.id }] });
    expect(reply.status).toBe(200);
    expect(memberIds(reply.body)).toEqual([u1.id, u3.id].sort());
    const added = await patchGroup(group.id, { op: 'Add', path: 'members', value: [{ $ref: null, value: u2.id }] });
    expect(memberIds(added.body)).toEqual([u1.id, u2.id, u3.id].sort());
  });

  it('renames without touching members (GROUP-RENAME), Okta style with the group id in the value', async () => {
    const group = await createGroup(api, 'Before Rename', { members: [{ value: u1.id }] });
    const reply = await patchGroup(group.id, { op: 'replace', value: { id: group.id, displayName: 'After Rename' } });
    expect(reply.status).toBe(200);
    expect(reply.body.displayName).toBe('After Rename');
    expect(memberIds(reply.body)).toEqual([u1.id]);
  });

  it('refuses a member id that does not exist', async () => {
    const group = await createGroup(api, 'Strict Members');
    expectScimError(
      await patchGroup(group.id, { op: 'add', path: 'members', value: [{ value: 'no-such-id' }] }),
      400,
      'invalidValue',
    );
  });
});

describe('PUT and DELETE on groups', () => {
  it('PUT replaces the membership (GROUP-PUT-MEMBERS)', async () => {
    const group = await createGroup(api, 'Put Group', { members: [{ value: u1.id }, { value: u2.id }] });
    const reply = await api.call('PUT', `/Groups/${group.id}`, { body: { ...group, members: [{ value: u3.id }] } });
    expect(reply.status).toBe(200);
    expect(memberIds(reply.body)).toEqual([u3.id]);
  });

  it('deleting a group keeps its members; deleting a user drops it from groups (GROUP-DELETE)', async () => {
    const user = await createUser(api, 'g-leaver@example.com');
    const group = await createGroup(api, 'Leavers', { members: [{ value: user.id }, { value: u1.id }] });
    expect((await api.call('DELETE', `/Users/${user.id}`)).status).toBe(204);
    expect(memberIds((await api.call('GET', `/Groups/${group.id}`)).body)).toEqual([u1.id]);
    expect((await api.call('DELETE', `/Groups/${group.id}`)).status).toBe(204);
    expectScimError(await api.call('GET', `/Groups/${group.id}`), 404);
    const member = await api.call('GET', `/Users/${u1.id}`);
    expect(member.status).toBe(200);
    expect((member.body.groups ?? []).map((entry: any) => entry.value)).not.toContain(group.id);
  });
});
