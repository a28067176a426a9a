import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/server/index.js';
import type { TokenEndpointRequest } from '../../src/server/oauth/authorization-server.js';
import { oauthTargetFlags } from '../support/oauth-target.js';
import { runMain } from '../support/run-main.js';

/*
 * `scim-check readiness entra-gallery` and its two credentials tests, decided by the TOKEN-* rows
 * of each OAuth flow (Microsoft's SCIM-Validation-Test-Overview.md: Validate_Credentials_Test,
 * Federated_Identity_Test, "either … must pass"), against the reference server started in-process
 * as an authorization server, and the secrets of both flows kept out of every output.
 */

interface Row {
  test: string;
  verdict: string;
  finding?: { check: string; message: string; at: string };
  reason?: string;
  optional?: string;
}

const rowsOf = (text: string): Row[] => (JSON.parse(text) as { rows: Row[] }).rows;
const row = (rows: Row[], name: string): Row => {
  const found = rows.find((candidate) => candidate.test === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-readiness-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An EC P-256 key pair as PEM files: the private half for scim-check, the public half for the server. */
function keyFiles(dir: string): { privateFile: string; publicPem: string } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateFile = join(dir, 'client.key.pem');
  writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return { privateFile, publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

type Server = Awaited<ReturnType<typeof startReferenceServer>>;

/**
 * Every client assertion and client secret the token endpoint receives, read off the requests as
 * they arrive (the answer itself is the server's own: this only looks).
 */
function recordCredentials(server: Server): string[] {
  const seen: string[] = [];
  const authorization = server.authorizationServer!;
  const answer = authorization.answer.bind(authorization);
  authorization.answer = (request: TokenEndpointRequest) => {
    const form = new URLSearchParams(request.body);
    for (const name of ['client_assertion', 'assertion', 'client_secret']) {
      const value = form.get(name);
      if (value !== null) seen.push(value);
    }
    const response = answer(request);
    const token = response.body.access_token;
    if (typeof token === 'string') seen.push(token);
    return response;
  };
  return seen;
}

describe('readiness entra-gallery: the credentials tests', () => {
  it('with --client-assertion-key: Federated_Identity_Test is ready, decided by the assertion flow; the credentials test does not block', async () => {
    const dir = tempDir();
    const { privateFile, publicPem } = keyFiles(dir);
    const server = await startReferenceServer({ port: 0, oauth: { jwks: [publicPem] } });
    cleanup.push(() => server.close());
    const seen = recordCredentials(server);
    const har = join(dir, 'run.har');
    const report = join(dir, 'readiness.json');
    const run = await runMain([
      'readiness',
      'entra-gallery',
      ...oauthTargetFlags(server),
      '--client-assertion-key',
      privateFile,
      '--reporter',
      `json=${report}`,
      '--har',
      har,
      '--verbose',
    ]);
    const rows = rowsOf(readFileSync(report, 'utf8'));
    expect(row(rows, 'Federated_Identity_Test')).toMatchObject({ verdict: 'ready' });
    // Microsoft: "either this or Validate_Credentials_Test must pass" — so the secret-less run still exits 0.
    expect(row(rows, 'Validate_Credentials_Test')).toMatchObject({
      verdict: 'not ready',
      reason: expect.stringMatching(/did not authenticate with a client secret/),
      optional: expect.stringMatching(/Federated_Identity_Test is ready/),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'not blocking: the vendor needs this test or Federated_Identity_Test to pass, and Federated_Identity_Test is ready',
    );

    // No assertion (nor any token issued for one) in the table, stderr, the JSON file or the HAR.
    const assertions = seen.filter((value) => value.split('.').length === 3);
    expect(assertions.length).toBeGreaterThanOrEqual(2);
    const outputs = [run.stdout, run.stderr, readFileSync(report, 'utf8'), readFileSync(har, 'utf8')];
    for (const secret of seen) for (const output of outputs) expect(output.includes(secret)).toBe(false);
    for (const output of outputs) expect(output).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    expect(readFileSync(har, 'utf8')).toContain('[REDACTED');
  });

  it('with a client secret only: Federated_Identity_Test is not testable offline, naming --client-assertion-key', async () => {
    const server = await startReferenceServer({ port: 0, oauth: {} });
    cleanup.push(() => server.close());
    const run = await runMain(['readiness', 'entra-gallery', ...oauthTargetFlags(server), '--reporter', 'json'], {
      env: { SCIM_CHECK_CLIENT_SECRET: server.clientSecret! },
    });
    const rows = rowsOf(run.stdout);
    expect(row(rows, 'Validate_Credentials_Test')).toMatchObject({ verdict: 'ready' });
    expect(row(rows, 'Federated_Identity_Test')).toMatchObject({
      verdict: 'not testable offline',
      reason: expect.stringMatching(/--client-assertion-key FILE.*either this test or Validate_Credentials_Test/),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(server.clientSecret!);
  });

  it('a token endpoint issuing day-long tokens: Validate_Credentials_Test is not ready on TOKEN-LIFETIME, exit 1', async () => {
    const server = await startReferenceServer({ port: 0, oauth: { tokenLifetimeSeconds: 86_400 } });
    cleanup.push(() => server.close());
    const run = await runMain(['readiness', 'entra-gallery', ...oauthTargetFlags(server), '--reporter', 'json'], {
      env: { SCIM_CHECK_CLIENT_SECRET: server.clientSecret! },
    });
    const rows = rowsOf(run.stdout);
    expect(row(rows, 'Validate_Credentials_Test')).toMatchObject({
      verdict: 'not ready',
      finding: {
        check: 'TOKEN-LIFETIME',
        message: expect.stringMatching(/expires_in is from 3600 to 21600/),
        at: expect.stringMatching(/^oauth-token-endpoint:client credentials at /),
      },
    });
    expect(run.code).toBe(1);
  });
});

describe('the client assertion in error output', () => {
  it('a token endpoint that echoes the assertion in its refusal: exit 2 with the refusal, the assertion redacted', async () => {
    const dir = tempDir();
    const { privateFile } = keyFiles(dir);
    const received: string[] = [];
    // A hostile token endpoint: it quotes what it was sent back in error_description (RFC 6749 §5.2 allows any text).
    const endpoint = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        const assertion = new URLSearchParams(body).get('client_assertion') ?? '';
        received.push(assertion);
        response.writeHead(401, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify({ error: 'invalid_client', error_description: `unknown key for ${assertion}` }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => endpoint.close(() => resolve())));
    const scim = await startReferenceServer({ port: 0 });
    cleanup.push(() => scim.close());
    const tokenUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/oauth/token`;
    const run = await runMain([
      'readiness',
      'entra-gallery',
      '--base-url',
      scim.baseUrl,
      '--oauth-token-url',
      tokenUrl,
      '--client-id',
      'vendor-client',
      '--client-assertion-key',
      privateFile,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid_client: unknown key for [REDACTED');
    expect(received).toHaveLength(1);
    expect(received[0]!.split('.')).toHaveLength(3);
    expect(run.stderr).not.toContain(received[0]!);
    expect(run.stdout).not.toContain(received[0]!);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('serve --oauth --assertion-public-key', () => {
  it('refuses a private key file, and the flag without --oauth, as usage errors', async () => {
    const dir = tempDir();
    const { privateFile } = keyFiles(dir);
    const privateKey = await runMain(['serve', '--oauth', '--port', '0', '--assertion-public-key', privateFile]);
    expect(privateKey.code).toBe(2);
    expect(privateKey.stderr).toContain('holds a private key');
    expect(privateKey.stderr).not.toMatch(/at .*\.ts:\d+/);
    const withoutOAuth = await runMain(['serve', '--port', '0', '--assertion-public-key', privateFile]);
    expect(withoutOAuth.code).toBe(2);
    expect(withoutOAuth.stderr).toContain('--assertion-public-key needs --oauth');
    const notAKey = join(dir, 'not-a-key.pem');
    writeFileSync(notAKey, 'hello\n');
    const garbage = await runMain(['serve', '--oauth', '--port', '0', '--assertion-public-key', notAKey]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('is not a PEM public key');
  });
});
