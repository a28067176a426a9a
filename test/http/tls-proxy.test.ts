import { afterEach, describe, expect, it } from 'vitest';
import { readCaFile } from '../../src/http/ca-file.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { createTestClient as createScimClient, type TestClient as ScimClient } from '../support/executor-client.js';
import { runMain } from '../support/run-main.js';
import {
  type ConnectProxy,
  startConnectProxy,
  startTlsFront,
  TEST_CA_FILE,
  type TlsFront,
} from '../support/tls-server.js';

const TOKEN = 'tls-test-token-91c2';
let reference: RunningReferenceServer | undefined;
let front: TlsFront | undefined;
let proxy: ConnectProxy | undefined;
let client: ScimClient | undefined;

afterEach(async () => {
  await client?.close();
  await proxy?.close();
  await front?.close();
  await reference?.close();
  client = proxy = front = reference = undefined;
});

async function httpsTarget(): Promise<TlsFront> {
  reference = await startReferenceServer({ port: 0, token: TOKEN });
  front = await startTlsFront(reference.baseUrl);
  return front;
}

function clientFor(
  baseUrl: string,
  options: Parameters<typeof createScimClient>[0] extends infer O ? Partial<O> : never = {},
): ScimClient {
  client = createScimClient({ baseUrl, token: TOKEN, timeoutMs: 3_000, ...options });
  return client;
}

describe('TLS in the client', () => {
  it('maps an untrusted certificate to TLS_CERT', async () => {
    const target = await httpsTarget();
    const exchange = await clientFor(target.baseUrl).send({ method: 'GET', path: '/Users' });
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toMatchObject({
      code: 'TLS_CERT',
      message: expect.stringMatching(/not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE/),
    });
  });

  it('trusts a CA given with --cacert', async () => {
    const target = await httpsTarget();
    const extraCa = readCaFile(TEST_CA_FILE);
    expect(
      (await clientFor(target.baseUrl, { tls: { extraCa } }).send({ method: 'GET', path: '/Users' })).response?.status,
    ).toBe(200);
  });

  it('skips verification with insecure', async () => {
    const target = await httpsTarget();
    expect(
      (await clientFor(target.baseUrl, { tls: { insecure: true } }).send({ method: 'GET', path: '/Users' })).response
        ?.status,
    ).toBe(200);
  });

  it('rejects a --cacert file that is missing or holds no certificate', () => {
    expect(() => readCaFile('/nonexistent/ca.pem')).toThrow(/cannot read --cacert \/nonexistent\/ca.pem: ENOENT/);
    expect(() => readCaFile(new URL('../../package.json', import.meta.url).pathname)).toThrow(
      /holds no PEM certificate/,
    );
  });
});

describe('proxies in the client', () => {
  it('tunnels https through HTTPS_PROXY with CONNECT, and bypasses it for NO_PROXY hosts', async () => {
    const target = await httpsTarget();
    proxy = await startConnectProxy();
    const extraCa = readCaFile(TEST_CA_FILE);
    const viaProxy = await clientFor(target.baseUrl, { tls: { extraCa }, proxy: { httpsProxy: proxy.url } }).send({
      method: 'GET',
      path: '/Users',
    });
    expect(viaProxy.response?.status).toBe(200);
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`]);
    await client!.close();
    const bypass = await clientFor(target.baseUrl, {
      tls: { extraCa },
      proxy: { httpsProxy: proxy.url, noProxy: 'localhost,127.0.0.1' },
    }).send({ method: 'GET', path: '/Users' });
    expect(bypass.response?.status).toBe(200);
    expect(proxy.tunnels).toHaveLength(1);
  });
});

describe('TLS and proxies through the CLI', () => {
  const SCENARIO = 'scenarios/okta-group-push.yaml';

  it('an untrusted certificate is exit 2 with a hint naming --cacert and -k, and no stack trace', async () => {
    const target = await httpsTarget();
    const run = await runMain(['run', SCENARIO, '--base-url', target.baseUrl], { env: { SCIM_CHECK_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot reach https:\/\/127\.0\.0\.1:\d+\/scim\/v2: the server's TLS certificate is not trusted/,
    );
    expect(run.stderr).toMatch(/hint: .*--cacert FILE, or -k/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--cacert makes the same run pass', async () => {
    const target = await httpsTarget();
    const run = await runMain(['run', SCENARIO, '--base-url', target.baseUrl, '--cacert', TEST_CA_FILE], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).not.toMatch(/insecure/);
  });

  it('-k passes too, but warns on stderr', async () => {
    const target = await httpsTarget();
    const run = await runMain(['run', SCENARIO, '--base-url', target.baseUrl, '-k'], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: -k\/--insecure: the server certificate is not verified/);
  });

  it('a bad --cacert is exit 2 before anything is sent', async () => {
    const run = await runMain(['run', SCENARIO, '--cacert', 'no-such-ca.pem']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read --cacert no-such-ca.pem: ENOENT/);
  });

  it('honours HTTPS_PROXY and NO_PROXY from the environment', async () => {
    const target = await httpsTarget();
    proxy = await startConnectProxy();
    const proxied = await runMain(['run', SCENARIO, '--base-url', target.baseUrl, '--cacert', TEST_CA_FILE], {
      env: { SCIM_CHECK_TOKEN: TOKEN, HTTPS_PROXY: proxy.url },
    });
    expect(proxied.code, proxied.stderr).toBe(0);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${target.port}`]));
    const before = proxy.tunnels.length;
    const direct = await runMain(['run', SCENARIO, '--base-url', target.baseUrl, '--cacert', TEST_CA_FILE], {
      env: { SCIM_CHECK_TOKEN: TOKEN, https_proxy: proxy.url, NO_PROXY: '127.0.0.1' },
    });
    expect(direct.code, direct.stderr).toBe(0);
    expect(proxy.tunnels).toHaveLength(before);
  });

  it('never sends the embedded run through a proxy', async () => {
    proxy = await startConnectProxy();
    const run = await runMain(['run', SCENARIO], { env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } });
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.tunnels).toEqual([]);
  });
});

describe('scheme mix-ups', () => {
  it('https:// to a plain-HTTP port is TLS_ERROR, and http:// to a TLS port is a reset, not a crash', async () => {
    const target = await httpsTarget();
    const plain = reference!.baseUrl.replace('http://', 'https://');
    const wrongTls = await clientFor(plain).send({ method: 'GET', path: '/Users' });
    expect(wrongTls.error).toMatchObject({ code: 'TLS_ERROR', message: expect.stringMatching(/scheme/) });
    await client!.close();
    const wrongPlain = await clientFor(target.baseUrl.replace('https://', 'http://'), { timeoutMs: 1_000 }).send({
      method: 'GET',
      path: '/Users',
    });
    // node:https drops a plain-HTTP request: a reset, retried (GET) and then reported.
    expect(wrongPlain.response).toBeUndefined();
    expect(wrongPlain.error?.code).toBe('ECONNRESET');
  });

  it('through the CLI, https:// to a plain-HTTP server is exit 2 with a scheme hint', async () => {
    reference = await startReferenceServer({ port: 0, token: TOKEN });
    const run = await runMain(
      ['run', 'scenarios/okta-group-push.yaml', '--base-url', reference.baseUrl.replace('http://', 'https://')],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TLS handshake failed/);
    expect(run.stderr).toMatch(/hint: the server does not speak TLS on that port/);
  });
});
