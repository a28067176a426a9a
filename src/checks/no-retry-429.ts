import type { Exchange } from '../http/exchange.js';
import { retryPolicyFor } from '../http/retry-policy.js';
import type { IdpName } from '../idp/profile-names.js';
import type { CheckResult } from './check-result.js';
import { toCheckResult } from './run-exchange-checks.js';

const NO_RETRY_429_ID = 'INTEROP-NO-RETRY-429';

/**
 * INTEROP-NO-RETRY-429: a 429 left standing because the profile's IdP never retries one (its retry
 * policy, src/http/retry-policy.ts, with the source it cites). The server may rate-limit (RFC 6585
 * §4); what the vendor needs to hear is that this IdP then drops the request. Undefined for any
 * other exchange, and under profiles that retry (there a standing 429 is only runtime trouble).
 */
export function noRetryVerdict(exchange: Exchange, idp: IdpName): CheckResult | undefined {
  if (exchange.error?.code !== 'RATE_LIMITED') return undefined;
  const policy = retryPolicyFor(idp);
  if (policy.rateLimit.retries) return undefined;
  const { idp: who, why } = policy.rateLimit;
  const retryAfter = exchange.response?.headers['retry-after'];
  return toCheckResult(
    NO_RETRY_429_ID,
    { idp },
    [
      {
        message: `${who} does not retry 429; provisioning from it will drop requests (${why}; source: ${policy.source})`,
        expected: `an answer to ${exchange.request.method}: ${who} sends each request once`,
        actual: `429 Too Many Requests${retryAfter !== undefined ? ` with Retry-After: ${retryAfter}` : ''}`,
      },
    ],
    exchange.id,
  );
}
