import type { Exchange } from '../../http/exchange.js';
import { parseBody, QUIRKS, type Quirk, quirksIn, refusesContent } from '../../scim/patch/quirks.js';
import type { ExchangeCheckContext } from '../exchange-check.js';

/** The IdP habits (src/scim/patch/quirks.ts) the request of an exchange carries. */
export function habitsOf(exchange: Exchange, context: Pick<ExchangeCheckContext, 'resourceKind'>): Quirk[] {
  return quirksIn({
    method: exchange.request.method,
    kind: context.resourceKind,
    body: parseBody(exchange.request.body),
  });
}

/**
 * For a request refused for its content (400/422) that carries IdP habits: the habits, in words;
 * otherwise undefined. Such a refusal is not judged by the passive rules: the engine re-sends
 * the request with one habit at a time in RFC form and names the one the server refused
 * (src/engine/isolate-refusal.ts), so no rule blames a habit, or the RFC, without proof.
 */
export function habitsOfRefused(
  exchange: Exchange,
  context: Pick<ExchangeCheckContext, 'resourceKind'>,
): string | undefined {
  if (!refusesContent(exchange.response?.status)) return undefined;
  const habits = habitsOf(exchange, context);
  return habits.length > 0 ? habits.map((habit) => QUIRKS[habit.kind].title).join('; ') : undefined;
}
