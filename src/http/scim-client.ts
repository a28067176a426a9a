import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { Exchange } from './exchange.js';
import { redactHeaders, type Redactor } from './redactor.js';

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
}

/** Sends SCIM requests over a keep-alive pool; records every exchange, redacted; never throws. */
export interface ScimClient {
  readonly baseUrl: string;
  send(request: HttpRequest): Promise<Exchange>;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

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

/** Maps transport failures to short, stable codes a report can show. */
function describeFailure(error: unknown, timeoutMs: number): { code: string; message: string } {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || (error instanceof Error && error.name === 'TimeoutError')) {
    return { code: 'TIMEOUT', message: `no complete answer within ${timeoutMs} ms (raise it with --timeout)` };
  }
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { code, message: 'connection refused: is the server running and is --base-url right?' };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return { code: 'ECONNRESET', message: `connection reset by the server (${message})` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code, message: `host name could not be resolved (${message})` };
    default:
      return { code: code ?? 'HTTP_ERROR', message };
  }
}

async function readBody(body: Dispatcher.ResponseData['body'], limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    if (size + buffer.length > limit) {
      chunks.push(buffer.subarray(0, limit - size));
      truncated = true;
      body.destroy();
      break;
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

export function createScimClient(options: ScimClientOptions): ScimClient {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const agent = new Agent({
    connections: options.connections ?? 8,
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  });
  let sequence = 0;

  async function send(planned: HttpRequest): Promise<Exchange> {
    const id = ++sequence;
    const url = resolveUrl(options.baseUrl, planned.path, planned.query);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(planned.headers ?? {})) headers[name.toLowerCase()] = value;
    if (!planned.anonymous && options.token !== undefined && headers.authorization === undefined) {
      headers.authorization = `Bearer ${options.token}`;
    }
    let bodyText: string | undefined;
    if (planned.body !== undefined) {
      bodyText = typeof planned.body === 'string' ? planned.body : JSON.stringify(planned.body);
    }
    const startedAt = new Date();
    const started = performance.now();
    const recordedRequest: Exchange['request'] = {
      method: planned.method,
      url: options.redact(url.toString()),
      headers: redactHeaders(headers, options.redact),
    };
    if (bodyText !== undefined) recordedRequest.body = options.redact(bodyText);
    try {
      const response = await request(url, {
        method: planned.method as Dispatcher.HttpMethod,
        headers,
        body: bodyText,
        dispatcher: agent,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const { text, truncated } = await readBody(response.body, maxBodyBytes);
      const recordedResponse: NonNullable<Exchange['response']> = {
        status: response.statusCode,
        headers: redactHeaders(lowerCaseHeaders(response.headers), options.redact),
        body: options.redact(text),
      };
      if (truncated) recordedResponse.truncated = true;
      if (text.length > 0 && !truncated) {
        try {
          recordedResponse.json = JSON.parse(options.redact(text));
        } catch {
          // Not JSON: the media-type and body checks report it; the raw text is kept.
        }
      }
      return { id, request: recordedRequest, response: recordedResponse, startedAt: startedAt.toISOString(), durationMs: performance.now() - started };
    } catch (error) {
      const failure = describeFailure(error, options.timeoutMs);
      return {
        id,
        request: recordedRequest,
        error: { code: failure.code, message: options.redact(failure.message) },
        startedAt: startedAt.toISOString(),
        durationMs: performance.now() - started,
      };
    }
  }

  return {
    baseUrl: options.baseUrl,
    send,
    close: () => agent.close(),
  };
}
