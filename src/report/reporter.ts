import type { RunEvent, RunResult } from '../engine/results.js';
import type { OutputGuard } from './output-guard.js';

/** What a reporter may use; everything here is decided by the CLI, never detected by a reporter. */
export interface ReporterContext {
  /** Where this reporter writes: stdout or a file stream opened by the CLI. */
  out: NodeJS.WritableStream;
  /** stderr, for progress (spinner) only. */
  err: NodeJS.WritableStream;
  /** Colour on/off decided by the CLI (NO_COLOR, FORCE_COLOR, --color/--no-color, TTY) — never auto-detect here. */
  color: boolean;
  /** True when stderr is an interactive terminal (and not CI): only then show an ora spinner. */
  interactive: boolean;
  /** The text of a scenario file, to show the offending step's line; undefined when unavailable. */
  sourceOf(file: string): string | undefined;
  /** Extra verbosity: show every exchange (request line + status) and passed checks. */
  verbose: boolean;
  /** `$GITHUB_STEP_SUMMARY`, read by the CLI's environment module: where the github reporter appends its Markdown. */
  stepSummaryPath?: string;
  /** scim-check's version, for file formats that name their creator (HAR). */
  toolVersion?: string;
  /**
   * The command's output guard (src/report/output-guard.ts): createReporter passes `out` through
   * it, and the github reporter its job summary, so every report is redacted whoever wrote it.
   */
  guard?: OutputGuard;
}

/**
 * A reporter listens to the run and renders it; it never steers the run (Vitest's model).
 * `onEvent` is optional: a reporter must produce complete output from `finish` alone.
 */
export interface Reporter {
  onEvent?(event: RunEvent): void;
  /** Called once at the end with the whole result; resolves when all output is flushed. */
  finish(result: RunResult): Promise<void>;
  /**
   * Called instead of `finish` when the run could not start (e.g. preflight failed): `result`
   * has every planned scenario errored and `notStarted` set; `reason` is the redacted message.
   * A reporter without it writes nothing (the CLI has printed the error).
   */
  finishPartial?(reason: string, result: RunResult): Promise<void>;
}
