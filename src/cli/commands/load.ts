import { newRunId } from '../../engine/run-id.js';
import { formatLoadSummary } from '../../load/format-load-summary.js';
import type { LoadJob } from '../../load/load-job.js';
import { loadJsonReport, loadVerdict } from '../../load/load-report.js';
import { parseCount, parseDuration, parseFraction, parseRate } from '../../load/parse-load-options.js';
import { type RunningLoad, runLoadInWorker } from '../../load/run-in-worker.js';
import { renderLoadPage } from '../../report/html/load-page.js';
import { createProgressBar } from '../../report/load-progress-bar.js';
import { EXIT } from '../exit-codes.js';
import { watchInterrupts } from '../interrupts.js';
import { type CliIo, isInteractive } from '../io.js';
import { chooseTargetWithOAuth, type OAuthFlags } from '../oauth-options.js';
import { openSummaryReportFile, parseSummaryReporter } from '../reporter-options.js';
import { openTargetOrRelease } from '../target.js';
import { transportSettings } from '../transport-options.js';
import { toolVersion } from '../version.js';

export interface LoadOptions extends OAuthFlags {
  idp: string;
  users: string;
  groups: string;
  membersPerGroup: string;
  concurrency: string;
  rate?: string;
  changes?: string;
  duration?: string;
  sample: string;
  maxErrorRate: string;
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
  reporter?: string;
  timeout: string;
  /** Seconds the whole run may wait between retries (default 60, as for `run`). */
  maxRetryWait?: string;
  keep?: boolean;
}

type JobShape = Omit<LoadJob, 'target' | 'token' | 'progress'>;

/** Every flag checked before anything starts; the IdP name is checked by the worker (it owns the profiles). */
function parseJob(options: LoadOptions, io: CliIo): JobShape {
  const users = parseCount(options.users, '--users', 0, '10000');
  const job: JobShape = {
    idp: options.idp,
    runId: newRunId(),
    users,
    groups: parseCount(options.groups, '--groups', 0, '200'),
    membersPerGroup: parseCount(options.membersPerGroup, '--members-per-group', 0, '50'),
    concurrency: parseCount(options.concurrency, '--concurrency', 1, '32', 1024),
    changes:
      options.changes === undefined ? Math.ceil(users / 10) : parseCount(options.changes, '--changes', 0, '1000'),
    sampleFraction: parseFraction(options.sample, '--sample', '0.01'),
    keep: options.keep ?? false,
    timeoutMs: parseCount(options.timeout, '--timeout', 1, '30000', 3_600_000),
    // The same parser and default as `run`: one budget for every retry wait of the run, so a
    // server answering 429 forever cannot stall a CI job (retries follow the profile's policy).
    maxRetryWaitMs: transportSettings(
      options.maxRetryWait !== undefined ? { maxRetryWait: options.maxRetryWait } : {},
      io,
    ).maxRetryWaitMs,
  };
  if (options.rate !== undefined) job.ratePerSecond = parseRate(options.rate);
  if (options.duration !== undefined) job.changesDurationMs = parseDuration(options.duration);
  return job;
}

/**
 * `scim-check load`: an initial sync as the IdP would run it (users, then groups with their
 * members), a sample read back, a burst of incremental changes, then cleanup; prints counts,
 * errors and latency per request kind. Exit 1 when failed requests, or the failed actions of the
 * users, groups or changes phase, exceed --max-error-rate, a sampled resource does not read back
 * as sent, or something could not be cleaned up (src/load/load-report.ts `loadVerdict`).
 */
export async function loadCommand(options: LoadOptions, io: CliIo): Promise<number> {
  const shape = parseJob(options, io);
  const maxErrorRate = parseFraction(options.maxErrorRate, '--max-error-rate', '0.01');
  const reporter = parseSummaryReporter(options.reporter ?? 'pretty', 'load');
  const choice = chooseTargetWithOAuth(options, io, 'load');
  // Opened before the first request: an unwritable path is exit 2 now, not a lost report after the whole load.
  const reportFile =
    reporter.path === undefined
      ? undefined
      : openSummaryReportFile(reporter.path, reporter.name === 'html' ? 'html' : 'json');
  // With OAuth, the token source stays on this thread (it cannot cross into the worker) and the
  // worker asks it for the current token once a second and after a 401: renewal, rather than
  // refusing a load longer than a token's lifetime, since how long a load lasts is known only
  // for --duration, and a customer's real IdP renews too.
  const opened = await openTargetOrRelease(choice, io, () => reportFile?.close(), {
    transport: { timeoutMs: shape.timeoutMs, proxy: io.env.proxy },
  });
  const { target, redact } = opened;
  const secret = opened.token!;
  let running: RunningLoad | undefined;
  // A second Ctrl-C lists what the worker's ledger holds, as `run` does.
  const interrupts = watchInterrupts(io, () => running?.leftBehind() ?? []);
  const progress = isInteractive(io) ? createProgressBar(io.stderr) : undefined;
  try {
    running = runLoadInWorker(
      { ...shape, target, token: secret, progress: progress !== undefined, renewable: opened.oauth !== undefined },
      {
        signal: interrupts.signal,
        ...(progress ? { onProgress: progress.update } : {}),
        ...(opened.oauth !== undefined
          ? { token: (renew: boolean) => (renew ? opened.oauth!.renew() : opened.oauth!.current()) }
          : {}),
      },
    );
    const result = await running.result;
    progress?.finish();
    const verdict = loadVerdict(result, maxErrorRate);
    // stdout and stderr are redacted by the output guard; the report file by `redact`.
    const summary = formatLoadSummary(result, verdict);
    if (reporter.name === 'json') {
      const json = `${JSON.stringify(loadJsonReport(result, verdict, toolVersion()), null, 2)}\n`;
      if (reportFile !== undefined) {
        // The summary first: if the disk fails us now, the terminal still has the figures.
        io.stdout.write(summary);
        reportFile.write(redact(json));
      } else {
        io.stdout.write(json);
        io.stderr.write(summary);
      }
    } else if (reporter.name === 'html' && reportFile !== undefined) {
      // The summary first, as for json=FILE: the page goes to the file, redacted like it.
      io.stdout.write(summary);
      reportFile.write(redact(renderLoadPage(result, verdict, toolVersion())));
    } else {
      io.stdout.write(summary);
    }
    if (result.interrupted) return EXIT.interrupted;
    return verdict.passed ? EXIT.ok : EXIT.failed;
  } catch (error) {
    progress?.finish();
    throw error;
  } finally {
    interrupts.dispose();
    reportFile?.close();
    await opened.close();
  }
}
