import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import {
  type ReferenceServerOptions,
  type RunningReferenceServer,
  startReferenceServer,
} from '../../src/server/index.js';

/*
 * The plumbing the deliberately misbehaving test servers share: each is a loopback proxy in
 * front of a real reference server, so the server behind stays correct and a test breaks
 * exactly the one behaviour its proxy changes.
 */

/** The whole body of a request or an answer. */
export function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/** A body as JSON: undefined when empty, `invalid` (default undefined) when it is not JSON. */
export function parseJsonLoosely(raw: Buffer | string, invalid?: unknown): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return invalid;
  }
}

const acceptedSockets = new WeakMap<NetServer, Set<Socket>>();

/**
 * Listens on a free port on 127.0.0.1 and returns the port. Keeps every socket the server
 * accepts so that closeServer can end them all, CONNECT tunnels and hanging answers included
 * (closeAllConnections misses tunnels).
 */
export async function listenOnLoopback(server: NetServer): Promise<number> {
  const sockets = new Set<Socket>();
  acceptedSockets.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Stops a server started with listenOnLoopback at once: destroys every open connection, then waits until it no longer listens. */
export async function closeServer(server: NetServer): Promise<void> {
  for (const socket of acceptedSockets.get(server) ?? []) socket.destroy();
  if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** What the reference server answered, read whole. */
export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends one request to the reference server (Host and Content-Length set for `body`) and reads
 * the whole answer; rejects when the reference server cannot be reached.
 */
export function forwardToUpstream(
  upstreamUrl: URL,
  request: { method: string | undefined; path: string | undefined; headers: IncomingHttpHeaders },
  body: Buffer,
): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, host: upstreamUrl.host, 'content-length': String(body.length) };
    const outgoing = httpRequest(
      { host: upstreamUrl.hostname, port: upstreamUrl.port, method: request.method, path: request.path, headers },
      (answer) => {
        readBody(answer).then(
          (answerBody) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: answerBody }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** What a proxy's request handler may use besides the request and the response. */
export interface ProxyContext {
  /** Base URL of the reference server behind the proxy, e.g. `http://127.0.0.1:41234/scim/v2`. */
  upstreamUrl: URL;
  /** The request's path and query below the reference server's base path, e.g. `/Users?count=1`; `/` for the base itself. */
  path: string;
  /** The proxy's own server, for faults that stop it. */
  server: Server;
}

export interface ProxyOptions {
  /** How to start the reference server behind the proxy; it listens on a free port unless this says otherwise. */
  reference: ReferenceServerOptions;
  /** Answers one request, usually by changing it, forwarding it with forwardToUpstream, and changing the answer. */
  onRequest(req: IncomingMessage, res: ServerResponse, context: ProxyContext): void | Promise<void>;
}

export interface LoopbackProxy {
  /** The proxy's URL with the reference server's base path: what clients are pointed at. */
  baseUrl: string;
  upstream: RunningReferenceServer;
  /** Stops the proxy (every connection) and then the reference server. */
  close(): Promise<void>;
}

/**
 * Starts a reference server and a loopback proxy in front of it. When `onRequest` throws or
 * forwarding fails, the client gets 502 with no body (or a dropped connection if the answer had begun).
 */
export async function startProxy(options: ProxyOptions): Promise<LoopbackProxy> {
  const upstream = await startReferenceServer({ port: 0, ...options.reference });
  const upstreamUrl = new URL(upstream.baseUrl);
  const server: Server = createServer(async (req, res) => {
    try {
      const url = req.url ?? '/';
      const path = (url.startsWith(upstreamUrl.pathname) ? url.slice(upstreamUrl.pathname.length) : url) || '/';
      await options.onRequest(req, res, { upstreamUrl, path, server });
    } catch {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502);
      res.end();
    }
  });
  const port = await listenOnLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}${upstreamUrl.pathname}`,
    upstream,
    async close() {
      await closeServer(server);
      await upstream.close();
    },
  };
}
