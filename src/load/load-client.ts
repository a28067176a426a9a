import { Pool, type Dispatcher } from 'undici';
import type { Exchange } from '../http/exchange.js';
import { describeTransportFailure } from '../http/transport-errors.js';
import type { PlannedRequest } from '../idp/profile.js';
import type { LoadStats } from './load-stats.js';
import { RatePacer, sleep } from './rate-pacer.js';
import { retryDelayMs, type RetryPolicy } from './retry-policy.js';

export interface LoadClientOptions {
  baseUrl: string;
  token: string;
  /** Parallel keep-alive connections: the IdP's concurrency (`--concurrency`). */
  connections: number;
  timeoutMs: number;
  /** Headers the IdP sends on every request (the profile's). */
  headers: Record<string, string>;
  /** `--rate`: at most this many request starts per second (retries included). */
  ratePerSecond?: number;
  retry: RetryPolicy;
  stats: LoadStats;
  /** Aborting cuts 429 waits short (the 429 then stands as the answer). */
  signal?: AbortSignal;
}

/**
 * The load generator's HTTP client: one undici Pool with `connections` sockets and nothing
 * else in the way. Unlike src/http/scim-client.ts it records no exchanges (a 100k-user run
 * would hold gigabytes), only per-kind counters and a latency histogram; the Exchange it hands
 * back to a profile is transient and carries no headers, so the token is never in it.
 */
export interface LoadClient {
  /**
   * Sends one request (retrying 429s per the policy) and records it under `kind`; with
   * `notFoundIsSuccess` a 404 does not count as an error (cleanup of something already gone).
   * Never throws.
   */
  send(request: PlannedRequest, kind?: string, notFoundIsSuccess?: boolean): Promise<Exchange>;
  close(): Promise<void>;
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A response whose `json` is parsed on first read: profiles read the bodies of lookups and
 * creates, but not of most PATCH, PUT and DELETE answers, and parsing those is pure garbage.
 */
function lazyJsonResponse(status: number, text: string): NonNullable<Exchange['response']> {
  let parsed = false;
  let json: unknown;
  const response = { status, headers: {}, body: text } as NonNullable<Exchange['response']>;
  Object.defineProperty(response, 'json', {
    enumerable: true,
    get(): unknown {
      if (!parsed) {
        parsed = true;
        try {
          json = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON: the profile sees no body object and reports the action as failed.
        }
      }
      return json;
    },
  });
  return response;
}

export function createLoadClient(options: LoadClientOptions): LoadClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: options.connections,
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  });
  const pacer = options.ratePerSecond !== undefined ? new RatePacer(options.ratePerSecond) : undefined;
  const authorization = `Bearer ${options.token}`;
  const baseHeaders: Record<string, string> = { ...options.headers, authorization };
  // A GET has no body, so no Content-Type (as the engine's sendPlanned does).
  const getHeaders: Record<string, string> = { ...baseHeaders };
  delete getHeaders['content-type'];
  let sequence = 0;

  function mergeHeaders(request: PlannedRequest, method: string): Record<string, string> {
    const headers: Record<string, string> = { ...options.headers, ...request.headers, authorization };
    if (request.body === undefined && method === 'GET') delete headers['content-type'];
    return headers;
  }

  function pathOf(request: PlannedRequest): string {
    // An absolute URL (a profile following `meta.location`) is sent to the pool's origin by its path.
    const absolute = /^https?:\/\//i.test(request.path) ? new URL(request.path) : undefined;
    let path = absolute ? absolute.pathname + absolute.search : basePath + (request.path.startsWith('/') ? request.path : `/${request.path}`);
    if (request.query && Object.keys(request.query).length > 0) path += `${path.includes('?') ? '&' : '?'}${new URLSearchParams(request.query).toString()}`;
    return path;
  }

  async function attempt(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
    const response = await pool.request({ method: method as Dispatcher.HttpMethod, path, headers, body: body ?? null });
    const text = await response.body.text();
    return { status: response.statusCode, retryAfter: headerValue(response.headers, 'retry-after'), text };
  }

  async function send(request: PlannedRequest, kind: string = request.purpose, notFoundIsSuccess = false): Promise<Exchange> {
    const id = ++sequence;
    const method = request.method.toUpperCase();
    const path = pathOf(request);
    // The common case (no per-request headers) reuses one prepared object: a load run sends
    // hundreds of thousands of requests, and every allocation saved keeps the heap smaller.
    const headers = request.headers === undefined ? (request.body === undefined && method === 'GET' ? getHeaders : baseHeaders) : mergeHeaders(request, method);
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    // Wall-clock start times are not kept: nothing in a load run reports single requests.
    const startedAt = '';
    const recorded: Exchange['request'] = { method, url: path, headers: {} };
    for (let attempts = 1; ; attempts++) {
      await pacer?.wait();
      const started = performance.now();
      try {
        const answer = await attempt(method, path, headers, body);
        const ended = performance.now();
        if (answer.status === 429 && attempts < options.retry.maxAttempts && !options.signal?.aborted) {
          options.stats.recordRetry(kind);
          await sleep(retryDelayMs(answer.retryAfter, attempts, options.retry), options.signal);
          continue;
        }
        const ok = (answer.status >= 200 && answer.status < 300) || (notFoundIsSuccess && answer.status === 404);
        options.stats.record(kind, started, ended, ok ? undefined : String(answer.status));
        return { id, request: recorded, response: lazyJsonResponse(answer.status, answer.text), startedAt, durationMs: ended - started };
      } catch (error) {
        const ended = performance.now();
        // The same stable codes (TIMEOUT, ECONNRESET, TLS_CERT…) as `run` reports.
        const failure = describeTransportFailure(error, options.timeoutMs);
        options.stats.record(kind, started, ended, failure.code);
        return { id, request: recorded, error: failure, startedAt, durationMs: ended - started };
      }
    }
  }

  return { send, close: () => pool.close() };
}
