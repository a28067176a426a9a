import type { Exchange } from '../../http/exchange.js';
import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { jsonObject, schemasOf } from './response-helpers.js';
import { requestPath, requestUrl } from './returned-resources.js';

/*
 * RFC 9865 cursor paging, judged on any exchange: the ServiceProviderConfig `pagination`
 * attribute (§4) and the answers to cursor requests (§2, §2.1, §3). The walk itself (nextCursor,
 * previousCursor, every match once) needs several requests in a row and is judged by
 * scenarios/spec/cursor-paging.yaml.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member of a JSON object by name, matched case-insensitively (RFC 7643 §2.1). */
function memberOf(object: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

const isPositiveInteger = (value: unknown): boolean => Number.isInteger(value) && (value as number) > 0;

/** ServiceProviderConfig `pagination.maxPageSize` when advertised as a positive integer (RFC 9865 §4). */
export function advertisedMaxPageSize(config: Record<string, unknown> | undefined): number | undefined {
  const pagination = config === undefined ? undefined : memberOf(config, 'pagination');
  const max = isObject(pagination) ? memberOf(pagination, 'maxPageSize') : undefined;
  return isPositiveInteger(max) ? (max as number) : undefined;
}

/** A query endpoint: /Users, /Groups, their /.search, or the root /.search. */
const isQueryPath = (exchange: Exchange): boolean =>
  /\/(Users|Groups)(\/\.search)?\/?$|\/\.search\/?$/i.test(requestPath(exchange));

function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d{1,15}\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

/**
 * The `count` of a cursor request: a GET with a `cursor` parameter (RFC 9865 §2) or a POST
 * /.search whose body has `cursor` (§3). `cursor: false` for any other request; `count` undefined
 * when absent or not an integer. Parameter and member names are matched case-insensitively, as
 * the server matches them.
 */
export function cursorRequest(exchange: Exchange): { cursor: false } | { cursor: true; count: number | undefined } {
  if (!isQueryPath(exchange)) return { cursor: false };
  const method = exchange.request.method.toUpperCase();
  if (method === 'GET') {
    const parameters = [...(requestUrl(exchange)?.searchParams ?? [])];
    const named = (name: string) => parameters.find(([key]) => key.toLowerCase() === name)?.[1];
    if (named('cursor') === undefined) return { cursor: false };
    return { cursor: true, count: integerOf(named('count')) };
  }
  if (method !== 'POST' || !/\.search\/?$/i.test(requestPath(exchange))) return { cursor: false };
  let body: unknown;
  try {
    body = JSON.parse(exchange.request.body ?? '');
  } catch {
    return { cursor: false };
  }
  if (!isObject(body) || memberOf(body, 'cursor') === undefined) return { cursor: false };
  return { cursor: true, count: integerOf(memberOf(body, 'count')) };
}

/** CURSOR-ADVERTISED (RFC 9865 §4): `pagination`, when advertised, has the members and types §4 defines. */
export const cursorAdvertised: ExchangeCheck = {
  id: 'CURSOR-ADVERTISED',
  appliesTo(exchange) {
    if (exchange.request.method !== 'GET' || exchange.response?.status !== 200) return false;
    if (!/\/ServiceProviderConfig\/?$/i.test(requestPath(exchange))) return false;
    const body = jsonObject(exchange);
    return schemasOf(body).includes(URN.serviceProviderConfig) && memberOf(body!, 'pagination') !== undefined;
  },
  check(exchange) {
    const pagination = memberOf(jsonObject(exchange)!, 'pagination');
    if (!isObject(pagination))
      return [
        {
          message: 'pagination must be a complex value (an object)',
          path: '$.pagination',
          expected: '{ "cursor": …, "index": … }',
          actual: pagination,
        },
      ];
    const findings: Finding[] = [];
    for (const flag of ['cursor', 'index']) {
      const value = memberOf(pagination, flag);
      if (typeof value !== 'boolean')
        findings.push({
          message: `pagination.${flag} is required and must be a JSON boolean`,
          path: `$.pagination.${flag}`,
          expected: 'true or false',
          actual: value ?? '(missing)',
        });
    }
    const method = memberOf(pagination, 'defaultPaginationMethod');
    if (method !== undefined && method !== 'cursor' && method !== 'index')
      findings.push({
        message: 'pagination.defaultPaginationMethod must be "cursor" or "index"',
        path: '$.pagination.defaultPaginationMethod',
        expected: '"cursor" or "index"',
        actual: method,
      });
    for (const size of ['defaultPageSize', 'maxPageSize', 'cursorTimeout']) {
      const value = memberOf(pagination, size);
      if (value !== undefined && !isPositiveInteger(value))
        findings.push({
          message: `pagination.${size} must be a positive integer`,
          path: `$.pagination.${size}`,
          expected: 'an integer ≥ 1',
          actual: value,
        });
    }
    return findings;
  },
};

/** A 200 answer whose body holds a `Resources` array. */
function resourcesOf(exchange: Exchange): unknown[] | undefined {
  const resources = exchange.response?.status === 200 ? jsonObject(exchange)?.Resources : undefined;
  return Array.isArray(resources) ? resources : undefined;
}

/**
 * CURSOR-COUNT-MAX (RFC 9865 §2): `count` bounds a cursor page. More resources than `count` is
 * PAGE-COUNT-MAX's finding on the same answer (RFC 7644 §3.4.2.4 says it for every page), so this
 * row judges what only it can: the `itemsPerPage` the page reports.
 */
export const cursorCountMax: ExchangeCheck = {
  id: 'CURSOR-COUNT-MAX',
  appliesTo(exchange) {
    const request = cursorRequest(exchange);
    return request.cursor && request.count !== undefined && resourcesOf(exchange) !== undefined;
  },
  check(exchange) {
    const request = cursorRequest(exchange) as { count: number };
    const limit = Math.max(0, request.count);
    if (resourcesOf(exchange)!.length > limit)
      return `the page holds more resources than count=${limit}: reported under PAGE-COUNT-MAX`;
    const itemsPerPage = jsonObject(exchange)!.itemsPerPage;
    return typeof itemsPerPage === 'number' && itemsPerPage > limit
      ? [
          {
            message: `itemsPerPage says more than count=${limit} allows on a cursor page`,
            path: '$.itemsPerPage',
            expected: `≤ ${limit}`,
            actual: itemsPerPage,
          },
        ]
      : [];
  },
};

/**
 * CURSOR-COUNT-ABOVE-MAX (RFC 9865 §4, §2.1): with `maxPageSize` advertised, no cursor page is
 * larger, and a `count` above it is either served as `maxPageSize` or refused with 400
 * `invalidCount`. An error to a `count` within the limit is some other rule's business.
 */
export const cursorCountAboveMax: ExchangeCheck = {
  id: 'CURSOR-COUNT-ABOVE-MAX',
  appliesTo(exchange, context) {
    const request = cursorRequest(exchange);
    if (!request.cursor || context.maxPageSize === undefined || exchange.response === undefined) return false;
    if (resourcesOf(exchange) !== undefined) return true;
    return exchange.response.status >= 400 && request.count !== undefined && request.count > context.maxPageSize;
  },
  check(exchange, context) {
    const max = context.maxPageSize!;
    const resources = resourcesOf(exchange);
    if (resources !== undefined)
      return resources.length <= max
        ? []
        : [
            {
              message: `the cursor page holds more resources than the advertised maxPageSize=${max}`,
              path: '$.Resources',
              expected: `≤ ${max}`,
              actual: resources.length,
            },
          ];
    const status = exchange.response!.status;
    const scimType = jsonObject(exchange)?.scimType;
    return status === 400 && scimType === 'invalidCount'
      ? []
      : [
          {
            message: `a count above maxPageSize=${max} is served as maxPageSize or refused with 400 invalidCount`,
            path: status === 400 ? '$.scimType' : 'status',
            expected: '200, or 400 with scimType invalidCount',
            actual: status === 400 ? (scimType ?? '(missing)') : status,
          },
        ];
  },
};
