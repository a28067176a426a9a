import type { CheckResult } from '../checks/check-result.js';
import { globToRegExp } from '../checks/select-checks.js';
import { isScenarioStep, type ScenarioResult, type StepResult } from '../engine/results.js';
import { type ReadinessReport, type ReadinessRow, readinessSummary } from './report.js';
import type { ReadinessSuite, VendorTest } from './suite.js';

/** Why a row whose deciding scenario is missing from the run is not ready, when the suite says nothing better. */
export const NOT_RUN = 'its scenario did not run';

/** A step entry of `decidedBy.steps` names the step of that name and those continuing it after a space. */
function namesStep(entry: string, step: StepResult): boolean {
  const name = step.name ?? '';
  return name === entry || name.startsWith(`${entry} `);
}

function decidingSteps(test: VendorTest, scenario: ScenarioResult): StepResult[] {
  const steps = test.decidedBy?.steps;
  // The synthetic token-endpoint scenario has only engine-shaped steps (one per OAuth flow);
  // elsewhere a named step is one of the scenario's own, never its preflight or cleanup.
  const named = scenario.steps.some(isScenarioStep) ? scenario.steps.filter(isScenarioStep) : scenario.steps;
  return steps === undefined ? scenario.steps : named.filter((step) => steps.some((entry) => namesStep(entry, step)));
}

const at = (scenario: ScenarioResult, step: StepResult): string =>
  `${scenario.name}:${step.name ?? `step ${step.index + 1}`}`;

/**
 * The finding that makes a test not ready, or undefined when none does: the first deciding step
 * that failed or errored (its first failed error-level check, or the runtime error), else the first
 * failed verdict of a deciding check (any level: the vendor asks it) in the deciding steps.
 */
function decidingFinding(
  steps: readonly StepResult[],
  scenario: ScenarioResult,
  checks: readonly RegExp[] | undefined,
): ReadinessRow['finding'] {
  const counts = (check: CheckResult): boolean =>
    check.status === 'failed' && (checks === undefined || checks.some((pattern) => pattern.test(check.id)));
  for (const step of steps) {
    if (step.status === 'errored')
      return {
        check: step.error?.code ?? 'ERRORED',
        message: step.error?.message ?? 'the step could not get an answer',
        at: at(scenario, step),
      };
    if (step.status !== 'failed') continue;
    const failed =
      step.checks.find((check) => check.status === 'failed' && check.level === 'error' && check.waiver === undefined) ??
      step.checks.find((check) => check.status === 'failed');
    return {
      check: failed?.id ?? 'STEP',
      message: failed?.findings?.[0]?.message ?? failed?.message ?? 'the step failed',
      at: at(scenario, step),
    };
  }
  if (checks === undefined) return undefined;
  for (const step of steps) {
    const failed = step.checks.find(counts);
    if (failed !== undefined)
      return {
        check: failed.id,
        message: failed.findings?.[0]?.message ?? failed.message ?? failed.title,
        at: at(scenario, step),
      };
  }
  return undefined;
}

/** One vendor test judged from the scenarios that ran. */
export function judgeTest(test: VendorTest, scenarios: readonly ScenarioResult[]): ReadinessRow {
  const base: ReadinessRow = {
    test: test.name,
    verdict: 'ready',
    citation: test.citation,
    summary: test.summary,
    ...(test.optional !== undefined ? { optional: test.optional } : {}),
  };
  const notReady = (row: Partial<ReadinessRow>): ReadinessRow => ({
    ...base,
    ...row,
    verdict: 'not ready',
    fix: test.fix,
  });
  if (test.notOffline !== undefined) return { ...base, verdict: 'not testable offline', reason: test.notOffline };
  const decidedBy = test.decidedBy;
  if (decidedBy === undefined)
    return { ...base, verdict: 'not testable offline', reason: 'nothing decides it offline' };
  const scenario = scenarios.find((candidate) => candidate.name === decidedBy.scenario);
  const untested = (): ReadinessRow => ({ ...base, verdict: 'not testable offline', reason: test.untestedWithout! });
  if (scenario === undefined || (scenario.steps.length === 0 && scenario.status !== 'passed')) {
    if (test.untestedWithout !== undefined) return untested();
    return notReady({ reason: test.whenNotRun ?? scenario?.skipReason ?? NOT_RUN });
  }
  const steps = decidingSteps(test, scenario);
  if (steps.length === 0) {
    if (test.untestedWithout !== undefined) return untested();
    return notReady({ reason: test.whenNotRun ?? `no step of ${scenario.name} decides it` });
  }
  const checks = decidedBy.checks?.map(globToRegExp);
  const finding = decidingFinding(steps, scenario, checks);
  if (finding !== undefined) return notReady({ finding });
  const ran = steps.filter((step) => step.status !== 'skipped');
  if (ran.length === 0) {
    const skip = steps[0]?.skipReason ?? 'skipped';
    if (test.whenSkipped !== undefined) return { ...base, reason: `skipped: ${skip}; ${test.whenSkipped}` };
    return notReady({ reason: `skipped: ${skip}` });
  }
  return base;
}

/** Judges every test of the suite, in the vendor's order, from the run's scenarios. */
export function judgeSuite(suite: ReadinessSuite, scenarios: readonly ScenarioResult[]): ReadinessReport {
  const judged = suite.tests.map((test) => judgeTest(test, scenarios));
  // "Either this or that must pass": a test whose alternative is ready does not block.
  const rows = judged.map((row, index) => {
    const other = suite.tests[index]!.eitherWith;
    if (row.verdict !== 'not ready' || other === undefined || row.optional !== undefined) return row;
    const alternative = judged.find((candidate) => candidate.test === other);
    return alternative?.verdict === 'ready'
      ? { ...row, optional: `the vendor needs this test or ${other} to pass, and ${other} is ready` }
      : row;
  });
  const summary = readinessSummary(rows);
  return {
    suite: suite.name,
    title: suite.title,
    citations: [...suite.citations],
    rows,
    summary,
    ready: !rows.some((row) => row.verdict === 'not ready' && row.optional === undefined),
  };
}
