import { resolve } from 'node:path';
import type { RunEvent, RunResult } from '../../engine/results.js';
import { newRunId } from '../../engine/run-id.js';
import { runSuite } from '../../engine/run-suite.js';
import { applyStrict, strictEvent } from '../../engine/strict.js';
import { ScimCheckError } from '../../errors.js';
import { planRun } from '../../plan/plan.js';
import { selectStandards } from '../../standards/index.js';
import { applyWaivers, loadWaivers, todayUtc, waiveEvent } from '../../waivers/index.js';
import { baselineNote, exitCodeUnder, loadBaseline, parseFailOn, withBaseline } from '../baseline-options.js';
import { automaticGithubReporter, waiverNotes, withHarSpec } from '../ci-reporting.js';
import { closeAll } from '../close-all.js';
import { dryRun } from '../dry-run.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { invalidScenariosError, loadScenarios } from '../load-scenarios.js';
import { chooseTargetWithOAuth, type OAuthFlags } from '../oauth-options.js';
import { openInterruptibleExecutor } from '../open-executor.js';
import { reportNotStarted } from '../report-not-started.js';
import { openReporters, parseReporterSpecs, reporterContext } from '../reporter-options.js';
import { resolveScenarioPaths, type ScenarioPath } from '../scenario-paths.js';
import { isOptInScenario, standardScenarioPaths, standardsOf } from '../standard-scenarios.js';
import { openTargetOrRelease } from '../target.js';
import { runTokenEndpointChecks, scenarioEvents, withTokenScenario } from '../token-checks-scenario.js';
import { parseTimeout, transportSettings } from '../transport-options.js';
import { toolVersion } from '../version.js';

export interface RunOptions extends OAuthFlags {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
  idp?: string;
  reporter?: string[];
  timeout: string;
  /** --max-retry-wait, --cacert, -k (src/cli/transport-options.ts). */
  maxRetryWait?: string;
  cacert?: string;
  insecure?: boolean;
  grep?: string;
  /** --har FILE, --waivers FILE, --only scenario[:step], --dry-run (CI gating and debugging). */
  har?: string;
  waivers?: string;
  only?: string;
  dryRun?: boolean;
  bail?: boolean;
  keep?: boolean;
  strict?: boolean;
  /** --baseline FILE (an earlier JSON report) and --fail-on any|new (src/cli/baseline-options.ts). */
  baseline?: string;
  failOn?: string;
  /** --check / --skip-check globs over SPEC-CHECKS IDs (repeatable). */
  check?: string[];
  skipCheck?: string[];
  /** --standard NAME (repeatable): draft packs whose rows the run judges (src/standards/). */
  standard?: string[];
  verbose?: boolean;
  color?: boolean;
}

/**
 * The scenarios to load. No arguments: every built-in scenario except the standard packs' own,
 * which run only with `--standard` (they hold servers to drafts, and the reference server deviates
 * from them on purpose), and the vendor gates' (`scim-check readiness`); with `--standard` and no arguments, the packs' scenarios and the spec
 * scenarios their rows rely on. Arguments always mean exactly those scenarios.
 */
async function scenarioPathsFor(
  paths: readonly string[],
  packs: ReturnType<typeof selectStandards>,
  cwd: string,
): Promise<ScenarioPath[]> {
  if (paths.length > 0) return resolveScenarioPaths(paths, cwd);
  if (packs.length > 0) return standardScenarioPaths(packs, cwd);
  return resolveScenarioPaths([], cwd).filter((path) => !isOptInScenario(path));
}

