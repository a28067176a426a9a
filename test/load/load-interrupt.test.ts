import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server/index.js';
import { REPO_ROOT } from '../support/run-cli.js';

const BIN = `${REPO_ROOT}bin/scim-check.js`;
const TOKEN = 'load-interrupt-token';
let server: RunningReferenceServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('scim-check load, interrupted', () => {
  it('stops on Ctrl-C, still deletes everything it created, and exits 130', async () => {
    server = await startReferenceServer({ port: 0, token: TOKEN });
    const child = spawn(process.execPath, [BIN, 'load', '--users', '200000', '--groups', '0', '--concurrency', '4', '--base-url', server.baseUrl, '--token', TOKEN, '--reporter', 'json'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once the sync is under way (users exist on the server).
    await waitFor(() => server!.store.count('User') >= 20);
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    const report = JSON.parse(stdout) as { summary: { interrupted: boolean; passed: boolean }; cleanup: { deleted: number; leftovers: number } };
    expect(report.summary.interrupted).toBe(true);
    expect(report.summary.passed).toBe(false);
    expect(report.cleanup.deleted).toBeGreaterThanOrEqual(20);
    expect(report.cleanup.leftovers).toBe(0);
    expect(server.store.count('User')).toBe(0);
  });
});
