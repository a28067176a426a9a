import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import { createDispatcher, type ProxySettings, type TlsSettings } from './dispatcher.js';
import type { Exchange, ExchangeAttempt } from './exchange.js';
import { readBody } from './read-body.js';
import { redactHeaders, type Redactor } from './redactor.js';
import { decideRetry, retryPolicyFor } from './retry-policy.js';
import { describeTransportFailure } from './transport-errors.js';

/** A request as the engine plans it; `path` is relative to the base URL (or absolute). */
export interface HttpRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string is sent verbatim (for deliberately odd payloads); anything else as JSON. */
  body?: unknown;
  /** Send without the Authorization header (auth negatives). */
  anonymous?: boolean;
  /** The IdP profile whose retry habits apply (src/http/retry-policy.ts); generic when absent. */
  idp?: string;
  /**
   * A 3xx is the answer this request is after (a probe of `/Me` → 308, RFC 7644 §3.11): record it
   * without a REDIRECT error. Redirects are still never followed.
   */
  redirectIsAnswer?: boolean;
}

export interface ScimClientOptions {
  baseUrl: string;
  token: string | undefined;
  timeoutMs: number;
  redact: Redactor;
  /** Bodies beyond this are cut and marked truncated, so a runaway server cannot eat our memory. */
  maxBodyBytes?: number;
  /** Parallel connections in the keep-alive pool. */
  connections?: number;
  /** Extra CA certificates (`--cacert`) or no verification at all (`-k`). */
  tls?: TlsSettings;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as read by the CLI. */
  proxy?: ProxySettings;
  /**
   * Most the whole run may spend waiting between retries (`--max-retry-wait`, in ms). A wait
   * that does not fit in what is left is not taken: the last answer stands, with a note.
   */
  maxRetryWaitMs?: number;
}

