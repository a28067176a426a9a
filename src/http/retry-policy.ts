import { familyOf, type IdpFamily } from '../idp/profile-names.js';

/**
 * How each IdP retries, so a replay is throttled the way the real IdP would be. Keyed by IdP
 * family (src/idp/profile-names.ts, which imports nothing: the profiles themselves import
 * src/http, so this module must not import them). Sources:
 * each IdP's documentation or connector code, as collected in the team's IDP-NOTES and cited per policy below.
 *
 * Two kinds of trouble are retried:
 * - 429 Too Many Requests (RFC 6585 §4): the server did not process the request, so any
 *   method may be sent again, after the wait the IdP would take.
 * - A connection reset before an answer: the server may or may not have acted, so only
 *   idempotent methods are sent again (RFC 9110 §9.2.2). A retried POST could create a
 *   duplicate user; a retried PATCH could apply an `add` twice.
 */

/** What an IdP does on 429. */
export type RateLimitPolicy =
  /** `idp` names the IdP in the INTEROP-NO-RETRY-429 finding ("Keycloak does not retry 429"). */
  | { retries: false; idp: string; why: string }
  | {
      retries: true;
      /** Tries in total, the first included. */
      maxAttempts: number;
      /** Which Retry-After spellings the IdP honours (RFC 9110 §10.2.3 allows seconds or an HTTP-date). */
      retryAfter: 'integer-seconds' | 'seconds-or-date';
      /** Wait when Retry-After is absent or not honoured; doubled on each further 429. */
      fallbackMs: number;
    };

/** What an IdP does when the connection drops before an answer (idempotent methods only). */
export interface ResetPolicy {
  /** Tries in total, the first included; 1 means never retried. */
  maxAttempts: number;
  /** First wait; doubled on each further reset. */
  baseMs: number;
}

export interface RetryPolicy {
  profile: string;
  rateLimit: RateLimitPolicy;
  reset: ResetPolicy;
  /** Where the behaviour comes from, or that it is inferred. */
  source: string;
}

const GENERIC: Omit<RetryPolicy, 'profile'> = {
  rateLimit: { retries: true, maxAttempts: 4, retryAfter: 'seconds-or-date', fallbackMs: 1_000 },
  reset: { maxAttempts: 3, baseMs: 250 },
  source: 'inferred: a well-behaved client honouring Retry-After (RFC 6585 §4, RFC 9110 §10.2.3)',
};

const OKTA: Omit<RetryPolicy, 'profile'> = {
  // IDP-NOTES "Okta / 429": integer Retry-After seconds honoured, otherwise 5 minutes,
  // each further 429 doubles the wait, up to 10 attempts in total.
  rateLimit: { retries: true, maxAttempts: 10, retryAfter: 'integer-seconds', fallbackMs: 300_000 },
  reset: { maxAttempts: 3, baseMs: 250 },
  source: 'Okta SCIM guide (IDP-NOTES "Okta / 429"); reset retries inferred',
};

const ENTRA: Omit<RetryPolicy, 'profile'> = {
  // IDP-NOTES "Entra / 429": no documented contract; a 2025 Q&A answer says Retry-After is honoured.
  rateLimit: { retries: true, maxAttempts: 4, retryAfter: 'seconds-or-date', fallbackMs: 1_000 },
  reset: { maxAttempts: 3, baseMs: 250 },
  source:
    'inferred: Entra documents no 429 contract; a 2025 Microsoft Q&A answer says Retry-After is honoured (IDP-NOTES "Entra / 429")',
};

const KEYCLOAK: Omit<RetryPolicy, 'profile'> = {
  // IDP-NOTES "Keycloak / Errors and 429": non-2xx (429 included) is only logged, never
  // retried; network exceptions are retried 10 times with exponential back-off.
  rateLimit: {
    retries: false,
    idp: 'Keycloak',
    why: 'the Keycloak SCIM connector only logs non-2xx answers, 429 included, and never retries them',
  },
  reset: { maxAttempts: 10, baseMs: 500 },
  source: 'mitodl/keycloak-scim connector code (IDP-NOTES "Keycloak / Errors and 429"); back-off base inferred',
};

