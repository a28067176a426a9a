import { maskCredentials } from '../http/redactor.js';
import type { Transport, TryResult, WireRequest } from '../http/transport.js';
import type { ReferenceService } from '../server/index.js';
import { RESPONSE_CONTENT_TYPE } from '../server/responses.js';

/**
 * A transport that hands each request straight to the reference server's `dispatch`, without a
 * socket: the same routes and rules as over HTTP, in microseconds. `--dry-run` uses it with a fresh
 * in-memory service, and engine and CLI tests use it to run whole suites in milliseconds. Bodies
 * cross as text, as on the wire, so nothing the engine holds is shared with the server's store.
 */
export function createInProcessTransport(service: Pick<ReferenceService, 'baseUrl' | 'token' | 'dispatch'>): Transport {
  const origin = new URL(service.baseUrl).origin;

  async function send(wire: WireRequest): Promise<TryResult> {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    // No Host header: the service then builds Location and meta.location from its own base URL.
    const headers: Record<string, string> = { ...wire.headers };
    if (!wire.anonymous && headers.authorization === undefined && wire.url.origin === origin)
      headers.authorization = `Bearer ${service.token}`;
    const request: TryResult['request'] = {
      method: wire.method,
      url: wire.url.toString(),
      headers: maskCredentials(headers),
    };
    if (wire.body !== undefined) request.body = wire.body;
    if (wire.url.origin !== origin) {
      return {
        request,
        error: { code: 'ECONNREFUSED', message: `${wire.url.origin} is not the in-process reference server` },
        startedAt,
        durationMs: 0,
      };
    }
    const answer = await service.dispatch({
      method: wire.method,
      target: wire.url.pathname + wire.url.search,
      headers,
      ...(wire.body !== undefined ? { body: wire.body } : {}),
    });
    const hasBody =
      answer.body !== undefined &&
      answer.status !== 204 &&
      answer.status !== 304 &&
      wire.method.toUpperCase() !== 'HEAD';
    const text = hasBody ? JSON.stringify(answer.body) : '';
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers ?? {})) responseHeaders[name.toLowerCase()] = value;
    if (hasBody) responseHeaders['content-type'] = RESPONSE_CONTENT_TYPE;
    const response: NonNullable<TryResult['response']> = {
      status: answer.status,
      headers: maskCredentials(responseHeaders),
      body: text,
    };
    if (hasBody) response.json = JSON.parse(text) as unknown;
    return { request, response, startedAt, durationMs: performance.now() - started };
  }

  return { baseUrl: service.baseUrl, send, close: async () => {} };
}
