import type { WaiverRef } from '../engine/results.js';

/**
 * One entry of a `--waivers` file: a known failure the team accepts until a date, with the
 * reason on record (the CI owner's "we know, ticket ABC-123, fix due in March").
 */
export interface Waiver extends WaiverRef {
  /** `check` compiled once. */
  readonly checkPattern: RegExp;
  /** `scenario` compiled once; matches the scenario's name, file path or file name. */
  readonly scenarioPattern?: RegExp;
}

/**
 * The entry as results and the JSON report cite it: the file's own fields in file order, optional
 * ones omitted, without the compiled patterns (a RegExp would serialize as `{}`).
 */
export function waiverRef(waiver: WaiverRef): WaiverRef {
  return {
    check: waiver.check,
    ...(waiver.scenario === undefined ? {} : { scenario: waiver.scenario }),
    ...(waiver.step === undefined ? {} : { step: waiver.step }),
    reason: waiver.reason,
    until: waiver.until,
    line: waiver.line,
  };
}
