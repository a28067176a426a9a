import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { ReferenceServerOptions, RunningReferenceServer } from '../../src/server/index.js';
import { closeServer, forwardToUpstream, type ProxyContext, readBody, startProxy } from './loopback-proxy.js';

/**
 * One misbehaviour. Faults marked "forwarded" let the reference server behind handle the
 * request first and then spoil its answer; the others answer without forwarding, so the
 * reference server never sees the request.
 */
export type Fault =
  /** Close the listening socket and every connection: later connects are refused. */
  | { kind: 'refuse' }
  /** Headers promising a longer body, part of it, then a TCP reset. Forwarded. */
  | { kind: 'reset-mid-body' }
  /** Destroy the socket before any answer (a reset with no response at all). */
  | { kind: 'reset' }
  /** Never answer. */
  | { kind: 'hang' }
  /** Answer correctly, but only after `delayMs` (slow headers). Forwarded. */
  | { kind: 'slow-headers'; delayMs: number }
  /** Send the headers, then one byte of body every `everyMs` forever. */
  | { kind: 'drip-body'; everyMs: number }
  /** A canned answer. */
  | { kind: 'respond'; status: number; body?: string; headers?: Record<string, string> }
  /** The real answer, with its body or headers rewritten. Forwarded. */
  | {
      kind: 'rewrite';
      body?: (real: string) => string;
      headers?: (real: Record<string, string>) => Record<string, string>;
    }
  /** The real answer, compressed. Forwarded. */
  | { kind: 'compress'; coding: 'gzip' | 'deflate' | 'br' }
  /** The real answer in chunked transfer coding, a few bytes per chunk. Forwarded. */
  | { kind: 'chunked' }
  /** `bytes` of body (not JSON), streamed as fast as the client reads. */
  | { kind: 'huge-body'; bytes: number };

/** A request as the fault server saw it; `n` counts from 1 across the server's life. */
export interface SeenRequest {
  n: number;
  method: string;
  /** Path below the SCIM base path, with the query: `/Users?filter=…`. */
  path: string;
  authorization: string | undefined;
  faulted: Fault['kind'] | undefined;
}

/** Which requests get which fault; `times` limits how often the rule fires (default: always). */
export interface FaultRule {
  when(request: Omit<SeenRequest, 'faulted'>): boolean;
  fault: Fault;
  times?: number;
}

export interface FaultServer {
  baseUrl: string;
  token: string;
  seen: SeenRequest[];
  upstream: RunningReferenceServer;
  close(): Promise<void>;
}

/** Rule helpers: the preflight (GET /ServiceProviderConfig, GET /Users) is left alone by these. */
export const on = {
  firstUserCreate: (): FaultRule['when'] => (request) =>
    request.method === 'POST' && /^\/Users\/?(\?|$)/.test(request.path),
  method:
    (method: string, prefix: string): FaultRule['when'] =>
    (request) =>
      request.method === method && request.path.startsWith(prefix),
  after:
    (n: number): FaultRule['when'] =>
    (request) =>
      request.n > n,
  always: (): FaultRule['when'] => () => true,
};

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The reference server's answer, uncompressed and with the framing headers left to the fault. */
async function forward(upstreamUrl: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  const headers = { ...req.headers };
  delete headers['accept-encoding'];
  const answer = await forwardToUpstream(upstreamUrl, { method: req.method, path: req.url, headers }, body);
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers))
    if (typeof value === 'string') responseHeaders[name] = value;
  delete responseHeaders['content-length'];
  delete responseHeaders['transfer-encoding'];
  delete responseHeaders.connection;
  delete responseHeaders['keep-alive'];
  return { status: answer.status, headers: responseHeaders, body: answer.body };
}

function send(res: ServerResponse, upstream: Upstream): void {
  res.writeHead(upstream.status, { ...upstream.headers, 'content-length': String(upstream.body.length) });
  res.end(upstream.body);
}

/**
 * A SCIM server that misbehaves on purpose: a loopback proxy in front of a real reference
 * server, applying the first matching rule's fault to each request. Requests no rule matches
 * pass through untouched, so a test breaks exactly one thing (after the preflight, if it likes).
 */
