import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimCheckError } from '../../src/errors.js';
import { startReferenceServer } from '../../src/server/index.js';
import { SAVE_DEBOUNCE_MS } from '../../src/server/persistence.js';
import { createGroup, createUser, memberIds, patchOp, startTestServer } from './helpers.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'scim-check-server-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function expectUsageError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScimCheckError);
  expect((error as ScimCheckError).code).toBe('USAGE');
  expect((error as ScimCheckError).message).toMatch(pattern);
}

describe('startReferenceServer', () => {
  it('listens on a free loopback port under /scim/v2 with a generated token', async () => {
    const server = await startReferenceServer();
    try {
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      expect(server.token.length).toBeGreaterThanOrEqual(24);
      const reply = await fetch(`${server.baseUrl}/Users?count=0`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
      expect(reply.status).toBe(200);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.baseUrl}/ServiceProviderConfig`)).rejects.toThrow();
  });

  it('serves under another base path, or at the root', async () => {
    const custom = await startReferenceServer({ basePath: 'tenant-1/scim/', token: 't' });
    const root = await startReferenceServer({ basePath: '/', token: 't' });
    try {
      expect(custom.baseUrl).toMatch(/:\d+\/tenant-1\/scim$/);
      expect((await fetch(`${custom.baseUrl}/ServiceProviderConfig`)).status).toBe(200);
      expect(
        (await fetch(`${custom.baseUrl.replace('/tenant-1/scim', '/scim/v2')}/ServiceProviderConfig`)).status,
      ).toBe(404);
      expect(root.baseUrl).toMatch(/:\d+$/);
      const created = await fetch(`${root.baseUrl}/Users`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'root@example.com' }),
      });
      expect(created.headers.get('location')).toMatch(new RegExp(`^${root.baseUrl}/Users/[0-9a-f-]{36}$`));
    } finally {
      await Promise.all([custom.close(), root.close()]);
    }
  });

  it('refuses bad options with a USAGE error', async () => {
    await expectUsageError(startReferenceServer({ port: 70_000 }), /port/);
    await expectUsageError(startReferenceServer({ token: 'has space' }), /token/);
    await expectUsageError(startReferenceServer({ seedUsers: -1 }), /seedUsers/);
    await expectUsageError(startReferenceServer({ basePath: '/scim?x' }), /base path/);
    const first = await startReferenceServer();
    try {
      await expectUsageError(startReferenceServer({ port: Number(new URL(first.baseUrl).port) }), /cannot listen/);
    } finally {
      await first.close();
    }
  });

  it('close() ends idle keep-alive connections and can be called twice', async () => {
    const api = await startTestServer();
    await api.call('GET', '/Users?count=0');
    const started = Date.now();
    await Promise.all([api.close(), api.close()]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('seedUsers', () => {
  it('preloads realistic, indexed users', async () => {
    const api = await startTestServer({ seedUsers: 25 });
    try {
      const all = await api.call('GET', '/Users?count=0');
      expect(all.body.totalResults).toBe(25);
      const one = await api.call(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "SEED-USER-000007@example.com"')}`,
      );
      expect(one.body.totalResults).toBe(1);
      const user = one.body.Resources[0];
      expect(user.userName).toBe('seed-user-000007@example.com');
      expect(typeof user.name.givenName).toBe('string');
      expect(typeof user.name.familyName).toBe('string');
      expect(user.emails).toEqual([{ value: 'seed-user-000007@example.com', type: 'work', primary: true }]);
      expect(user.active).toBe(true);
      const inactive = await api.call('GET', `/Users?filter=${encodeURIComponent('active eq false')}&count=0`);
      expect(inactive.body.totalResults).toBe(2);
    } finally {
      await api.close();
    }
  });

  it('creates 100k users in linear time', async () => {
    // CPU time, not wall time: other test files and processes share the cores.
    const before = process.cpuUsage();
    const server = await startReferenceServer({ seedUsers: 100_000 });
    const { user, system } = process.cpuUsage(before);
    try {
      expect(server.store.count('User')).toBe(100_000);
      // ~1-5 s of CPU; a quadratic create (a uniqueness scan per user) would take minutes.
      expect((user + system) / 1000).toBeLessThan(15_000);
      const reply = await fetch(
        `${server.baseUrl}/Users?filter=${encodeURIComponent('userName eq "seed-user-099999@example.com"')}`,
        { headers: { authorization: `Bearer ${server.token}` } },
      );
      expect(((await reply.json()) as { totalResults: number }).totalResults).toBe(1);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('dataFile persistence', () => {
  it('keeps users, groups, memberships and versions across a restart', async () => {
    const dataFile = join(directory, 'restart', 'store.json');
    const first = await startTestServer({ dataFile });
    const user = await createUser(first, 'persist@example.com', {
      password: 'kept-secret',
      name: { givenName: 'Per' },
    });
    const group = await createGroup(first, 'Persisted', { members: [{ value: user.id }] });
    const patched = await first.call('PATCH', `/Users/${user.id}`, {
      body: patchOp({ op: 'replace', path: 'title', value: 'T' }),
    });
    await first.close();

    const second = await startTestServer({ dataFile });
    try {
      const read = await second.call('GET', `/Users/${user.id}`);
      expect(read.body).toEqual({
        ...patched.body,
        meta: { ...patched.body.meta, location: read.body.meta.location },
        groups: [expect.objectContaining({ value: group.id })],
      });
      expect(memberIds((await second.call('GET', `/Groups/${group.id}`)).body)).toEqual([user.id]);
      // Versions keep increasing after a restart, so old ETags never match new states.
      const next = await createUser(second, 'after-restart@example.com');
      expect(next.meta.version).not.toBe(user.meta.version);
      expect(next.meta.version).not.toBe(patched.body.meta.version);
      expect(
        (
          await second.call('POST', '/Users', {
            body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'PERSIST@example.com' },
          })
        ).status,
      ).toBe(409);
    } finally {
      await second.close();
    }
    const saved = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(saved.format).toBe('scim-check-reference-store');
    expect(saved.users).toHaveLength(2);
    expect(await readdir(join(directory, 'restart'))).toEqual(['store.json']);
  });

  it('saves shortly after a write, before close', async () => {
    const dataFile = join(directory, 'debounced.json');
    const api = await startTestServer({ dataFile });
    try {
      await createUser(api, 'debounced@example.com');
      await new Promise((resolve) => setTimeout(resolve, SAVE_DEBOUNCE_MS + 300));
      const saved = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(saved.users.map((stored: any) => stored.userName)).toEqual(['debounced@example.com']);
    } finally {
      await api.close();
    }
  });

  it('seeds only the users a data file does not have yet', async () => {
    const dataFile = join(directory, 'seeded.json');
    const first = await startReferenceServer({ dataFile, seedUsers: 5 });
    await first.close();
    const second = await startReferenceServer({ dataFile, seedUsers: 8 });
    try {
      expect(second.store.count('User')).toBe(8);
    } finally {
      await second.close();
    }
  });

  it('refuses a corrupt or foreign data file with a USAGE error naming it', async () => {
    const corrupt = join(directory, 'corrupt.json');
    await writeFile(corrupt, '{"format":"scim-check-reference-store", "users": [', 'utf8');
    await expectUsageError(
      startReferenceServer({ dataFile: corrupt }),
      new RegExp(`${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*not valid JSON`),
    );
    const foreign = join(directory, 'foreign.json');
    await writeFile(foreign, JSON.stringify({ users: [] }), 'utf8');
    await expectUsageError(
      startReferenceServer({ dataFile: foreign }),
      /foreign\.json is not a scim-check data file: "format"/,
    );
    const badUser = join(directory, 'bad-user.json');
    await writeFile(
      badUser,
      JSON.stringify({
        format: 'scim-check-reference-store',
        formatVersion: 1,
        revision: 1,
        users: [{ userName: 'x' }],
        groups: [],
      }),
      'utf8',
    );
    await expectUsageError(startReferenceServer({ dataFile: badUser }), /"users\[0\]" is not a stored User/);
    const meta = {
      resourceType: 'User',
      created: '2024-01-01T00:00:00Z',
      lastModified: '2024-01-01T00:00:00Z',
      version: '1',
    };
    const duplicate = join(directory, 'duplicate.json');
    await writeFile(
      duplicate,
      JSON.stringify({
        format: 'scim-check-reference-store',
        formatVersion: 1,
        revision: 2,
        users: [
          { id: 'a', userName: 'Same', meta },
          { id: 'b', userName: 'same', meta },
        ],
        groups: [],
      }),
      'utf8',
    );
    await expectUsageError(startReferenceServer({ dataFile: duplicate }), /repeats the userName "same"/);
    // The refused file is left exactly as it was.
    expect(await readFile(corrupt, 'utf8')).toBe('{"format":"scim-check-reference-store", "users": [');
  });
});
