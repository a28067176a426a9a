/**
 * How much the whole run may spend waiting between retries (`--max-retry-wait`): one budget for
 * every request, so a server answering 429 to everything cannot stall a CI job for hours.
 */
export class RetryBudget {
  constructor(private remainingMs: number) {}

  get leftMs(): number {
    return this.remainingMs;
  }

  /** Takes `waitMs` from the budget if it fits; false (and nothing taken) when it does not. */
  take(waitMs: number): boolean {
    if (waitMs > this.remainingMs) return false;
    this.remainingMs -= waitMs;
    return true;
  }
}

/** Default --max-retry-wait: long enough for a few Retry-After: 10 answers, short enough for CI. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
