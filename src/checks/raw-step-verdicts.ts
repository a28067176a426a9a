import type { Exchange } from '../http/exchange.js';
import type { Feature, IdpName, ResponseExpectation } from '../scenario/model.js';
import { advertisedButBroken } from './active/advertised-but-broken.js';
import { probeUnsupportedReason } from './active/probe-unsupported.js';
import type { CheckResult, Finding } from './check-result.js';
import { boundedFindings } from './finding-value.js';
import { toCheckResult } from './run-exchange-checks.js';
import { responseExpectationFindings, SCENARIO_EXPECT_ID, scenarioCheck } from './scenario-expectation.js';

/** What a raw request step says about how its answer is judged. */
export interface RawStepJudging {
  /** The SPEC-CHECKS row the step proves (`check:`); without it the verdict is SCENARIO-EXPECT. */
  check?: string;
  /** The step's `expect:`, templates already rendered. */
  expectation?: ResponseExpectation;
  /** A feature the step's `when:` gate found advertised as supported. */
  advertisedFeature?: Feature;
  idp: IdpName;
  /** Names the step in a SCENARIO-EXPECT title, e.g. `GET /Users/42`. */
  label: string;
  /**
   * The purpose check (ANSWER_CHECKS) that already judged this answer's status, for a step
   * without `check:`: it names that judgement, so SCENARIO-EXPECT does not repeat it.
   */
  answered?: CheckResult;
  /** `capture:` paths that found nothing; judged with the step's own verdict. */
  captureMisses?: Finding[];
}

/**
 * The purpose checks that judge whether a request got the answer its purpose calls for: the
 * status, and the minimal shape that goes with it (RFC 7644 §3.3, §3.4.1, §3.4.2, §3.5.1,
 * §3.5.2, §3.6). A raw step's own verdict judges exactly that, so on a raw step they step aside
 * (judgedOnce). The other purpose checks (CREATE-201-LOCATION, CREATE-ID, LIST-RESOURCES...)
 * judge further aspects and stay, as do the cross-cutting passive rules.
 */
export const ANSWER_CHECKS: ReadonlySet<string> = new Set([
  'CREATE-201',
  'GROUP-CREATE',
  'READ-200',
  'LIST-RESPONSE',
  'PUT-SUPPORTED',
  'PATCH-RESPONSE',
  'DEL-204',
]);

/**
 * A documented downgrade (`tolerate:` in the step's `expect:`, SPEC-CHECKS "403 is a warning",
 * "a 200 is reported as info"): a failed verdict on a tolerated status takes the lower level and
 * says why. Never raises a level.
 */
function tolerated(result: CheckResult, exchange: Exchange, expectation: ResponseExpectation | undefined): CheckResult {
  const status = exchange.response?.status;
  if (result.status !== 'failed' || status === undefined) return result;
  const entry = expectation?.tolerate?.find((candidate) => candidate.status.includes(status));
  if (entry === undefined) return result;
  const rank = { info: 0, warning: 1, error: 2 } as const;
  if (rank[entry.level] >= rank[result.level]) return result;
  return {
    ...result,
    level: entry.level,
    message: `${result.message ?? 'failed'} (tolerated as ${entry.level}: ${entry.note})`,
  };
}

/**
 * For a step without `check:`: whether the purpose check that judged the answer (`answered`) is
 * the judgement of its status, so SCENARIO-EXPECT leaves the status out. Not when it accepted a
 * status the step does not (a PATCH answered 204 where the step asks for 200): that stricter
 * expectation is the step's own, and the purpose verdict then steps aside (judgedOnce).
 */
export function purposeJudgesStatus(
  exchange: Exchange,
  expectation: ResponseExpectation | undefined,
  answered: CheckResult | undefined,
): boolean {
  if (answered === undefined || answered.status === 'skipped' || expectation?.status === undefined) return false;
  const status = exchange.response?.status;
  return !(
    answered.status === 'passed' &&
    status !== undefined &&
    !([] as number[]).concat(expectation.status).includes(status)
  );
}

/** The step's `expect:` findings, without the status comparison when a purpose check made it under its own name. */
function expectationFindings(exchange: Exchange, step: RawStepJudging): Finding[] {
  const expectation = step.expectation!;
  const findings = responseExpectationFindings(
    exchange,
    purposeJudgesStatus(exchange, expectation, step.answered) ? withoutStatus(expectation) : expectation,
  );
  return [...findings, ...(step.captureMisses ?? [])];
}

function withoutStatus(expectation: ResponseExpectation): ResponseExpectation {
  const { status: _status, ...rest } = expectation;
  return rest;
}

