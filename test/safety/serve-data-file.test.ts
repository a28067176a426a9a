import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { spawnCli, until } from '../support/run-cli.js';
import { killServe, listIds, type ServeProcess, startServe, stopServe } from './serve-process.js';

// The `--data FILE` of `scim-check serve`: it keeps a symlink a link, admits one server at a
// time, is readable by its owner only, and never holds a password in clear text.

const TOKEN = 'data-file-token';
const PASSWORD = 'Correct-Horse-Battery-9417';

let directory: string;
const running: ServeProcess[] = [];
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'scim-check-serve-data-'));
});
afterAll(async () => {
  for (const serve of running) await killServe(serve).catch(() => undefined);
  await rm(directory, { recursive: true, force: true });
});

async function call(
  server: { baseUrl: string; token: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: text === '' ? undefined : JSON.parse(text) };
}

function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, ...extra };
}

/** Every byte the server keeps next to its data file (snapshot, journal, lock, temporary files). */
async function bytesBeside(folder: string): Promise<string> {
  let all = '';
  for (const name of await readdir(folder)) {
    const path = join(folder, name);
    try {
      if ((await lstat(path)).isFile()) all += await readFile(path, 'latin1');
    } catch (error) {
      // A temporary file renamed into place between readdir and the read: its bytes are now in
      // the data file, which the test reads on its own once the server has closed.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return all;
}

function mode(stats: { mode: number }): string {
  return (stats.mode & 0o777).toString(8);
}

describe('--data through a symlink', () => {
  it('writes to the link target and leaves the link in place', async () => {
    const real = join(directory, 'symlink', 'real');
    await mkdir(real, { recursive: true });
    const target = join(real, 'store.json');
    const link = join(directory, 'symlink', 'link.json');
    // A dangling link: the target is created on the first save, through the link.
    await symlink(target, link);
    const first = await startReferenceServer({ dataFile: link, token: TOKEN });
    expect((await call(first, 'POST', '/Users', userBody('linked@example.com'))).status).toBe(201);
    await first.close();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(JSON.parse(await readFile(target, 'utf8')).users.map((user: any) => user.userName)).toEqual([
      'linked@example.com',
    ]);

    const second = await startReferenceServer({ dataFile: link, token: TOKEN });
    expect((await call(second, 'POST', '/Users', userBody('linked-again@example.com'))).status).toBe(201);
    await second.close();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(target, 'utf8')).users).toHaveLength(2);
    expect((await readdir(join(directory, 'symlink'))).sort()).toEqual(['link.json', 'real']);
  });
});

describe('one server per data file', () => {
  it('a second serve on the same file fails at once with exit code 2; a kill -9 leaves no lock that blocks the next start', async () => {
    const dataFile = join(directory, 'locked', 'store.json');
    const first = await startServe(['--data', dataFile, '--token', TOKEN]);
    running.push(first);
    expect((await call(first, 'POST', '/Users', userBody('first@example.com'))).status).toBe(201);

    const second = spawnCli(['serve', '--port', '0', '--data', dataFile, '--token', TOKEN]);
    let exited = false;
    void second.exited.then(() => (exited = true));
    await until(() => exited || /listening on/.test(second.stdout()), 'the second serve to exit or listen', 20_000);
    if (!exited) second.child.kill('SIGKILL');
    const { code } = await second.exited;
    expect(second.stdout()).not.toMatch(/listening on/);
    expect(code).toBe(2);
    expect(second.stderr()).toContain(dataFile);
    expect(second.stderr()).toMatch(new RegExp(`in use by .*process ${first.pid}`));
    // The first server was not disturbed.
    expect((await call(first, 'POST', '/Users', userBody('still-first@example.com'))).status).toBe(201);

    await killServe(first);
    const third = await startServe(['--data', dataFile, '--token', TOKEN]);
    running.push(third);
    expect((await listIds(third, 'Users')).size).toBe(2);
    expect((await stopServe(third)).code).toBe(0);
  }, 60_000);
});

describe('file permissions', () => {
  it('creates the data file, journal and lock readable by the owner only (0600)', async () => {
    const folder = join(directory, 'modes');
    const dataFile = join(folder, 'store.json');
    const server = await startReferenceServer({ dataFile, token: TOKEN });
    try {
      expect((await call(server, 'POST', '/Users', userBody('mode@example.com'))).status).toBe(201);
      // Temporary files (`.store.json.*.tmp`) come and go during a save; the lasting ones are checked.
      for (const name of (await readdir(folder)).filter((entry) => !entry.startsWith('.')))
        expect(`${name} ${mode(await stat(join(folder, name)))}`).toBe(`${name} 600`);
      expect(await readdir(folder)).toEqual(expect.arrayContaining(['store.json.journal', 'store.json.lock']));
    } finally {
      await server.close();
    }
    expect(mode(await stat(dataFile))).toBe('600');
  });

  it('keeps the permissions of an existing data file', async () => {
    const dataFile = join(directory, 'existing-mode.json');
    const seed = await startReferenceServer({ dataFile });
    await seed.close();
    for (const permissions of [0o600, 0o640]) {
      await chmod(dataFile, permissions);
      const server = await startReferenceServer({ dataFile, token: TOKEN });
      expect((await call(server, 'POST', '/Users', userBody(`mode-${permissions}@example.com`))).status).toBe(201);
      await server.close();
      expect(mode(await stat(dataFile))).toBe(permissions.toString(8));
    }
  });
});

