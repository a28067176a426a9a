import { EventEmitter } from 'node:events';
import { type Dispatcher, Pool } from 'undici';
import { isTokenSource, type TokenSource } from '../auth/token-source.js';
import type { Exchange } from '../http/exchange.js';
import { type ReadBody, readBody } from '../http/read-body.js';
import type { Transport, TryResult, WireRequest } from '../http/transport.js';
import { describeTransportFailure } from '../http/transport-errors.js';
import { RatePacer } from './rate-pacer.js';

export interface LoadTransportOptions {
  baseUrl: string;
  /**
   * The bearer token, or where to get it: a renewable source (OAuth, through the CLI thread) is
   * asked per request and, after a 401, renewed once and the request sent again, as `run` does.
   */
  token: string | TokenSource;
  /** Parallel keep-alive connections: the IdP's concurrency (`--concurrency`). */
  connections: number;
  /** `--timeout`: bounds each try as a whole, body included. */
  timeoutMs: number;
  /** Bodies beyond this are cut and the try fails (BODY_TOO_LARGE); load reads small resources. */
  maxBodyBytes?: number;
  /** `--rate`: at most this many request starts per second, retries included. */
  ratePerSecond?: number;
}

/** A load run reads single resources and one-entry lookups: 1 MiB is generous, and bounds memory. */
export const LOAD_MAX_BODY_BYTES = 1024 * 1024;

type Response = NonNullable<TryResult['response']>;

/**
 * An answer whose `json` is parsed on first read. The executor reads the bodies of creates and
 * GETs (the ledger), profiles those of lookups; most PATCH, PUT and DELETE answers are never read,
 * and parsing them would be pure garbage at tens of thousands of requests a second.
 */
class LazyJsonResponse implements Response {
  private parsed = false;
  private value: unknown;

  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {}

  get json(): unknown {
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.value = this.body.length > 0 ? JSON.parse(this.body) : undefined;
      } catch {
        // Not JSON: the profile sees no body object and reports the action as failed.
      }
    }
    return this.value;
  }
}

/**
 * The --timeout of one try, as the abort signal undici takes. undici accepts an EventEmitter as
 * well as an AbortSignal (its `signal` option), and honours its `reason`; at load's rates an
 * AbortController per request costs several times more CPU than the request's own bookkeeping.
 */
