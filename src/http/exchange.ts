import { jsonObjectOf } from '../scim/resource.js';

/**
 * One HTTP request and what came back, as recorded by src/http. Headers are lower-cased
 * and already redacted (the bearer token never leaves src/http). `response` is absent when
 * no answer arrived; `error` then says why (timeout, refused, reset...). `error` can also sit
 * next to a `response` the client would not use as an answer: a redirect it refused to follow,
 * a body cut at the size cap, a body it could not decode.
 */
export interface Exchange {
  /** Sequence number within the run, for cross-references in reports. */
  id: number;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    /** Set when the run keeps only the start of `body` (see BodyKept). */
    bodyKept?: BodyKept;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body: string;
    /**
     * The body parsed as JSON, when it parsed and stayed within src/scim/json-bounds.ts. Dropped
     * once the exchange's step has ended (src/engine/body-retention.ts); reports parse `body`.
     */
    json?: unknown;
    /** True when the body was cut at the read limit. */
    truncated?: boolean;
    /** Set when the run keeps only the start of `body` (see BodyKept). */
    bodyKept?: BodyKept;
  };
  error?: { code: string; message: string };
  startedAt: string;
  durationMs: number;
  /**
   * Earlier tries of this same request that were retried (a 429, a connection reset), oldest
   * first; the exchange itself is the last try. Absent when the first try was the answer.
   */
  attempts?: ExchangeAttempt[];
  /** Why a 429 or reset on the last try was not retried (policy, method, --max-retry-wait). */
  retryNote?: string;
}

/**
 * What is left of a body the run did not keep whole. Once an exchange's step has ended, its bodies
 * count against the run's retention budget (src/engine/body-retention.ts); a body past it keeps
 * only its first characters in `body`, and this says how long the whole was and why it was cut.
 */
export interface BodyKept {
  /** Size of the whole body in bytes (UTF-8, as on the wire). */
  size: number;
  /** Characters kept in `body`: its start. */
  kept: number;
  /** Why the rest is gone, for reports (the HAR `comment`). */
  reason: string;
}

/** One try of a request that was then retried. */
export interface ExchangeAttempt {
  startedAt: string;
  durationMs: number;
  /** The status that came back, when one did. */
  status?: number;
  /** Why no answer came, when none did. */
  error?: { code: string; message: string };
  /** How long the client waited before the next try. */
  waitMs: number;
  /** Why it retried and how the wait was chosen, citing the profile's policy. */
  reason: string;
}

/** True for a 2xx answer. */
export function isSuccess(exchange: Exchange): boolean {
  const status = exchange.response?.status;
  return status !== undefined && status >= 200 && status < 300;
}

/** The response body when it is a JSON object (a resource, a ListResponse, an Error), else undefined. */
export function bodyObject(exchange: Exchange): Record<string, unknown> | undefined {
  return jsonObjectOf(exchange.response?.json);
}
