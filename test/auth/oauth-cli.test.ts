import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { tokenEncodings } from '../safety/hostile-secrets-encodings.js';
import {
  forwardToUpstream,
  type LoopbackProxy,
  parseJsonLoosely,
  readBody,
  startProxy,
} from '../support/loopback-proxy.js';
import { oauthTargetFlags } from '../support/oauth-target.js';
import { runMain } from '../support/run-main.js';

/*
 * `run` with OAuth client credentials through main(argv, io): against a hostile server that echoes
 * the client secret and every access token in every spelling, no output shows either; the
 * token-endpoint checks are reported as a scenario; and every usage mistake is exit 2 with a
 * clear message before anything is sent.
 */

const SECRET = 'Client-Secret~9d2f7a41c0/Xy+Zq';
const CLIENT_ID = 'hostile-client';
const dir = mkdtempSync(join(tmpdir(), 'scim-check-oauth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every access token the reference server behind the proxy issued. */
function issuedTokens(server: RunningReferenceServer): string[] {
  return [...(server.authorizationServer as unknown as { issued: Map<string, unknown> }).issued.keys()];
}

function bearerOf(headers: IncomingHttpHeaders): string | undefined {
  return /^bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
}

/** Every spelling of `secrets`, as strings a body can carry and (header-safe ones) header values. */
function spellings(secrets: string[]): string[] {
  return secrets.flatMap((secret) => tokenEncodings(secret).map((entry) => entry.text));
}

describe('OAuth redaction against a hostile server', () => {
  let proxy: LoopbackProxy;
  beforeAll(async () => {
    proxy = await startProxy({
      // 2 s tokens: renewed throughout the run, so many tokens cross the outputs.
      reference: { oauth: { clients: [{ clientId: CLIENT_ID, secrets: [SECRET] }], tokenLifetimeSeconds: 2 } },
      async onRequest(req, res, { upstreamUrl }) {
        const body = await readBody(req);
        const answer = await forwardToUpstream(
          upstreamUrl,
          { method: req.method, path: req.url, headers: req.headers },
          body,
        );
        const json = parseJsonLoosely(answer.body) as Record<string, unknown> | undefined;
        const token = req.url === '/oauth/token' ? (json?.access_token as string | undefined) : bearerOf(req.headers);
        const leaked = spellings([SECRET, ...(token !== undefined ? [token] : [])]);
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers))
          if (value !== undefined && name !== 'content-length' && name !== 'transfer-encoding') headers[name] = value;
        headers['x-echo'] = leaked.filter((text) => /^[\x21-\x7e]+$/.test(text));
        let out = answer.body;
        if (json !== undefined && typeof json === 'object' && !Array.isArray(json)) {
          out = Buffer.from(JSON.stringify({ ...json, leaked, note: `secret ${SECRET} token ${token ?? ''}` }));
        }
        res.writeHead(answer.status, headers);
        res.end(out);
      },
    });
  });
  afterAll(async () => proxy.close());

  it('shows neither the client secret nor any access token in pretty, JSON, JUnit or HAR', async () => {
    const tokenUrl = new URL('/oauth/token', proxy.baseUrl).toString();
    const files = { json: join(dir, 'r.json'), junit: join(dir, 'r.xml'), har: join(dir, 'r.har') };
    const run = await runMain(
      [
        'run',
        'scenarios/spec/discovery.yaml',
        '--base-url',
        proxy.baseUrl,
        '--oauth-token-url',
        tokenUrl,
        '--client-id',
        CLIENT_ID,
        '--client-auth',
        'client_secret_post',
        '--verbose',
        '--reporter',
        'pretty',
        '--reporter',
        `json=${files.json}`,
        '--reporter',
        `junit=${files.junit}`,
        '--har',
        files.har,
      ],
      { env: { SCIM_CHECK_CLIENT_SECRET: SECRET } },
    );
    const tokens = issuedTokens(proxy.upstream);
    expect(tokens.length).toBeGreaterThan(1);
    const outputs: Record<string, string> = {
      stdout: run.stdout,
      stderr: run.stderr,
      json: readFileSync(files.json, 'utf8'),
      junit: readFileSync(files.junit, 'utf8'),
      har: readFileSync(files.har, 'utf8'),
    };
    // The run did happen and the echoes reached it: the HAR holds the proxy's leak headers, redacted.
    expect(outputs.har).toContain('x-echo');
    expect(outputs.json).toContain('oauth-token-endpoint');
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of [SECRET, ...tokens]) {
        for (const { name, text: spelled } of tokenEncodings(secret)) {
          expect(
            text.includes(spelled),
            `${where} shows ${secret === SECRET ? 'the client secret' : 'a token'} as ${name}`,
          ).toBe(false);
        }
      }
    }
  });
});

