import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { request as undiciRequest } from 'undici';
import type { Exchange } from '../http/exchange.js';
import { readBody } from '../http/read-body.js';
import { maskCredentials } from '../http/redactor.js';
import { scimErrorBody } from '../scim/scim-error.js';
import type { HarStream } from './har-stream.js';
import { recogniseIdp } from './recognise-idp.js';
import { recordedEntry } from './recorded-entry.js';
import { credentialSecrets } from './request-secrets.js';

/** How to run the recording proxy. */
export interface RecordingProxyOptions {
  /** Where requests go, e.g. `https://app.example.com/scim/v2`. */
  targetBaseUrl: string;
  host: string;
  port: number;
  /** PEM certificate and key: terminate TLS (IdPs call only https URLs). */
  tls?: { cert: Buffer; key: Buffer };
  har: HarStream;
  /** Learns each credential before anything about its request is written (the CLI's output guard). */
  protect(secrets: readonly string[]): void;
  /** Told about each recorded exchange, after its entry is in the HAR (the live console line). */
  onRecorded(line: RecordedLine): void;
  /** undici dispatcher for the target (TLS settings, timeouts). */
  dispatcher: Dispatcher;
  /** Body bytes kept in the HAR per request and per response; the IdP and the target always get all of it. */
  maxRecordedBodyBytes?: number;
}

/** What the console shows for one request. */
export interface RecordedLine {
  at: Date;
  idp?: string;
  method: string;
  /** Path below the host, with the query. */
  path: string;
  /** Status sent back to the IdP. */
  status: number;
  durationMs: number;
  /** Why the target could not be reached, when it could not (the IdP got a 502). */
  error?: string;
}

export interface RunningRecordingProxy {
  /** The URL to give the IdP (behind a tunnel: the tunnel's URL with this path). */
  url: string;
  address: AddressInfo;
  close(): Promise<void>;
}

/** Recorded bodies are cut here by default: a SCIM request or page is far smaller; an export is not worth a HAR of gigabytes. */
export const DEFAULT_MAX_RECORDED_BODY_BYTES = 1_048_576;
/** Largest request body the proxy accepts at all (it holds one in memory to forward it). */
const MAX_FORWARDED_BODY_BYTES = 64 * 1_048_576;

/** RFC 9110 §7.6.1: connection-specific headers a proxy must not forward, plus those undici sets itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

function flatHeaders(
  headers: IncomingMessage['headers'] | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function forwardable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/**
 * The target URL for a request path. An IdP configured with the proxy's URL plus the target's
 * base path (`https://tunnel.example/scim/v2`) sends paths that already start with it; one
 * configured with the bare proxy URL sends `/Users…`, which goes below the target's base path.
 */
