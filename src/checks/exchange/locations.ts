import type { Exchange } from '../../http/exchange.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { returnedResources } from './returned-resources.js';

/**
 * True for an absolute URI: a scheme, then the rest (RFC 3986 §4.3). `/Users/1`, `Users/1` and
 * `//host/Users/1` are relative references.
 */
function isAbsoluteUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value);
}

/** Every `meta.location` the 2xx body carries, with where it sits. */
function metaLocations(exchange: Exchange): { at: string; value: unknown }[] {
  return returnedResources(exchange).flatMap(({ resource, at }) => {
    const meta = resource.meta as Record<string, unknown> | undefined;
    return meta !== null && typeof meta === 'object' && meta.location !== undefined
      ? [{ at: `${at}.meta.location`, value: meta.location }]
      : [];
  });
}

/**
 * LOCATION-ABSOLUTE (SHOULD): the `Location` header of a 2xx and every `meta.location` are
 * absolute URIs. RFC 7644 §3.3 and §3.1 call the header "the URI" of the resource and RFC 7643
 * §3.1 calls meta.location the URI of the resource; every example is absolute. HTTP itself
 * allows a relative Location (RFC 9110 §10.2.2, resolved against the request URL), and RFC 7643
 * §2.3.7 lets a reference be relative to the service root, so this is a warning, not an error:
 * a relative meta.location stored by a client has lost the base it needs to resolve.
 */
export const locationAbsolute: ExchangeCheck = {
  id: 'LOCATION-ABSOLUTE',
  appliesTo: (exchange) => {
    const status = exchange.response?.status ?? 0;
    if (status < 200 || status >= 300) return false;
    return exchange.response!.headers.location !== undefined || metaLocations(exchange).length > 0;
  },
  check(exchange) {
    const findings: Finding[] = [];
    const header = exchange.response!.headers.location;
    if (header !== undefined && !isAbsoluteUri(header))
      findings.push({
        message: 'the Location header should be the absolute URI of the resource, not a relative reference',
        path: 'headers.location',
        expected: 'an absolute URI (https://…)',
        actual: header,
      });
    for (const { at, value } of metaLocations(exchange)) {
      if (typeof value === 'string' && !isAbsoluteUri(value))
        findings.push({
          message: 'meta.location should be the absolute URI of the resource, not a relative reference',
          path: at,
          expected: 'an absolute URI (https://…)',
          actual: value,
        });
    }
    return findings;
  },
};