/** Sends SCIM requests over a keep-alive pool; records every exchange, redacted; never throws. */
export interface ScimClient {
  readonly baseUrl: string;
  send(request: HttpRequest): Promise<Exchange>;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Default --max-retry-wait: long enough for a few Retry-After: 10 answers, short enough for CI. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/** Joins the base URL and a SCIM path: `/Users` under `https://h/scim/v2` is `https://h/scim/v2/Users`. */
export function resolveUrl(baseUrl: string, path: string, query?: Record<string, string>): URL {
  const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
  return url;
}

function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** One try: the exchange fields it produced, plus the raw Retry-After for the retry policy. */
interface Try {
  response?: NonNullable<Exchange['response']>;
  error?: NonNullable<Exchange['error']>;
  retryAfter?: string;
  startedAt: string;
  durationMs: number;
}

export function createScimClient(options: ScimClientOptions): ScimClient {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dispatcher = createDispatcher({
    timeoutMs: options.timeoutMs,
    connections: options.connections ?? 8,
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
  });
  const baseOrigin = new URL(options.baseUrl).origin;
  let retryBudgetMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  let sequence = 0;

  async function tryOnce(url: URL, method: string, headers: Record<string, string>, bodyText: string | undefined, redirectIsAnswer: boolean): Promise<Try> {
    const startedAt = new Date();
    const started = performance.now();
    const done = (fields: Omit<Try, 'startedAt' | 'durationMs'>): Try => ({ ...fields, startedAt: startedAt.toISOString(), durationMs: performance.now() - started });
    // The deadline bounds the whole try, body included: a server dripping one byte at a time
    // never trips undici's idle bodyTimeout, but it cannot outlast --timeout. A plain timer that
    // is cleared when the try ends (rather than AbortSignal.timeout, whose timer lives on for the
    // full --timeout after every request) keeps the per-request cost down.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError')), options.timeoutMs);
    timer.unref();
    try {
      const sent = { method: method as Dispatcher.HttpMethod, headers, body: bodyText, signal: deadline.signal };
      // http(s) URLs go straight to the pool with the origin and path already split (what
      // undici's top-level `request` would do, minus re-parsing the URL on every request);
      // anything else takes the top-level path, which rejects it the usual way.
      const response =
        url.protocol === 'http:' || url.protocol === 'https:'
          ? await dispatcher.request({ ...sent, origin: url.origin, path: url.pathname + url.search })
          : await request(url, { ...sent, dispatcher });
      const responseHeaders = lowerCaseHeaders(response.headers);
      const read = await readBody(response.body, responseHeaders['content-encoding'], maxBodyBytes);
      const text = options.redact(read.text);
      const recorded: NonNullable<Exchange['response']> = {
        status: response.statusCode,
        headers: redactHeaders(responseHeaders, options.redact),
        body: text,
      };
      if (read.truncated) recorded.truncated = true;
      if (text.length > 0 && !read.truncated && read.decodeError === undefined) {
        try {
          recorded.json = JSON.parse(text);
        } catch {
          // Not JSON: the media-type and body checks report it; the raw text is kept.
        }
      }
      const error = unusableResponse(response.statusCode, responseHeaders, read, redirectIsAnswer);
      return done({
        response: recorded,
        ...(error !== undefined ? { error: { code: error.code, message: options.redact(error.message) } } : {}),
        ...(responseHeaders['retry-after'] !== undefined ? { retryAfter: responseHeaders['retry-after'] } : {}),
      });
    } catch (error) {
      const failure = describeTransportFailure(error, options.timeoutMs);
      return done({ error: { code: failure.code, message: options.redact(failure.message) } });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Why an answer that did arrive cannot be used as one: scim-check then reports the reason. */
  function unusableResponse(status: number, headers: Record<string, string>, read: { truncated: boolean; decodeError?: string }, redirectIsAnswer: boolean): { code: string; message: string } | undefined {
    if (status >= 300 && status < 400 && status !== 304 && !redirectIsAnswer) {
      const location = headers.location;
      return {
        code: 'REDIRECT',
        message: `the server answered ${status} ${location === undefined ? 'without a Location header' : `redirecting to ${location}`}; scim-check does not follow redirects, so the bearer token never goes anywhere but --base-url (point --base-url at the final address)`,
      };
    }
    if (read.decodeError !== undefined) return { code: 'BAD_ENCODING', message: read.decodeError };
    if (read.truncated) return { code: 'BODY_TOO_LARGE', message: `the response body is larger than ${formatBytes(maxBodyBytes)}; scim-check read only that much and stopped` };
    return undefined;
  }

  async function send(planned: HttpRequest): Promise<Exchange> {
    const id = ++sequence;
    let url: URL;
    try {
      url = resolveUrl(options.baseUrl, planned.path, planned.query);
    } catch {
      const now = new Date().toISOString();
      return { id, request: { method: planned.method, url: options.redact(planned.path), headers: {} }, error: { code: 'BAD_URL', message: options.redact(`"${planned.path}" is not a valid URL or path`) }, startedAt: now, durationMs: 0 };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(planned.headers ?? {})) headers[name.toLowerCase()] = value;
    // The token only ever goes to the --base-url origin: a planned absolute URL elsewhere (say,
    // a `meta.location` pointing at another host) is sent without it.
    if (!planned.anonymous && options.token !== undefined && headers.authorization === undefined && url.origin === baseOrigin) {
      headers.authorization = `Bearer ${options.token}`;
    }
    let bodyText: string | undefined;
    if (planned.body !== undefined) {
      bodyText = typeof planned.body === 'string' ? planned.body : JSON.stringify(planned.body);
    }
    const recordedRequest: Exchange['request'] = {
      method: planned.method,
      url: options.redact(url.toString()),
      headers: redactHeaders(headers, options.redact),
    };
    if (bodyText !== undefined) recordedRequest.body = options.redact(bodyText);

    const attempts: ExchangeAttempt[] = [];
    let retryNote: string | undefined;
    let last = await tryOnce(url, planned.method, headers, bodyText, planned.redirectIsAnswer ?? false);
    // An answer that is neither a 429 nor a failed connection is final: no retry policy applies.
    for (;;) {
      if (last.error === undefined && last.response?.status !== 429) break;
      const decision = decideRetry(retryPolicyFor(planned.idp), {
        method: planned.method,
        attempt: attempts.length + 1,
        now: Date.now(),
        ...(last.response !== undefined ? { status: last.response.status } : {}),
        ...(last.retryAfter !== undefined ? { retryAfter: last.retryAfter } : {}),
        ...(last.response === undefined && last.error !== undefined ? { errorCode: last.error.code } : {}),
      });
      if (!decision.retry) {
        retryNote = decision.note;
        break;
      }
      if (decision.waitMs > retryBudgetMs) {
        retryNote = `not retried: ${decision.reason}, more than the ${Math.round(retryBudgetMs / 1000)} s left of --max-retry-wait`;
        break;
      }
      retryBudgetMs -= decision.waitMs;
      attempts.push({
        startedAt: last.startedAt,
        durationMs: last.durationMs,
        ...(last.response !== undefined ? { status: last.response.status } : {}),
        ...(last.error !== undefined ? { error: last.error } : {}),
        waitMs: decision.waitMs,
        // The reason quotes the server's Retry-After verbatim: redact it like any server text.
        reason: options.redact(decision.reason),
      });
      if (decision.waitMs > 0) await sleep(decision.waitMs);
      last = await tryOnce(url, planned.method, headers, bodyText, planned.redirectIsAnswer ?? false);
    }

    const exchange: Exchange = { id, request: recordedRequest, startedAt: last.startedAt, durationMs: last.durationMs };
    if (last.response !== undefined) exchange.response = last.response;
    if (last.error !== undefined) exchange.error = last.error;
    // A 429 that stands is runtime trouble (we got no verdict on the request), not non-conformance.
    if (last.response?.status === 429 && last.error === undefined) {
      const tries = attempts.length + 1;
      exchange.error = { code: 'RATE_LIMITED', message: options.redact(`the server answered 429 Too Many Requests${tries > 1 ? ` ${tries} times` : ''}; ${retryNote ?? 'not retried'}`) };
    }
    if (attempts.length > 0) exchange.attempts = attempts;
    if (retryNote !== undefined) exchange.retryNote = options.redact(retryNote);
    return exchange;
  }

  return {
    baseUrl: options.baseUrl,
    send,
    close: () => dispatcher.close(),
  };
}
