import type { Exchange } from '../../http/exchange.js';
import { ASYNC_METHODS, ASYNC_REQUEST_MODES, namesRespondAsync, RESPOND_ASYNC } from '../../scim/security-events.js';
import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { describeStatus, jsonObject, schemasOf } from './response-helpers.js';
import { requestPath } from './returned-resources.js';

/*
 * RFC 9967 asynchronous requests, judged on any exchange: the `securityEvents` advertisement (§4),
 * and the answer to a write sent with `Prefer: respond-async` or answered `202 Accepted`
 * (§2.5.1.1, §3). The header is read with the RFC 7240 §2 grammar (src/scim/security-events.ts).
 */

/** A write (POST, PUT, PATCH, DELETE) the client sent with `Prefer: respond-async`, answered. */
function askedRespondAsync(exchange: Exchange): boolean {
  return (
    exchange.response !== undefined &&
    ASYNC_METHODS.has(exchange.request.method.toUpperCase()) &&
    namesRespondAsync(exchange.request.headers.prefer)
  );
}

/**
 * A write answered `202 Accepted`. RFC 7644 gives a SCIM write no 202; RFC 9967 §3 defines it as
 * the asynchronous answer, whether the client asked (`request`) or the server chose (`long`, §4).
 */
function acceptedWrite(exchange: Exchange): boolean {
  return exchange.response?.status === 202 && ASYNC_METHODS.has(exchange.request.method.toUpperCase());
}

