import type { CheckLevel, CheckResult } from '../checks/check-result.js';
import { type CauseContext, checkFingerprint, stepErrorFingerprint } from './fingerprint.js';

/*
 * One server bug often fails many steps (every read-back after a refused write, every response
 * with the wrong Content-Type) and many scenarios. Reporters show it once, as a root cause: the
 * failures that share a fingerprint, with where each happened. The grouping reads only what both
 * a RunResult and a JSON report carry, so `--baseline` groups an earlier report the same way.
 */

/** The parts of a check verdict grouping reads (a CheckResult or a JsonCheck, whose findings are looser). */
export type CauseCheck = Pick<CheckResult, 'id' | 'title' | 'rfc' | 'level' | 'status' | 'message' | 'waiver'> & {
  findings?: readonly { path?: string; message: string }[];
};

/** The parts of a step grouping reads (a StepResult or a JsonStep). */
export interface CauseStep {
  index: number;
  action: string;
  name?: string;
  subject?: string;
  line: number;
  column: number;
  status: string;
  error?: { code: string; message: string };
  checks: readonly CauseCheck[];
}

export interface CauseScenario {
  file: string;
  name: string;
  idp: string;
  steps: readonly CauseStep[];
}

export interface CauseRun<S extends CauseScenario> {
  runId: string;
  target: { baseUrl: string };
  scenarios: readonly S[];
}

/** One place a root cause showed: a failed check, or (`check` absent) the step's own error. */
export interface Occurrence<S extends CauseScenario> {
  scenario: S;
  step: S['steps'][number];
  check?: S['steps'][number]['checks'][number];
}

export interface RootCause<S extends CauseScenario> {
  /** `CREATE-201#1a2b3c4d` (src/report/fingerprint.ts). */
  fingerprint: string;
  /** The check id, or for a step that errored its error code (`TIMEOUT`, `RATE_LIMITED`). */
  checkId: string;
  kind: 'check' | 'error';
  /** The most severe level among the occurrences (a runtime error is `error`). */
  level: CheckLevel;
  /** True when a `--waivers` entry accepts every occurrence. */
  waived: boolean;
  /** What the first occurrence said. */
  message: string;
  occurrences: Occurrence<S>[];
}

const SEVERITY: Readonly<Record<CheckLevel, number>> = { error: 0, warning: 1, info: 2 };

/** A step whose own error is a finding: it errored, or its action failed with no failed check to say why. */
export function stepErrorOf(step: CauseStep): { code: string; message: string } | undefined {
  return step.status === 'errored' || (step.status === 'failed' && step.error !== undefined)
    ? (step.error ?? { code: 'ERROR', message: `the step ${step.status}` })
    : undefined;
}

/**
 * Every failed check (any level) and every step error of a run, grouped by fingerprint, in the
 * order each root cause first showed.
 */
export function rootCausesOf<S extends CauseScenario>(run: CauseRun<S>): RootCause<S>[] {
  const context: CauseContext = { runId: run.runId, baseUrl: run.target.baseUrl };
  const causes = new Map<string, RootCause<S>>();
  const add = (
    fingerprint: string,
    seed: Omit<RootCause<S>, 'fingerprint' | 'occurrences' | 'waived'>,
    occurrence: Occurrence<S>,
    waived: boolean,
  ): void => {
    const cause = causes.get(fingerprint);
    if (cause === undefined) {
      causes.set(fingerprint, { fingerprint, ...seed, waived, occurrences: [occurrence] });
      return;
    }
    cause.occurrences.push(occurrence);
    cause.waived &&= waived;
    if (SEVERITY[seed.level] < SEVERITY[cause.level]) cause.level = seed.level;
  };
  for (const scenario of run.scenarios) {
    for (const step of scenario.steps) {
      const error = stepErrorOf(step);
      if (error !== undefined)
        add(
          stepErrorFingerprint(error, context),
          { checkId: error.code, kind: 'error', level: 'error', message: error.message },
          { scenario, step },
          false,
        );
      for (const check of step.checks) {
        if (check.status !== 'failed') continue;
        add(
          checkFingerprint(check, scenario.idp, context),
          { checkId: check.id, kind: 'check', level: check.level, message: check.message ?? check.title },
          { scenario, step, check },
          check.waiver !== undefined,
        );
      }
    }
  }
  return [...causes.values()];
}

/** A root cause that fails the run: an error-level failure no waiver accepts. */
export function failsRun(cause: Pick<RootCause<CauseScenario>, 'level' | 'waived'>): boolean {
  return cause.level === 'error' && !cause.waived;
}

/** A root cause a reader must see: one that fails the run, or an unwaived warning. */
export function needsAttention(cause: Pick<RootCause<CauseScenario>, 'level' | 'waived'>): boolean {
  return !cause.waived && (cause.level === 'error' || cause.level === 'warning');
}

/** Failures first, then warnings, then waived ones, then info; first-seen order within each. */
export function byImportance<T extends Pick<RootCause<CauseScenario>, 'level' | 'waived'>>(causes: readonly T[]): T[] {
  const rank = (cause: T): number =>
    cause.waived ? 2 : cause.level === 'error' ? 0 : cause.level === 'warning' ? 1 : 3;
  return [...causes].sort((a, b) => rank(a) - rank(b));
}

/** Only the occurrences that are not waived, unless every one is (then the cause is shown as waived). */
export function countedOccurrences<S extends CauseScenario>(cause: RootCause<S>): Occurrence<S>[] {
  if (cause.waived) return cause.occurrences;
  return cause.occurrences.filter((occurrence) => occurrence.check?.waiver === undefined);
}