describe('crash leftovers', () => {
  it('a temporary file left by a crash in the middle of a save is removed at the next start', async () => {
    const folder = join(directory, 'leftovers');
    await mkdir(folder, { recursive: true });
    const dataFile = join(folder, 'store.json');
    await writeFile(join(folder, '.store.json.4242.deadbeef.tmp'), '{"half": "a snapshot', { mode: 0o600 });
    await writeFile(join(folder, '.store.json.journal.4242.deadbeef.tmp'), '{"seq":', { mode: 0o600 });
    await writeFile(join(folder, 'unrelated.tmp'), 'kept');
    const server = await startReferenceServer({ dataFile, token: TOKEN });
    await server.close();
    expect((await readdir(folder)).sort()).toEqual(['store.json', 'unrelated.tmp']);
  });
});

describe('passwords in the data file', () => {
  let server: RunningReferenceServer | undefined;
  afterAll(() => server?.close());

  it('are stored as salted scrypt hashes and never returned', async () => {
    const folder = join(directory, 'passwords');
    const dataFile = join(folder, 'store.json');
    server = await startReferenceServer({ dataFile, token: TOKEN });
    const created = await call(server, 'POST', '/Users', userBody('secret@example.com', { password: PASSWORD }));
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(PASSWORD);
    expect(created.json.password).toBeUndefined();
    const twin = await call(server, 'POST', '/Users', userBody('twin@example.com', { password: PASSWORD }));
    const read = await call(server, 'GET', `/Users/${created.json.id}?attributes=password`);
    expect(read.text).not.toContain(PASSWORD);
    // Acknowledged means on disk: the bytes beside the data file hold no clear password now.
    expect(await bytesBeside(folder)).not.toContain(PASSWORD);
    await server.close();
    server = undefined;

    const text = await readFile(dataFile, 'utf8');
    expect(text).not.toContain(PASSWORD);
    const users = JSON.parse(text).users as { id: string; password?: string }[];
    const hashOf = (id: string) => users.find((user) => user.id === id)?.password ?? '';
    expect(hashOf(created.json.id)).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/);
    // Salted: the same password gives two different hashes.
    expect(hashOf(twin.json.id)).not.toBe(hashOf(created.json.id));

    // Other changes leave the stored hash alone (it is not hashed again).
    server = await startReferenceServer({ dataFile, token: TOKEN });
    expect(
      (
        await call(server, 'PATCH', `/Users/${created.json.id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'title', value: 'Boss' }],
        })
      ).status,
    ).toBe(200);
    await server.close();
    server = undefined;
    const after = JSON.parse(await readFile(dataFile, 'utf8')).users as {
      id: string;
      password?: string;
      title?: string;
    }[];
    expect(after.find((user) => user.id === created.json.id)).toMatchObject({
      title: 'Boss',
      password: hashOf(created.json.id),
    });
  });

  it('a clear-text password in an existing file is hashed when the server starts', async () => {
    const folder = join(directory, 'migrate');
    await mkdir(folder, { recursive: true });
    const dataFile = join(folder, 'store.json');
    const meta = {
      resourceType: 'User',
      created: '2024-01-01T00:00:00Z',
      lastModified: '2024-01-01T00:00:00Z',
      version: '1',
    };
    await writeFile(
      dataFile,
      JSON.stringify({
        format: 'scim-check-reference-store',
        formatVersion: 1,
        revision: 1,
        users: [
          {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            id: 'old-user',
            userName: 'old@example.com',
            password: PASSWORD,
            meta,
          },
        ],
        groups: [],
      }),
      { mode: 0o600 },
    );
    server = await startReferenceServer({ dataFile, token: TOKEN });
    expect(await bytesBeside(folder)).not.toContain(PASSWORD);
    expect((await call(server, 'GET', '/Users/old-user')).json.userName).toBe('old@example.com');
    await server.close();
    server = undefined;
    const users = JSON.parse(await readFile(dataFile, 'utf8')).users as { password?: string }[];
    expect(users[0]?.password).toMatch(/^scrypt\$/);
  });
});