/** The `Set-Txn` value of an answer, trimmed; undefined when absent or blank. */
export function transactionIdOf(exchange: Exchange): string | undefined {
  const value = exchange.response?.headers['set-txn']?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key of an attribute, matched case-insensitively (RFC 7643 §2.1). */
function keyOf(object: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/** ASYNC-SPC-SHAPE (RFC 9967 §4): `securityEvents`, when advertised, has the shape §4 defines. */
export const asyncSpcShape: ExchangeCheck = {
  id: 'ASYNC-SPC-SHAPE',
  appliesTo(exchange) {
    if (exchange.request.method !== 'GET' || exchange.response?.status !== 200) return false;
    if (!/\/ServiceProviderConfig\/?$/.test(requestPath(exchange))) return false;
    const body = jsonObject(exchange);
    return schemasOf(body).includes(URN.serviceProviderConfig) && keyOf(body!, 'securityEvents') !== undefined;
  },
  check(exchange) {
    const body = jsonObject(exchange)!;
    const key = keyOf(body, 'securityEvents')!;
    const events = body[key];
    if (events === null) return [];
    if (!isObject(events))
      return [
        {
          message: 'securityEvents must be a complex attribute (a JSON object)',
          path: `$.${key}`,
          expected: '{"asyncRequest": "none" | "long" | "request", "eventUris": [...]}',
          actual: events,
        },
      ];
    const findings: Finding[] = [];
    const modeKey = keyOf(events, 'asyncRequest');
    const mode = modeKey === undefined ? undefined : events[modeKey];
    if (
      mode !== undefined &&
      mode !== null &&
      (typeof mode !== 'string' || !(ASYNC_REQUEST_MODES as readonly string[]).includes(mode.toLowerCase()))
    )
      findings.push({
        message: `securityEvents.asyncRequest must be one of ${ASYNC_REQUEST_MODES.join(', ')}`,
        path: `$.${key}.${modeKey}`,
        expected: ASYNC_REQUEST_MODES.join(' | '),
        actual: mode,
      });
    const urisKey = keyOf(events, 'eventUris');
    const uris = urisKey === undefined ? undefined : events[urisKey];
    if (uris !== undefined && uris !== null && (!Array.isArray(uris) || uris.some((uri) => typeof uri !== 'string')))
      findings.push({
        message: 'securityEvents.eventUris must be a list of SET event URIs (strings)',
        path: `$.${key}.${urisKey}`,
        expected: 'an array of strings',
        actual: uris,
      });
    return findings;
  },
};

/** ASYNC-SET-TXN (RFC 9967 §3): a 202 carries the transaction id of the completion event to come. */
export const asyncSetTxn: ExchangeCheck = {
  id: 'ASYNC-SET-TXN',
  appliesTo: acceptedWrite,
  check(exchange) {
    return transactionIdOf(exchange) !== undefined
      ? []
      : [
          {
            message:
              'a 202 Accepted must carry Set-Txn, the id the completion event will name, or the client can never learn the outcome',
            path: 'headers.set-txn',
            expected: 'a unique transaction id',
            actual: exchange.response!.headers['set-txn'] ?? '(missing)',
          },
        ];
  },
};

/**
 * ASYNC-PREFERENCE-APPLIED (RFC 9967 §2.5.1.1, RFC 7240 §3): `Preference-Applied` tells the client
 * which preferences shaped the answer, so it names `respond-async` on the 202 and only there.
 */
export const asyncPreferenceApplied: ExchangeCheck = {
  id: 'ASYNC-PREFERENCE-APPLIED',
  appliesTo: askedRespondAsync,
  check(exchange) {
    const applied = exchange.response!.headers['preference-applied'];
    const claimsAsync = namesRespondAsync(applied);
    if (exchange.response!.status === 202)
      return claimsAsync
        ? []
        : [
            {
              message: 'the 202 answer to Prefer: respond-async must say Preference-Applied: respond-async',
              path: 'headers.preference-applied',
              expected: RESPOND_ASYNC,
              actual: applied ?? '(missing)',
            },
          ];
    return claimsAsync
      ? [
          {
            message: `the answer is synchronous (${describeStatus(exchange)}), yet Preference-Applied claims respond-async was applied`,
            path: 'headers.preference-applied',
            expected: `no ${RESPOND_ASYNC} on a synchronous answer`,
            actual: applied,
          },
        ]
      : [];
  },
};

/** ASYNC-LOCATION (RFC 9967 §2.5.1.1): a 202 says where to look: the completion event or the resource. */
export const asyncLocation: ExchangeCheck = {
  id: 'ASYNC-LOCATION',
  appliesTo: acceptedWrite,
  check(exchange) {
    const location = exchange.response!.headers.location;
    if (location === undefined || location.trim() === '')
      return [
        {
          message:
            "a 202 Accepted must carry Location: where the completion event can be fetched, or the resource's URL",
          path: 'headers.location',
          expected: 'a URI',
          actual: location ?? '(missing)',
        },
      ];
    return URL.canParse(location.trim(), exchange.request.url)
      ? []
      : [
          {
            message: 'the Location of the 202 is not a URI reference',
            path: 'headers.location',
            expected: 'a URI',
            actual: location,
          },
        ];
  },
};

/** ASYNC-NO-BODY (RFC 9967 §2.5.1.1): the asynchronous answer has no body. */
export const asyncNoBody: ExchangeCheck = {
  id: 'ASYNC-NO-BODY',
  appliesTo: acceptedWrite,
  check(exchange) {
    const body = exchange.response!.body;
    return body === ''
      ? []
      : [
          {
            message: 'a 202 Accepted to an asynchronous request must have no body',
            expected: 'no body',
            actual: body.slice(0, 80),
          },
        ];
  },
};

/** ASYNC-TXN-UNIQUE (RFC 9967 §3): each 202 has a transaction id no earlier answer in the run had. */
export const asyncTxnUnique: ExchangeCheck = {
  id: 'ASYNC-TXN-UNIQUE',
  appliesTo: (exchange) => acceptedWrite(exchange) && transactionIdOf(exchange) !== undefined,
  check(exchange, context) {
    const txn = transactionIdOf(exchange)!;
    return context.earlierTransactions?.has(txn)
      ? [
          {
            message: `Set-Txn ${JSON.stringify(txn)} was already given to an earlier request in this run; completion events could not be told apart`,
            path: 'headers.set-txn',
            expected: 'a transaction id of its own',
            actual: txn,
          },
        ]
      : [];
  },
};