/** Whether `expect:` asks anything besides the status (and how to downgrade it). */
function judgesMoreThanStatus(expectation: ResponseExpectation): boolean {
  return Object.keys(expectation).some((key) => key !== 'status' && key !== 'tolerate');
}

/**
 * The verdicts on a raw step's answered exchange: a `probe` row the server turned out not to
 * offer is skipped; otherwise `expect:` (and `capture:`) is judged under the step's row, at that
 * row's level or a documented `tolerate:` downgrade, or under SCENARIO-EXPECT; and a refusal of a
 * feature the server advertises is also DISC-SPC-HONEST ("advertised but broken").
 */
export function rawStepVerdicts(exchange: Exchange, step: RawStepJudging): CheckResult[] {
  const results: CheckResult[] = [];
  const expectedStatuses =
    step.expectation?.status === undefined ? [] : ([] as number[]).concat(step.expectation.status);
  const unsupported =
    step.check === undefined ? undefined : probeUnsupportedReason(step.check, exchange, expectedStatuses);
  const misses = step.captureMisses ?? [];
  if (unsupported !== undefined) {
    results.push(toCheckResult(step.check!, { idp: step.idp }, unsupported, exchange.id));
  } else if (step.check !== undefined) {
    // A capture the row's step needs is part of what the row judges: at the row's level, not as an error of its own.
    if (step.expectation !== undefined || misses.length > 0) {
      const findings = [
        ...(step.expectation === undefined ? [] : responseExpectationFindings(exchange, step.expectation)),
        ...misses,
      ];
      results.push(
        tolerated(toCheckResult(step.check, { idp: step.idp }, findings, exchange.id), exchange, step.expectation),
      );
    }
  } else if (step.expectation !== undefined) {
    const findings = expectationFindings(exchange, step);
    // With nothing left to judge (a plain `status:` the purpose check already judged), SCENARIO-EXPECT would only repeat it.
    if (
      findings.length > 0 ||
      !purposeJudgesStatus(exchange, step.expectation, step.answered) ||
      judgesMoreThanStatus(step.expectation)
    ) {
      results.push(
        tolerated(scenarioCheck(findings, `expect: of ${step.label}`, exchange.id), exchange, step.expectation),
      );
    }
  } else if (misses.length > 0) {
    results.push(scenarioCheck(misses, 'capture: values from the response', exchange.id));
  }
  if (step.advertisedFeature !== undefined) {
    const broken = advertisedButBroken(exchange, step.advertisedFeature, step.idp, expectedStatuses);
    if (broken) results.push(broken);
  }
  return results;
}

/** Combines a passive verdict into the step's verdict of the same row: one verdict, the worse of the two. */
function merged(own: CheckResult, passive: CheckResult): CheckResult {
  if (passive.status !== 'failed' || own.status === 'skipped') return own;
  if (own.status === 'passed')
    return { ...passive, ...(own.exchangeId !== undefined ? { exchangeId: own.exchangeId } : {}) };
  const findings = boundedFindings([...(own.findings ?? []), ...(passive.findings ?? [])]);
  return { ...own, findings };
}

/**
 * Each request judged once: a raw step's own verdicts on its exchange replace the passive verdicts
 * that judge the same thing there. The purpose checks of ANSWER_CHECKS step aside whenever the step
 * judged the answer itself (its row passed, failed or was skipped as unsupported, or SCENARIO-EXPECT
 * judged the status), unless `answerStays`: a step without `check:` whose status the purpose check
 * judges (purposeJudgesStatus). A passive verdict under the step's own row id is merged into the
 * step's. Verdicts on other exchanges, and the other passive rules, are kept.
 */
export function judgedOnce(
  checks: readonly CheckResult[],
  own: readonly CheckResult[],
  exchangeId: number,
  answerStays = false,
): CheckResult[] {
  const judgedAnswer = own.some((result) => result.id !== 'DISC-SPC-HONEST');
  const byId = new Map(own.map((result) => [result.id, result]));
  const kept: CheckResult[] = [];
  for (const check of checks) {
    if (check.exchangeId !== exchangeId) kept.push(check);
    else if (byId.has(check.id) && check.id !== SCENARIO_EXPECT_ID)
      byId.set(check.id, merged(byId.get(check.id)!, check));
    else if (!(judgedAnswer && !answerStays && ANSWER_CHECKS.has(check.id))) kept.push(check);
  }
  return [...kept, ...own.map((result) => byId.get(result.id) ?? result)];
}
