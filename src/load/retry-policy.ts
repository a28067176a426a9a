import { parseRetryAfter, retryPolicyFor } from '../http/retry-policy.js';

/**
 * How long to wait before retrying after a 429, the way Okta does it (IDP-NOTES.md "Okta / 429",
 * from Okta's SCIM rate-limit guidance): honour `Retry-After` only when it is an integer number of
 * seconds, otherwise fall back to a base wait (Okta waits 5 minutes; a load test uses
 * `backoffBaseMs`, 1 s by default); each further 429 of the same request doubles the wait; give
 * up after `maxAttempts` attempts in total (10 for Okta).
 *
 * Unlike the replay's policy (src/http/retry-policy.ts, whose Retry-After parsing and Okta
 * attempt count this reuses), the doubling applies to an honoured Retry-After too, and every
 * wait is capped: a load test must not sit out 5-minute back-offs.
 */
export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  /** Upper bound on one wait, so a hostile Retry-After cannot stall a run for hours. */
  maxWaitMs: number;
}

const okta = retryPolicyFor('okta').rateLimit;

export const OKTA_RETRY_POLICY: RetryPolicy = { maxAttempts: okta.retries ? okta.maxAttempts : 1, backoffBaseMs: 1000, maxWaitMs: 120_000 };

/** The wait before attempt `attempt + 1`, after `attempt` attempts (1-based) were answered 429. */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, policy: RetryPolicy): number {
  const base = parseRetryAfter(retryAfter, 'integer-seconds', 0) ?? policy.backoffBaseMs;
  return Math.min(base * 2 ** (attempt - 1), policy.maxWaitMs);
}
