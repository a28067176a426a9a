import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/http/redactor.js';
import {
  createTestClient as createScimClient,
  type TestClient as ScimClient,
  type TestClientOptions as ScimClientOptions,
} from '../support/executor-client.js';
import { type Fault, type FaultServer, on, startFaultServer } from '../support/fault-server.js';
import { closeServer, listenOnLoopback } from '../support/loopback-proxy.js';

let server: FaultServer | undefined;
let client: ScimClient | undefined;
const extra: Server[] = [];

afterEach(async () => {
  await client?.close();
  await server?.close();
  for (const other of extra.splice(0)) await closeServer(other);
  client = undefined;
  server = undefined;
});

async function faulty(
  fault: Fault,
  when = on.always(),
  times?: number,
  clientOptions: Partial<ScimClientOptions> = {},
): Promise<ScimClient> {
  server = await startFaultServer([{ when, fault, ...(times !== undefined ? { times } : {}) }]);
  client = createScimClient({ baseUrl: server.baseUrl, token: server.token, timeoutMs: 2_000, ...clientOptions });
  return client;
}

/** A second origin that records whether anything reached it, and with which Authorization. */
async function witness(): Promise<{ url: string; hits: (string | undefined)[] }> {
  const hits: (string | undefined)[] = [];
  const other = createServer((req, res) => {
    hits.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/scim+json' });
    res.end('{"Resources":[]}');
  });
  extra.push(other);
  return { url: `http://127.0.0.1:${await listenOnLoopback(other)}`, hits };
}

const GET_USERS = { method: 'GET', path: '/Users' } as const;