describe('the token-endpoint checks in a run', () => {
  let server: RunningReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ port: 0, oauth: { tokenLifetimeSeconds: 1 } });
  });
  afterAll(async () => server.close());

  it('reports TOKEN-* as the scenario oauth-token-endpoint and counts it', async () => {
    const file = join(dir, 'checks.json');
    const run = await runMain(
      ['run', 'scenarios/spec/discovery.yaml', ...oauthTargetFlags(server), '--reporter', `json=${file}`],
      { env: { SCIM_CHECK_CLIENT_SECRET: server.clientSecret! } },
    );
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      scenarios: { name: string; steps: { checks: { id: string; status: string; message?: string }[] }[] }[];
    };
    const scenario = report.scenarios.find((each) => each.name === 'oauth-token-endpoint');
    const verdicts = Object.fromEntries(scenario!.steps[0]!.checks.map((check) => [check.id, check.status]));
    expect(verdicts).toEqual({
      'TOKEN-RESPONSE-SHAPE': 'passed',
      // 1 s tokens: outside Microsoft's 1 to 6 hours (info under the generic profile, so the run still passes).
      'TOKEN-LIFETIME': 'failed',
      'TOKEN-ACCEPTED': 'passed',
      'TOKEN-BAD-SECRET': 'passed',
      'TOKEN-EXPIRED-REFUSED': 'passed',
      'TOKEN-AUDIENCE': 'skipped',
    });
    expect(run.code).toBe(0);
  });
});

describe('usage errors', () => {
  const base = ['run', 'scenarios/spec/discovery.yaml', '--base-url', 'https://scim.example.com/scim/v2'];
  const cases: { args: string[]; env?: Record<string, string>; message: RegExp }[] = [
    { args: ['--client-id', 'c'], message: /--client-id needs --oauth-token-url/ },
    { args: ['--oauth-token-url', 'https://idp.example.com/token'], message: /--oauth-token-url needs --client-id/ },
    {
      args: ['--oauth-token-url', 'https://idp.example.com/token', '--client-id', 'c'],
      message: /no client secret for --client-id c[\s\S]*SCIM_CHECK_CLIENT_SECRET/,
    },
    {
      args: ['--oauth-token-url', 'https://idp.example.com/token', '--client-id', 'c', '--token', 'static-token-123'],
      env: { SCIM_CHECK_CLIENT_SECRET: 's3cret-value' },
      message: /both a bearer token and OAuth client credentials/,
    },
    {
      args: [
        '--oauth-token-url',
        'https://idp.example.com/token',
        '--client-id',
        'c',
        '--client-assertion-key',
        join(dir, 'missing.pem'),
      ],
      message: /cannot read --client-assertion-key .*missing\.pem: ENOENT/,
    },
    {
      args: [
        '--oauth-token-url',
        'https://idp.example.com/token',
        '--client-id',
        'c',
        '--client-assertion-key',
        join(dir, 'bad.pem'),
      ],
      message: /is not a PEM private key[\s\S]*RSA key of 2048 bits or more \(RS256\) or an EC P-256 key \(ES256\)/,
    },
    {
      args: ['--oauth-token-url', 'not a url', '--client-id', 'c'],
      message: /--oauth-token-url "not a url" is not a URL/,
    },
  ];
  beforeAll(() =>
    writeFileSync(join(dir, 'bad.pem'), '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n'),
  );
  for (const { args, env, message } of cases) {
    it(`${args.join(' ')} → exit 2`, async () => {
      const run = await runMain([...base, ...args], env !== undefined ? { env } : {});
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("a refused client is exit 2 with the endpoint's error_description", async () => {
    const server = await startReferenceServer({ port: 0, oauth: {} });
    try {
      const run = await runMain(['run', 'scenarios/spec/discovery.yaml', ...oauthTargetFlags(server)], {
        env: { SCIM_CHECK_CLIENT_SECRET: 'wrong-secret-value' },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('refused the token request: 401 invalid_client: Unknown client or wrong secret.');
      expect(run.stderr).not.toContain('wrong-secret-value');
    } finally {
      await server.close();
    }
  });

  it('warns about a plain-http token endpoint on another host', async () => {
    const run = await runMain(
      [...base, '--oauth-token-url', 'http://192.0.2.1:9/token', '--client-id', 'c', '--timeout', '500'],
      { env: { SCIM_CHECK_CLIENT_SECRET: 's3cret-value' } },
    );
    expect(run.stderr).toContain('the token endpoint http://192.0.2.1:9 is plain http:// and not this machine');
    expect(run.code).toBe(2);
  });
});
