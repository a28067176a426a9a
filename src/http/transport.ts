import type { Exchange } from './exchange.js';

/** One request as it goes on the wire: the URL is final, the headers merged, the body serialised. */
export interface WireRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Send without credentials (auth negatives). */
  anonymous?: boolean;
  /** A 3xx is the answer this request is after (a `/Me` probe, RFC 7644 §3.11); redirects are still never followed. */
  redirectIsAnswer?: boolean;
  /**
   * Ends the try at once when it aborts: a read in flight when the user pressed Ctrl-C (the
   * executor links it for reads only; a write's answer carries what cleanup needs). The try's
   * error is then INTERRUPTED.
   */
  cancel?: AbortSignal;
}

/** What one try of a request produced: the recorded (redacted) request, and an answer or the reason there is none. */
export type TryResult = Pick<Exchange, 'request' | 'response' | 'error' | 'startedAt' | 'durationMs'>;

/**
 * How requests reach a server: undici over the network (src/http/http-transport.ts), the load
 * pool (src/load/load-transport.ts), or a direct call into the reference server
 * (src/executor/in-process-transport.ts). A transport makes exactly one try and never throws;
 * the executor decides everything else (headers, safety, retries, what to record).
 */
export interface Transport {
  readonly baseUrl: string;
  send(request: WireRequest): Promise<TryResult>;
  close(): Promise<void>;
}
