import type { Exchange } from '../../http/exchange.js';
import { familyOf } from '../../idp/profile-names.js';
import { type QuirkKind, refusesContent } from '../../scim/patch/quirks.js';
import type { ExchangeCheck, ExchangeCheckContext } from '../exchange-check.js';
import { habitsOf } from './refused-habits.js';
import { describeStatus, jsonObject } from './response-helpers.js';

/**
 * INTEROP-FILTER-CORRELATION: IdPs look a resource up by `userName eq` / `displayName eq` before
 * creating it, so those filters must work. Okta also accepts a 404 for a miss
 * (developer.okta.com SCIM 2.0 reference, "Determine if the User already exists").
 */
export const filterCorrelation: ExchangeCheck = {
  id: 'INTEROP-FILTER-CORRELATION',
  appliesTo: (exchange, context) =>
    (context.purpose === 'lookupUser' || context.purpose === 'lookupGroup') && exchange.response !== undefined,
  check(exchange, context) {
    const status = exchange.response!.status;
    if (status === 200 && typeof jsonObject(exchange)?.totalResults === 'number') return [];
    // Okta and OneLogin both accept a 404 for a lookup miss (Okta SCIM 2.0 reference; OneLogin SCIM docs).
    if (status === 404 && ['okta', 'onelogin'].includes(familyOf(context.idp))) return [];
    const body = jsonObject(exchange);
    const why = body?.scimType === 'invalidFilter' ? ' (the server refused the filter as invalidFilter)' : '';
    return [
      {
        message: `the IdP's lookup filter must work: 200 with a ListResponse${why}`,
        expected: 200,
        actual: describeStatus(exchange),
      },
    ];
  },
};

/** Why a refused request carrying an IdP habit is not judged here: the engine proves the cause. */
const PROVEN_ELSEWHERE =
  'the server refused this request; scim-check re-sends it with one IdP habit at a time in RFC form and reports the habit it refused (or that none explains it), once, under that INTEROP row';

/**
 * INTEROP-PASSWORD-PLACEHOLDER: Okta sends a password on create even without password sync.
 * A refusal proves nothing by itself (the create may be refused for anything in it): the engine
 * re-sends it without the password and names this row only when that create is accepted.
 */
export const passwordPlaceholder: ExchangeCheck = {
  id: 'INTEROP-PASSWORD-PLACEHOLDER',
  appliesTo: (exchange, context) =>
    context.purpose === 'createUser' &&
    exchange.response !== undefined &&
    refusesContent(exchange.response.status) &&
    hasHabit(exchange, context, 'placeholder-password'),
  check: () => PROVEN_ELSEWHERE,
};

function isPatch(exchange: Exchange, purpose: string): boolean {
  return exchange.request.method.toUpperCase() === 'PATCH' && (purpose === 'patchUser' || purpose === 'patchGroup');
}

function hasHabit(exchange: Exchange, context: ExchangeCheckContext, kind: QuirkKind): boolean {
  return habitsOf(exchange, context).some((habit) => habit.kind === kind);
}

/**
 * INTEROP-OP-CASE: Entra ID's default job sends `Add`/`Replace`/`Remove` (Microsoft's SCIM
 * known-issues page); the tutorial asks servers to match structural keywords case-insensitively.
 * A refused PATCH with a capitalised op is not proof: measured on real servers, such refusals
 * were for something else every time. The engine proves it (src/engine/isolate-refusal.ts):
 * only when the same request with lower-case ops is accepted (or, after a 200 that changed
 * nothing, applied) is this row failed. Here the refusal is only recorded as handed over.
 */
export const opCase: ExchangeCheck = {
  id: 'INTEROP-OP-CASE',
  appliesTo: (exchange, context) =>
    isPatch(exchange, context.purpose) &&
    exchange.response !== undefined &&
    refusesContent(exchange.response.status) &&
    hasHabit(exchange, context, 'op-case'),
  check: () => PROVEN_ELSEWHERE,
};

/**
 * INTEROP-BOOLEAN-STRINGS: Entra ID's default job sends `"value": "False"` for `active` (known-issues
 * page). As for the op case, a refusal is proved by the engine's RFC-form re-send, and the stored
 * value is judged by the read-back after the deactivation.
 */
export const booleanStrings: ExchangeCheck = {
  id: 'INTEROP-BOOLEAN-STRINGS',
  appliesTo: (exchange, context) =>
    isPatch(exchange, context.purpose) &&
    exchange.response !== undefined &&
    refusesContent(exchange.response.status) &&
    hasHabit(exchange, context, 'boolean-string'),
  check: () => PROVEN_ELSEWHERE,
};
