/**
 * One HTTP request and what came back, as recorded by src/http. Headers are lower-cased
 * and already redacted (the bearer token never leaves src/http). `response` is absent when
 * no answer arrived; `error` then says why (timeout, refused, reset...).
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
}
