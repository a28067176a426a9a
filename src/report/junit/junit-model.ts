import type { CheckResult } from '../../checks/check-result.js';
import type { RunResult, ScenarioResult, StepResult } from '../../engine/results.js';
import { plainCheckDiagnostic, plainStepDiagnostic } from '../plain-diagnostic.js';
import type { FormatContext } from '../pretty/format-context.js';
import { stepLabel } from '../pretty/step-label.js';
import { type RootCause, rootCausesOf } from '../root-causes.js';

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

/**
 * Where a failure stands in its root cause. Testcases stay one per step × check, so a
 * dashboard's history per test (failing since build N, fixed in build M) keeps working; each
 * failure names its root cause, and the first of several lists where the others are.
 */
interface CausePosition {
  cause: RootCause<ScenarioResult>;
  /** 1-based. */
  index: number;
}

type CauseIndex = Map<CheckResult | StepResult, CausePosition>;

function indexCauses(result: RunResult): CauseIndex {
  const index: CauseIndex = new Map();
  for (const cause of rootCausesOf(result)) {
    for (const [position, occurrence] of cause.occurrences.entries())
      index.set(occurrence.check ?? occurrence.step, { cause, index: position + 1 });
  }
  return index;
}

/** ` [root cause CREATE-201#1a2b3c4d, 2 of 7]` for the message attribute; nothing for a failure that stands alone. */
function causeTag(position: CausePosition | undefined): string {
  if (position === undefined || position.cause.occurrences.length < 2) return '';
  return ` [root cause ${position.cause.fingerprint}, ${position.index} of ${position.cause.occurrences.length}]`;
}

/** The root cause's other places, under the first occurrence's diagnostic; a pointer to the first under the others. */
function causeText(text: string, position: CausePosition | undefined): string {
  if (position === undefined || position.cause.occurrences.length < 2) return text;
  const { cause } = position;
  const place = ({ scenario, step }: RootCause<ScenarioResult>['occurrences'][number]): string =>
    `${scenario.name} (${scenario.idp}) › ${stepLabel(step)}${step.line >= 1 ? ` (${scenario.file}:${step.line})` : ''}`;
  if (position.index > 1)
    return `root cause ${cause.fingerprint}: occurrence ${position.index} of ${cause.occurrences.length}; first at ${place(cause.occurrences[0]!)}\n\n${text}`;
  return `${text}\n\n${cause.occurrences.length} occurrences of root cause ${cause.fingerprint}:\n${cause.occurrences.map((occurrence) => `  ${place(occurrence)}`).join('\n')}`;
}

function checkOutcome(
  scenario: ScenarioResult,
  step: StepResult,
  check: CheckResult,
  format: FormatContext,
  causes: CauseIndex,
): CaseOutcome {
  if (check.status === 'skipped') return { kind: 'skipped', message: check.message ?? 'skipped' };
  if (check.status === 'passed') return { kind: 'passed' };
  if (check.waiver !== undefined)
    return { kind: 'skipped', message: `waived until ${check.waiver.until}: ${check.waiver.reason}` };
  // Warnings never fail a run (without --strict): they pass, with the detail kept as output; info is not news.
  if (check.level === 'info') return { kind: 'passed' };
  const text = plainCheckDiagnostic(scenario, step, check, format);
  if (check.level === 'warning') return { kind: 'passed', note: text };
  const position = causes.get(check);
  return {
    kind: 'failure',
    type: check.id,
    message: `${check.id} (${check.rfc}): ${firstLine(check.message, check.title)}${causeTag(position)}`,
    text: causeText(text, position),
  };
}

function stepCases(
  scenario: ScenarioResult,
  step: StepResult,
  format: FormatContext,
  causes: CauseIndex,
): Omit<JunitCase, 'classname' | 'file'>[] {
  const label = stepLabel(step);
  const line = step.line >= 1 ? step.line : undefined;
  const base = { ...(line === undefined ? {} : { line }) };
  if (step.status === 'skipped')
    return [
      { name: label, ...base, timeSeconds: 0, outcome: { kind: 'skipped', message: step.skipReason ?? 'skipped' } },
    ];
  const cases: Omit<JunitCase, 'classname' | 'file'>[] = [];
  const failingCheck = step.checks.some(
    (check) => check.status === 'failed' && check.level === 'error' && check.waiver === undefined,
  );
  if (step.status === 'errored' || (step.status === 'failed' && !failingCheck)) {
    const code = step.error?.code ?? 'ERROR';
    const position = causes.get(step);
    const text = causeText(plainStepDiagnostic(scenario, step, format), position);
    const message = `${code}: ${step.error?.message ?? `the step ${step.status}`}${causeTag(position)}`;
    const outcome: CaseOutcome =
      step.status === 'errored'
        ? { kind: 'error', type: code, message, text }
        : { kind: 'failure', type: code, message, text };
    cases.push({ name: `${label} › ${code}`, ...base, timeSeconds: seconds(step.durationMs), outcome });
  }
  for (const check of step.checks) {
    const exchange =
      check.exchangeId === undefined
        ? undefined
        : step.exchanges.find((candidate) => candidate.id === check.exchangeId);
    cases.push({
      name: `${label} › ${check.id}`,
      ...base,
      timeSeconds: seconds(exchange?.durationMs ?? 0),
      outcome: checkOutcome(scenario, step, check, format, causes),
    });
  }
  if (cases.length === 0)
    cases.push({ name: label, ...base, timeSeconds: seconds(step.durationMs), outcome: { kind: 'passed' } });
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
  return {
    kind: 'error',
    message: `the run could not start: ${message}`,
    type: result.notStarted.code,
    text: hint === undefined ? message : `${message}\nhint: ${hint}`,
  };
}

/**
 * A testsuite per scenario, a testcase per step × check. The classname is `idp.scenario name`
 * so Jenkins and GitLab group results by IdP and then by scenario.
 */
export function toJunitSuites(result: RunResult, format: FormatContext): JunitSuite[] {
  const causes = indexCauses(result);
  return result.scenarios.map((scenario) => {
    const classname = `${scenario.idp}.${scenario.name.replace(/\./g, ' ')}`;
    const raw =
      scenario.steps.length === 0
        ? [{ name: 'scenario', timeSeconds: 0, outcome: notRunOutcome(result, scenario) }]
        : scenario.steps.flatMap((step) => stepCases(scenario, step, format, causes));
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
export function countCases(cases: readonly JunitCase[]): {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
} {
  return {
    tests: cases.length,
    failures: cases.filter((entry) => entry.outcome.kind === 'failure').length,
    errors: cases.filter((entry) => entry.outcome.kind === 'error').length,
    skipped: cases.filter((entry) => entry.outcome.kind === 'skipped').length,
  };
}
