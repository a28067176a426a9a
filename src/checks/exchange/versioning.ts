import type { Exchange } from '../../http/exchange.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { returnedResources } from './returned-resources.js';

/** RFC 7232 §2.3: `"opaque"` or `W/"opaque"`; the `W/` is case-sensitive. */
const ENTITY_TAG = /^(W\/)?"[^"]*"$/;

function single(exchange: Exchange): Record<string, unknown> | undefined {
  const first = returnedResources(exchange)[0];
  return first?.at === '$' ? first.resource : undefined;
}

const versionOf = (resource: Record<string, unknown> | undefined): unknown =>
  (resource?.meta as Record<string, unknown> | undefined)?.version;

/** VER-WEAK-PREFIX (RFC 7643 §3.1; RFC 7232 §2.3): ETag and meta.version are entity-tags. */
export const weakPrefix: ExchangeCheck = {
  id: 'VER-WEAK-PREFIX',
  appliesTo: (exchange) => exchange.response?.headers.etag !== undefined || versionOf(single(exchange)) !== undefined,
  check(exchange) {
    const findings: Finding[] = [];
    const header = exchange.response!.headers.etag;
    if (header !== undefined && !ENTITY_TAG.test(header))
      findings.push({
        message: 'ETag must be a quoted string, optionally prefixed W/ (upper-case)',
        path: 'headers.etag',
        expected: 'W/"…" or "…"',
        actual: header,
      });
    const version = versionOf(single(exchange));
    if (version !== undefined && (typeof version !== 'string' || !ENTITY_TAG.test(version)))
      findings.push({
        message: 'meta.version must be an entity-tag',
        path: '$.meta.version',
        expected: 'W/"…" or "…"',
        actual: version,
      });
    return findings;
  },
};

/** VER-META-VERSION (RFC 7644 §3.14, MUST*): when both are sent, meta.version equals the ETag header. */
export const metaVersion: ExchangeCheck = {
  id: 'VER-META-VERSION',
  appliesTo: (exchange) => exchange.response?.headers.etag !== undefined && versionOf(single(exchange)) !== undefined,
  check(exchange) {
    const header = exchange.response!.headers.etag;
    const version = versionOf(single(exchange));
    return version === header
      ? []
      : [
          {
            message: 'meta.version must equal the ETag header, character for character',
            path: '$.meta.version',
            expected: header,
            actual: version,
          },
        ];
  },
};

/** VER-ETAG-HEADER (RFC 7644 §3.14; gated on SPC etag): a single-resource 2xx response carries ETag. */
export const etagHeader: ExchangeCheck = {
  id: 'VER-ETAG-HEADER',
  appliesTo: (exchange, context) =>
    context.advertised?.etag === true &&
    ['GET', 'POST', 'PUT', 'PATCH'].includes(exchange.request.method) &&
    single(exchange) !== undefined,
  check: (exchange) =>
    exchange.response!.headers.etag !== undefined
      ? []
      : [
          {
            message: 'with etag.supported=true, a response carrying one resource must include an ETag header',
            path: 'headers.etag',
            expected: 'ETag',
            actual: '(missing)',
          },
        ],
};
