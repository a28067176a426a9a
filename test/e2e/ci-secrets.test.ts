import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/cli/target.js';
import { type BrokenServer, startBrokenServer } from '../support/broken-server.js';
import { runMain } from '../support/run-main.js';

const SENTINEL = 'sentinel-token-9d2f7a41c0';

let server: BrokenServer | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-secret-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function files() {
  return {
    json: join(dir, 'report.json'),
    junit: join(dir, 'junit.xml'),
    har: join(dir, 'trace.har'),
    summary: join(dir, 'summary.md'),
  };
}

function runWithEveryOutput(baseUrl: string, token: string, out = files()) {
  return runMain(
    [
      'run',
      'scenarios/okta-group-push.yaml',
      '--base-url',
      baseUrl,
      '--verbose',
      '--reporter',
      'pretty',
      '--reporter',
      `json=${out.json}`,
      '--reporter',
      `junit=${out.junit}`,
      '--har',
      out.har,
    ],
    { env: { SCIM_CHECK_TOKEN: token, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: out.summary } },
  );
}

describe('the token never appears in any output', () => {
  it('stdout, stderr, JSON, JUnit, HAR and the GitHub summary are all free of it', async () => {
    // A server that echoes the token (and a cookie carrying it) back, and loses group members so
    // failure blocks print the echoing bodies.
    server = await startBrokenServer(
      {
        rewriteResponse(method, path, _status, body) {
          if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
          const echoed: Record<string, unknown> = { echoedToken: SENTINEL, note: `Bearer ${SENTINEL}`, ...body };
          if (method === 'GET' && path.startsWith('/Groups/')) delete echoed.members;
          return echoed;
        },
      },
      SENTINEL,
    );
    const out = files();
    const run = await runWithEveryOutput(server.baseUrl, SENTINEL, out);
    expect(run.code, run.stderr).toBe(1);
    const outputs: Record<string, string> = { stdout: run.stdout, stderr: run.stderr };
    for (const [name, path] of Object.entries(out)) {
      expect(existsSync(path), `${name} was written`).toBe(true);
      outputs[name] = readFileSync(path, 'utf8');
    }
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain(SENTINEL);
    }
    // The outputs are real: the failure, the annotations and the traffic are all there, redacted.
    expect(outputs.stdout).toMatch(/^::error file=scenarios\/okta-group-push\.yaml/m);
    expect(outputs.junit).toContain('<failure');
    expect(outputs.summary).toContain('### Failures');
    const har = JSON.parse(outputs.har!);
    expect(har.log.entries.length).toBeGreaterThan(20);
    expect(har.log.entries[0].request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [REDACTED]' });
    // The echoed token was in the response bodies, and the HAR keeps the bodies, redacted.
    expect(
      har.log.entries.some((entry: any) => String(entry.response.content.text).includes('"echoedToken":"[REDACTED]"')),
    ).toBe(true);
    expect(`${outputs.junit}${outputs.summary}${outputs.stdout}`).toContain('[REDACTED]');
  });

  it('a refused token still yields a HAR of the preflight, without the token (exit 2)', async () => {
    server = await startBrokenServer({}, 'the-real-token');
    const out = files();
    const run = await runWithEveryOutput(server.baseUrl, SENTINEL, out);
    expect(run.code).toBe(2);
    const har = readFileSync(out.har, 'utf8');
    expect(JSON.parse(har).log.entries.map((entry: any) => entry.response.status)).toContain(401);
    expect(JSON.parse(har).log.entries[0]._scimCheck.action).toBe('preflight');
    for (const text of [run.stdout, run.stderr, har]) expect(text).not.toContain(SENTINEL);
  });
});

describe('a token about to cross the network in clear text', () => {
  const WARNING =
    /^scim-check: warning: http:\/\/scim\.example\.invalid is plain http:\/\/ and not this machine: the bearer token would cross the network unencrypted/;

  it('is warned about on stderr before anything is sent (a non-loopback http:// base URL)', async () => {
    // .invalid never resolves (RFC 6761): the run stops at the preflight, after the warning.
    const run = await runMain(
      [
        'run',
        'scenarios/okta-group-push.yaml',
        '--base-url',
        'http://scim.example.invalid/scim/v2',
        '--timeout',
        '2000',
      ],
      { env: { SCIM_CHECK_TOKEN: SENTINEL } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(WARNING);
    expect(run.stderr.indexOf('warning')).toBeLessThan(run.stderr.indexOf('error'));
    expect(run.stderr).not.toContain(SENTINEL);
  });

  it('is not warned about for loopback, https, or a run without a token', async () => {
    server = await startBrokenServer({}, SENTINEL);
    const run = await runMain(['run', 'scenarios/okta-group-push.yaml', '--base-url', server.baseUrl], {
      env: { SCIM_CHECK_TOKEN: SENTINEL },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('plain http');
    const dry = await runMain([
      'run',
      'scenarios/okta-group-push.yaml',
      '--base-url',
      'http://scim.example.invalid/scim/v2',
      '--dry-run',
    ]);
    expect(dry.stderr).not.toContain('plain http');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['localhost', true],
    ['LOCALHOST.', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['128.0.0.1', false],
    ['127.0.0.1.nip.io', false],
    ['localhost.example.com', false],
    ['0.0.0.0', false],
    ['[::ffff:a00:1]', false],
  ])('loopback host %s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
