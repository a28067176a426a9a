import type { Exchange } from '../http/exchange.js';
import { catalogueRow, levelOf } from './catalogue.js';
import type { CheckResult, Finding } from './check-result.js';
import type { ExchangeCheck, ExchangeCheckContext } from './exchange-check.js';
import { EXCHANGE_CHECKS } from './exchange-checks.js';
import { boundedFindings, boundedText } from './finding-value.js';
import { fixHint } from './fix-hints.js';

/** The parts of a verdict that depend only on the row and the profile, built once per pair. */
interface RowMeta {
  title: string;
  rfc: string;
  level: CheckResult['level'];
}

const ROW_META = new Map<string, Map<string, RowMeta>>();

function rowMeta(id: string, idp: ExchangeCheckContext['idp']): RowMeta {
  let byId = ROW_META.get(idp);
  if (byId === undefined) {
    byId = new Map();
    ROW_META.set(idp, byId);
  }
  let meta = byId.get(id);
  if (meta === undefined) {
    const row = catalogueRow(id);
    meta = {
      // MUST* rows (SPEC-CHECKS): the RFC states the behaviour as fact, without a BCP 14 keyword.
      title:
        row.level === 'MUST*'
          ? `${row.requirement} (MUST*: the RFC states this descriptively, without a BCP 14 keyword)`
          : row.requirement,
      rfc: row.rfc,
      level: levelOf(row, idp),
    };
    byId.set(id, meta);
  }
  return meta;
}

/** Turns findings into a CheckResult carrying the catalogue's metadata. */
export function toCheckResult(
  id: string,
  context: Pick<ExchangeCheckContext, 'idp'>,
  outcome: Finding[] | string,
  exchangeId?: number,
): CheckResult {
  const meta = rowMeta(id, context.idp);
  const result: CheckResult = {
    id,
    title: meta.title,
    rfc: meta.rfc,
    level: meta.level,
    status: typeof outcome === 'string' ? 'skipped' : outcome.length === 0 ? 'passed' : 'failed',
  };
  // Verdicts live until the run ends and quote the server: kept to a bounded size (finding-value.ts).
  if (typeof outcome === 'string') result.message = boundedText(outcome);
  else if (outcome.length > 0) {
    result.findings = boundedFindings(outcome);
    result.message = result.findings[0]!.message;
    const hint = fixHint(id);
    if (hint !== undefined) result.hint = hint;
  }
  if (exchangeId !== undefined) result.exchangeId = exchangeId;
  return result;
}

/**
 * Transport errors that leave a response whose body the client could not use: cut at the size
 * cap, not decodable, or too deep or too wide to look inside (src/http/http-transport.ts). The step
 * errors with that reason; judging the body too would only add "the body is not JSON".
 */
const UNUSABLE_BODY = new Set(['BODY_TOO_LARGE', 'BODY_TOO_DEEP', 'BODY_TOO_WIDE', 'BAD_ENCODING']);

/**
 * A 429 that stood after the profile's retries (the executor marks it RATE_LIMITED): the server
 * did not process the request (RFC 6585 §4), so the answer says nothing about it. Judging it as a
 * create or a read reported a compliant rate-limiting server as CREATE-201 and READ-200 failures.
 */
const NOT_AN_ANSWER = new Set(['RATE_LIMITED']);

/**
 * Runs every applicable passive check on one exchange. An exchange with no response, with a
 * body the client could not use, or refused with a standing 429, gets no verdicts here: that is
 * runtime trouble (the step errors), not non-conformance.
 */
export function runExchangeChecks(
  exchange: Exchange,
  context: ExchangeCheckContext,
  checks: readonly ExchangeCheck[] = EXCHANGE_CHECKS,
): CheckResult[] {
  if (
    !exchange.response ||
    (exchange.error !== undefined && (UNUSABLE_BODY.has(exchange.error.code) || NOT_AN_ANSWER.has(exchange.error.code)))
  )
    return [];
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (check.appliesTo(exchange, context))
      results.push(toCheckResult(check.id, context, check.check(exchange, context), exchange.id));
  }
  return results;
}
