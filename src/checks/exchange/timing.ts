import { familyOf, type IdpFamily } from '../../idp/profile-names.js';
import type { ExchangeCheck, ExchangeCheckContext } from '../exchange-check.js';

/** How long an IdP waits for one answer before it gives up, and the public document that says so. */
export interface IdpTimeout {
  ms: number;
  source: string;
}

/**
 * The IdPs whose wait for a SCIM answer is documented. Only published numbers are listed; an
 * IdP without one gets no verdict rather than a guess.
 * - Okta: the SCIM FAQ ("What is the timeout if Okta doesn't receive a response…") gives 60 s of
 *   socket silence after any SCIM request (developer.okta.com/docs/concepts/scim/faqs/).
 * - Entra: a Microsoft employee answering on Microsoft Q&A states responses within 60 s are a
 *   requirement of the provisioning service (learn.microsoft.com/en-us/answers/questions/1151866).
 */
export const IDP_TIMEOUTS: Partial<Record<IdpFamily, IdpTimeout>> = {
  okta: { ms: 60_000, source: 'Okta SCIM FAQ (developer.okta.com/docs/concepts/scim/faqs/)' },
  entra: {
    ms: 60_000,
    source: 'Microsoft Q&A answer by Microsoft staff (learn.microsoft.com/en-us/answers/questions/1151866)',
  },
};

const LIST_PURPOSES = new Set<ExchangeCheckContext['purpose']>([
  'listUsers',
  'listGroups',
  'lookupUser',
  'lookupGroup',
]);

const timeoutOf = (context: ExchangeCheckContext): IdpTimeout | undefined => {
  const family = familyOf(context.idp);
  return family === undefined ? undefined : IDP_TIMEOUTS[family];
};

/**
 * LIST-IDP-TIMEOUT (SHOULD): a list or lookup answered within the documented timeout of the
 * profile's IdP. The RFC sets no time limit (RFC 7644 §3.4.2), so this is a warning under the
 * profiles whose IdP documents one, and no verdict elsewhere. `durationMs` is the client's
 * measure of the last try (request sent to body read), which is what the IdP's timer sees too.
 */
export const listIdpTimeout: ExchangeCheck = {
  id: 'LIST-IDP-TIMEOUT',
  appliesTo: (exchange, context) =>
    LIST_PURPOSES.has(context.purpose) && exchange.request.method === 'GET' && timeoutOf(context) !== undefined,
  check(exchange, context) {
    const timeout = timeoutOf(context)!;
    if (exchange.durationMs <= timeout.ms) return [];
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    return [
      {
        message: `the list took ${seconds(exchange.durationMs)}; ${context.idp} gives up after ${seconds(timeout.ms)} (${timeout.source}), so this request would fail there`,
        expected: `≤ ${timeout.ms} ms`,
        actual: `${Math.round(exchange.durationMs)} ms`,
      },
    ];
  },
};
