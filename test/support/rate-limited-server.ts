import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server/index.js';

export interface RateLimitOptions {
  /** Refuse every Nth request that `applies` to (1 = all of them). */
  every: number;
  /** Status of the refusal; default 429. */
  status?: number;
  /** Retry-After value sent with the refusal; default '1'; null sends none. */
  retryAfter?: string | null;
  /** Which requests count towards `every`; default all of them. */
  applies?(method: string, path: string): boolean;
}

export interface RateLimitedServer {
  baseUrl: string;
  token: string;
  /** The reference server behind the proxy, to inspect what is left on it. */
  upstream: RunningReferenceServer;
  /** Requests refused so far, and all requests seen, as `METHOD path`. */
  refused: string[];
  seen: string[];
  close(): Promise<void>;
}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/**
 * A rate-limiting SCIM server: a loopback proxy in front of a real reference server that answers
 * every Nth request with 429 and `Retry-After: 1` (or another refusal) instead of forwarding it,
 * the way a SaaS API gateway sheds load during an initial sync.
 */
export async function startRateLimitedServer(options: RateLimitOptions, token = 'rate-limited-token'): Promise<RateLimitedServer> {
  const upstream = await startReferenceServer({ port: 0, token });
  const upstreamUrl = new URL(upstream.baseUrl);
  const refused: string[] = [];
  const seen: string[] = [];
  let counted = 0;
  const server: Server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').replace(upstreamUrl.pathname, '') || '/';
    seen.push(`${method} ${path}`);
    const body = await readBody(req);
    if (options.applies?.(method, path) ?? true) {
      counted += 1;
      if (counted % options.every === 0) {
        refused.push(`${method} ${path}`);
        const retryAfter = options.retryAfter === undefined ? '1' : options.retryAfter;
        const status = options.status ?? 429;
        const payload = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: 'Too many requests' });
        res.writeHead(status, { 'content-type': 'application/scim+json', ...(retryAfter !== null ? { 'retry-after': retryAfter } : {}) });
        res.end(payload);
        return;
      }
    }
    const headers = { ...req.headers, host: upstreamUrl.host, 'content-length': String(body.length) };
    const forward = httpRequest({ host: upstreamUrl.hostname, port: upstreamUrl.port, method, path: req.url, headers }, async (upstreamRes) => {
      const responseBody = await readBody(upstreamRes);
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      res.end(responseBody);
    });
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    forward.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${upstreamUrl.pathname}`,
    token,
    upstream,
    refused,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