/** The exit code a finished run earns (DESIGN.md); under --strict warnings are failures already (applyStrict). */
function exitCodeOf(result: RunResult): number {
  if (result.interrupted) return EXIT.interrupted;
  const { summary } = result;
  return summary.failed > 0 || summary.errored > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * `scim-check run`: load scenarios, pick the target (the embedded reference server when no
 * --base-url), replay them, report, and return the exit code.
 */
export async function runCommand(paths: string[], options: RunOptions, io: CliIo): Promise<number> {
  const specs = withHarSpec(parseReporterSpecs(options.reporter ?? []), options.har);
  const timeoutMs = parseTimeout(options.timeout);
  const failOn = parseFailOn(options);
  const transport = transportSettings(options, io);
  const choice = chooseTargetWithOAuth(options, io, 'run against', !options.dryRun);
  const packs = selectStandards(options.standard ?? []);

  const loaded = await loadScenarios(await scenarioPathsFor(paths, packs, io.cwd), io);
  if (loaded.errorCount > 0) throw invalidScenariosError(loaded.errorCount);
  const plan = planRun(loaded.scenarios, {
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
    ...(options.only !== undefined ? { only: options.only } : {}),
    ...(options.idp !== undefined ? { idp: options.idp } : {}),
    check: options.check ?? [],
    skipCheck: options.skipCheck ?? [],
  });
  if (options.dryRun) {
    // A dry run sends nothing, so it has no results to report: say so rather than leave the file unwritten.
    const reports = specs
      .filter((spec) => spec.name !== 'pretty')
      .map((spec) => (spec.path === undefined ? spec.name : `${spec.name}=${spec.path}`));
    if (options.baseline !== undefined)
      throw new ScimCheckError('USAGE', '--dry-run has no results to compare with --baseline', {
        hint: 'drop --dry-run to run and compare, or drop --baseline to see the planned requests',
      });
    if (reports.length > 0)
      throw new ScimCheckError(
        'USAGE',
        `--dry-run writes no reports, so ${reports.join(' and ')} would never be written`,
        {
          hint: 'drop --dry-run to run and report, or drop the report options (--reporter, --har) to see the planned requests',
        },
      );
    return dryRun(plan, { env: io.env.variables }, io);
  }
  // Read before anything is sent: a broken waivers file is a usage error, not a surprise after the run.
  const waivers =
    options.waivers === undefined ? undefined : await loadWaivers(resolve(io.cwd, options.waivers), options.waivers);
  const waiverOptions = { file: options.waivers ?? '', today: todayUtc() };
  // Read before anything is sent too: a wrong --baseline path must not cost a whole run.
  const baseline = options.baseline === undefined ? undefined : await loadBaseline(options.baseline, io.cwd);

  // Report files are opened before the server, the signal handlers and the executor exist: an
  // unwritable path is then a usage error (exit 2) with nothing to undo, never a hung process.
  const reporterBase = {
    ...reporterContext(io, options, (file) => loaded.sources.get(file)),
    ...(io.env.githubStepSummary !== undefined ? { stepSummaryPath: io.env.githubStepSummary } : {}),
  };
  const open = openReporters(specs, reporterBase, io.stdout);
  const github = automaticGithubReporter(specs, reporterBase, io);
  if (github) open.reporters.push(github);
  const opened = await openTargetOrRelease(choice, io, () => open.close(), {
    transport: { timeoutMs, tls: transport.tls, proxy: transport.proxy },
  });
  const { target } = opened;
  const runId = newRunId();
  const { executor, interrupts } = openInterruptibleExecutor(io, opened, transport, { timeoutMs, runId });
  try {
    let result: RunResult;
    const startedAt = new Date();
    try {
      // With OAuth: the token endpoint's own checks, reported as the first scenario.
      const tokenScenario = await runTokenEndpointChecks(opened, transport, timeoutMs, {
        ...(plan.selectCheck !== undefined ? { selectCheck: plan.selectCheck } : {}),
      });
      const report = (event: RunEvent): void => {
        const waived = waivers ? waiveEvent(event, waivers, waiverOptions) : event;
        const shown = options.strict ? strictEvent(waived) : waived;
        for (const reporter of open.reporters) reporter.onEvent?.(shown);
      };
      result = await runSuite(plan, {
        executor,
        target,
        runId,
        toolVersion: toolVersion(),
        env: io.env.variables,
        signal: interrupts.signal,
        bail: options.bail ?? false,
        keep: options.keep ?? false,
        onEvent: (event) => {
          if (event.type !== 'runStart' || tokenScenario === undefined) return report(event);
          // The token scenario is reported first and counted among the run's scenarios.
          report({ ...event, scenarioCount: event.scenarioCount + 1 });
          for (const each of scenarioEvents(tokenScenario)) report(each);
        },
      });
      result = withTokenScenario(result, tokenScenario);
    } catch (error) {
      return await reportNotStarted(io, error, { plan, target, runId, startedAt }, open.reporters);
    }
    if (packs.length > 0) result = { ...result, standards: await standardsOf(packs, result) };
    if (waivers) result = applyWaivers(result, waivers, waiverOptions);
    if (options.strict) result = applyStrict(result);
    // Waivers and --strict first: the baseline compares what this run really counts as failing.
    result = withBaseline(result, baseline, options.baseline);
    for (const reporter of open.reporters) await reporter.finish(result);
    io.stderr.write(waiverNotes(result));
    const code = exitCodeUnder(failOn, result, exitCodeOf(result));
    io.stderr.write(baselineNote(result, failOn, code));
    return code;
  } finally {
    interrupts.dispose();
    await closeAll([() => open.close(), () => executor.close(), () => opened.close()]);
  }
}