/** Every mode of an IdP retries as that IdP does (Okta's AIW app, Entra's compliant flag, Keycloak's PATCH mode). */
const POLICIES: Readonly<Record<IdpFamily, Omit<RetryPolicy, 'profile'>>> = {
  generic: GENERIC,
  okta: OKTA,
  entra: ENTRA,
  keycloak: KEYCLOAK,
  // No public 429 policy (IDP-NOTES "Google", "OneLogin", "JumpCloud", "authentik"): generic.
  google: GENERIC,
  onelogin: GENERIC,
  jumpcloud: GENERIC,
  authentik: GENERIC,
  // PingFederate documents no 429 policy; Rauthy's client (clients_scim.rs) never retries a request
  // inline but queues a failed task the scheduler re-runs every 60-90 s: neither is modelled, generic.
  ping: GENERIC,
  rauthy: GENERIC,
  // The hosted validator runs each test once and reports the answer (inferred): generic.
  'entra-validator': GENERIC,
};

/** The retry policy of a profile; unknown names get the generic one. */
export function retryPolicyFor(profile: string | undefined): RetryPolicy {
  const name = profile ?? 'generic';
  const family = familyOf(name);
  return { profile: name, ...(family === undefined ? GENERIC : POLICIES[family]) };
}

/**
 * The families whose IdP never retries a 429: a rate-limiting server, compliant as it is (RFC 6585
 * §4), loses those requests for good. INTEROP-NO-RETRY-429 names them (src/checks/catalogue/interop.ts).
 */
export function familiesWithoutRetryOn429(): IdpFamily[] {
  return (Object.keys(POLICIES) as IdpFamily[]).filter((family) => !POLICIES[family].rateLimit.retries);
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Transport codes that mean the connection dropped under the request (src/http/transport-errors.ts). */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** What one try produced, as far as retrying is concerned. */
export interface TryOutcome {
  method: string;
  status?: number;
  /** The Retry-After header, verbatim. */
  retryAfter?: string;
  errorCode?: string;
  /** Tries made so far, this one included (1 after the first). */
  attempt: number;
  /** Now, for HTTP-date Retry-After values. */
  now: number;
}

/** Retry after `waitMs`, or stop; `note` says why a retryable outcome was not retried. */
export type RetryDecision = { retry: true; waitMs: number; reason: string } | { retry: false; note?: string };

/** Parses Retry-After as the policy allows; undefined when absent or not honoured. */
export function parseRetryAfter(
  value: string | undefined,
  accepts: 'integer-seconds' | 'seconds-or-date',
  now: number,
): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (accepts === 'integer-seconds') return undefined;
  // An HTTP-date (RFC 9110 §5.6.7) names a day and a time; Date.parse alone would take "-1".
  if (!/[A-Za-z]{3}/.test(trimmed) || !/\d{1,2}:\d{2}:\d{2}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Decides whether and when to send a request again, per the profile's policy. Pure. */
export function decideRetry(policy: RetryPolicy, outcome: TryOutcome): RetryDecision {
  const method = outcome.method.toUpperCase();
  if (outcome.status === 429) {
    const rate = policy.rateLimit;
    if (!rate.retries) return { retry: false, note: `not retried: ${rate.why} (${policy.profile} profile)` };
    if (outcome.attempt >= rate.maxAttempts)
      return {
        retry: false,
        note: `not retried: the ${policy.profile} profile gives up after ${rate.maxAttempts} tries`,
      };
    const honoured = parseRetryAfter(outcome.retryAfter, rate.retryAfter, outcome.now);
    if (honoured !== undefined) {
      return {
        retry: true,
        waitMs: honoured,
        reason: `429 with Retry-After: ${outcome.retryAfter!.trim()}; the ${policy.profile} profile waits ${seconds(honoured)}`,
      };
    }
    const waitMs = rate.fallbackMs * 2 ** (outcome.attempt - 1);
    const why =
      outcome.retryAfter === undefined
        ? 'no Retry-After'
        : `Retry-After "${outcome.retryAfter.trim()}" is not ${rate.retryAfter === 'integer-seconds' ? 'integer seconds' : 'seconds or an HTTP-date'}`;
    return {
      retry: true,
      waitMs,
      reason: `429 with ${why}; the ${policy.profile} profile backs off ${seconds(waitMs)}`,
    };
  }
  if (outcome.errorCode !== undefined && RESET_CODES.has(outcome.errorCode)) {
    if (!IDEMPOTENT.has(method))
      return {
        retry: false,
        note: `not retried: ${method} is not idempotent, so sending it again after a reset could apply it twice`,
      };
    if (outcome.attempt >= policy.reset.maxAttempts)
      return {
        retry: false,
        note: `not retried: the ${policy.profile} profile gives up after ${policy.reset.maxAttempts} tries`,
      };
    const waitMs = policy.reset.baseMs * 2 ** (outcome.attempt - 1);
    return {
      retry: true,
      waitMs,
      reason: `connection reset during an idempotent ${method}; the ${policy.profile} profile retries after ${seconds(waitMs)}`,
    };
  }
  return { retry: false };
}
