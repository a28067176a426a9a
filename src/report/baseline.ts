import type { BaselineEntry, BaselineReport, RunResult } from '../engine/results.js';
import {
  type CauseRun,
  type CauseScenario,
  countedOccurrences,
  needsAttention,
  type RootCause,
  rootCausesOf,
} from './root-causes.js';

/*
 * `--baseline previous.json`: this run's root causes against an earlier JSON report's, by
 * fingerprint. Only what a reader must act on is compared (error- and warning-level failures no
 * waiver accepts, and runtime errors), so waivers apply first. The baseline's fingerprints are
 * recomputed from its findings rather than read from its `rootCauses`: a report written before
 * fingerprints existed, or by an older scim-check, compares the same way.
 */

/** An earlier JSON report, as much of it as comparing needs (validated by the CLI). */
export type BaselineRun = CauseRun<CauseScenario & { status: string }>;

function entry(cause: RootCause<CauseScenario>): BaselineEntry {
  return {
    fingerprint: cause.fingerprint,
    checkId: cause.checkId,
    level: cause.level,
    message: cause.message,
    occurrences: countedOccurrences(cause).length,
  };
}

const scenarioKey = (scenario: Pick<CauseScenario, 'file' | 'name' | 'idp'>): string =>
  `${scenario.file}\u0000${scenario.name}\u0000${scenario.idp}`;

/**
 * New, fixed, unchanged and not-run root causes. A baseline cause counts as fixed only when a
 * step it failed in ran again (same scenario, same step, not skipped): a run narrowed with
 * `--grep`, or cut short by an earlier error, does not claim fixes it never tested.
 */
export function compareWithBaseline(current: RunResult, baseline: BaselineRun, file: string): BaselineReport {
  const now = rootCausesOf(current).filter(needsAttention);
  const before = rootCausesOf(baseline).filter(needsAttention);
  const nowByPrint = new Set(now.map((cause) => cause.fingerprint));
  const beforeByPrint = new Set(before.map((cause) => cause.fingerprint));
  const ranSteps = new Set<string>();
  for (const scenario of current.scenarios) {
    for (const step of scenario.steps)
      if (step.status !== 'skipped') ranSteps.add(`${scenarioKey(scenario)}\u0000${step.action}\u0000${step.index}`);
  }
  const ranAgain = (cause: RootCause<CauseScenario>): boolean =>
    cause.occurrences.some(({ scenario, step }) =>
      ranSteps.has(`${scenarioKey(scenario)}\u0000${step.action}\u0000${step.index}`),
    );
  const gone = before.filter((cause) => !nowByPrint.has(cause.fingerprint));
  return {
    file,
    new: now.filter((cause) => !beforeByPrint.has(cause.fingerprint)).map(entry),
    fixed: gone.filter(ranAgain).map(entry),
    unchanged: now.filter((cause) => beforeByPrint.has(cause.fingerprint)).map(entry),
    notRun: gone.filter((cause) => !ranAgain(cause)).map(entry),
  };
}

/** `--fail-on new`: the run fails only for a root cause that is new and fails the run by itself (an unwaived error). */
export function hasNewFailure(report: BaselineReport): boolean {
  return report.new.some((cause) => cause.level === 'error');
}
