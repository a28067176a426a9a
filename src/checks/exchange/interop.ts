import type { ExchangeCheck } from '../exchange-check.js';
import { describeStatus, jsonObject } from './response-helpers.js';

/**
 * INTEROP-FILTER-CORRELATION: IdPs look a resource up by `userName eq` / `displayName eq` before
 * creating it, so those filters must work. Okta also accepts a 404 for a miss
 * (developer.okta.com SCIM 2.0 reference, "Determine if the User already exists").
 */
export const filterCorrelation: ExchangeCheck = {
  id: 'INTEROP-FILTER-CORRELATION',
  appliesTo: (exchange, context) => (context.purpose === 'lookupUser' || context.purpose === 'lookupGroup') && exchange.response !== undefined,
  check(exchange, context) {
    const status = exchange.response!.status;
    if (status === 200 && typeof jsonObject(exchange)?.totalResults === 'number') return [];
    if (status === 404 && context.idp.startsWith('okta')) return [];
    const body = jsonObject(exchange);
    const why = body?.scimType === 'invalidFilter' ? ' (the server refused the filter as invalidFilter)' : '';
    return [{ message: `the IdP's lookup filter must work: 200 with a ListResponse${why}`, expected: 200, actual: describeStatus(exchange) }];
  },
};

/** INTEROP-PASSWORD-PLACEHOLDER: Okta sends a password on create even without password sync. */
export const passwordPlaceholder: ExchangeCheck = {
  id: 'INTEROP-PASSWORD-PLACEHOLDER',
  appliesTo: (exchange, context) => context.purpose === 'createUser' && (exchange.request.body ?? '').includes('"password"') && exchange.response !== undefined,
  check(exchange) {
    const status = exchange.response!.status;
    return status === 400 ? [{ message: 'a create carrying a password must not be refused for it', expected: 201, actual: status }] : [];
  },
};
