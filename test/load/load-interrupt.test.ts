import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { spawnCli, until } from '../support/run-cli.js';

const TOKEN = 'load-interrupt-token';
let server: RunningReferenceServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('scim-check load, interrupted', () => {
  it('stops on Ctrl-C, still deletes everything it created, and exits 130', async () => {
    server = await startReferenceServer({ port: 0, token: TOKEN });
    const cli = spawnCli([
      'load',
      '--users',
      '200000',
      '--groups',
      '0',
      '--concurrency',
      '4',
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    // Interrupt once the sync is under way (users exist on the server).
    await until(() => server!.store.count('User') >= 20, 'twenty users on the server');
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(130);
    const report = JSON.parse(cli.stdout()) as {
      summary: { interrupted: boolean; passed: boolean };
      cleanup: { deleted: number; leftovers: number };
    };
    expect(report.summary.interrupted).toBe(true);
    expect(report.summary.passed).toBe(false);
    expect(report.cleanup.deleted).toBeGreaterThanOrEqual(20);
    expect(report.cleanup.leftovers).toBe(0);
    expect(server.store.count('User')).toBe(0);
  });
});

describe('scim-check load, interrupted twice', () => {
  it('quits at once and lists what its worker created and had not deleted, as run does (it listed nothing)', async () => {
    server = await startReferenceServer({ port: 0, token: TOKEN });
    const cli = spawnCli([
      'load',
      '--users',
      '200000',
      '--groups',
      '0',
      '--concurrency',
      '4',
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
    ]);
    await until(() => server!.store.count('User') >= 20, 'twenty users on the server');
    cli.child.kill('SIGINT');
    await until(() => cli.stderr().includes('SIGINT received'), 'the first-signal notice');
    cli.child.kill('SIGINT');
    const exit = await cli.exited;
    expect(exit.signal, cli.stderr()).toBe('SIGINT');
    const listed = [...cli.stderr().matchAll(/^ {2}User (\S+) \(id ([\w-]+)\)$/gm)].map((match) => ({
      userName: match[1]!,
      id: match[2]!,
    }));
    expect(cli.stderr()).toMatch(
      /SIGINT again: quitting at once\. Created by this run and not deleted \(remove by hand\):/,
    );
    expect(listed.length).toBeGreaterThan(0);
    // What it listed really is still there, under the name it gave.
    const stillThere = listed.filter(
      ({ id, userName }) => (server!.store.get('User', id) as { userName?: string } | undefined)?.userName === userName,
    );
    expect(stillThere.length).toBeGreaterThan(0);
  });
});
