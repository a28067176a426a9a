import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultRule, type FaultServer, on, startFaultServer } from '../support/fault-server.js';
import { closeServer, listenOnLoopback } from '../support/loopback-proxy.js';
import type { CliRun } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

/*
 * Every fault, end to end through the CLI (main() in-process, with a clean environment): the run
 * finishes (no hang past --timeout), the fault becomes a failed check or an errored step with its
 * reason, exit 1, no stack trace, no token. Faults start after the preflight (unless a test says
 * otherwise), which must pass.
 */

let server: FaultServer | undefined;
let witnessServer: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (witnessServer) {
    await closeServer(witnessServer);
    witnessServer = undefined;
  }
});

const SCENARIO = 'scenarios/okta-group-push.yaml';
const TOKEN = 'cli-fault-token-2f7d';

async function runWith(rules: FaultRule[], ...args: string[]): Promise<CliRun & { report: any }> {
  server = await startFaultServer(rules, { token: TOKEN });
  const reporter = args.includes('--reporter') ? [] : ['--reporter', 'json'];
  const run = await runMain(
    ['run', SCENARIO, '--base-url', server.baseUrl, ...reporter, '--timeout', '1500', ...args],
    { env: { SCIM_CHECK_TOKEN: TOKEN } },
  );
  let report: any;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  return { ...run, report };
}

function expectCleanFailure(run: CliRun, code = 1): void {
  expect(run.code, run.stderr + run.stdout.slice(0, 2000)).toBe(code);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
}

/** The first errored step of the report, or undefined. */
function erroredStep(report: any): any {
  return report?.scenarios.flatMap((scenario: any) => scenario.steps).find((step: any) => step.status === 'errored');
}

function failedCheckIds(report: any): string[] {
  return report.scenarios.flatMap((scenario: any) =>
    scenario.steps.flatMap((step: any) =>
      step.checks.filter((check: any) => check.status === 'failed').map((check: any) => check.id),
    ),
  );
}

