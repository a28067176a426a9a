import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck, ExchangeCheckContext } from '../exchange-check.js';
import { cursorRequest } from './cursor-paging.js';
import { describeStatus, jsonObject, schemasOf } from './response-helpers.js';
import { isProjected } from './returned-resources.js';

const isRead = (context: ExchangeCheckContext): boolean =>
  context.purpose === 'getUser' || context.purpose === 'getGroup' || context.purpose === 'readBack';
const isList = (context: ExchangeCheckContext): boolean =>
  ['listUsers', 'listGroups', 'lookupUser', 'lookupGroup'].includes(context.purpose);

/** READ-200 (RFC 7644 §3.4.1): GET on a resource URL returns 200 and that resource. */
export const read200: ExchangeCheck = {
  id: 'READ-200',
  appliesTo: (_exchange, context) => isRead(context) && context.targetId !== undefined,
  check(exchange, context) {
    if (exchange.response?.status !== 200)
      return [
        { message: 'GET of an existing resource must answer 200', expected: 200, actual: describeStatus(exchange) },
      ];
    const body = jsonObject(exchange);
    const findings: Finding[] = [];
    if (body?.id !== context.targetId)
      findings.push({
        message: 'the body must be the addressed resource',
        path: '$.id',
        expected: context.targetId,
        actual: body?.id ?? '(missing)',
      });
    const urn = context.resourceKind === 'Group' ? URN.group : URN.user;
    // Under attributes=/excludedAttributes= the RFC is silent on keeping `schemas` (SPEC-CHECKS errata notes).
    if (!isProjected(exchange) && !schemasOf(body).includes(urn))
      findings.push({
        message: `schemas must contain ${urn}`,
        path: '$.schemas',
        expected: [urn],
        actual: body?.schemas,
      });
    return findings;
  },
};

/** LIST-RESPONSE (RFC 7644 §3.4.2): 200 with a ListResponse and an integer totalResults ≥ 0. */
export const listResponse: ExchangeCheck = {
  id: 'LIST-RESPONSE',
  // A lookup miss answered 404 is judged by INTEROP-FILTER-CORRELATION / the profile, not here.
  appliesTo: (exchange, context) =>
    isList(context) &&
    exchange.response !== undefined &&
    !(context.purpose.startsWith('lookup') && exchange.response.status === 404),
  check(exchange) {
    if (exchange.response?.status !== 200)
      return [
        { message: 'a query must answer 200 with a ListResponse', expected: 200, actual: describeStatus(exchange) },
      ];
    const body = jsonObject(exchange);
    const findings: Finding[] = [];
    if (!schemasOf(body).includes(URN.listResponse))
      findings.push({
        message: 'schemas must be the ListResponse URN',
        path: '$.schemas',
        expected: [URN.listResponse],
        actual: body?.schemas,
      });
    const total = body?.totalResults;
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
      findings.push({
        message: 'totalResults must be a non-negative JSON integer (Okta rejects strings)',
        path: '$.totalResults',
        actual: total ?? '(missing)',
      });
    }
    return findings;
  },
};

/** LIST-RESOURCES (RFC 7644 §3.4.2): when totalResults > 0, `Resources` holds complete resources. */
export const listResources: ExchangeCheck = {
  id: 'LIST-RESOURCES',
  appliesTo: (exchange, context) =>
    isList(context) && exchange.response?.status === 200 && typeof jsonObject(exchange)?.totalResults === 'number',
  check(exchange, context) {
    const body = jsonObject(exchange)!;
    const total = body.totalResults as number;
    const count = exchange.request.url.includes('count=0');
    if (total === 0 || count) return 'no resources to inspect';
    const resources = body.Resources;
    if (!Array.isArray(resources)) {
      const misspelt = Object.keys(body).find((key) => key.toLowerCase() === 'resources');
      return [
        {
          message: misspelt
            ? `the key must be spelled "Resources", not "${misspelt}"`
            : 'Resources must be an array when totalResults > 0',
          path: '$.Resources',
          actual: misspelt ?? '(missing)',
        },
      ];
    }
    const urn = context.resourceKind === 'Group' ? URN.group : URN.user;
    const findings: Finding[] = [];
    resources.forEach((resource: unknown, index) => {
      const item = resource as Record<string, unknown> | null;
      if (typeof item?.id !== 'string')
        findings.push({
          message: 'every resource needs an id',
          path: `$.Resources[${index}].id`,
          actual: item?.id ?? '(missing)',
        });
      if (!schemasOf(item ?? undefined).includes(urn))
        findings.push({
          message: `schemas must contain ${urn}`,
          path: `$.Resources[${index}].schemas`,
          actual: item?.schemas,
        });
    });
    return findings.slice(0, 10);
  },
};

/** LIST-PAGE-FIELDS (RFC 7644 §3.4.2, Table 7): a partial page carries startIndex and a truthful itemsPerPage. */
export const listPageFields: ExchangeCheck = {
  id: 'LIST-PAGE-FIELDS',
  appliesTo: (exchange, context) => {
    const body = jsonObject(exchange);
    return (
      isList(context) &&
      exchange.response?.status === 200 &&
      Array.isArray(body?.Resources) &&
      typeof body?.totalResults === 'number' &&
      (body.Resources as unknown[]).length < (body.totalResults as number)
    );
  },
  check(exchange) {
    const body = jsonObject(exchange)!;
    const findings: Finding[] = [];
    const onPage = (body.Resources as unknown[]).length;
    // A cursor page is found by its nextCursor, not an index (RFC 9865 §2): it need not say where it starts.
    if (typeof body.startIndex !== 'number' && !cursorRequest(exchange).cursor)
      findings.push({
        message: 'a partial page must carry an integer startIndex',
        path: '$.startIndex',
        actual: body.startIndex ?? '(missing)',
      });
    if (body.itemsPerPage !== onPage)
      findings.push({
        message: 'itemsPerPage must equal the number of resources on the page',
        path: '$.itemsPerPage',
        expected: onPage,
        actual: body.itemsPerPage ?? '(missing)',
      });
    return findings;
  },
};
