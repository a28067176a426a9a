import type { ScimType } from '../../scim/scim-error.js';
import { SCIM_MEDIA_TYPE, URN } from '../../scim/urns.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { cursorRequest } from './cursor-paging.js';
import { jsonObject, mediaTypeOf, schemasOf } from './response-helpers.js';
import { queryParam, requestPath } from './returned-resources.js';

/**
 * The scimType keywords of RFC 7644 §3.12, Table 9, and the three cursor paging keywords RFC 9865
 * §2.1 adds to it, held to the domain's `ScimType`.
 */
const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
  'invalidCursor',
  'expiredCursor',
  'invalidCount',
] as const satisfies readonly ScimType[];

const isError = (status: number | undefined): boolean => status !== undefined && status >= 400;

/** ERR-SCIMTYPE (RFC 7644 §3.12 Table 9, SHOULD): scimType, when present, is a defined keyword. */
export const errorScimType: ExchangeCheck = {
  id: 'ERR-SCIMTYPE',
  appliesTo: (exchange) => isError(exchange.response?.status) && jsonObject(exchange)?.scimType !== undefined,
  check(exchange) {
    const scimType = jsonObject(exchange)!.scimType;
    return (SCIM_TYPES as readonly unknown[]).includes(scimType)
      ? []
      : [
          {
            message: 'scimType must be one of the RFC 7644 Table 9 keywords (case-sensitive)',
            path: '$.scimType',
            expected: SCIM_TYPES.join(' | '),
            actual: scimType,
          },
        ];
  },
};

/** ERR-MEDIA-TYPE (RFC 7644 §3.8, §8.1, SHOULD): error bodies are labelled application/scim+json. */
export const errorMediaType: ExchangeCheck = {
  id: 'ERR-MEDIA-TYPE',
  appliesTo: (exchange) => isError(exchange.response?.status) && (exchange.response?.body.length ?? 0) > 0,
  check(exchange) {
    const type = mediaTypeOf(exchange.response!.headers['content-type']);
    if (type === SCIM_MEDIA_TYPE) return [];
    // A client that asked for SCIM JSON gets the label judged by MEDIA-RESP-TYPE (a MUST then):
    // the same header is not judged twice.
    if ((exchange.request.headers.accept ?? '').toLowerCase().includes(SCIM_MEDIA_TYPE))
      return `the client asked for ${SCIM_MEDIA_TYPE}, so the label is judged under MEDIA-RESP-TYPE`;
    return [
      {
        message: `error responses should be labelled ${SCIM_MEDIA_TYPE}`,
        path: 'headers.content-type',
        expected: SCIM_MEDIA_TYPE,
        actual: exchange.response!.headers['content-type'] ?? '(missing)',
      },
    ];
  },
};

/** ERR-STATUS-IN-HTTP (RFC 7644 §3.2, §3.12, SHOULD): no 2xx wrapping an Error body. */
export const errorStatusInHttp: ExchangeCheck = {
  id: 'ERR-STATUS-IN-HTTP',
  appliesTo: (exchange) => {
    const status = exchange.response?.status ?? 0;
    return status >= 200 && status < 300 && jsonObject(exchange) !== undefined;
  },
  check: (exchange) =>
    schemasOf(jsonObject(exchange)).includes(URN.error)
      ? [
          {
            message: 'an error must be signalled by the HTTP status, not a 2xx with an Error body',
            expected: '4xx/5xx',
            actual: exchange.response!.status,
          },
        ]
      : [],
};

/**
 * 5xx answers that are not a server fault: 501 is the honest refusal of an unsupported feature
 * (DISC-SPC-HONEST), and 502/503/504 come from gateways and overload, which the client's retry
 * policy handles as runtime trouble rather than non-conformance.
 */
const NOT_A_FAULT = new Set([501, 502, 503, 504]);

/** ERR-NO-5XX (RFC 7644 §3.12 Table 8, MUST*): nothing a conformance run sends deserves a 500. */
export const noServerError: ExchangeCheck = {
  id: 'ERR-NO-5XX',
  appliesTo: (exchange) => (exchange.response?.status ?? 0) >= 500 && !NOT_A_FAULT.has(exchange.response!.status),
  check: (exchange) => [
    {
      message: 'the server failed with a 5xx; client mistakes must get a 4xx and valid requests a 2xx',
      expected: '< 500',
      actual: exchange.response!.status,
    },
  ],
};

/** LIST-TOOMANY (RFC 7644 §3.4.2.1): a query refused with 400 says why with a query-related scimType. */
export const listTooMany: ExchangeCheck = {
  id: 'LIST-TOOMANY',
  appliesTo: (exchange) =>
    exchange.response?.status === 400 &&
    (exchange.request.method === 'GET' || /\.search\/?$/.test(requestPath(exchange))) &&
    /\/(Users|Groups)(\/\.search)?\/?$/.test(requestPath(exchange)),
  check(exchange) {
    const scimType = jsonObject(exchange)?.scimType;
    // A filter fault is invalidFilter; a bad parameter value may be invalidValue; anything else is tooMany.
    // A cursor request may also be refused for its cursor or count (RFC 9865 §2.1).
    const allowed = [
      ...(queryParam(exchange, 'filter') !== undefined || /"filter"/.test(exchange.request.body ?? '')
        ? ['invalidFilter', 'tooMany', 'invalidValue']
        : ['tooMany', 'invalidValue', 'invalidFilter']),
      ...(cursorRequest(exchange).cursor ? ['invalidCursor', 'expiredCursor', 'invalidCount'] : []),
    ];
    return typeof scimType === 'string' && allowed.includes(scimType)
      ? []
      : [
          {
            message: 'a query refused with 400 must say why: tooMany (or invalidFilter for a bad filter)',
            path: '$.scimType',
            expected: allowed.join(' | '),
            actual: scimType ?? '(missing)',
          },
        ];
  },
};
