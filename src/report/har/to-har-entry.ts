import { STATUS_CODES } from 'node:http';
import type { Exchange } from '../../http/exchange.js';
import type { HarEntry, HarNameValue, HarScimContext } from './har-types.js';

function headerList(headers: Record<string, string>): HarNameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** Why `content.text` is not the whole body: cut at the read limit, or not kept whole by the run. */
function contentComment(response: NonNullable<Exchange['response']>): string | undefined {
  const notes = [response.truncated ? 'body truncated at the read limit' : undefined, response.bodyKept?.reason].filter(
    (note) => note !== undefined,
  );
  return notes.length === 0 ? undefined : notes.join('; ');
}

const rounded = (ms: number): number => (Number.isFinite(ms) && ms > 0 ? Math.round(ms * 1000) / 1000 : 0);

/**
 * One exchange as a HAR entry. Exchanges arrive already redacted by src/http (authorization,
 * cookie and set-cookie values replaced, the token scrubbed from URLs and bodies), and nothing
 * here adds data the exchange does not hold, so the HAR is as safe to attach to a ticket as the
 * terminal output. Timing detail is not measured, so all of it is `wait`.
 */
export function toHarEntry(exchange: Exchange, context: HarScimContext): HarEntry {
  const { request, response } = exchange;
  const time = rounded(exchange.durationMs);
  const entry: HarEntry = {
    startedDateTime: exchange.startedAt,
    time,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(request.headers),
      queryString: queryString(request.url),
      ...(request.body === undefined
        ? {}
        : {
            postData: {
              mimeType: request.headers['content-type'] ?? 'application/scim+json',
              text: request.body,
              ...(request.bodyKept === undefined ? {} : { comment: request.bodyKept.reason }),
            },
          }),
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : (request.bodyKept?.size ?? Buffer.byteLength(request.body)),
    },
    response:
      response === undefined
        ? {
            // HAR's convention for a request that got no answer: status 0, empty content.
            status: 0,
            statusText: '',
            httpVersion: '',
            cookies: [],
            headers: [],
            content: {
              size: 0,
              mimeType: 'x-unknown',
              ...(exchange.error ? { comment: `${exchange.error.code}: ${exchange.error.message}` } : {}),
            },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
            ...(exchange.error ? { _error: { code: exchange.error.code, message: exchange.error.message } } : {}),
          }
        : {
            status: response.status,
            statusText: STATUS_CODES[response.status] ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: headerList(response.headers),
            content: {
              // A body the run did not keep whole (src/engine/body-retention.ts): `text` is its
              // start, `size` the whole, and the comment says why (HAR 1.2 allows both).
              size: response.bodyKept?.size ?? Buffer.byteLength(response.body),
              mimeType: response.headers['content-type'] ?? 'x-unknown',
              text: response.body,
              ...(contentComment(response) === undefined ? {} : { comment: contentComment(response)! }),
            },
            redirectURL: response.headers.location ?? '',
            headersSize: -1,
            bodySize: response.bodyKept?.size ?? Buffer.byteLength(response.body),
            // An answer the client would not use (refused redirect, undecodable body) says why.
            ...(exchange.error ? { _error: { code: exchange.error.code, message: exchange.error.message } } : {}),
          },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _scimCheck: { ...context, exchangeId: exchange.id },
    ...(exchange.attempts === undefined ? {} : { _attempts: exchange.attempts.map((attempt) => ({ ...attempt })) }),
    ...(exchange.retryNote === undefined ? {} : { _retryNote: exchange.retryNote }),
  };
  return entry;
}