describe('scim-check run against servers that fail after the preflight', () => {
  it('a connection refused mid-run errors the step (after one retry of the reset GET)', async () => {
    const run = await runWith([
      { when: (request) => request.n > 3 && request.method === 'GET', fault: { kind: 'refuse' } },
    ]);
    expectCleanFailure(run);
    expect(erroredStep(run.report)?.error).toMatchObject({
      code: 'ECONNREFUSED',
      message: expect.stringMatching(/connection refused/),
    });
  });

  it('a reset in the middle of a POST body errors the step; the POST is not sent twice', async () => {
    const run = await runWith([{ when: on.firstUserCreate(), fault: { kind: 'reset-mid-body' }, times: 1 }]);
    expectCleanFailure(run);
    expect(erroredStep(run.report)).toMatchObject({ action: 'assignUser', error: { code: 'ECONNRESET' } });
    // The step sent its POST once; later steps (other users) still run and send their own.
    expect(erroredStep(run.report).exchanges.filter((exchange: any) => exchange.method === 'POST')).toHaveLength(1);
    expect(server!.seen.filter((request) => request.faulted === 'reset-mid-body')).toHaveLength(1);
    expect(
      run.report.scenarios[0].steps.find((step: any) => step.status === 'errored').exchanges.at(-1).retryNote,
    ).toMatch(/POST is not idempotent/);
  });

  it('a server that hangs errors the step at --timeout, and the run still finishes', async () => {
    const run = await runWith([{ when: on.firstUserCreate(), fault: { kind: 'hang' } }], '--timeout', '1200');
    expectCleanFailure(run);
    expect(erroredStep(run.report)?.error).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringMatching(/1200 ms/),
    });
  });

  it('slow headers past --timeout error the step', async () => {
    const run = await runWith(
      [{ when: on.firstUserCreate(), fault: { kind: 'slow-headers', delayMs: 10_000 } }],
      '--timeout',
      '1200',
    );
    expectCleanFailure(run);
    expect(erroredStep(run.report)?.error.code).toBe('TIMEOUT');
  });

  it.each([
    [
      'a 500 with a SCIM error',
      {
        status: 500,
        body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"boom"}',
        headers: { 'content-type': 'application/scim+json' },
      },
    ],
    [
      'an HTML 502 page',
      {
        status: 502,
        body: '<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>',
        headers: { 'content-type': 'text/html' },
      },
    ],
    ['invalid JSON', { status: 201, body: '{"schemas": [', headers: { 'content-type': 'application/scim+json' } }],
    ['a 201 with an empty body', { status: 201 }],
  ])('%s on create fails the step', async (_name, response) => {
    const run = await runWith([{ when: on.firstUserCreate(), fault: { kind: 'respond', ...response } }]);
    expectCleanFailure(run);
    const step = run.report.scenarios[0].steps.find((candidate: any) => candidate.action === 'assignUser');
    expect(['failed', 'errored']).toContain(step.status);
    expect(step.error?.message ?? step.checks.find((check: any) => check.status === 'failed')?.message).toBeTruthy();
  });

  it('truncated JSON from the real server fails the create checks', async () => {
    const run = await runWith([
      {
        when: on.firstUserCreate(),
        fault: { kind: 'rewrite', body: (real) => real.slice(0, Math.floor(real.length / 2)) },
      },
    ]);
    expectCleanFailure(run);
    expect(failedCheckIds(run.report)).toContain('MEDIA-RESP-TYPE');
  });

  it.each([
    ['a wrong Content-Type', (headers: Record<string, string>) => ({ ...headers, 'content-type': 'text/plain' })],
    [
      'a missing Content-Type',
      (headers: Record<string, string>) =>
        Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type')),
    ],
  ])('%s on every answer after the preflight fails MEDIA-RESP-TYPE', async (_name, headers) => {
    const run = await runWith([{ when: on.after(2), fault: { kind: 'rewrite', headers } }]);
    expectCleanFailure(run);
    expect(failedCheckIds(run.report)).toContain('MEDIA-RESP-TYPE');
  });

  it('an enormous body is capped and reported, not read to the end', async () => {
    const run = await runWith([
      {
        when: (request) => request.n > 2 && request.method === 'GET',
        fault: { kind: 'huge-body', bytes: 64 * 1024 * 1024 },
      },
    ]);
    expectCleanFailure(run);
    expect(erroredStep(run.report)?.error).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: expect.stringMatching(/larger than 10 MiB/),
    });
  });

  it('a redirect is reported with its Location and never followed with the token', async () => {
    const hits: string[] = [];
    witnessServer = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    const elsewhere = `http://127.0.0.1:${await listenOnLoopback(witnessServer)}/scim/v2/Users?token=${TOKEN}`;
    const run = await runWith([
      { when: on.firstUserCreate(), fault: { kind: 'respond', status: 307, headers: { location: elsewhere } } },
    ]);
    expectCleanFailure(run);
    expect(erroredStep(run.report)?.error).toMatchObject({
      code: 'REDIRECT',
      message: expect.stringContaining('redirecting to http://127.0.0.1:'),
    });
    expect(erroredStep(run.report)?.error.message).toContain('token=[REDACTED]');
    expect(hits).toEqual([]);
  });

  it('a token echoed in an error body and header never reaches the output', async () => {
    const run = await runWith(
      [
        {
          when: on.firstUserCreate(),
          fault: {
            kind: 'respond',
            status: 500,
            body: `{"detail":"token ${TOKEN} is not allowed to do that"}`,
            headers: { 'content-type': 'application/scim+json', 'www-authenticate': `Bearer error="${TOKEN}"` },
          },
        },
      ],
      '--reporter',
      'pretty',
      '--verbose',
    );
    expectCleanFailure(run);
    expect(run.stdout).toContain('[REDACTED]');
  });

  it('429s with Retry-After are retried as the profile does, and the retries are in the report', async () => {
    const run = await runWith([
      {
        when: on.firstUserCreate(),
        times: 2,
        fault: { kind: 'respond', status: 429, headers: { 'retry-after': '0' } },
      },
    ]);
    expect(run.code, run.stderr).toBe(0);
    const create = run.report.scenarios[0].steps
      .flatMap((step: any) => step.exchanges)
      .find((exchange: any) => exchange.method === 'POST');
    expect(create.status).toBe(201);
    expect(create.attempts).toEqual([
      { status: 429, waitMs: 0, reason: '429 with Retry-After: 0; the okta profile waits 0 s' },
      { status: 429, waitMs: 0, reason: '429 with Retry-After: 0; the okta profile waits 0 s' },
    ]);
  });

  it('a 429 whose wait exceeds --max-retry-wait errors the step with the reason', async () => {
    const run = await runWith(
      [{ when: on.firstUserCreate(), fault: { kind: 'respond', status: 429 } }],
      '--max-retry-wait',
      '1',
    );
    expectCleanFailure(run);
    expect(erroredStep(run.report)?.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/okta profile backs off 300 s, more than the 1 s left of --max-retry-wait/),
    });
  });
});

describe('scim-check run against servers whose transport quirks are legal', () => {
  it.each(['gzip', 'deflate', 'br'] as const)('every answer %s-encoded: the run passes', async (coding) => {
    const run = await runWith([{ when: on.always(), fault: { kind: 'compress', coding } }]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('every answer chunked: the run passes', async () => {
    const run = await runWith([{ when: on.always(), fault: { kind: 'chunked' } }]);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('faults during the preflight are exit 2 (could not run as asked)', () => {
  it('a server that hangs from the start', async () => {
    const run = await runWith([{ when: on.always(), fault: { kind: 'hang' } }], '--timeout', '500');
    expectCleanFailure(run, 2);
    expect(run.stderr).toMatch(/cannot reach .*no complete answer within 500 ms/);
  });

  it('a base URL that redirects', async () => {
    const run = await runWith([
      {
        when: on.always(),
        fault: { kind: 'respond', status: 301, headers: { location: 'https://127.0.0.1:1/scim/v2/Users' } },
      },
    ]);
    expectCleanFailure(run, 2);
    expect(run.stderr).toMatch(
      /GET \/Users was redirected: the server answered 301 redirecting to https:\/\/127.0.0.1:1\/scim\/v2\/Users/,
    );
    expect(run.stderr).toMatch(/hint: use the address it redirects to as --base-url/);
  });

  it('nothing listening at all', async () => {
    server = await startFaultServer([]);
    const url = server.baseUrl;
    await server.close();
    server = undefined;
    const run = await runMain(['run', SCENARIO, '--base-url', url], { env: { SCIM_CHECK_TOKEN: TOKEN } });
    expectCleanFailure(run, 2);
    expect(run.stderr).toMatch(/connection refused/);
  });
});
