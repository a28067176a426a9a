import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server/index.js';
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
    const cli = spawnCli(['load', '--users', '200000', '--groups', '0', '--concurrency', '4', '--base-url', server.baseUrl, '--token', TOKEN, '--reporter', 'json']);
    // Interrupt once the sync is under way (users exist on the server).
    await until(() => server!.store.count('User') >= 20, 'twenty users on the server');
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(130);
    const report = JSON.parse(cli.stdout()) as { summary: { interrupted: boolean; passed: boolean }; cleanup: { deleted: number; leftovers: number } };
    expect(report.summary.interrupted).toBe(true);
    expect(report.summary.passed).toBe(false);
    expect(report.cleanup.deleted).toBeGreaterThanOrEqual(20);
    expect(report.cleanup.leftovers).toBe(0);
    expect(server.store.count('User')).toBe(0);
  });
});
