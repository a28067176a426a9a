import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { loadCommand as LoadCommand, LoadOptions } from '../../src/cli/commands/load.js';
import { readEnvironment } from '../../src/cli/environment.js';
import { MemoryStream } from '../report/memory-stream.js';
import { type FaultServer, startFaultServer } from '../support/fault-server.js';
import { forwardToUpstream, type LoopbackProxy, readBody, startProxy } from '../support/loopback-proxy.js';
import { type RateLimitedServer, startRateLimitedServer } from '../support/rate-limited-server.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

/*
 * `scim-check load` against servers that would stall it, eat its memory or fool its verdict.
 * Each bound comes from the one executor and the load transport (src/load/load-transport.ts):
 * the --max-retry-wait budget, --timeout over the whole request, the body cap, and a verdict
 * that counts failed actions.
 */

interface LoadJson {
  summary: {
    passed: boolean;
    reasons: string[];
    requests: number;
    errors: number;
    retried429: number;
    durationMs: number;
    peakRssBytes: number;
  };
  phases: Array<{ name: string; actions: number; failed: number; firstFailure?: string }>;
  requests: Array<{ kind: string; count: number; errors: Record<string, number>; retried429: number }>;
  cleanup: {
    deleted: number;
    leftovers: number;
    possibleLeftovers: Array<{ resourceType: string; name: string; search: string; reason: string }>;
    possibleLeftoverCount: number;
  };
}

const TOKEN = 'load-bounds-token-71c3';
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function track<T extends { close(): Promise<void> }>(server: T): T {
  closers.push(() => server.close());
  return server;
}

const isLookup = (method: string, path: string): boolean =>
  method === 'GET' && path.startsWith('/Users?') && path.includes('filter=');

/**
 * The compiled `load` command, called in-process: its sync runs in a worker thread that starts
 * `load-worker.js` next to the module, which only exists in dist/ (`npm test` builds first).
 */
async function compiledLoadCommand(): Promise<typeof LoadCommand> {
  const file = fileURLToPath(new URL('../../dist/cli/commands/load.js', import.meta.url));
  if (!existsSync(file)) throw new Error('dist/ is missing: run `npm run build` first');
  return ((await import(file)) as { loadCommand: typeof LoadCommand }).loadCommand;
}

/** `load` in-process from dist/: its worker thread runs the compiled load-worker.js (see run-main.ts). */
function runLoad(args: readonly string[]) {
  return runMain(args, { compiled: true });
}

const LOAD_DEFAULTS: LoadOptions = {
  idp: 'okta',
  users: '10',
  groups: '0',
  membersPerGroup: '0',
  concurrency: '4',
  changes: '0',
  sample: '0',
  maxErrorRate: '0',
  timeout: '5000',
};

function phase(report: LoadJson, name: string): LoadJson['phases'][number] | undefined {
  return report.phases.find((entry) => entry.name === name);
}

function kind(report: LoadJson, name: string): LoadJson['requests'][number] | undefined {
  return report.requests.find((entry) => entry.kind === name);
}

