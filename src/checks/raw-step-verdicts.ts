import type { Exchange } from '../http/exchange.js';
import type { Feature, IdpName, ResponseExpectation } from '../scenario/model.js';
import { advertisedButBroken } from './active/advertised-but-broken.js';
import { probeUnsupportedReason } from './active/probe-unsupported.js';
import type { CheckResult } from './check-result.js';
import { toCheckResult } from './run-exchange-checks.js';
import { responseExpectationFindings, scenarioCheck } from './scenario-expectation.js';

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
}

/**
 * The verdicts on a raw step's answered exchange: a `probe` row the server turned out not to
 * offer is skipped; otherwise `expect:` is judged under the step's row (or SCENARIO-EXPECT); and
 * a refusal of a feature the server advertises is also DISC-SPC-HONEST ("advertised but broken").
 */
export function rawStepVerdicts(exchange: Exchange, step: RawStepJudging): CheckResult[] {
  const results: CheckResult[] = [];
  const expectedStatuses = step.expectation?.status === undefined ? [] : ([] as number[]).concat(step.expectation.status);
  const unsupported = step.check === undefined ? undefined : probeUnsupportedReason(step.check, exchange, expectedStatuses);
  if (unsupported !== undefined) {
    results.push(toCheckResult(step.check!, { idp: step.idp }, unsupported, exchange.id));
  } else if (step.expectation !== undefined) {
    const findings = responseExpectationFindings(exchange, step.expectation);
    results.push(step.check === undefined ? scenarioCheck(findings, `expect: of ${step.label}`, exchange.id) : toCheckResult(step.check, { idp: step.idp }, findings, exchange.id));
  }
  if (step.advertisedFeature !== undefined) {
    const broken = advertisedButBroken(exchange, step.advertisedFeature, step.idp, expectedStatuses);
    if (broken) results.push(broken);
  }
  return results;
}
