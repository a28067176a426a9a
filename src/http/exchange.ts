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
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body: string;
    /** The body parsed as JSON, when it parsed. */
    json?: unknown;
    /** True when the body was cut at the read limit. */
    truncated?: boolean;
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
