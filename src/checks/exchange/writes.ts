import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { habitsOfRefused } from './refused-habits.js';
import { describeStatus, hasBody, isSuccess, jsonObject } from './response-helpers.js';

/** PUT-SUPPORTED (RFC 7644 §3.5.1): PUT answers 200 with the full resource (state is verified by read-back). */
export const putSupported: ExchangeCheck = {
  id: 'PUT-SUPPORTED',
  appliesTo: (_exchange, context) => context.purpose === 'replaceUser' || context.purpose === 'replaceGroup',
  check(exchange, context) {
    if (exchange.response?.status !== 200)
      return [{ message: 'PUT must answer 200 with the resource', expected: 200, actual: describeStatus(exchange) }];
    const body = jsonObject(exchange);
    if (body?.id !== context.targetId)
      return [
        {
          message: 'the PUT response must be the full replaced resource',
          path: '$.id',
          expected: context.targetId,
          actual: body?.id ?? '(missing)',
        },
      ];
    return [];
  },
};

/** PATCH-RESPONSE (RFC 7644 §3.5.2): success is 200 with the resource or 204 with no body. */
export const patchResponse: ExchangeCheck = {
  id: 'PATCH-RESPONSE',
  appliesTo: (_exchange, context) => context.purpose === 'patchUser' || context.purpose === 'patchGroup',
  check(exchange, context) {
    const status = exchange.response?.status;
    // Refusing a request that is not RFC form breaks no PATCH rule; the engine proves which IdP
    // habit the server refused and reports it under that habit's INTEROP row (isolate-refusal.ts).
    const habits = habitsOfRefused(exchange, context);
    if (habits !== undefined)
      return `the server refused a request carrying ${habits}, which is not RFC form: judged under the INTEROP row of the habit it refused`;
    if (status === 204)
      return hasBody(exchange)
        ? [{ message: 'a 204 must have an empty body', actual: exchange.response!.body.slice(0, 80) }]
        : [];
    if (status === 200) {
      const body = jsonObject(exchange);
      return body?.id === context.targetId
        ? []
        : [
            {
              message: 'a 200 must carry the patched resource',
              path: '$.id',
              expected: context.targetId,
              actual: body?.id ?? '(missing)',
            },
          ];
    }
    return [
      {
        message: 'a successful PATCH answers 200 with the resource or 204',
        expected: '200 or 204',
        actual: describeStatus(exchange),
      },
    ];
  },
};

/** DEL-204 (RFC 7644 §3.6): a successful DELETE answers 204 with no body. */
export const delete204: ExchangeCheck = {
  id: 'DEL-204',
  appliesTo: (_exchange, context) => context.purpose === 'deleteUser' || context.purpose === 'deleteGroup',
  check(exchange) {
    const findings: Finding[] = [];
    if (exchange.response?.status !== 204)
      findings.push({ message: 'DELETE must answer 204 No Content', expected: 204, actual: describeStatus(exchange) });
    else if (hasBody(exchange))
      findings.push({ message: 'a 204 must have an empty body', actual: exchange.response.body.slice(0, 80) });
    return findings;
  },
};

/** INTEROP-PATCH-200-BODY: Microsoft's hosted SCIM Validator rejects 204 on PATCH (the Entra engine does not): informational. */
export const patch200Body: ExchangeCheck = {
  id: 'INTEROP-PATCH-200-BODY',
  appliesTo: (exchange, context) =>
    (context.purpose === 'patchUser' || context.purpose === 'patchGroup') && isSuccess(exchange),
  check(exchange) {
    return exchange.response?.status === 200 && jsonObject(exchange)
      ? []
      : [{ message: 'PATCH success should be 200 with the resource', expected: 200, actual: describeStatus(exchange) }];
  },
};