describe('scim-check load against hostile servers', () => {
  it('ends within the --max-retry-wait budget when the server answers 429 forever', async () => {
    // Every user create is answered 429 with Retry-After: 1, forever. Okta honours it and tries
    // 10 times per request; the run's budget (60 s by default, as for `run`) is what ends it:
    // 16 workers spend it in about 4 s, then every 429 stands at once.
    const limited = track<RateLimitedServer>(
      await startRateLimitedServer(
        { every: 1, retryAfter: '1', applies: (method, path) => method === 'POST' && path.startsWith('/Users') },
        TOKEN,
      ),
    );
    const started = performance.now();
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      '--users',
      '48',
      '--groups',
      '0',
      '--changes',
      '0',
      '--concurrency',
      '16',
      '--base-url',
      limited.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    const elapsed = performance.now() - started;
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as LoadJson;
    // Each retry waited 1 s of the 60 s budget: at most 60 of them, then no more waiting.
    expect(report.summary.retried429).toBeGreaterThan(0);
    expect(report.summary.retried429).toBeLessThanOrEqual(60);
    expect(kind(report, 'createUser')).toMatchObject({ count: 48, errors: { '429': 48 } });
    expect(phase(report, 'users')).toMatchObject({ actions: 48, failed: 48 });
    expect(elapsed).toBeLessThan(30_000);
    expect(limited.upstream.store.count('User')).toBe(0);
  }, 45_000);

  it('never waits to retry with --max-retry-wait 0: each 429 stands at once', async () => {
    const limited = track<RateLimitedServer>(
      await startRateLimitedServer(
        { every: 1, retryAfter: '30', applies: (method, path) => method === 'POST' && path.startsWith('/Users') },
        TOKEN,
      ),
    );
    const loadCommand = await compiledLoadCommand();
    const stdout = new MemoryStream();
    const stderr = new MemoryStream();
    const io = { stdout, stderr, env: readEnvironment({ NO_COLOR: '1' }), cwd: REPO_ROOT };
    const started = performance.now();
    const code = await loadCommand(
      { ...LOAD_DEFAULTS, baseUrl: limited.baseUrl, token: TOKEN, reporter: 'json', maxRetryWait: '0' },
      io,
    );
    expect(code, stderr.text()).toBe(1);
    expect(performance.now() - started).toBeLessThan(15_000);
    const report = JSON.parse(stdout.text()) as LoadJson;
    expect(report.summary.retried429).toBe(0);
    expect(kind(report, 'createUser')).toMatchObject({ count: 10, errors: { '429': 10 } });
    await expect(loadCommand({ ...LOAD_DEFAULTS, maxRetryWait: 'soon' }, io)).rejects.toThrow(
      /--max-retry-wait must be a number of seconds/,
    );
  }, 30_000);

  it('bounds a body dripped one byte every 200 ms by --timeout, and still provisions and cleans up', async () => {
    // Okta's `userName eq` lookups get headers and then a byte every 200 ms, forever: undici's
    // idle timers never fire, only a deadline over the whole request does.
    const server = track<FaultServer>(
      await startFaultServer(
        [{ when: (request) => isLookup(request.method, request.path), fault: { kind: 'drip-body', everyMs: 200 } }],
        { token: TOKEN },
      ),
    );
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      '--users',
      '6',
      '--groups',
      '1',
      '--members-per-group',
      '3',
      '--changes',
      '0',
      '--concurrency',
      '6',
      '--timeout',
      '1000',
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as LoadJson;
    expect(kind(report, 'lookupUser')).toMatchObject({ count: 6, errors: { TIMEOUT: 6 } });
    // A failed lookup means "not found" to Okta, which then creates the user.
    expect(kind(report, 'createUser')?.count).toBe(6);
    expect(report.summary.reasons.join(' ')).toContain('6 of');
    expect(report.cleanup).toMatchObject({ deleted: 7, leftovers: 0 });
    expect(server.upstream.store.count('User')).toBe(0);
  }, 30_000);

  it('a resource nested 5,000 levels deep, read back for the sample, is a failed check, not a crash', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const proxy = track<LoopbackProxy>(
      await startProxy({
        reference: { token: TOKEN },
        async onRequest(req, res, { upstreamUrl, path }) {
          const body = await readBody(req);
          const answer = await forwardToUpstream(
            upstreamUrl,
            { method: req.method, path: req.url, headers: req.headers },
            body,
          );
          res.writeHead(answer.status, { ...answer.headers, 'content-length': undefined });
          // Every read of one user carries a deeply nested extension attribute.
          const single = req.method === 'GET' && /^\/Users\/[^/?]+$/.test(path) && answer.status === 200;
          res.end(
            single ? `${answer.body.toString('utf8').replace(/}\s*$/, '')},"urn:example:deep":${deep}}` : answer.body,
          );
        },
      }),
    );
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      '--users',
      '4',
      '--groups',
      '0',
      '--changes',
      '0',
      '--sample',
      '1',
      '--base-url',
      proxy.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at \S+/);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as LoadJson;
    expect(report.summary.passed).toBe(false);
  }, 30_000);

  it('reads an endless chunked body only up to the cap, so memory stays bounded', async () => {
    // Every lookup is answered 200 with a chunked body that never ends, as fast as the client reads.
    let endless = 0;
    let bytesWritten = 0;
    const proxy = track<LoopbackProxy>(
      await startProxy({
        reference: { token: TOKEN },
        async onRequest(req, res, { upstreamUrl, path }) {
          const body = await readBody(req);
          if (!isLookup(req.method ?? 'GET', path)) {
            const answer = await forwardToUpstream(
              upstreamUrl,
              { method: req.method, path: req.url, headers: req.headers },
              body,
            );
            res.writeHead(answer.status, answer.headers);
            return void res.end(answer.body);
          }
          endless += 1;
          res.writeHead(200, { 'content-type': 'application/scim+json' });
          const block = Buffer.alloc(64 * 1024, ' ');
          const pump = (): void => {
            while (!res.destroyed) {
              bytesWritten += block.length;
              if (!res.write(block)) return void res.once('drain', pump);
            }
          };
          res.write('{"Resources":[');
          pump();
        },
      }),
    );
    const run = await runLoad([
      'load',
      '--idp',
      'okta',
      '--users',
      '8',
      '--groups',
      '0',
      '--changes',
      '0',
      '--concurrency',
      '4',
      '--base-url',
      proxy.baseUrl,
      '--token',
      TOKEN,
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as LoadJson;
    expect(kind(report, 'lookupUser')).toMatchObject({ count: 8, errors: { BODY_TOO_LARGE: 8 } });
    expect(endless).toBe(8);
    // The client stopped reading at its 1 MiB cap; what the server got out besides is socket buffers.
    expect(bytesWritten / endless).toBeLessThan(16 * 1024 * 1024);
    expect(report.summary.peakRssBytes).toBeLessThan(600 * 1024 * 1024);
    expect(proxy.upstream.store.count('User')).toBe(0);
  }, 30_000);

  it('fails (exit 1) when every user and group action failed, though no request did', async () => {
    // Creates answered 201 with no id: every request "succeeds", and nothing the run could use came back.
    const server = track<FaultServer>(
      await startFaultServer(
        [
          {
            when: (request) => request.method === 'POST' && /^\/(Users|Groups)\/?$/.test(request.path),
            fault: {
              kind: 'respond',
              status: 201,
              body: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}',
              headers: { 'content-type': 'application/scim+json' },
            },
          },
        ],
        { token: TOKEN },
      ),
    );
    const run = await runLoad([
      'load',
      '--idp',
      'generic',
      '--users',
      '5',
      '--groups',
      '2',
      '--members-per-group',
      '2',
      '--changes',
      '0',
      '--concurrency',
      '2',
      '--base-url',
      server.baseUrl,
      '--token',
      TOKEN,
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/FAILED: 5 of 5 users actions failed \(100%\), above --max-error-rate 0%/);
    expect(run.stdout).toMatch(/2 of 2 groups actions failed/);
    // The server may have created them: the summary says where to look, never "0 left behind".
    expect(run.stdout).toMatch(/cleanup: 0 deleted, 7 possibly left behind \(search: (userName|displayName) eq "/);
    expect(run.stdout).not.toMatch(/\b0 left behind/);
  });
});
