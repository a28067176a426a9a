import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { closeServer, listenOnLoopback } from './loopback-proxy.js';

const TLS_DIR = fileURLToPath(new URL('../../fixtures/tls/', import.meta.url));

/** The test CA (fixtures/tls/ca.pem), for --cacert. */
export const TEST_CA_FILE = `${TLS_DIR}ca.pem`;

export interface TlsFront {
  /** `https://127.0.0.1:PORT/scim/v2`-style base URL of the upstream, served over TLS. */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/**
 * An HTTPS server with the test certificate (127.0.0.1, signed by the test CA) that forwards
 * every request to a plain-HTTP upstream: TLS in front of the reference server.
 */
export async function startTlsFront(upstreamBaseUrl: string): Promise<TlsFront> {
  const upstream = new URL(upstreamBaseUrl);
  const server = createHttpsServer(
    { key: readFileSync(`${TLS_DIR}server.key`), cert: readFileSync(`${TLS_DIR}server.pem`) },
    (req, res) => {
      const outgoing = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      outgoing.on('error', () => res.destroy());
      req.pipe(outgoing);
    },
  );
  const port = await listenOnLoopback(server);
  return { baseUrl: `https://127.0.0.1:${port}${upstream.pathname}`, port, close: () => closeServer(server) };
}

export interface ConnectProxy {
  url: string;
  /** `host:port` of every CONNECT tunnel asked for. */
  tunnels: string[];
  close(): Promise<void>;
}

/** A minimal forward proxy that only speaks CONNECT (what undici's ProxyAgent uses, for http and https alike). */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const server = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req, clientSocket: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host, port] = target.split(':');
    const upstream = netConnect(Number(port), host ?? '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
    clientSocket.on('close', () => upstream.destroy());
  });
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, tunnels, close: () => closeServer(server) };
}
