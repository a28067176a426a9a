import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningReferenceServer } from '../../src/server/index.js';
import { spawnCli, until } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';
import { snapshot, startSeededServer, startSlowProxy } from './support.js';

/*
 * The promise to a vendor pointing scim-check at a tenant with real users: a run touches only
 * what it created, deletes all of it, and leaves everything else byte for byte as it was,
 * even when it is interrupted.
 */

const TOKEN = 'safety-token-77aa';
let server: RunningReferenceServer | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = dir = undefined;
});

function tempDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-safety-'));
  return dir;
}

describe('a run never touches data it did not create', () => {
  it('the whole built-in suite leaves pre-existing users and groups byte-identical, and nothing else behind', async () => {
    server = await startSeededServer(TOKEN);
    const before = await snapshot(server);
    expect(before.size).toBe(33);
    const reportFile = join(tempDir(), 'report.json');
    const run = await runMain(['run', '--base-url', server.baseUrl, '--reporter', `json=${reportFile}`], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    expect([0, 1], run.stderr).toContain(run.code);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.summary.scenarios).toBeGreaterThan(1);
    expect(report.scenarios.flatMap((scenario: any) => scenario.leftovers)).toEqual([]);
    // Many scenarios created and deleted users and groups in the meantime.
    const creates = report.scenarios
      .flatMap((scenario: any) => scenario.steps.flatMap((step: any) => step.exchanges))
      .filter((exchange: any) => exchange.method === 'POST' && exchange.status === 201);
    expect(creates.length).toBeGreaterThan(10);
    expect(await snapshot(server)).toEqual(before);
  }, 60_000);

  it('an IdP that finds an existing user or group by name is refused every write to it', async () => {
    server = await startSeededServer(TOKEN);
    const before = await snapshot(server);
    const run = await runMain(['run', 'test/safety/fixtures', '--base-url', server.baseUrl, '--reporter', 'json'], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout);
    const refusals = report.scenarios
      .flatMap((scenario: any) => scenario.steps)
      .filter((step: any) => step.error?.code === 'UNSAFE_WRITE');
    // The Okta and Entra lookups each find the seeded user and want to update it: refused. Okta
    // also looks its group up by displayName before a push and links the namesake it finds
    // (SCIM 2.0 reference, "Retrieve Groups"): the push's writes to it are refused as well.
    expect(refusals.map((refusal: any) => refusal.action).sort()).toEqual(['assignUser', 'assignUser', 'pushGroup']);
    for (const refusal of refusals)
      expect(refusal.error.message).toMatch(
        /this run did not create it, and scim-check never modifies data it did not create/,
      );
    expect(await snapshot(server)).toEqual(before);
  });
});

describe('an interrupted run still cleans up', () => {
  it('SIGINT: exit 130, the created resources are deleted, a partial JSON report is written', async () => {
    server = await startSeededServer(TOKEN);
    const before = await snapshot(server);
    // A slow proxy in front of the seeded server, so the signal lands mid-run.
    const proxy = await startSlowProxy(server, 60);
    const reportFile = join(tempDir(), 'partial.json');
    const cli = spawnCli(
      ['run', 'scenarios/okta-group-push.yaml', '--base-url', proxy.baseUrl, '--reporter', `json=${reportFile}`],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    await until(() => proxy.seen.filter((request) => request.method === 'POST').length >= 2, 'two creates');
    const signalledAt = proxy.seen.length;
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    await proxy.close();
    expect(code, cli.stderr()).toBe(130);
    expect(cli.stderr()).toMatch(/SIGINT received: finishing the current request, cleaning up/);
    const after = proxy.seen.slice(signalledAt);
    expect(after.filter((request) => request.method === 'DELETE').length).toBeGreaterThanOrEqual(2);
    expect(after.filter((request) => request.method === 'POST')).toEqual([]);
    expect(existsSync(reportFile)).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.interrupted).toBe(true);
    expect(report.scenarios[0].steps.some((step: any) => step.status === 'skipped')).toBe(true);
    expect(report.scenarios[0].steps.at(-1).action).toBe('cleanup');
    expect(await snapshot(server)).toEqual(before);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s ends a run like Ctrl-C: exit 130 after cleanup (SIGHUP killed it at once, leaving its users)',
    async (signal) => {
      server = await startSeededServer(TOKEN);
      const before = await snapshot(server);
      const proxy = await startSlowProxy(server, 60);
      const cli = spawnCli(['run', 'scenarios/okta-group-push.yaml', '--base-url', proxy.baseUrl], {
        env: { SCIM_CHECK_TOKEN: TOKEN },
      });
      await until(() => proxy.seen.filter((request) => request.method === 'POST').length >= 2, 'two creates');
      cli.child.kill(signal);
      const exit = await cli.exited;
      await proxy.close();
      expect(exit, cli.stderr()).toEqual({ code: 130, signal: null });
      expect(cli.stderr()).toContain(`${signal} received`);
      expect(await snapshot(server)).toEqual(before);
    },
  );

  it('matrix: SIGINT ends with exit 130 after the flow under way cleaned up (it died at once, leaving its users)', async () => {
    server = await startSeededServer(TOKEN);
    const before = await snapshot(server);
    const proxy = await startSlowProxy(server, 60);
    const cli = spawnCli(['matrix', '--base-url', proxy.baseUrl, '--reporter', 'json'], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    await until(() => proxy.seen.filter((request) => request.method === 'POST').length >= 2, 'two creates');
    cli.child.kill('SIGINT');
    const exit = await cli.exited;
    await proxy.close();
    expect(exit, cli.stderr()).toEqual({ code: 130, signal: null });
    expect(JSON.parse(cli.stdout()).interrupted).toBe(true);
    expect(await snapshot(server)).toEqual(before);
  });

  it('a second SIGINT quits at once and names what was left behind', async () => {
    server = await startSeededServer(TOKEN);
    const proxy = await startSlowProxy(server, 400);
    const cli = spawnCli(['run', 'scenarios/okta-group-push.yaml', '--base-url', proxy.baseUrl], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    await until(() => proxy.seen.filter((request) => request.method === 'POST').length >= 2, 'two creates');
    cli.child.kill('SIGINT');
    await until(() => cli.stderr().includes('SIGINT received'), 'the first-signal notice');
    cli.child.kill('SIGINT');
    const exit = await cli.exited;
    await proxy.close();
    // The signal is re-raised with our handlers gone: the process dies of it (a shell shows 130).
    expect(exit.signal).toBe('SIGINT');
    expect(cli.stderr()).toMatch(
      /SIGINT again: quitting at once\. Created by this run and not deleted \(remove by hand\):\n {2}User alice\.\w+@example\.com \(id [\w-]+\)/,
    );
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
    // What it listed really is still there.
    const listed = [...cli.stderr().matchAll(/\(id ([\w-]+)\)/g)].map((match) => match[1]!);
    const response = await fetch(`${server.baseUrl}/Users/${listed[0]}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
  });
});
