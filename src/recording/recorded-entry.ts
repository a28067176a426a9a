import type { Exchange } from '../http/exchange.js';
import { toHarEntry } from '../report/har/to-har-entry.js';
import type { RecordedEntry, RecordingContext } from './recorded-har.js';

/** What the proxy knows about one exchange beyond the exchange itself. */
export interface EntryNotes extends RecordingContext {
  /** Why the request body in the HAR is not the bytes on the wire (cut, decoded). */
  requestNote?: string | undefined;
  /** Size in bytes of the request body as it went to the target. */
  requestSize?: number | undefined;
  responseNote?: string | undefined;
  responseSize?: number | undefined;
}

/**
 * One proxied exchange as a HAR entry: the entry `run --har` writes (src/report/har/to-har-entry.ts),
 * with the whole sizes and a `comment` where the recorded body is not what crossed the wire, and
 * the recording's own `_scimCheck` (the IdP it was recognised as, and when it was recorded).
 */
export function recordedEntry(exchange: Exchange, notes: EntryNotes): RecordedEntry {
  const { _scimCheck: _run, ...entry } = toHarEntry(exchange, {
    scenario: null,
    step: null,
    action: 'record',
    idp: null,
  });
  const { requestNote, requestSize, responseNote, responseSize, ...context } = notes;
  if (entry.request.postData !== undefined && requestSize !== undefined) {
    entry.request.bodySize = requestSize;
    if (requestNote !== undefined) entry.request.postData.comment = requestNote;
  }
  if (responseSize !== undefined) {
    entry.response.bodySize = responseSize;
    entry.response.content.size = responseSize;
  }
  if (responseNote !== undefined)
    entry.response.content.comment = [entry.response.content.comment, responseNote].filter(Boolean).join('; ');
  const comments = [requestNote && `request: ${requestNote}`, responseNote && `response: ${responseNote}`].filter(
    Boolean,
  );
  return {
    ...entry,
    ...(comments.length > 0 ? { comment: comments.join('; ') } : {}),
    _scimCheck: {
      ...(context.idp === undefined ? {} : { idp: context.idp }),
      ...(context.idpReason === undefined ? {} : { idpReason: context.idpReason }),
      recordedAt: context.recordedAt,
      exchangeId: context.exchangeId,
    },
  };
}