describe('the SCIM client against misbehaving servers: it never throws and says what went wrong', () => {
  it('reports a refused connection', async () => {
    const scim = await faulty({ kind: 'refuse' });
    const exchange = await scim.send({ method: 'POST', path: '/Users', body: { userName: 'x' } });
    // The first request's socket dies (a reset; POST is not retried).
    expect(exchange.error?.code).toBe('ECONNRESET');
    expect(exchange.retryNote).toMatch(/POST is not idempotent/);
    const next = await scim.send(GET_USERS);
    expect(next.response).toBeUndefined();
    expect(next.error).toMatchObject({ code: 'ECONNREFUSED', message: expect.stringMatching(/connection refused/) });
  });

  it('retries an idempotent GET after a reset mid-body, and shows the earlier try', async () => {
    const scim = await faulty({ kind: 'reset-mid-body' }, on.always(), 1);
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.status).toBe(200);
    expect(exchange.error).toBeUndefined();
    expect(exchange.attempts).toHaveLength(1);
    expect(exchange.attempts![0]).toMatchObject({
      error: { code: 'ECONNRESET' },
      reason: expect.stringMatching(/idempotent GET/),
    });
    expect(server!.seen.filter((seen) => seen.path.startsWith('/Users'))).toHaveLength(2);
  });

  it('never retries a POST or PATCH after a reset (it could apply twice)', async () => {
    const scim = await faulty({ kind: 'reset' }, on.always(), 1);
    const post = await scim.send({ method: 'POST', path: '/Users', body: { userName: 'once' } });
    expect(post.error?.code).toBe('ECONNRESET');
    expect(post.attempts).toBeUndefined();
    expect(post.retryNote).toMatch(/POST is not idempotent/);
    expect(server!.seen).toHaveLength(1);
  });

  it('gives up on a server that never answers, at --timeout', async () => {
    const scim = await faulty({ kind: 'hang' }, on.always(), undefined, { timeoutMs: 300 });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.error).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/300 ms.*--timeout/) });
  });

  it('gives up on slow headers at --timeout', async () => {
    const scim = await faulty({ kind: 'slow-headers', delayMs: 5_000 }, on.always(), undefined, { timeoutMs: 300 });
    expect((await scim.send(GET_USERS)).error?.code).toBe('TIMEOUT');
  });

  it('gives up on a body dripping forever, at --timeout (the idle timer alone would never fire)', async () => {
    const scim = await faulty({ kind: 'drip-body', everyMs: 20 }, on.always(), undefined, { timeoutMs: 400 });
    expect((await scim.send(GET_USERS)).error?.code).toBe('TIMEOUT');
  });

  it('records 500s, HTML 502 pages, invalid JSON and empty 200s as answers for the checks to judge', async () => {
    const scim = await faulty({
      kind: 'respond',
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const html = await scim.send(GET_USERS);
    expect(html).toMatchObject({ response: { status: 502, body: expect.stringContaining('Bad Gateway') } });
    expect(html.response?.json).toBeUndefined();
    expect(html.error).toBeUndefined();
    await client!.close();
    await server!.close();

    const broken = await faulty({
      kind: 'respond',
      status: 200,
      body: '{"schemas": [',
      headers: { 'content-type': 'application/scim+json' },
    });
    const invalid = await broken.send(GET_USERS);
    expect(invalid.response).toMatchObject({ status: 200, body: '{"schemas": [' });
    expect(invalid.response?.json).toBeUndefined();
    await client!.close();
    await server!.close();

    const empty = await faulty({ kind: 'respond', status: 200 });
    expect((await empty.send(GET_USERS)).response).toMatchObject({ status: 200, body: '' });
  });

  it('caps an enormous body, says so, and stops reading', async () => {
    const scim = await faulty({ kind: 'huge-body', bytes: 64 * 1024 * 1024 }, on.always(), undefined, {
      maxBodyBytes: 1024 * 1024,
    });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.response?.body.length).toBe(1024 * 1024);
    expect(exchange.error).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: expect.stringMatching(/larger than 1 MiB/),
    });
  });

  it('caps a small gzip body that inflates without end (a zip bomb) after decoding', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, ' '));
    const other = createServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/scim+json',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      });
      res.end(bomb);
    });
    extra.push(other);
    client = createScimClient({
      baseUrl: `http://127.0.0.1:${await listenOnLoopback(other)}`,
      token: 't0ken',
      timeoutMs: 2_000,
      maxBodyBytes: 1024 * 1024,
    });
    const exchange = await client.send(GET_USERS);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.error?.code).toBe('BODY_TOO_LARGE');
  });

  it.each(['gzip', 'deflate', 'br'] as const)('decodes a %s body', async (coding) => {
    const scim = await faulty({ kind: 'compress', coding });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.headers['content-encoding']).toBe(coding);
    expect(exchange.response?.json).toMatchObject({ totalResults: 0, Resources: [] });
    expect(exchange.error).toBeUndefined();
  });

  it('says so when a body is not what its Content-Encoding claims', async () => {
    const scim = await faulty({ kind: 'rewrite', headers: (real) => ({ ...real, 'content-encoding': 'gzip' }) });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.status).toBe(200);
    expect(exchange.error).toMatchObject({ code: 'BAD_ENCODING', message: expect.stringMatching(/not valid gzip/) });
    await client!.close();
    await server!.close();
    const odd = await faulty({ kind: 'rewrite', headers: (real) => ({ ...real, 'content-encoding': 'zstd-ish' }) });
    expect((await odd.send(GET_USERS)).error).toMatchObject({
      code: 'BAD_ENCODING',
      message: expect.stringMatching(/zstd-ish/),
    });
  });

  it('reads a chunked body', async () => {
    const scim = await faulty({ kind: 'chunked' });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.headers['transfer-encoding']).toBe('chunked');
    expect(exchange.response?.json).toMatchObject({ totalResults: 0 });
  });

  it('never follows a redirect: reports it with its Location, and the other origin sees nothing', async () => {
    const other = await witness();
    const scim = await faulty({ kind: 'respond', status: 302, headers: { location: `${other.url}/scim/v2/Users` } });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.status).toBe(302);
    expect(exchange.error).toMatchObject({
      code: 'REDIRECT',
      message: expect.stringContaining(`redirecting to ${other.url}/scim/v2/Users`),
    });
    expect(other.hits).toEqual([]);
  });

  it('records a redirect a probe asks for as its answer, still without following it', async () => {
    const other = await witness();
    const scim = await faulty({ kind: 'respond', status: 308, headers: { location: `${other.url}/scim/v2/Users/me` } });
    const exchange = await scim.send({ method: 'GET', path: '/Me', redirectIsAnswer: true });
    expect(exchange.response?.status).toBe(308);
    expect(exchange.error).toBeUndefined();
    expect(other.hits).toEqual([]);
  });

  it('sends the token only to the --base-url origin, even for an absolute URL elsewhere', async () => {
    const other = await witness();
    const scim = await faulty({ kind: 'respond', status: 200, body: '{}' });
    await scim.send({ method: 'GET', path: `${other.url}/scim/v2/Users/abc` });
    await scim.send(GET_USERS);
    expect(other.hits).toEqual([undefined]);
    expect(server!.seen[0]?.authorization).toBe(`Bearer ${server!.token}`);
  });

  it('records what the server said as it said it, and masks only the credentials it was sent', async () => {
    // Redaction belongs to the outputs (src/report/output-guard.ts; test/safety/hostile-secrets.test.ts
    // greps every one of them): the data under test is never rewritten, so a short token cannot corrupt it.
    const secret = 'fault-server-token';
    const scim = await faulty({
      kind: 'respond',
      status: 307,
      body: `{"detail":"bad token ${secret}"}`,
      headers: { location: `https://evil.example/?t=${secret}`, 'x-echo': `Bearer ${secret}` },
    });
    const exchange = await scim.send(GET_USERS);
    expect(exchange.response?.headers.location).toBe(`https://evil.example/?t=${secret}`);
    expect(exchange.response?.body).toBe(`{"detail":"bad token ${secret}"}`);
    expect(exchange.request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(createRedactor([secret])(JSON.stringify(exchange))).not.toContain(secret);
  });
});
