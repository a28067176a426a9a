import type { ExchangeEvent, ExchangeListener } from '../executor/executor.js';
import { LatencyHistogram } from './histogram.js';

/** Per request kind: counts, failures by status (or transport error code), latency, time span. */
export interface KindStats {
  count: number;
  /** Requests that still failed after retries, keyed by HTTP status or error code (`ECONNRESET`). */
  errors: Map<string, number>;
  /** 429 answers that were waited out and retried (not errors unless the retries ran out). */
  retried429: number;
  latency: LatencyHistogram;
  firstStartMs: number;
  lastEndMs: number;
}

/**
 * The kind a load report counts a request under: the purpose the profile gave it (`lookupUser`,
 * `createUser`, `patchGroup`…), and for load's own requests, what they read or delete.
 */
export function requestKind(event: Pick<ExchangeEvent, 'planned' | 'target'>): string {
  const { planned, target } = event;
  if (planned.purpose !== 'cleanup' && planned.purpose !== 'readBack') return planned.purpose;
  const kind = target.type === 'resource' && target.kind === 'Group' ? 'Group' : 'User';
  return `${planned.purpose === 'cleanup' ? 'cleanup' : 'verify'}${kind}`;
}

/**
 * Why an exchange counts as an error: the status of a non-2xx answer (a 429 whose retries ran
 * out is `429`), else the transport's code (TIMEOUT, BODY_TOO_LARGE…). Cleanup's 404 means the
 * resource is already gone, which is what it wanted.
 */
function failureOf(event: ExchangeEvent): string | undefined {
  const { exchange } = event;
  const status = exchange.response?.status;
  if (status === undefined) return exchange.error?.code ?? 'NO_ANSWER';
  if (status < 200 || status >= 300)
    return status === 404 && event.planned.purpose === 'cleanup' ? undefined : String(status);
  return exchange.error?.code;
}

/**
 * The numbers a load run keeps: a histogram and a few counters per request kind, never the
 * exchanges themselves, so memory does not grow with the number of requests. It subscribes to
 * the executor (`listener`) and never sits in the send path.
 */
export class LoadStats {
  readonly kinds = new Map<string, KindStats>();

  private kind(name: string): KindStats {
    let stats = this.kinds.get(name);
    if (!stats) {
      stats = {
        count: 0,
        errors: new Map(),
        retried429: 0,
        latency: new LatencyHistogram(),
        firstStartMs: Infinity,
        lastEndMs: 0,
      };
      this.kinds.set(name, stats);
    }
    return stats;
  }

  /** One finished request (after its retries); `failure` is the status or error code when it failed. */
  record(kind: string, startedMs: number, endedMs: number, failure: string | undefined, retried429 = 0): void {
    const stats = this.kind(kind);
    stats.count += 1;
    stats.retried429 += retried429;
    stats.latency.record(endedMs - startedMs);
    if (startedMs < stats.firstStartMs) stats.firstStartMs = startedMs;
    if (endedMs > stats.lastEndMs) stats.lastEndMs = endedMs;
    if (failure !== undefined) stats.errors.set(failure, (stats.errors.get(failure) ?? 0) + 1);
  }

  /**
   * The executor subscriber: one exchange is one request of its kind, its latency is its last
   * try's, and its earlier tries answered 429 are the retries that were waited out.
   */
  readonly listener: ExchangeListener = (event) => {
    const ended = performance.now();
    let retried = 0;
    for (const attempt of event.exchange.attempts ?? []) if (attempt.status === 429) retried += 1;
    this.record(requestKind(event), ended - event.exchange.durationMs, ended, failureOf(event), retried);
  };

  totals(): { requests: number; errors: number; retried429: number } {
    let requests = 0;
    let errors = 0;
    let retried429 = 0;
    for (const stats of this.kinds.values()) {
      requests += stats.count;
      retried429 += stats.retried429;
      for (const count of stats.errors.values()) errors += count;
    }
    return { requests, errors, retried429 };
  }
}