export async function startFaultServer(
  rules: FaultRule[],
  options: { token?: string; reference?: ReferenceServerOptions } = {},
): Promise<FaultServer> {
  const token = options.token ?? 'fault-server-token';
  const seen: SeenRequest[] = [];
  const fired = new Map<FaultRule, number>();
  const timers = new Set<NodeJS.Timeout>();

  const proxy = await startProxy({
    reference: { ...options.reference, token },
    async onRequest(req, res, context) {
      const base = {
        n: seen.length + 1,
        method: req.method ?? 'GET',
        path: context.path,
        authorization: req.headers.authorization,
      };
      const rule = rules.find(
        (candidate) =>
          (candidate.times === undefined || (fired.get(candidate) ?? 0) < candidate.times) && candidate.when(base),
      );
      if (rule) fired.set(rule, (fired.get(rule) ?? 0) + 1);
      seen.push({ ...base, faulted: rule?.fault.kind });
      const body = await readBody(req);
      try {
        await apply(rule?.fault, req, res, body, context);
      } catch {
        res.destroy();
      }
    },
  });

  async function apply(
    fault: Fault | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    { upstreamUrl, server }: ProxyContext,
  ): Promise<void> {
    switch (fault?.kind) {
      case undefined:
        return send(res, await forward(upstreamUrl, req, body));
      case 'refuse':
        res.destroy();
        void closeServer(server);
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'reset-mid-body': {
        const real = await forward(upstreamUrl, req, body);
        res.writeHead(real.status, { ...real.headers, 'content-length': String(real.body.length + 1000) });
        res.write(real.body.subarray(0, Math.max(1, Math.floor(real.body.length / 2))));
        const timer = setTimeout(() => req.socket.resetAndDestroy(), 20);
        timers.add(timer);
        return;
      }
      case 'hang':
        return;
      case 'slow-headers': {
        const real = await forward(upstreamUrl, req, body);
        await new Promise<void>((resolve) => timers.add(setTimeout(resolve, fault.delayMs)));
        if (!res.destroyed) send(res, real);
        return;
      }
      case 'drip-body': {
        res.writeHead(200, { 'content-type': 'application/scim+json' });
        res.write('{');
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), fault.everyMs);
        timers.add(timer);
        return;
      }
      case 'respond':
        res.writeHead(fault.status, {
          ...(fault.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(fault.body)) }
            : { 'content-length': '0' }),
          ...fault.headers,
        });
        res.end(fault.body);
        return;
      case 'rewrite': {
        const real = await forward(upstreamUrl, req, body);
        const text = fault.body ? fault.body(real.body.toString('utf8')) : real.body.toString('utf8');
        send(res, {
          status: real.status,
          headers: fault.headers ? fault.headers(real.headers) : real.headers,
          body: Buffer.from(text),
        });
        return;
      }
      case 'compress': {
        const real = await forward(upstreamUrl, req, body);
        // A 204 or an empty body has nothing to encode (RFC 9110 §15.3.5: a 204 has no content).
        if (real.body.length === 0) return send(res, real);
        const packed =
          fault.coding === 'gzip'
            ? gzipSync(real.body)
            : fault.coding === 'deflate'
              ? deflateSync(real.body)
              : brotliCompressSync(real.body);
        send(res, {
          status: real.status,
          headers: { ...real.headers, 'content-encoding': fault.coding, vary: 'accept-encoding' },
          body: packed,
        });
        return;
      }
      case 'chunked': {
        const real = await forward(upstreamUrl, req, body);
        // No Content-Length: node:http switches to Transfer-Encoding: chunked.
        res.writeHead(real.status, real.headers);
        for (let offset = 0; offset < real.body.length; offset += 7) res.write(real.body.subarray(offset, offset + 7));
        res.end();
        return;
      }
      case 'huge-body': {
        res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': String(fault.bytes) });
        const block = Buffer.alloc(64 * 1024, 'x');
        let left = fault.bytes;
        const pump = (): void => {
          while (left > 0 && !res.destroyed) {
            const piece = block.subarray(0, Math.min(block.length, left));
            left -= piece.length;
            if (!res.write(piece)) return void res.once('drain', pump);
          }
          if (left <= 0) res.end();
        };
        pump();
        return;
      }
    }
  }

  return {
    baseUrl: proxy.baseUrl,
    token,
    seen,
    upstream: proxy.upstream,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await proxy.close();
    },
  };
}
