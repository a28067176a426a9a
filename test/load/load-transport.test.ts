import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../src/http/transport.js';
import { createLoadTransport, LOAD_MAX_BODY_BYTES } from '../../src/load/load-transport.js';
import { closeServer, listenOnLoopback } from '../support/loopback-proxy.js';

/*
 * The load transport on its own, against real loopback servers: one try per call, --timeout over
 * the whole request, the body cap, and the token only where it belongs.
 */

const TOKEN = 'load-transport-token-2b9e';
let server: Server | undefined;
let transport: Transport | undefined;

afterEach(async () => {
  await transport?.close();
  if (server) await closeServer(server);
  server = undefined;
  transport = undefined;
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { timeoutMs?: number; maxBodyBytes?: number } = {},
): Promise<{ baseUrl: string; transport: Transport }> {
  server = createServer(handler);
  const port = await listenOnLoopback(server);
  const baseUrl = `http://127.0.0.1:${port}/scim/v2`;
  transport = createLoadTransport({
    baseUrl,
    token: TOKEN,
    connections: 2,
    timeoutMs: options.timeoutMs ?? 2000,
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  return { baseUrl, transport };
}

const get = (baseUrl: string, path: string, extra: { anonymous?: boolean } = {}) => ({
  method: 'GET',
  url: new URL(`${baseUrl}${path}`),
  headers: { accept: 'application/scim+json' },
  ...extra,
});

describe('load transport', () => {
  it('makes exactly one try: a 429 comes back as it is, with Retry-After, for the executor to decide', async () => {
    let hits = 0;
    const { baseUrl, transport } = await serve((_req, res) => {
      hits += 1;
      res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/scim+json' });
      res.end('{"status":"429"}');
    });
    const result = await transport.send(get(baseUrl, '/Users'));
    expect(hits).toBe(1);
    expect(result.response?.status).toBe(429);
    expect(result.response?.headers['retry-after']).toBe('7');
    expect(result.response?.json).toEqual({ status: '429' });
    expect(result.error).toBeUndefined();
  });

  it('adds the token for the --base-url origin only, and records neither it nor any request header', async () => {
    const seen: Array<string | undefined> = [];
    const { baseUrl, transport } = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(204);
      res.end();
    });
    const result = await transport.send(get(baseUrl, '/Users/abc'));
    await transport.send(get(baseUrl, '/Users/abc', { anonymous: true }));
    expect(seen).toEqual([`Bearer ${TOKEN}`, undefined]);
    expect(result.request.headers).toEqual({});
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    // Another origin is never sent to, with or without the token.
    const elsewhere = await transport.send({
      method: 'GET',
      url: new URL('http://127.0.0.2:9/scim/v2/Users'),
      headers: {},
    });
    expect(elsewhere.error?.code).toBe('OTHER_ORIGIN');
    expect(seen).toHaveLength(2);
  });

  it('bounds a body dripped one byte at a time by --timeout, though bytes keep coming', async () => {
    const { baseUrl, transport } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/scim+json' });
        res.write('{');
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      },
      { timeoutMs: 600 },
    );
    const started = performance.now();
    const result = await transport.send(get(baseUrl, '/Users'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.error?.code).toBe('TIMEOUT');
    expect(result.error?.message).toContain('600 ms');
  });

  it('stops reading an endless body at the cap and fails the try with BODY_TOO_LARGE', async () => {
    let written = 0;
    const { baseUrl, transport } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/scim+json' });
        const block = Buffer.alloc(16 * 1024, ' ');
        const pump = (): void => {
          while (!res.destroyed) {
            written += block.length;
            if (!res.write(block)) return void res.once('drain', pump);
          }
        };
        pump();
      },
      { maxBodyBytes: 64 * 1024 },
    );
    const result = await transport.send(get(baseUrl, '/Users'));
    expect(result.error?.code).toBe('BODY_TOO_LARGE');
    expect(result.response?.status).toBe(200);
    // Nothing of a cut body is kept or parsed.
    expect(result.response?.body).toBe('');
    expect(result.response?.json).toBeUndefined();
    expect(written).toBeLessThan(32 * 1024 * 1024);
    expect(LOAD_MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  it('decodes a gzip answer and parses its JSON only when read', async () => {
    const payload = { id: 'u1', userName: 'ada' };
    const { baseUrl, transport } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/scim+json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(payload)));
    });
    const result = await transport.send(get(baseUrl, '/Users/u1'));
    expect(result.response?.body).toBe(JSON.stringify(payload));
    expect(result.response?.json).toEqual(payload);
  });
});