export function targetUrlFor(targetBaseUrl: string, requestTarget: string): string {
  const base = new URL(targetBaseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const path = requestTarget.startsWith('/') ? requestTarget : `/${requestTarget}`;
  const pathname = path.split('?', 1)[0]!;
  const below = pathname === basePath || pathname.startsWith(`${basePath}/`) ? path : `${basePath}${path}`;
  return `${base.origin}${below}`;
}

async function readRequestBody(request: IncomingMessage): Promise<Buffer | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORWARDED_BODY_BYTES) return 'too large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A body as the HAR keeps it: decoded text, cut at `limit` bytes. */
async function recordedText(
  body: Buffer,
  contentEncoding: string | undefined,
  limit: number,
): Promise<{ text: string; size: number; note?: string }> {
  const read = await readBody(Readable.from([body]), contentEncoding, limit);
  if (read.decodeError !== undefined) return { text: '', size: body.length, note: read.decodeError };
  const notes = [
    read.truncated
      ? `body cut at ${limit} bytes by scim-check record (the IdP and the server got all of it)`
      : undefined,
    contentEncoding !== undefined && contentEncoding !== 'identity'
      ? `decoded from Content-Encoding ${contentEncoding}`
      : undefined,
  ].filter((note) => note !== undefined);
  return { text: read.text, size: body.length, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

/**
 * A reverse proxy that records: every request goes to the target unchanged (method, path, query,
 * headers but hop-by-hop ones, body; the IdP's own Authorization included) and the answer comes
 * back unchanged; each exchange becomes a HAR entry, its credentials learnt and redacted first.
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RunningRecordingProxy> {
  const limit = options.maxRecordedBodyBytes ?? DEFAULT_MAX_RECORDED_BODY_BYTES;
  let sequence = 0;
  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const startedAt = new Date();
    const started = performance.now();
    const method = incoming.method ?? 'GET';
    const requestTarget = incoming.url ?? '/';
    const requestHeaders = flatHeaders(incoming.headers);
    // Learnt before anything about this request is written: the token is not known in advance.
    options.protect(credentialSecrets(requestHeaders));
    const url = targetUrlFor(options.targetBaseUrl, requestTarget);
    const body = await readRequestBody(incoming);
    let status: number;
    let responseHeaders: Record<string, string> = {};
    let responseBody: Buffer = Buffer.alloc(0);
    let error: Exchange['error'];
    if (body === 'too large') {
      status = 413;
      error = { code: 'TOO_LARGE', message: `request body over ${MAX_FORWARDED_BODY_BYTES} bytes: not forwarded` };
    } else {
      try {
        const answer = await undiciRequest(url, {
          method: method as Dispatcher.HttpMethod,
          headers: forwardable(requestHeaders),
          ...(body.length > 0 || !['GET', 'HEAD'].includes(method) ? { body } : {}),
          dispatcher: options.dispatcher,
        });
        status = answer.statusCode;
        responseHeaders = flatHeaders(answer.headers);
        responseBody = Buffer.from(await answer.body.arrayBuffer());
      } catch (cause) {
        const reason =
          cause instanceof Error
            ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}`
            : String(cause);
        status = 502;
        error = {
          code: 'TARGET_UNREACHABLE',
          message: `the target ${options.targetBaseUrl} could not be reached (${reason})`,
        };
      }
    }
    if (error !== undefined) {
      // RFC 7644 §3.12: a SCIM Error body, so the IdP logs a readable reason.
      responseHeaders = { 'content-type': 'application/scim+json' };
      responseBody = Buffer.from(JSON.stringify(scimErrorBody(status, `scim-check record: ${error.message}`)));
    }
    const sentHeaders = forwardable(responseHeaders);
    if (!outgoing.headersSent) {
      outgoing.writeHead(status, { ...sentHeaders, 'content-length': String(responseBody.length) });
      outgoing.end(responseBody);
    }
    const durationMs = performance.now() - started;
    sequence += 1;
    const request =
      body === 'too large' ? undefined : await recordedText(body, requestHeaders['content-encoding'], limit);
    const response = await recordedText(responseBody, responseHeaders['content-encoding'], limit);
    const recognised = recogniseIdp({
      method,
      path: requestTarget,
      headers: requestHeaders,
      ...(request !== undefined && request.text !== '' ? { body: request.text } : {}),
    });
    const exchange: Exchange = {
      id: sequence,
      request: {
        method,
        url,
        headers: maskCredentials(requestHeaders),
        ...(request !== undefined && request.size > 0 ? { body: request.text } : {}),
      },
      response: { status, headers: maskCredentials(responseHeaders), body: response.text },
      ...(error === undefined ? {} : { error }),
      startedAt: startedAt.toISOString(),
      durationMs,
    };
    await options.har.append(
      recordedEntry(exchange, {
        ...(recognised === undefined ? {} : { idp: recognised.idp, idpReason: recognised.reason }),
        recordedAt: startedAt.toISOString(),
        exchangeId: sequence,
        requestNote: request?.note,
        requestSize: request?.size,
        responseNote: response.note,
        responseSize: response.size,
      }),
    );
    options.onRecorded({
      at: startedAt,
      ...(recognised === undefined ? {} : { idp: recognised.idp }),
      method,
      path: requestTarget,
      status,
      durationMs,
      ...(error === undefined ? {} : { error: error.message }),
    });
  };
  const listener = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    handle(incoming, outgoing).catch(() => {
      // A HAR write that failed (disk full) must not take the proxy down mid-provisioning; the IdP still got its answer.
      if (!outgoing.headersSent) {
        outgoing.writeHead(502);
        outgoing.end();
      }
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttpServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
  const basePath = new URL(options.targetBaseUrl).pathname.replace(/\/$/, '');
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}${basePath}`,
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests have had their answer written; keep-alive sockets would hold close() open.
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 1_000).unref();
      }),
  };
}
