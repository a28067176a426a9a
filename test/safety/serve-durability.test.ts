import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/run-cli.js';
import { killServe, listIds, type ServeProcess, startServe, stopServe } from './serve-process.js';

// Issue 11: "nothing acknowledged is lost". A create the server answered 201 must survive a
// kill -9 of `scim-check serve --data FILE` at any moment, and a journal line torn by that kill
// must not stop the next start.

const TOKEN = 'durability-token';
const CONCURRENCY = 32;

let directory: string;
const started: ServeProcess[] = [];
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'scim-check-serve-durability-'));
});
afterAll(async () => {
  for (const serve of started) await killServe(serve).catch(() => undefined);
  await rm(directory, { recursive: true, force: true });
});

async function serve(dataFile: string): Promise<ServeProcess> {
  const process = await startServe(['--data', dataFile, '--token', TOKEN]);
  started.push(process);
  return process;
}

function createBody(n: number): string {
  return JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `durable.${n}@example.com`,
    emails: [{ value: `durable.${n}@example.com`, type: 'work' }],
  });
}

/**
 * Sends creates from CONCURRENCY connections until `target` have been answered 201, then kills
 * the server with SIGKILL at once, with creates still in flight. Every 201 that reaches the
 * client, before or after the kill, counts as acknowledged.
 */
async function createUntilKilled(server: ServeProcess, target: number): Promise<string[]> {
  const url = new URL(server.baseUrl);
  const pool = new Pool(url.origin, { connections: CONCURRENCY });
  const acknowledged: string[] = [];
  let killed = false;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!killed) {
      const n = next++;
      try {
        const response = await pool.request({
          method: 'POST',
          path: `${url.pathname}/Users`,
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
          body: createBody(n),
        });
        const text = await response.body.text();
        if (response.statusCode !== 201) throw new Error(`create ${n} answered ${response.statusCode}: ${text}`);
        acknowledged.push((JSON.parse(text) as { id: string }).id);
        if (acknowledged.length >= target && !killed) {
          killed = true;
          server.cli.child.kill('SIGKILL');
        }
      } catch (error) {
        if (!killed) throw error;
        return; // in flight when the server died: never acknowledged
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await pool.destroy();
  }
  await server.cli.exited;
  return acknowledged;
}

