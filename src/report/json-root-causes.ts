import type { CheckLevel } from '../checks/check-result.js';
import type { RunResult } from '../engine/results.js';
import type { IdpName } from '../scenario/model.js';
import { byImportance, rootCausesOf } from './root-causes.js';

/*
 * The JSON report's `rootCauses` and `baseline` (src/report/json-report.ts): failures grouped by
 * fingerprint, and what changed since an earlier report. Additive keys of the contract.
 */

/** Where a root cause showed: the scenario, the step's 0-based `index` and its line in the file. */
export interface JsonOccurrence {
  scenario: string;
  file: string;
  idp: IdpName;
  step: number;
  line: number;
  /** The failed check's exchange, when it names one. */
  exchangeId?: number;
}

/** Failures that share a fingerprint: one server bug, however many steps and scenarios it failed. */
export interface JsonRootCause {
  fingerprint: string;
  /** The check id, or for a runtime error its code (`kind: "error"`). */
  checkId: string;
  kind: 'check' | 'error';
  /** The most severe level among the occurrences. */
  level: CheckLevel;
  /** What the first occurrence said. */
  message: string;
  /** Present (true) when a `--waivers` entry accepts every occurrence. */
  waived?: true;
  occurrences: JsonOccurrence[];
}

/** One root cause as `baseline` lists it. */
export interface JsonBaselineEntry {
  fingerprint: string;
  checkId: string;
  level: CheckLevel;
  message: string;
  occurrences: number;
}

/** Every root cause of the run, failures first (src/report/root-causes.ts). */
export function toJsonRootCauses(result: RunResult): JsonRootCause[] {
  return byImportance(rootCausesOf(result)).map((cause) => ({
    fingerprint: cause.fingerprint,
    checkId: cause.checkId,
    kind: cause.kind,
    level: cause.level,
    message: cause.message,
    ...(cause.waived ? { waived: true as const } : {}),
    occurrences: cause.occurrences.map(({ scenario, step, check }) => ({
      scenario: scenario.name,
      file: scenario.file,
      idp: scenario.idp,
      step: step.index,
      line: step.line,
      ...(check?.exchangeId === undefined ? {} : { exchangeId: check.exchangeId }),
    })),
  }));
}

/** A `--baseline` entry with its keys in contract order. */
export function toJsonBaselineEntry(entry: JsonBaselineEntry): JsonBaselineEntry {
  return {
    fingerprint: entry.fingerprint,
    checkId: entry.checkId,
    level: entry.level,
    message: entry.message,
    occurrences: entry.occurrences,
  };
}