class Deadline extends EventEmitter {
  reason: DOMException | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number) {
    super();
    // A plain timer cleared when the try ends, as in http-transport (AbortSignal.timeout's timer
    // would live on for the full --timeout after every one of a hundred thousand requests).
    this.timer = setTimeout(() => {
      this.reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
      this.emit('abort');
    }, timeoutMs);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The body, read through the cap. An identity-coded body whose Content-Length fits under the cap
 * cannot grow past it (undici reads exactly that many bytes), so undici's own reader takes it, the
 * common case of a SCIM answer; anything else (chunked, compressed, too long) goes through
 * src/http/read-body.ts, which stops at the cap.
 */
async function readCapped(answer: Dispatcher.ResponseData, maxBodyBytes: number): Promise<ReadBody> {
  const encoding = headerValue(answer.headers, 'content-encoding');
  const length = Number(headerValue(answer.headers, 'content-length') ?? NaN);
  if (encoding === undefined && length <= maxBodyBytes) return { text: await answer.body.text(), truncated: false };
  return readBody(answer.body, encoding, maxBodyBytes);
}

/**
 * The load generator's transport: one undici Pool with `connections` sockets to the --base-url
 * origin (why `load` is fast), one try per call, never a throw (src/http/transport.ts). As in
 * src/http/http-transport.ts, --timeout bounds the whole try including the body (a server
 * dripping a byte at a time never trips undici's idle timers), and no body is read past a cap
 * (`readCapped`). Unlike it, nothing is recorded for a report: the request keeps no headers
 * (so never the token) and no body, the answer keeps only the headers the executor reads, and
 * JSON is parsed lazily. The bearer token is added here, and only for the --base-url origin,
 * which is the only origin the pool can reach anyway.
 */
export function createLoadTransport(options: LoadTransportOptions): Transport {
  const base = new URL(options.baseUrl);
  const maxBodyBytes = options.maxBodyBytes ?? LOAD_MAX_BODY_BYTES;
  const pool = new Pool(base.origin, {
    connections: options.connections,
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  });
  const pacer = options.ratePerSecond !== undefined ? new RatePacer(options.ratePerSecond) : undefined;
  const tokens = isTokenSource(options.token) ? options.token : undefined;
  const fixed = isTokenSource(options.token) ? undefined : `Bearer ${options.token}`;

  /** One try, then (with a renewable token refused by 401) one more with a renewed token. */
  async function send(wire: WireRequest): Promise<TryResult> {
    const sendsToken = !wire.anonymous && wire.headers.authorization === undefined;
    if (tokens === undefined || !sendsToken) return sendOnce(wire, fixed);
    const token = await tokens.current();
    const first = await sendOnce(wire, `Bearer ${token}`);
    if (first.response?.status !== 401 || !tokens.renewable) return first;
    const now = await tokens.current();
    return sendOnce(wire, `Bearer ${now !== token ? now : await tokens.renew()}`);
  }

  async function sendOnce(wire: WireRequest, authorization: string | undefined): Promise<TryResult> {
    // Wall-clock start times are not kept: nothing in a load run reports single requests.
    const request: Exchange['request'] = { method: wire.method, url: wire.url.href, headers: {} };
    if (wire.url.origin !== base.origin) {
      return {
        request,
        error: {
          code: 'OTHER_ORIGIN',
          message: `load sends requests only to the --base-url origin ${base.origin}, not ${wire.url.origin}`,
        },
        startedAt: '',
        durationMs: 0,
      };
    }
    await pacer?.wait();
    const headers =
      wire.anonymous || wire.headers.authorization !== undefined || authorization === undefined
        ? wire.headers
        : { ...wire.headers, authorization };
    const started = performance.now();
    // The deadline bounds the whole try, body included: a server dripping one byte at a time
    // never trips undici's idle timers, but it cannot outlast --timeout.
    const deadline = new Deadline(options.timeoutMs);
    try {
      const answer = await pool.request({
        method: wire.method as Dispatcher.HttpMethod,
        path: wire.url.pathname + wire.url.search,
        headers,
        body: wire.body ?? null,
        signal: deadline,
      });
      const read = await readCapped(answer, maxBodyBytes);
      const kept: Record<string, string> = {};
      const retryAfter = headerValue(answer.headers, 'retry-after');
      if (retryAfter !== undefined) kept['retry-after'] = retryAfter;
      const response = new LazyJsonResponse(
        answer.statusCode,
        kept,
        read.truncated || read.decodeError !== undefined ? '' : read.text,
      );
      const durationMs = performance.now() - started;
      if (read.decodeError !== undefined)
        return {
          request,
          response,
          error: { code: 'BAD_ENCODING', message: read.decodeError },
          startedAt: '',
          durationMs,
        };
      if (read.truncated)
        return {
          request,
          response,
          error: {
            code: 'BODY_TOO_LARGE',
            message: `the response body is larger than ${maxBodyBytes} bytes; load read only that much and stopped`,
          },
          startedAt: '',
          durationMs,
        };
      return { request, response, startedAt: '', durationMs };
    } catch (error) {
      // The same stable codes (TIMEOUT, ECONNRESET, TLS_CERT…) as `run` reports.
      return {
        request,
        error: describeTransportFailure(error, options.timeoutMs),
        startedAt: '',
        durationMs: performance.now() - started,
      };
    } finally {
      deadline.clear();
    }
  }

  return { baseUrl: options.baseUrl, send, close: () => pool.close() };
}
