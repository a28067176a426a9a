import { SCIM_MEDIA_TYPE } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { requestUrl } from './returned-resources.js';

/** RFC 7235 §4.1 challenge schemes and the SPC `authenticationSchemes` types they stand for. */
const KNOWN_SCHEMES = ['bearer', 'basic', 'digest'];

/** AUTH-WWW-AUTHENTICATE (RFC 7644 §2; RFC 7235 §4.1): every 401 names the accepted scheme(s). */
export const wwwAuthenticate: ExchangeCheck = {
  id: 'AUTH-WWW-AUTHENTICATE',
  appliesTo: (exchange) => exchange.response?.status === 401,
  check(exchange) {
    const header = exchange.response!.headers['www-authenticate'];
    if (header === undefined || header.trim() === '')
      return [
        {
          message: 'a 401 must carry WWW-Authenticate naming the accepted scheme, e.g. Bearer realm="scim"',
          path: 'headers.www-authenticate',
          expected: 'Bearer …',
          actual: '(missing)',
        },
      ];
    const scheme = header.trim().split(/[\s,]/)[0]!.toLowerCase();
    return KNOWN_SCHEMES.includes(scheme)
      ? []
      : [
          {
            message: 'WWW-Authenticate must start with an auth scheme the service advertises (Bearer, Basic)',
            path: 'headers.www-authenticate',
            actual: header,
          },
        ];
  },
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** AUTH-TLS (RFC 7644 §7.2, §7.4): the service is reached over https; on loopback (tests, the embedded server) it is skipped. */
export const transportTls: ExchangeCheck = {
  id: 'AUTH-TLS',
  appliesTo: (exchange) => exchange.response !== undefined,
  check(exchange) {
    const url = requestUrl(exchange) ?? new URL(exchange.request.url);
    if (url.protocol === 'https:') return [];
    // Skipped, not passed: plain http on loopback proves nothing about how the service is deployed.
    if (isLoopback(url.hostname))
      return 'plain http on a loopback address (tests, the embedded server): the deployed service must use https';
    return [
      {
        message: 'SCIM carries credentials and personal data: it must be served over TLS (https)',
        expected: 'https://',
        actual: `${url.protocol}//${url.host}`,
      },
    ];
  },
};

/** MEDIA-UTF8 (RFC 7644 §3.8; RFC 7643 §2.3.1): a declared charset is utf-8. */
export const utf8Charset: ExchangeCheck = {
  id: 'MEDIA-UTF8',
  appliesTo: (exchange) => /charset=/i.test(exchange.response?.headers['content-type'] ?? ''),
  check(exchange) {
    const charset = /charset=("?)([^";\s]+)\1/i.exec(exchange.response!.headers['content-type']!)?.[2] ?? '';
    return charset.toLowerCase() === 'utf-8' || charset.toLowerCase() === 'utf8'
      ? []
      : [
          {
            message: 'SCIM JSON is UTF-8; a declared charset must be utf-8',
            path: 'headers.content-type',
            expected: 'charset=utf-8',
            actual: charset,
          },
        ];
  },
};

/** MEDIA-REQ-SCIM-JSON (RFC 7644 §3.1, §8.1): a body labelled application/scim+json is never refused for its media type. */
export const acceptsScimJson: ExchangeCheck = {
  id: 'MEDIA-REQ-SCIM-JSON',
  appliesTo: (exchange) =>
    ['POST', 'PUT', 'PATCH'].includes(exchange.request.method) &&
    (exchange.request.headers['content-type'] ?? '').toLowerCase().startsWith(SCIM_MEDIA_TYPE) &&
    exchange.response !== undefined,
  check(exchange) {
    const findings: Finding[] = [];
    const status = exchange.response!.status;
    const blamesMediaType = status === 400 && /content.?type|media.?type/i.test(exchange.response!.body);
    if (status === 415 || blamesMediaType)
      findings.push({
        message: `a request body labelled ${SCIM_MEDIA_TYPE} must be accepted`,
        expected: 'not 415',
        actual: status,
      });
    return findings;
  },
};
