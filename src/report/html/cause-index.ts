import type { CheckResult } from '../../checks/check-result.js';
import type { BaselineReport, RunResult, ScenarioResult, StepResult } from '../../engine/results.js';
import { byImportance, type RootCause, rootCausesOf } from '../root-causes.js';

/*
 * The run's root causes (src/report/root-causes.ts), looked up from the place a finding is shown:
 * the page is laid out scenario → step → finding, and each finding says which root cause it is
 * and which of its places. A root cause's first few places show their bodies in full, the rest
 * shortened: a server bug that failed 800 read-backs must not make an 80 MB page.
 */

export type RunCause = RootCause<ScenarioResult>;

/** Places of one root cause whose exchanges are shown with full bodies; later ones are shortened. */
export const PLACES_IN_FULL = 3;

export interface CauseIndex {
  /** Every root cause, failures first (byImportance). */
  readonly causes: readonly RunCause[];
  ofCheck(check: CheckResult): RunCause | undefined;
  /** The cause of a step's own error (stepErrorOf). */
  ofStepError(step: StepResult): RunCause | undefined;
  /** Counts one more place of `fingerprint` as shown and returns its number, from 1. */
  nextPlace(fingerprint: string): number;
  /** `new` or `known` against `--baseline`, for causes the baseline judges (errors and warnings no waiver accepts). */
  baselineOf(fingerprint: string): 'new' | 'known' | undefined;
}

export function buildCauseIndex(result: RunResult): CauseIndex {
  const causes = byImportance(rootCausesOf(result));
  const byCheck = new Map<CheckResult, RunCause>();
  const byStep = new Map<StepResult, RunCause>();
  for (const cause of causes) {
    for (const occurrence of cause.occurrences) {
      if (occurrence.check === undefined) byStep.set(occurrence.step, cause);
      else byCheck.set(occurrence.check as CheckResult, cause);
    }
  }
  const shown = new Map<string, number>();
  const baseline = baselineStatus(result.baseline);
  return {
    causes,
    ofCheck: (check) => byCheck.get(check),
    ofStepError: (step) => byStep.get(step),
    nextPlace(fingerprint) {
      const place = (shown.get(fingerprint) ?? 0) + 1;
      shown.set(fingerprint, place);
      return place;
    },
    baselineOf: (fingerprint) => baseline.get(fingerprint),
  };
}

function baselineStatus(baseline: BaselineReport | undefined): Map<string, 'new' | 'known'> {
  const status = new Map<string, 'new' | 'known'>();
  if (baseline === undefined) return status;
  for (const entry of baseline.unchanged) status.set(entry.fingerprint, 'known');
  for (const entry of baseline.new) status.set(entry.fingerprint, 'new');
  return status;
}
