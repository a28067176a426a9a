import type { RunResult } from '../engine/results.js';
import { notStartedResult } from '../engine/run-suite.js';
import { ScimCheckError } from '../errors.js';
import type { RunPlan } from '../plan/plan.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { printError } from './print-error.js';
import { toolVersion } from './version.js';

/**
 * A run that could not start (token refused, server unreachable): the error is printed and every
 * reporter finishes with why. The HAR of such a run is what a debugger needs most, and the JSON
 * and JUnit files a CI job collects say why nothing ran rather than being left empty. Resolves to
 * the exit code: 2 for a ScimCheckError (could not run as asked), 1 for anything else.
 */
export async function reportNotStarted(
  io: CliIo,
  error: unknown,
  run: { plan: RunPlan; target: RunResult['target']; runId: string; startedAt: Date },
  reporters: readonly { finishPartial?(reason: string, result: RunResult): Promise<void> | void }[],
): Promise<number> {
  printError(io, error);
  const cause =
    error instanceof ScimCheckError
      ? error
      : new ScimCheckError('INTERNAL', error instanceof Error ? error.message : String(error));
  const notStarted = notStartedResult(
    run.plan,
    { target: run.target, runId: run.runId, toolVersion: toolVersion() },
    cause,
    run.startedAt,
  );
  for (const reporter of reporters) await reporter.finishPartial?.(cause.message, notStarted);
  return error instanceof ScimCheckError ? EXIT.usage : EXIT.failed;
}
