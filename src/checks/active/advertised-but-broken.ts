import type { Exchange } from '../../http/exchange.js';
import type { Feature, IdpName } from '../../scenario/model.js';
import type { CheckResult } from '../check-result.js';
import { toCheckResult } from '../run-exchange-checks.js';

/** Statuses that say "this feature does not exist here" (RFC 7644 §3.12, Table 8). */
const REFUSALS = new Set([404, 405, 501]);

/**
 * DISC-SPC-HONEST (RFC 7643 §5): a feature ServiceProviderConfig flags as supported must not be
 * refused as missing. Returns a failed verdict for such a refusal, otherwise nothing (the row's
 * own expectation judges the details). A status the step expects (a 404 for a deleted resource)
 * is an answer, not a refusal of the feature.
 */
export function advertisedButBroken(
  exchange: Exchange,
  feature: Feature,
  idp: IdpName,
  expectedStatuses: readonly number[] = [],
): CheckResult | undefined {
  const status = exchange.response?.status;
  if (status === undefined || !REFUSALS.has(status) || expectedStatuses.includes(status)) return undefined;
  return toCheckResult(
    'DISC-SPC-HONEST',
    { idp },
    [
      {
        message: `advertised but broken: ServiceProviderConfig says ${feature}.supported=true, yet ${exchange.request.method} answered ${status}`,
        expected: `${feature} to work`,
        actual: status,
      },
    ],
    exchange.id,
  );
}
