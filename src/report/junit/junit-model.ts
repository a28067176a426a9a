import type { CheckResult } from '../../checks/check-result.js';
import type { RunResult, ScenarioResult, StepResult } from '../../engine/results.js';
import type { FormatContext } from '../pretty/format-context.js';
import { stepLabel } from '../pretty/step-label.js';
import { plainCheckDiagnostic, plainStepDiagnostic } from '../plain-diagnostic.js';

/**
 * How a JUnit testcase ended. Hurl's split: `failure` = the server broke a rule (a failed check
 * at level error), `error` = we could not get an answer (a step that errored).
 */
export type CaseOutcome =
  | { kind: 'passed'; note?: string }
  | { kind: 'failure'; type: string; message: string; text: string }
  | { kind: 'error'; type: string; message: string; text: string }
  | { kind: 'skipped'; message: string };

export interface JunitCase {
  /** Unique within its suite and stable across runs: `3 pushGroup eng › CREATE-201`. */
  name: string;
  classname: string;
  file: string;
  line?: number;
  timeSeconds: number;
  outcome: CaseOutcome;
}

export interface JunitSuite {
  name: string;
  file: string;
  idp: string;
  timeSeconds: number;
  cases: JunitCase[];
}

const seconds = (ms: number): number => (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0);

/** One line for a `message` attribute; the full diagnostic goes in the element text. */
function firstLine(text: string | undefined, fallback: string): string {
  const line = text?.split('\n')[0]?.trim();
  return line === undefined || line === '' ? fallback : line;
}

function checkOutcome(scenario: ScenarioResult, step: StepResult, check: CheckResult, format: FormatContext): CaseOutcome {
  if (check.status === 'skipped') return { kind: 'skipped', message: check.message ?? 'skipped' };
  if (check.status === 'passed') return { kind: 'passed' };
  if (check.waiver !== undefined) return { kind: 'skipped', message: `waived until ${check.waiver.until}: ${check.waiver.reason}` };
  // Warnings never fail a run (without --strict): they pass, with the detail kept as output; info is not news.
  if (check.level === 'info') return { kind: 'passed' };
  const text = plainCheckDiagnostic(scenario, step, check, format);
  if (check.level === 'warning') return { kind: 'passed', note: text };
  return { kind: 'failure', type: check.id, message: `${check.id} (${check.rfc}): ${firstLine(check.message, check.title)}`, text };
}

function stepCases(scenario: ScenarioResult, step: StepResult, format: FormatContext): Omit<JunitCase, 'classname' | 'file'>[] {
  const label = stepLabel(step);
  const line = step.line >= 1 ? step.line : undefined;
  const base = { ...(line === undefined ? {} : { line }) };
  if (step.status === 'skipped') return [{ name: label, ...base, timeSeconds: 0, outcome: { kind: 'skipped', message: step.skipReason ?? 'skipped' } }];
  const cases: Omit<JunitCase, 'classname' | 'file'>[] = [];
  const failingCheck = step.checks.some((check) => check.status === 'failed' && check.level === 'error' && check.waiver === undefined);
  if (step.status === 'errored' || (step.status === 'failed' && !failingCheck)) {
    const code = step.error?.code ?? 'ERROR';
    const text = plainStepDiagnostic(scenario, step, format);
    const message = `${code}: ${step.error?.message ?? `the step ${step.status}`}`;
    const outcome: CaseOutcome = step.status === 'errored' ? { kind: 'error', type: code, message, text } : { kind: 'failure', type: code, message, text };
    cases.push({ name: `${label} › ${code}`, ...base, timeSeconds: seconds(step.durationMs), outcome });
  }
  for (const check of step.checks) {
    const exchange = check.exchangeId === undefined ? undefined : step.exchanges.find((candidate) => candidate.id === check.exchangeId);
    cases.push({ name: `${label} › ${check.id}`, ...base, timeSeconds: seconds(exchange?.durationMs ?? 0), outcome: checkOutcome(scenario, step, check, format) });
  }
  if (cases.length === 0) cases.push({ name: label, ...base, timeSeconds: seconds(step.durationMs), outcome: { kind: 'passed' } });
  return cases;
}

/** Repeated names (two read-backs judged by the same check) get ` #2`, ` #3` in order: unique and stable. */
function uniqueNames<T extends { name: string }>(cases: T[]): T[] {
  const seen = new Map<string, number>();
  return cases.map((entry) => {
    const count = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, count);
    return count === 1 ? entry : { ...entry, name: `${entry.name} #${count}` };
  });
}

/** A scenario without steps: skipped, or an error when the whole run could not start (a CI dashboard must not show green). */
function notRunOutcome(result: RunResult, scenario: RunResult['scenarios'][number]): CaseOutcome {
  if (result.notStarted === undefined) return { kind: 'skipped', message: scenario.skipReason ?? 'not run' };
  const { message, hint } = result.notStarted;
  return { kind: 'error', message: `the run could not start: ${message}`, type: result.notStarted.code, text: hint === undefined ? message : `${message}\nhint: ${hint}` };
}

/**
 * A testsuite per scenario, a testcase per step × check. The classname is `idp.scenario name`
 * so Jenkins and GitLab group results by IdP and then by scenario.
 */
export function toJunitSuites(result: RunResult, format: FormatContext): JunitSuite[] {
  return result.scenarios.map((scenario) => {
    const classname = `${scenario.idp}.${scenario.name.replace(/\./g, ' ')}`;
    const raw =
      scenario.steps.length === 0
        ? [{ name: 'scenario', timeSeconds: 0, outcome: notRunOutcome(result, scenario) }]
        : scenario.steps.flatMap((step) => stepCases(scenario, step, format));
    return {
      name: `${scenario.name} (${scenario.idp})`,
      file: scenario.file,
      idp: scenario.idp,
      timeSeconds: seconds(scenario.durationMs),
      cases: uniqueNames(raw).map((entry) => ({ ...entry, classname, file: scenario.file })),
    };
  });
}

/** Totals as the `<testsuite>` and `<testsuites>` attributes state them. */
export function countCases(cases: readonly JunitCase[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((entry) => entry.outcome.kind === 'failure').length,
    errors: cases.filter((entry) => entry.outcome.kind === 'error').length,
    skipped: cases.filter((entry) => entry.outcome.kind === 'skipped').length,
  };
}
