import { resolve } from 'node:path';
import type { RunResult } from '../engine/results.js';
import { ScimCheckError } from '../errors.js';
import { readFileCapped } from '../fs/read-capped.js';
import { type BaselineRun, compareWithBaseline, hasNewFailure } from '../report/baseline.js';
import { parseBaseline } from '../report/parse-baseline.js';
import { EXIT } from './exit-codes.js';

/** `--fail-on`: `any` failure fails the run (the default), or only one that is `new` since `--baseline`. */
export type FailOn = 'any' | 'new';

export const FAIL_ON_VALUES: readonly FailOn[] = ['any', 'new'];

/**
 * Largest baseline report we read. The JSON report of every built-in scenario against a server
 * with ten deviations measured 7.5 MB; eight times that leaves room for big suites while a
 * mistaken path (a HAR, a log, /dev/zero) is refused before it is parsed whole.
 */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** The `--baseline`/`--fail-on` pair, checked together before anything is sent. */
export interface BaselineOptions {
  baseline?: string;
  failOn?: string;
}

/** `--fail-on` as given; `new` without `--baseline` is a usage error (there is nothing to be new against). */
export function parseFailOn(options: BaselineOptions): FailOn {
  const value = options.failOn ?? 'any';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(value)) {
    throw new ScimCheckError('USAGE', `--fail-on must be ${FAIL_ON_VALUES.join(' or ')}, not "${value}"`, {
      hint: 'any: every failure fails the run (default); new: only failures that are not in the --baseline report',
    });
  }
  if (value === 'new' && options.baseline === undefined) {
    throw new ScimCheckError(
      'USAGE',
      '--fail-on new needs --baseline FILE: a failure is only new compared with an earlier report',
      {
        hint: 'save a report with --reporter json=baseline.json, then run with --baseline baseline.json --fail-on new',
      },
    );
  }
  return value as FailOn;
}

/** Reads and checks the `--baseline` report (relative to `cwd`); any problem is a usage error naming the file. */
export async function loadBaseline(file: string, cwd: string): Promise<BaselineRun> {
  let read: Awaited<ReturnType<typeof readFileCapped>>;
  try {
    read = await readFileCapped(resolve(cwd, file), MAX_BASELINE_BYTES);
  } catch (cause) {
    throw new ScimCheckError('USAGE', `cannot read the baseline report ${file}: ${(cause as Error).message}`, {
      cause,
      hint: 'pass a report an earlier run wrote with --reporter json=FILE',
    });
  }
  if (read.tooLarge) {
    throw new ScimCheckError(
      'USAGE',
      `the baseline report ${file} is larger than the ${MAX_BASELINE_BYTES / (1024 * 1024)} MiB limit`,
      { hint: 'check that --baseline names a JSON report (--reporter json=FILE), not a HAR file or a log' },
    );
  }
  return parseBaseline(
    Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString('utf8'),
    file,
  );
}

/** The result with its comparison against the baseline attached, for every reporter to show. */
export function withBaseline(
  result: RunResult,
  baseline: BaselineRun | undefined,
  file: string | undefined,
): RunResult {
  return baseline === undefined || file === undefined
    ? result
    : { ...result, baseline: compareWithBaseline(result, baseline, file) };
}

/**
 * The exit code under `--fail-on new`: 1 only for a root cause that is new since the baseline
 * and fails the run by itself (an error no waiver accepts); otherwise what `any` gives.
 */
export function exitCodeUnder(failOn: FailOn, result: RunResult, anyCode: number): number {
  if (failOn === 'any' || result.baseline === undefined || anyCode !== EXIT.failed) return anyCode;
  return hasNewFailure(result.baseline) ? EXIT.failed : EXIT.ok;
}

/** One stderr line about the comparison, so it shows whatever the reporters (a JSON-only run included). */
export function baselineNote(result: RunResult, failOn: FailOn, code: number): string {
  const report = result.baseline;
  if (report === undefined) return '';
  const counts = `${report.new.length} new, ${report.fixed.length} fixed, ${report.unchanged.length} still failing`;
  const decided =
    failOn === 'new' && code === EXIT.ok && result.summary.failed + result.summary.errored > 0
      ? '; none of the failures is new, so --fail-on new exits 0'
      : '';
  return `scim-check: since ${report.file}: ${counts}${decided}\n`;
}
