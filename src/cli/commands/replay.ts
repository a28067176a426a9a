import { resolve } from 'node:path';
import type { RunResult } from '../../engine/results.js';
import { newRunId } from '../../engine/run-id.js';
import { runSuite } from '../../engine/run-suite.js';
import type { IdpName } from '../../idp/profile-names.js';
import { findProfile, unknownProfileError } from '../../idp/registry.js';
import { planRun } from '../../plan/plan.js';
import { readRecording } from '../../recording/read-recording.js';
import { replayScenario } from '../../recording/replay-plan.js';
import { withHarSpec } from '../ci-reporting.js';
import { closeAll } from '../close-all.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { openInterruptibleExecutor } from '../open-executor.js';
import { reportNotStarted } from '../report-not-started.js';
import { openReporters, parseReporterSpecs, reporterContext } from '../reporter-options.js';
import { chooseTarget, openTargetOrRelease } from '../target.js';
import { parseTimeout, transportSettings } from '../transport-options.js';
import { toolVersion } from '../version.js';

export interface ReplayOptions {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
  idp?: string;
  reporter?: string[];
  har?: string;
  timeout: string;
  maxRetryWait?: string;
  cacert?: string;
  insecure?: boolean;
  keep?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/** Exit codes as `run` (DESIGN.md): 1 when a replayed request failed its checks or errored. */
function exitCodeOf(result: RunResult): number {
  if (result.interrupted) return EXIT.interrupted;
  return result.summary.failed > 0 || result.summary.errored > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * `scim-check replay FILE.har`: the recorded requests, in order, against another server (the
 * embedded reference server without --base-url), as one scenario of raw steps through the engine,
 * so the replay gets the executor's safety, ledger, retries and cleanup, the exchange checks, and
 * the usual reporters (src/recording/replay-plan.ts says how ids are mapped).
 */
export async function replayCommand(file: string, options: ReplayOptions, io: CliIo): Promise<number> {
  const specs = withHarSpec(parseReporterSpecs(options.reporter ?? []), options.har);
  const timeoutMs = parseTimeout(options.timeout);
  if (options.idp !== undefined && !findProfile(options.idp)) throw unknownProfileError(options.idp);
  const transport = transportSettings(options, io);
  const choice = chooseTarget(options, io.env, 'replay against', true);
  const recording = await readRecording(resolve(io.cwd, file), file);
  const scenario = replayScenario(recording, options.idp as IdpName | undefined);
  const plan = planRun([scenario]);

  const open = openReporters(
    specs,
    reporterContext(io, options, (name) => (name === scenario.file ? scenario.source : undefined)),
    io.stdout,
  );
  const opened = await openTargetOrRelease(choice, io, () => open.close());
  const { target } = opened;
  const runId = newRunId();
  const { executor, interrupts } = openInterruptibleExecutor(io, opened, transport, { timeoutMs, runId });
  try {
    const startedAt = new Date();
    let result: RunResult;
    try {
      result = await runSuite(plan, {
        executor,
        target,
        runId,
        toolVersion: toolVersion(),
        env: io.env.variables,
        signal: interrupts.signal,
        keep: options.keep ?? false,
        onEvent: (event) => {
          for (const reporter of open.reporters) reporter.onEvent?.(event);
        },
      });
    } catch (error) {
      return await reportNotStarted(io, error, { plan, target, runId, startedAt }, open.reporters);
    }
    for (const reporter of open.reporters) await reporter.finish(result);
    return exitCodeOf(result);
  } finally {
    interrupts.dispose();
    await closeAll([() => open.close(), () => executor.close(), () => opened.close()]);
  }
}
