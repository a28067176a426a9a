import type { ExchangeCheck } from '../exchange-check.js';
import { jsonObject } from './response-helpers.js';
import { queryParam, requestPath } from './returned-resources.js';

/** `count` as sent in the query or a /.search body. */
function requestedCount(exchange: Parameters<ExchangeCheck['check']>[0]): number | undefined {
  const fromQuery = queryParam(exchange, 'count');
  if (fromQuery !== undefined) return Number(fromQuery);
  const fromBody = /"count"\s*:\s*(-?\d+)/.exec(exchange.request.body ?? '')?.[1];
  return fromBody === undefined ? undefined : Number(fromBody);
}

/** PAGE-COUNT-MAX (RFC 7644 §3.4.2.4): never more resources than `count` asked for (a negative count counts as 0). */
export const pageCountMax: ExchangeCheck = {
  id: 'PAGE-COUNT-MAX',
  // Discovery endpoints ignore paging (RFC 7644 §4, DISC-NO-PAGING), so only resource queries count.
  appliesTo: (exchange) =>
    /\/(Users|Groups)(\/\.search)?\/?$|\/\.search\/?$/.test(requestPath(exchange)) &&
    exchange.response?.status === 200 &&
    Array.isArray(jsonObject(exchange)?.Resources) &&
    Number.isInteger(requestedCount(exchange)),
  check(exchange) {
    const limit = Math.max(0, requestedCount(exchange)!);
    const onPage = (jsonObject(exchange)!.Resources as unknown[]).length;
    return onPage <= limit
      ? []
      : [
          {
            message: `the page holds more resources than count=${limit} allows`,
            path: '$.Resources',
            expected: `≤ ${limit}`,
            actual: onPage,
          },
        ];
  },
};
