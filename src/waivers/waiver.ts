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
