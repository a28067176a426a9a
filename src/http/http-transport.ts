import { type Dispatcher, request } from 'undici';
import { isTokenSource, staticTokenSource, type TokenSource } from '../auth/token-source.js';
import { type JsonBoundsViolation, jsonBoundsViolation } from '../scim/json-bounds.js';
import { createDispatcher, type ProxySettings, type TlsSettings } from './dispatcher.js';
import { readBody } from './read-body.js';
import { maskCredentials } from './redactor.js';
import type { Transport, TryResult, WireRequest } from './transport.js';
import { describeTransportFailure } from './transport-errors.js';

/**
 * A request as a profile or a scenario plans it; `path` is relative to the base URL (or absolute).
 * The executor (src/executor/executor.ts) turns it into a WireRequest.
 */
export interface HttpRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string is sent verbatim (for deliberately odd payloads); anything else as JSON. */
  body?: unknown;
  /** Send without the Authorization header (auth negatives). */
  anonymous?: boolean;
  /**
   * A 3xx is the answer this request is after (a probe of `/Me` → 308, RFC 7644 §3.11): record it
   * without a REDIRECT error. Redirects are still never followed.
   */
  redirectIsAnswer?: boolean;
}

export interface HttpTransportOptions {
  baseUrl: string;
  /**
   * The bearer token, or where to get it: a TokenSource is asked per request (an OAuth source
   * renews a token about to expire) and, after a 401, renewed once and the request sent again.
   */
  token: string | TokenSource | undefined;
  timeoutMs: number;
  /** Bodies beyond this are cut and marked truncated, so a runaway server cannot eat our memory. */
  maxBodyBytes?: number;
  /** Parallel connections in the keep-alive pool. */
  connections?: number;
  /** Extra CA certificates (`--cacert`) or no verification at all (`-k`). */
  tls?: TlsSettings;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as read by the CLI. */
  proxy?: ProxySettings;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

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

/**
 * The network transport: undici over a keep-alive pool. One try per call, never a throw: a
 * refused connection, a reset, a timeout, a redirect or an oversized body becomes the try's
 * `error`, next to whatever answer there was. The bearer token is added here and only for the
 * --base-url origin, and recorded credential headers are masked. Nothing else is rewritten: what
 * the checks read is what the server sent (redacting here made a short token corrupt the bodies
 * under test); outputs are redacted where they are written (src/report/output-guard.ts).
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dispatcher = createDispatcher({
    timeoutMs: options.timeoutMs,
    connections: options.connections ?? 8,
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
  });
  const baseOrigin = new URL(options.baseUrl).origin;
  const tokens: TokenSource | undefined =
    options.token === undefined || isTokenSource(options.token) ? options.token : staticTokenSource(options.token);

  /** Why an answer that did arrive cannot be used as one: scim-check then reports the reason. */
  function unusableResponse(
    status: number,
    headers: Record<string, string>,
    read: { truncated: boolean; decodeError?: string; outOfBounds: JsonBoundsViolation | undefined },
    redirectIsAnswer: boolean,
  ): { code: string; message: string } | undefined {
    if (status >= 300 && status < 400 && status !== 304 && !redirectIsAnswer) {
      const location = headers.location;
      return {
        code: 'REDIRECT',
        message: `the server answered ${status} ${location === undefined ? 'without a Location header' : `redirecting to ${location}`}; scim-check does not follow redirects, so the bearer token never goes anywhere but --base-url (point --base-url at the final address)`,
      };
    }
    if (read.decodeError !== undefined) return { code: 'BAD_ENCODING', message: read.decodeError };
    if (read.truncated)
      return {
        code: 'BODY_TOO_LARGE',
        message: `the response body is larger than ${formatBytes(maxBodyBytes)}; scim-check read only that much and stopped`,
      };
    if (read.outOfBounds !== undefined) return read.outOfBounds;
    return undefined;
  }

  /**
   * One try; with an OAuth token source, a 401 to a request that carried its token is answered by
   * renewing the token once and sending the request again (the token may have been revoked or
   * expired early). A second 401 stands: the run then reports it like any other answer.
   */
  async function send(wire: WireRequest): Promise<TryResult> {
    // The token only ever goes to the --base-url origin: a planned absolute URL elsewhere (say,
    // a `meta.location` pointing at another host) is sent without it.
    const carriesToken =
      !wire.anonymous &&
      tokens !== undefined &&
      wire.headers.authorization === undefined &&
      wire.url.origin === baseOrigin;
    if (!carriesToken || tokens === undefined) return sendOnce(wire, undefined);
    let token: string;
    try {
      token = await tokens.current();
    } catch (error) {
      return tokenFailure(wire, error);
    }
    const first = await sendOnce(wire, token);
    if (first.response?.status !== 401 || !tokens.renewable || wire.cancel?.aborted === true) return first;
    let renewed: string;
    try {
      // Another request may have renewed it already: then that token is the one to try.
      const now = await tokens.current();
      renewed = now !== token ? now : await tokens.renew();
    } catch (error) {
      return tokenFailure(wire, error);
    }
    return sendOnce(wire, renewed);
  }

