import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { type RateLimitedServer, startRateLimitedServer } from '../support/rate-limited-server.js';
import { runMain } from '../support/run-main.js';

interface KindJson {
  kind: string;
  count: number;
  errors: Record<string, number>;
  retried429: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

interface LoadJson {
  summary: { passed: boolean; reasons: string[]; requests: number; errors: number; retried429: number };
  phases: Array<{ name: string; actions: number; failed: number }>;
  requests: KindJson[];
  sampling: { users: number; groups: number; mismatches: number };
  cleanup: {
    deleted: number;
    leftovers: number;
    skipped: boolean;
    leftBehind: unknown[];
    possibleLeftovers: unknown[];
    possibleLeftoverCount: number;
  };
}

function kind(report: LoadJson, name: string): KindJson | undefined {
  return report.requests.find((entry) => entry.kind === name);
}

function phase(report: LoadJson, name: string): { actions: number; failed: number } | undefined {
  return report.phases.find((entry) => entry.name === name);
}

const TOKEN = 'load-test-token-5f2a';
let server: RunningReferenceServer | undefined;
let limited: RateLimitedServer | undefined;

afterEach(async () => {
  await server?.close();
  await limited?.close();
  server = undefined;
  limited = undefined;
});

/** `load` in-process from dist/: its worker thread runs the compiled load-worker.js (see run-main.ts). */
function runLoad(args: readonly string[]) {
  return runMain(args, { compiled: true });
}

const SMALL = [
  '--users',
  '30',
  '--groups',
  '3',
  '--members-per-group',
  '10',
  '--concurrency',
  '4',
  '--changes',
  '9',
  '--sample',
  '0.2',
];

describe('scim-check load', () => {
  it("runs Okta's initial sync against a server, counts every request kind, and leaves nothing behind", async () => {
    server = await startReferenceServer({ port: 0, token: TOKEN });
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      ...SMALL,
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadJson;
    expect(report.summary.passed).toBe(true);
    expect(report.summary.errors).toBe(0);
    // Okta looks every user up (`userName eq`) before it creates it.
    expect(kind(report, 'lookupUser')?.count).toBe(30);
    expect(kind(report, 'createUser')?.count).toBe(30);
    expect(kind(report, 'createGroup')?.count).toBe(3);
    // Okta's group push: a rename PATCH and a membership PATCH after the create.
    expect(kind(report, 'patchGroup')?.count).toBeGreaterThanOrEqual(6);
    expect(phase(report, 'users')).toMatchObject({ actions: 30, failed: 0 });
    expect(phase(report, 'changes')).toMatchObject({ actions: 9, failed: 0 });
    expect(report.sampling).toMatchObject({ users: 6, groups: 1, mismatches: 0 });
    expect(report.cleanup).toEqual({
      deleted: 33,
      leftovers: 0,
      skipped: false,
      leftBehind: [],
      possibleLeftovers: [],
      possibleLeftoverCount: 0,
    });
    const latency = kind(report, 'createUser')!.latencyMs;
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p50).toBeLessThanOrEqual(latency.p99);
    expect(latency.p99).toBeLessThanOrEqual(latency.max);
    // Nothing the run created is left on the server.
    expect(server.store.count('User')).toBe(0);
    expect(server.store.count('Group')).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('keeps what it created with --keep, and the sample still reads it back as sent', async () => {
    server = await startReferenceServer({ port: 0, token: TOKEN });
    const run = await runLoad([
      'load',
      '--idp',
      'generic',
      ...SMALL,
      '--changes',
      '0',
      '--keep',
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('cleanup: skipped (--keep)');
    expect(server.store.count('User')).toBe(30);
    expect(server.store.count('Group')).toBe(3);
    // The generic profile creates with members in the POST, without a lookup first.
    expect(run.stdout).not.toContain('lookupUser');
    expect(run.stdout).toMatch(/PASSED/);
  });

  it('honours 429 with Retry-After and still provisions and cleans up everything', async () => {
    limited = await startRateLimitedServer({ every: 9 }, TOKEN);
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      '--users',
      '12',
      '--groups',
      '2',
      '--members-per-group',
      '4',
      '--concurrency',
      '4',
      '--changes',
      '3',
      '--base-url',
      limited.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadJson;
    expect(limited.refused.length).toBeGreaterThan(0);
    // Every 429 was waited out and retried; none became an error.
    expect(report.summary.retried429).toBe(limited.refused.length);
    expect(report.summary.errors).toBe(0);
    expect(kind(report, 'createUser')?.count).toBe(12);
    expect(limited.upstream.store.count('User')).toBe(0);
    expect(limited.upstream.store.count('Group')).toBe(0);
  });

  it('gives up after 10 attempts in total, as Okta does, and fails the run on the errors', async () => {
    limited = await startRateLimitedServer(
      { every: 1, retryAfter: '0', applies: (method, path) => method === 'POST' && path.startsWith('/Groups') },
      TOKEN,
    );
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      '--users',
      '4',
      '--groups',
      '2',
      '--members-per-group',
      '2',
      '--concurrency',
      '2',
      '--changes',
      '0',
      '--base-url',
      limited.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as LoadJson;
    expect(limited.seen.filter((request) => request.startsWith('POST /Groups'))).toHaveLength(20);
    expect(kind(report, 'createGroup')).toMatchObject({ count: 2, errors: { '429': 2 }, retried429: 18 });
    expect(report.summary.passed).toBe(false);
    expect(report.summary.reasons.join(' ')).toContain('--max-error-rate');
    expect(limited.upstream.store.count('User')).toBe(0);
  });

  it('passes a run with server errors under --max-error-rate, and fails it without', async () => {
    // Every 4th create is answered 503 (not retried: only 429 is).
    const options = {
      every: 4,
      status: 503,
      retryAfter: null,
      applies: (method: string, path: string) => method === 'POST' && path.startsWith('/Users'),
    };
    limited = await startRateLimitedServer(options, TOKEN);
    const args = [
      'load',
      '--idp',
      'generic',
      '--users',
      '20',
      '--groups',
      '0',
      '--changes',
      '0',
      '--concurrency',
      '2',
      '--base-url',
      limited.baseUrl,
      '--token',
      TOKEN,
    ];
    const strict = await runLoad(args);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).toMatch(/503×5/);
    expect(strict.stdout).toMatch(/FAILED: 5 of \d+ requests failed/);
    const tolerant = await runLoad([...args, '--max-error-rate', '50%']);
    expect(tolerant.code, tolerant.stderr).toBe(0);
    expect(limited.upstream.store.count('User')).toBe(0);
  });

  it('keeps sending changes for --duration, never faster than --rate', async () => {
    server = await startReferenceServer({ port: 0, token: TOKEN });
    const run = await runLoad([
      'load',
      '--idp',
      'generic',
      '--users',
      '10',
      '--groups',
      '2',
      '--members-per-group',
      '3',
      '--concurrency',
      '2',
      '--rate',
      '100/s',
      '--duration',
      '300ms',
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadJson & { summary: { durationMs: number } };
    expect(phase(report, 'changes')!.actions).toBeGreaterThan(0);
    // Starts are spaced 10 ms apart at 100/s, so n requests take at least (n - 1) × 10 ms.
    expect(report.summary.durationMs).toBeGreaterThanOrEqual((report.summary.requests - 1) * 10 - 1);
    expect(server.store.count('User')).toBe(0);
  });

  it('rejects bad flags with exit 2 and a hint', async () => {
    const run = await runLoad(['load', '--users', 'lots']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--users must be a whole number');
    expect(run.stderr).toContain('hint: e.g. --users 10000');
    const unknownIdp = await runLoad(['load', '--idp', 'nope', '--users', '1']);
    expect(unknownIdp.code).toBe(2);
    expect(unknownIdp.stderr).toContain('unknown IdP profile "nope"');
    expect(unknownIdp.stderr).toMatch(/hint: choose from .*okta/);
    const noToken = await runLoad(['load', '--base-url', 'http://127.0.0.1:9/scim/v2']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('no token');
  });

  it('loads the embedded reference server when no --base-url is given', async () => {
    const run = await runLoad(['load', ...SMALL]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('(embedded reference server)');
    expect(run.stdout).toMatch(/cleanup: 33 deleted, 0 left behind/);
  });

  it('google: the group phases it skips (users only) are skipped, not failed, and the run passes', async () => {
    const run = await runLoad([
      'load',
      '--idp',
      'google',
      '--users',
      '6',
      '--groups',
      '2',
      '--members-per-group',
      '2',
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      summary: { passed: boolean };
      phases: { name: string; actions: number; failed: number; skipped: number; skipReason?: string }[];
    };
    expect(report.summary.passed).toBe(true);
    expect(report.phases.find((phase) => phase.name === 'groups')).toMatchObject({
      actions: 2,
      failed: 0,
      skipped: 2,
      skipReason: expect.stringMatching(/^Google Workspace provisions users only/),
    });
  });
});
