import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { jsonObject, schemasOf } from './response-helpers.js';

const isError = (status: number | undefined): boolean => status !== undefined && status >= 400;

/** ERR-BODY (RFC 7644 §3.12): every 4xx/5xx carries a SCIM Error object. */
export const errorBody: ExchangeCheck = {
  id: 'ERR-BODY',
  appliesTo: (exchange) => isError(exchange.response?.status),
  check(exchange) {
    const body = jsonObject(exchange);
    if (!body) {
      return [
        {
          message: 'an error response must carry a JSON SCIM Error body',
          actual: exchange.response!.body.slice(0, 120) || '(empty body)',
        },
      ];
    }
    const findings: Finding[] = [];
    if (!schemasOf(body).includes(URN.error)) {
      findings.push({
        message: 'schemas must contain the Error URN',
        path: '$.schemas',
        expected: [URN.error],
        actual: body.schemas,
      });
    }
    if (body.detail !== undefined && typeof body.detail !== 'string') {
      findings.push({ message: 'detail must be a string', path: '$.detail', actual: body.detail });
    }
    return findings;
  },
};

/** ERR-STATUS-STRING (RFC 7644 §3.12): `status` is a JSON string equal to the HTTP status. */
export const errorStatusString: ExchangeCheck = {
  id: 'ERR-STATUS-STRING',
  appliesTo: (exchange) => isError(exchange.response?.status) && jsonObject(exchange) !== undefined,
  check(exchange) {
    const body = jsonObject(exchange)!;
    const httpStatus = String(exchange.response!.status);
    if (body.status === httpStatus) return [];
    if (typeof body.status === 'number' && String(body.status) === httpStatus) {
      return [
        {
          message: 'status must be a JSON string, not a number',
          path: '$.status',
          expected: httpStatus,
          actual: body.status,
        },
      ];
    }
    return [
      {
        message: 'status must equal the HTTP status code, as a string',
        path: '$.status',
        expected: httpStatus,
        actual: body.status ?? '(missing)',
      },
    ];
  },
};