  /** A try that could not start because no token could be had (the token endpoint failed mid-run). */
  function tokenFailure(wire: WireRequest, error: unknown): TryResult {
    const recorded: TryResult['request'] = {
      method: wire.method,
      url: wire.url.toString(),
      headers: maskCredentials(wire.headers),
    };
    if (wire.body !== undefined) recorded.body = wire.body;
    return {
      request: recorded,
      error: {
        code: 'TOKEN_UNAVAILABLE',
        message: `no access token: ${error instanceof Error ? error.message : String(error)}`,
      },
      startedAt: new Date().toISOString(),
      durationMs: 0,
    };
  }

  async function sendOnce(wire: WireRequest, token: string | undefined): Promise<TryResult> {
    const headers: Record<string, string> = { ...wire.headers };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const recordedRequest: TryResult['request'] = {
      method: wire.method,
      url: wire.url.toString(),
      headers: maskCredentials(headers),
    };
    if (wire.body !== undefined) recordedRequest.body = wire.body;
    const startedAt = new Date();
    const started = performance.now();
    const done = (fields: Pick<TryResult, 'response' | 'error'>): TryResult => ({
      request: recordedRequest,
      ...fields,
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - started,
    });
    // The deadline bounds the whole try, body included: a server dripping one byte at a time
    // never trips undici's idle bodyTimeout, but it cannot outlast --timeout. A plain timer that
    // is cleared when the try ends (rather than AbortSignal.timeout, whose timer lives on for the
    // full --timeout after every request) keeps the per-request cost down.
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError')),
      options.timeoutMs,
    );
    timer.unref();
    try {
      const url = wire.url;
      const signal = wire.cancel === undefined ? deadline.signal : AbortSignal.any([deadline.signal, wire.cancel]);
      const sent = { method: wire.method as Dispatcher.HttpMethod, headers, body: wire.body, signal };
      // http(s) URLs go straight to the pool with the origin and path already split (what
      // undici's top-level `request` would do, minus re-parsing the URL on every request);
      // anything else takes the top-level path, which rejects it the usual way.
      const response =
        url.protocol === 'http:' || url.protocol === 'https:'
          ? await dispatcher.request({ ...sent, origin: url.origin, path: url.pathname + url.search })
          : await request(url, { ...sent, dispatcher });
      const responseHeaders = lowerCaseHeaders(response.headers);
      const read = await readBody(response.body, responseHeaders['content-encoding'], maxBodyBytes);
      const text = read.text;
      const recorded: NonNullable<TryResult['response']> = {
        status: response.statusCode,
        headers: maskCredentials(responseHeaders),
        body: text,
      };
      if (read.truncated) recorded.truncated = true;
      // Measured once, here, before anything walks it: every check, diff and report walker of
      // server data can then rely on a parsed body being as shallow and narrow as src/scim/json-bounds.ts says.
      const readWhole = text.length > 0 && !read.truncated && read.decodeError === undefined;
      const outOfBounds = readWhole ? jsonBoundsViolation(text) : undefined;
      if (readWhole && outOfBounds === undefined) {
        try {
          recorded.json = JSON.parse(text);
        } catch {
          // Not JSON: the media-type and body checks report it; the raw text is kept.
        }
      }
      const error = unusableResponse(
        response.statusCode,
        responseHeaders,
        { ...read, outOfBounds },
        wire.redirectIsAnswer ?? false,
      );
      return done({
        response: recorded,
        ...(error !== undefined ? { error: { code: error.code, message: error.message } } : {}),
      });
    } catch (error) {
      if (wire.cancel?.aborted === true && !deadline.signal.aborted)
        return done({
          error: { code: 'INTERRUPTED', message: 'the run was interrupted while this read waited for its answer' },
        });
      const failure = describeTransportFailure(error, options.timeoutMs);
      return done({ error: { code: failure.code, message: failure.message } });
    } finally {
      clearTimeout(timer);
    }
  }

  return { baseUrl: options.baseUrl, send, close: () => dispatcher.close() };
}
