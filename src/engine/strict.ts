import type { CheckResult } from '../checks/check-result.js';
import type { RunEvent, RunResult, ScenarioResult, StepResult } from './results.js';
import { summarize } from './run-suite.js';
import { scenarioOutcome } from './step-outcome.js';

/** Said after the message of every warning `--strict` turned into a failure. */
export const STRICT_NOTE = 'a warning; --strict makes it fail the run';

/** A failed, unwaived warning: what `--strict` turns into a failure. */
function failsUnderStrict(check: CheckResult): boolean {
  return check.status === 'failed' && check.level === 'warning' && check.waiver === undefined;
}

function strictCheck(check: CheckResult): CheckResult {
  if (!failsUnderStrict(check)) return check;
  const message =
    check.message === undefined || check.message === '' ? STRICT_NOTE : `${check.message} (${STRICT_NOTE})`;
  return { ...check, level: 'error', message };
}

function strictStep(step: StepResult): StepResult {
  if (!step.checks.some(failsUnderStrict)) return step;
  const checks = step.checks.map(strictCheck);
  return { ...step, checks, status: step.status === 'passed' ? 'failed' : step.status };
}

/** One scenario under `--strict`: its failed warnings are failures, so its steps and status fail. */
export function strictScenario(scenario: ScenarioResult): ScenarioResult {
  if (scenario.steps.length === 0) return scenario;
  const steps = scenario.steps.map(strictStep);
  return { ...scenario, steps, status: scenarioOutcome(steps) };
}

/**
 * `--strict` as a pure transform of the result, before any reporter sees it (as waivers are):
 * every report then agrees with the exit code. It used to change only the exit code, so a run
 * could exit 1 while pretty, JSON and JUnit (`failures="0"`) all said it passed.
 */
export function applyStrict(result: RunResult): RunResult {
  const scenarios = result.scenarios.map(strictScenario);
  return { ...result, scenarios, summary: summarize(scenarios, result.summary.durationMs) };
}

/** The same transform on a live event, for reporters that print as scenarios end. */
export function strictEvent(event: RunEvent): RunEvent {
  if (event.type === 'scenarioEnd') return { ...event, result: strictScenario(event.result) };
  if (event.type === 'runEnd') return { ...event, result: applyStrict(event.result) };
  return event;
}
