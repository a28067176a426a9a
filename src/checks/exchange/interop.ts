import type { ExchangeCheck } from '../exchange-check.js';
import type { Exchange } from '../../http/exchange.js';
import { familyOf } from '../../idp/profile-names.js';
import { describeStatus, isSuccess, jsonObject } from './response-helpers.js';

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
    // Okta and OneLogin both accept a 404 for a lookup miss (Okta SCIM 2.0 reference; OneLogin SCIM docs).
    if (status === 404 && ['okta', 'onelogin'].includes(familyOf(context.idp))) return [];
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

/** The PATCH operations of the request body, when it is a PatchOp message. */
function requestOperations(exchange: Exchange): Record<string, unknown>[] {
  let body: unknown;
  try {
    body = JSON.parse(exchange.request.body ?? '');
  } catch {
    return [];
  }
  const operations = (body as { Operations?: unknown } | null)?.Operations;
  return Array.isArray(operations) ? operations.filter((operation): operation is Record<string, unknown> => operation !== null && typeof operation === 'object') : [];
}

function isPatch(exchange: Exchange, purpose: string): boolean {
  return exchange.request.method.toUpperCase() === 'PATCH' && (purpose === 'patchUser' || purpose === 'patchGroup');
}

/** What a refused PATCH said, for the finding. */
function refusal(exchange: Exchange): string {
  const body = jsonObject(exchange);
  const detail = typeof body?.detail === 'string' ? `: ${body.detail}` : '';
  const scimType = typeof body?.scimType === 'string' ? ` ${body.scimType}` : '';
  return `${describeStatus(exchange)}${scimType}${detail}`.slice(0, 200);
}

/** `"True"`/`"False"` where a boolean belongs: `active` paths, or `active` inside a path-less value. */
function stringBooleans(operations: Record<string, unknown>[]): string[] {
  const found: string[] = [];
  const isBooleanString = (value: unknown): value is string => typeof value === 'string' && /^(true|false)$/i.test(value);
  for (const operation of operations) {
    const path = typeof operation.path === 'string' ? operation.path : undefined;
    if (path !== undefined && /(^|:)active$/i.test(path) && isBooleanString(operation.value)) found.push(`"${path}": ${JSON.stringify(operation.value)}`);
    if (path === undefined && operation.value !== null && typeof operation.value === 'object') {
      for (const [key, value] of Object.entries(operation.value as Record<string, unknown>)) {
        if (/(^|:)active$/i.test(key) && isBooleanString(value)) found.push(`"${key}": ${JSON.stringify(value)}`);
      }
    }
  }
  return found;
}

/**
 * INTEROP-OP-CASE: Entra ID's default job sends `Add`/`Replace`/`Remove` (Microsoft's SCIM
 * known-issues page); the tutorial asks servers to match structural keywords case-insensitively.
 * Passive: applies only to PATCHes that carried a non-lower-case op, and fails when they were refused.
 */
export const opCase: ExchangeCheck = {
  id: 'INTEROP-OP-CASE',
  appliesTo: (exchange, context) => isPatch(exchange, context.purpose) && exchange.response !== undefined && requestOperations(exchange).some((operation) => typeof operation.op === 'string' && operation.op !== operation.op.toLowerCase()),
  check(exchange) {
    if (isSuccess(exchange)) return [];
    const ops = [...new Set(requestOperations(exchange).map((operation) => String(operation.op)).filter((op) => op !== op.toLowerCase()))];
    return [{
      message: `the server refused a PATCH whose op is ${ops.map((op) => `"${op}"`).join(', ')}. Microsoft Entra ID (default SCIM job) sends capitalised ops; RFC 7644 §3.5.2 only shows them in lower case, and Microsoft asks servers to match op names case-insensitively (or the tenant can append ?aadOptscim062020 to the tenant URL)`,
      path: '$.Operations[*].op',
      expected: '2xx (op matched case-insensitively)',
      actual: refusal(exchange),
    }];
  },
};

/**
 * INTEROP-BOOLEAN-STRINGS: Entra ID's default job sends `"value": "False"` for `active` (known-issues
 * page). Passive: applies only to PATCHes that carried a string boolean, and fails when refused;
 * the read-back after a deactivation judges the stored value.
 */
export const booleanStrings: ExchangeCheck = {
  id: 'INTEROP-BOOLEAN-STRINGS',
  appliesTo: (exchange, context) => isPatch(exchange, context.purpose) && exchange.response !== undefined && stringBooleans(requestOperations(exchange)).length > 0,
  check(exchange) {
    if (isSuccess(exchange)) return [];
    const sent = stringBooleans(requestOperations(exchange));
    return [{
      message: `the server refused a PATCH carrying ${sent.join(', ')}. Microsoft Entra ID (default SCIM job) sends booleans as the strings "True"/"False"; RFC 7643 §2.3.2 wants JSON booleans, but a server that must work with Entra accepts these and stores a boolean (or the tenant can append ?aadOptscim062020 to the tenant URL)`,
      path: '$.Operations[*].value',
      expected: '2xx, stored as a boolean',
      actual: refusal(exchange),
    }];
  },
};
