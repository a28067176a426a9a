import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server/index.js';

/** A deliberate deviation: given the parsed request, return the body to forward instead (or the same). */
export interface Deviation {
  /** Rewrite the request body before the reference server sees it; return undefined to keep it. */
  rewriteRequest?(method: string, path: string, body: unknown): unknown;
  /** Rewrite the response body the client sees; return undefined to keep it. */
  rewriteResponse?(method: string, path: string, status: number, body: unknown): unknown;
}

export interface BrokenServer {
  baseUrl: string;
  token: string;
  /** Requests seen, as `METHOD path`. */
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

function parse(buffer: Buffer): unknown {
  if (buffer.length === 0) return undefined;
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A SCIM server with one deliberate bug: a loopback proxy in front of a real reference server
 * that rewrites requests or responses. The server behind it stays correct, so each test breaks
 * exactly one behaviour and everything else stays compliant.
 */
export async function startBrokenServer(deviation: Deviation, token = 'broken-server-token'): Promise<BrokenServer> {
  const upstream: RunningReferenceServer = await startReferenceServer({ port: 0, token });
  const upstreamUrl = new URL(upstream.baseUrl);
  const seen: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').replace(upstreamUrl.pathname, '') || '/';
    seen.push(`${method} ${path}`);
    let body = await readBody(req);
    const rewritten = deviation.rewriteRequest?.(method, path, parse(body));
    if (rewritten !== undefined) body = Buffer.from(JSON.stringify(rewritten));
    const headers = { ...req.headers, host: upstreamUrl.host, 'content-length': String(body.length) };
    const forward = httpRequest({ host: upstreamUrl.hostname, port: upstreamUrl.port, method, path: req.url, headers }, async (upstreamRes) => {
      let responseBody = await readBody(upstreamRes);
      const status = upstreamRes.statusCode ?? 502;
      const changed = deviation.rewriteResponse?.(method, path, status, parse(responseBody));
      if (changed !== undefined) responseBody = Buffer.from(JSON.stringify(changed));
      const responseHeaders = { ...upstreamRes.headers };
      if (responseHeaders['content-length'] !== undefined) responseHeaders['content-length'] = String(responseBody.length);
      res.writeHead(status, responseHeaders);
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
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