describe('serve --data survives kill -9', () => {
  it('every create answered 201 before the kill is there after a restart', async () => {
    const dataFile = join(directory, 'killed', 'store.json');
    const first = await serve(dataFile);
    const acknowledged = await createUntilKilled(first, 1500);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1500);
    expect((await first.cli.exited).signal).toBe('SIGKILL');

    const second = await serve(dataFile);
    const stored = await listIds(second, 'Users');
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost, `${lost.length} of ${acknowledged.length} acknowledged creates were lost`).toEqual([]);
    // The restarted server keeps working on the same file, and a clean stop loses nothing either.
    const again = await fetch(`${second.baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      body: createBody(1_000_000),
    });
    expect(again.status).toBe(201);
    const { id } = (await again.json()) as { id: string };
    expect((await stopServe(second)).code).toBe(0);
    const third = await serve(dataFile);
    const afterCleanStop = await listIds(third, 'Users');
    expect(afterCleanStop.has(id)).toBe(true);
    expect(acknowledged.filter((ackId) => !afterCleanStop.has(ackId))).toEqual([]);
    await stopServe(third);
  }, 120_000);

  it('a journal line torn by the kill is ignored with a warning, and the start goes on', async () => {
    const dataFile = join(directory, 'torn', 'store.json');
    const first = await serve(dataFile);
    const acknowledged = await createUntilKilled(first, 50);
    // What a kill in the middle of an append leaves behind: the start of a line, no newline.
    await appendFile(`${dataFile}.journal`, '{"seq":999999,"op":"put","kind":"User","resource":{"id":"torn-', 'utf8');

    const second = await serve(dataFile);
    const stored = await listIds(second, 'Users');
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.has('torn-')).toBe(false);
    expect(second.cli.stderr()).toMatch(/warning: .*journal.*incomplete last line/i);
    // The torn bytes are gone for good: the next start has nothing to warn about.
    expect((await stopServe(second)).code).toBe(0);
    const third = await serve(dataFile);
    expect((await listIds(third, 'Users')).size).toBe(stored.size);
    expect(third.cli.stderr()).not.toMatch(/warning/i);
    await stopServe(third);
  }, 120_000);

  it('a mix of writes (PUT, PATCH, DELETE with membership clean-up) is replayed exactly after a kill -9', async () => {
    const dataFile = join(directory, 'mixed', 'store.json');
    const first = await serve(dataFile);
    const call = async (
      server: ServeProcess,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; json: any }> => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
    };
    const users: { id: string }[] = [];
    for (let n = 0; n < 5; n += 1) users.push((await call(first, 'POST', '/Users', JSON.parse(createBody(n)))).json);
    const group = (
      await call(first, 'POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Mixed',
        members: users.slice(0, 4).map((user) => ({ value: user.id })),
      })
    ).json;
    const patchOp = (operation: unknown) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [operation],
    });
    // One request, then the kill at once: no pause in which the snapshot could be rewritten, so
    // all of it comes back from the journal.
    const bulk = await call(first, 'POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'b', data: JSON.parse(createBody(100)) },
        {
          method: 'PUT',
          path: `/Users/${users[0]!.id}`,
          data: {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: 'renamed@example.com',
            title: 'Put',
          },
        },
        {
          method: 'PATCH',
          path: `/Users/${users[1]!.id}`,
          data: patchOp({ op: 'add', path: 'emails', value: [{ value: 'second@example.com', type: 'home' }] }),
        },
        { method: 'DELETE', path: `/Users/${users[2]!.id}` },
        {
          method: 'PATCH',
          path: `/Groups/${group.id}`,
          data: patchOp({ op: 'remove', path: `members[value eq "${users[3]!.id}"]` }),
        },
        {
          method: 'PATCH',
          path: `/Groups/${group.id}`,
          data: patchOp({ op: 'add', path: 'members', value: [{ value: 'bulkId:b' }] }),
        },
        { method: 'DELETE', path: `/Users/${users[4]!.id}` },
      ],
    });
    await killServe(first);
    const results = bulk.json.Operations as { status: string; location?: string; version?: string }[];
    expect(results.map((result) => result.status)).toEqual(['201', '200', '200', '204', '200', '200', '204']);
    const createdId = (results[0]!.location ?? '').split('/').pop() as string;

    const second = await serve(dataFile);
    const renamed = (await call(second, 'GET', `/Users/${users[0]!.id}`)).json;
    expect(renamed).toMatchObject({
      userName: 'renamed@example.com',
      title: 'Put',
      meta: { version: results[1]!.version },
    });
    const patched = (await call(second, 'GET', `/Users/${users[1]!.id}`)).json;
    expect(patched.emails).toHaveLength(2);
    expect(patched.meta.version).toBe(results[2]!.version);
    expect((await call(second, 'GET', `/Users/${users[2]!.id}`)).status).toBe(404);
    expect((await call(second, 'GET', `/Users/${users[4]!.id}`)).status).toBe(404);
    const replayedGroup = (await call(second, 'GET', `/Groups/${group.id}`)).json;
    expect(replayedGroup.members.map((member: { value: string }) => member.value).sort()).toEqual(
      [users[0]!.id, users[1]!.id, createdId].sort(),
    );
    expect(replayedGroup.meta.version).toBe(results[5]!.version);
    // Versions go on increasing after the replay: no new state reuses an old ETag.
    const next = (await call(second, 'POST', '/Users', JSON.parse(createBody(200)))).json;
    expect(results.map((result) => result.version)).not.toContain(next.meta.version);
    expect([renamed.meta.version, patched.meta.version, replayedGroup.meta.version]).not.toContain(next.meta.version);
    await stopServe(second);
  }, 60_000);

  it('a journal damaged before its end is refused, not silently cut short', async () => {
    const folder = join(directory, 'damaged');
    await mkdir(folder, { recursive: true });
    const dataFile = join(folder, 'store.json');
    const meta = {
      resourceType: 'User',
      created: '2024-01-01T00:00:00Z',
      lastModified: '2024-01-01T00:00:00Z',
      version: '1',
    };
    const line = (seq: number, id: string) =>
      JSON.stringify({
        seq,
        revision: seq,
        op: 'put',
        kind: 'User',
        resource: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id, userName: `${id}@example.com`, meta },
      });
    await writeFile(`${dataFile}.journal`, `${line(1, 'a')}\n{"seq":2,"op":"pu\n${line(3, 'c')}\n`);
    const run = spawnCli(['serve', '--port', '0', '--data', dataFile]);
    const { code } = await run.exited;
    expect(code).toBe(2);
    expect(run.stderr()).toMatch(/journal .*store\.json\.journal.* is damaged at line 2/);
    expect(run.stdout()).not.toMatch(/listening on/);
  });
});
