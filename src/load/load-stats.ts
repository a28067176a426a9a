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
 * The numbers a load run keeps: a histogram and a few counters per request kind, never the
 * exchanges themselves, so memory does not grow with the number of requests.
 */
export class LoadStats {
  readonly kinds = new Map<string, KindStats>();

  private kind(name: string): KindStats {
    let stats = this.kinds.get(name);
    if (!stats) {
      stats = { count: 0, errors: new Map(), retried429: 0, latency: new LatencyHistogram(), firstStartMs: Infinity, lastEndMs: 0 };
      this.kinds.set(name, stats);
    }
    return stats;
  }

  /** One finished request (after its retries); `failure` is the status or error code when it failed. */
  record(kind: string, startedMs: number, endedMs: number, failure: string | undefined): void {
    const stats = this.kind(kind);
    stats.count += 1;
    stats.latency.record(endedMs - startedMs);
    if (startedMs < stats.firstStartMs) stats.firstStartMs = startedMs;
    if (endedMs > stats.lastEndMs) stats.lastEndMs = endedMs;
    if (failure !== undefined) stats.errors.set(failure, (stats.errors.get(failure) ?? 0) + 1);
  }

  recordRetry(kind: string): void {
    this.kind(kind).retried429 += 1;
  }

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
