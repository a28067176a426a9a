import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import {
  createUser,
  expectScimError,
  groupBody,
  memberIds,
  startTestServer,
  type TestServer,
  userBody,
} from './helpers.js';

// POST /Bulk (RFC 7644 §3.7).

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const bulk = (operations: unknown[], extra: Record<string, unknown> = {}) =>
  api.call('POST', '/Bulk', { body: { schemas: [URN.bulkRequest], Operations: operations, ...extra } });

const findUser = async (userName: string) =>
  (await api.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.Resources[0];

describe('POST /Bulk', () => {
  it('runs every operation and reports each (BULK-200, BULK-RESULTS)', async () => {
    const existing = await createUser(api, 'bulk-existing@example.com', { title: 'Old' });
    const doomed = await createUser(api, 'bulk-doomed@example.com');
    const reply = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'u1', data: userBody('bulk-u1@example.com') },
      { method: 'PUT', path: `/Users/${existing.id}`, data: userBody('bulk-existing@example.com', { title: 'New' }) },
      {
        method: 'PATCH',
        path: `/Users/${existing.id}`,
        data: { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'nickName', value: 'N' }] },
      },
      { method: 'DELETE', path: `/Users/${doomed.id}` },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body.schemas).toEqual([URN.bulkResponse]);
    const [post, put, patch, remove] = reply.body.Operations;
    const created = await findUser('bulk-u1@example.com');
    expect(post).toEqual({
      method: 'POST',
      bulkId: 'u1',
      status: '201',
      location: `${api.baseUrl}/Users/${created.id}`,
      version: created.meta.version,
    });
    expect(put).toMatchObject({ method: 'PUT', status: '200', location: `${api.baseUrl}/Users/${existing.id}` });
    expect(patch).toMatchObject({ method: 'PATCH', status: '200' });
    expect(remove).toEqual({ method: 'DELETE', status: '204', location: `${api.baseUrl}/Users/${doomed.id}` });
    const after = await api.call('GET', `/Users/${existing.id}`);
    expect(after.body).toMatchObject({ title: 'New', nickName: 'N' });
    expect(patch.version).toBe(after.body.meta.version);
    expectScimError(await api.call('GET', `/Users/${doomed.id}`), 404);
  });

  it('resolves bulkId references whatever the order (BULK-BULKID-RESOLVED)', async () => {
    const reply = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'g',
        data: groupBody('Bulk Group', {
          members: [{ type: 'User', value: 'bulkId:boss' }, { value: 'bulkId:report' }],
        }),
      },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'report',
        data: userBody('bulk-report@example.com', { [URN.enterpriseUser]: { manager: { value: 'bulkId:boss' } } }),
      },
      { method: 'POST', path: '/Users', bulkId: 'boss', data: userBody('bulk-boss@example.com') },
    ]);
    expect(reply.body.Operations.map((result: any) => result.status)).toEqual(['201', '201', '201']);
    const boss = await findUser('bulk-boss@example.com');
    const report = await findUser('bulk-report@example.com');
    expect(report[URN.enterpriseUser].manager.value).toBe(boss.id);
    const group = await api.call('GET', new URL(reply.body.Operations[0].location).pathname.replace('/scim/v2', ''));
    expect(memberIds(group.body)).toEqual([boss.id, report.id].sort());
    expect(JSON.stringify(group.body)).not.toContain('bulkId:');
  });

  it('reports a failed operation with its SCIM Error and carries on (BULK-ERROR-DETAIL, BULK-CONTINUE)', async () => {
    await createUser(api, 'bulk-taken@example.com');
    const reply = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'dup', data: userBody('BULK-TAKEN@example.com') },
      { method: 'POST', path: '/Users', bulkId: 'ok', data: userBody('bulk-after-error@example.com') },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'uses-dup',
        data: userBody('bulk-uses-dup@example.com', { [URN.enterpriseUser]: { manager: { value: 'bulkId:dup' } } }),
      },
      {
        method: 'PATCH',
        path: '/Users/no-such-id',
        data: { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      },
      { method: 'GET', path: '/Users' },
    ]);
    expect(reply.status).toBe(200);
    const [duplicate, ok, usesDuplicate, missing, badMethod] = reply.body.Operations;
    expect(duplicate).toEqual({
      method: 'POST',
      bulkId: 'dup',
      status: '409',
      response: { schemas: [URN.error], status: '409', scimType: 'uniqueness', detail: expect.any(String) },
    });
    expect(ok.status).toBe('201');
    expect(usesDuplicate.status).toBe('409');
    expect(missing.status).toBe('404');
    expect(missing.response.schemas).toEqual([URN.error]);
    expect(badMethod.status).toBe('400');
    expect(await findUser('bulk-after-error@example.com')).toBeDefined();
    expect(await findUser('bulk-uses-dup@example.com')).toBeUndefined();
  });

  it('stops after failOnErrors errors (BULK-FAILONERRORS)', async () => {
    const reply = await bulk(
      [
        { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [URN.user] } },
        { method: 'POST', path: '/Users', bulkId: 'u9', data: userBody('bulk-u9@example.com') },
      ],
      { failOnErrors: 1 },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.Operations).toHaveLength(1);
    expect(reply.body.Operations[0]).toMatchObject({ bulkId: 'bad', status: '400' });
    expect(await findUser('bulk-u9@example.com')).toBeUndefined();
    expectScimError(await bulk([], { failOnErrors: 0 }), 400, 'invalidValue');
  });

  it('refuses circular bulkId references with 409 (BULK-CIRCULAR)', async () => {
    const reply = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'a',
        data: groupBody('Circle A', { members: [{ value: 'bulkId:b' }] }),
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'b',
        data: groupBody('Circle B', { members: [{ value: 'bulkId:a' }] }),
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'c',
        data: groupBody('Circle C', { members: [{ value: 'bulkId:nowhere' }] }),
      },
    ]);
    expect(reply.body.Operations.map((result: any) => result.status)).toEqual(['409', '409', '409']);
    expect(
      (await api.call('GET', `/Groups?filter=${encodeURIComponent('displayName sw "Circle"')}`)).body.totalResults,
    ).toBe(0);
  });

  it('refuses more than maxOperations with 413 naming the limit (BULK-MAX-OPERATIONS)', async () => {
    const operations = Array.from({ length: 1001 }, () => ({
      method: 'DELETE',
      path: '/Users/00000000-0000-4000-8000-000000000000',
    }));
    const reply = await bulk(operations);
    expectScimError(reply, 413);
    expect(reply.body.detail).toContain('1000');
  });

  it('refuses a payload over maxPayloadSize with 413 naming the limit (BULK-MAX-PAYLOAD)', async () => {
    const reply = await bulk([
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'big',
        data: userBody('bulk-big@example.com', { nickName: 'x'.repeat(1_048_576) }),
      },
    ]);
    expectScimError(reply, 413);
    expect(reply.body.detail).toContain('1048576');
    expect(await findUser('bulk-big@example.com')).toBeUndefined();
  });

  it('refuses absurdly nested JSON with 400 instead of overflowing the stack', async () => {
    const depth = 200_000;
    const data = `{"schemas":["${URN.user}"],"userName":"bulk-deep@example.com","title":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const reply = await api.call('POST', '/Bulk', {
      body: `{"schemas":["${URN.bulkRequest}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"d","data":${data}}]}`,
    });
    expectScimError(reply, 400, 'invalidSyntax');
    expect(reply.body.detail).toContain('nests');
  });

  it('refuses bodies that are not a BulkRequest with 400 invalidSyntax', async () => {
    expectScimError(await api.call('POST', '/Bulk'), 400, 'invalidSyntax');
    expectScimError(
      await api.call('POST', '/Bulk', { body: { schemas: [URN.patchOp], Operations: [] } }),
      400,
      'invalidSyntax',
    );
    expectScimError(await api.call('POST', '/Bulk', { body: { schemas: [URN.bulkRequest] } }), 400, 'invalidSyntax');
    const reply = await bulk([null, { method: 'POST', path: '/Users' }, { method: 'DELETE', path: '/Users/%E0%A4%A' }]);
    expect(reply.body.Operations.map((result: any) => result.status)).toEqual(['400', '400', '404']);
  });
});
