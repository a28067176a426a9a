import type { Exchange } from '../../http/exchange.js';
import { catalogueRow } from '../catalogue.js';

/** Probe rows whose subject *is* the refusal: their 404/501 is judged, never skipped. */
const JUDGES_SUPPORT = new Set(['ME-UNSUPPORTED', 'VER-PROTOCOL']);

/**
 * Why a `probe`-gated row (SPEC-CHECKS "Gate": an optional feature advertised nowhere) turned out
 * unsupported: a 404 or 501 means "not offered", and for FILTER-VALUEPATH a 400 `invalidFilter`
 * does too (RFC 7644 §3.4.2.2 makes the `attr[…]` form optional). Undefined when the answer says
 * nothing about support, so the row's expectation judges it.
 */
export function probeUnsupportedReason(
  id: string,
  exchange: Exchange,
  expectedStatuses: readonly number[] = [],
): string | undefined {
  if (catalogueRow(id).gate !== 'probe' || !exchange.response || JUDGES_SUPPORT.has(id)) return undefined;
  const { status } = exchange.response;
  // A 404 the step expects (a refused version segment) is the answer being checked, not a refusal of the feature.
  if (expectedStatuses.includes(status)) return undefined;
  if (status === 404 || status === 501) return `unsupported: the server answered ${status} to this optional feature`;
  const scimType = (exchange.response.json as { scimType?: unknown } | undefined)?.scimType;
  if (id === 'FILTER-VALUEPATH' && status === 400 && scimType === 'invalidFilter')
    return 'unsupported: the server refused the attr[…] value-filter form with 400 invalidFilter';
  return undefined;
}
