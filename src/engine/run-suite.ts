import type { ScimCheckError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import type { RunPlan } from '../plan/plan.js';
import type { Scenario } from '../scenario/model.js';
import { attachChecksStage, attachStepRecording } from './checks-stage.js';
import { preflight, type TargetFeatures, UNKNOWN_FEATURES } from './preflight.js';
import type { RunEvent, RunResult, RunSummary, ScenarioResult } from './results.js';
import { runScenario } from './run-scenario.js';

export interface SuiteOptions {
  /** The one door every request goes through (its ledger spans the whole run). */
  executor: Executor;
  target: RunResult['target'];
  runId: string;
  toolVersion: string;
  /** Values for `{{env.NAME}}`; the scenario's `env:` list decides which it may read. */
  env: Record<string, string | undefined>;
  /** Ctrl-C: stop scheduling, clean up, report what ran. */
  signal?: AbortSignal;
  /** Stop after the first failed or errored step. */
  bail?: boolean;
  keep?: boolean;
  onEvent?(event: RunEvent): void;
}

/** Counts for the report; warnings are failed checks at level warning, info never counts. */
export function summarize(scenarios: readonly ScenarioResult[], durationMs: number): RunSummary {
  const outcomes = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  const checks = { passed: 0, failed: 0, warnings: 0, skipped: 0 };
  // One pass over every verdict: a suite holds tens of thousands of them.
  for (const scenario of scenarios) {
    outcomes[scenario.status]++;
    for (const step of scenario.steps) {
      for (const check of step.checks) {
        if (check.status === 'passed') checks.passed++;
        else if (check.status === 'skipped') checks.skipped++;
        // A waived failure (--waivers) is still shown, but no longer counts against the run.
        else if (check.status === 'failed' && check.waiver === undefined) {
          if (check.level === 'error') checks.failed++;
          else if (check.level === 'warning') checks.warnings++;
        }
      }
    }
  }
  return { scenarios: scenarios.length, ...outcomes, checks, durationMs };
}

/**
 * `{{run}}` for one scenario: the run's token plus the scenario's position. Vendor scenarios reuse
 * the same user names, and a server that keeps a name reserved after DELETE turned one shared token
 * into a cascade of conflicts in every later scenario. It still contains the run's token, which is
 * how the ledger recognises ids this run minted.
 */
export function scenarioToken(runId: string, position: number): string {
  return `${runId}${position.toString(36)}`;
}

/** Only scenario env names the scenario listed are visible to it (explicit opt-in). */
function envFor(scenario: Scenario, env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(scenario.env.map((name) => [name, env[name]]));
}

/**
 * Runs the plan's scenarios one after another against one target. Preflight failures
 * (unreachable, token refused) throw ScimCheckError('PREFLIGHT_FAILED'): the run could not start
 * as asked.
 */
export async function runSuite(plan: RunPlan, options: SuiteOptions): Promise<RunResult> {
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  const startedAt = new Date();
  const started = performance.now();
  emit({ type: 'runStart', target: options.target, runId: options.runId, scenarioCount: plan.scenarios.length });
  const detach = [options.executor.subscribe((event) => emit({ type: 'exchange', exchange: event.exchange }))];
  let features: TargetFeatures;
  try {
    ({ features } = await preflight(options.executor));
  } catch (error) {
    // Ctrl-C while the preflight waited is an interrupted run (exit 130, every scenario skipped
    // and reported as such), not a server that could not be reached (exit 2, empty reports).
    if (!options.signal?.aborted) {
      for (const unsubscribe of detach) unsubscribe();
      throw error;
    }
    features = UNKNOWN_FEATURES;
  }
  detach.push(attachStepRecording(options.executor), attachChecksStage(options.executor, features));

  // One controller for everything that should stop scheduling: the caller's signal and --bail.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();

  const results: ScenarioResult[] = [];
  try {
    for (const { scenario, idp, profile, targetIndex } of plan.scenarios) {
      if (stop.signal.aborted || !profile) {
        const skipReason = !profile
          ? `the ${idp} profile is not available in this version of scim-check`
          : options.signal?.aborted
            ? 'the run was interrupted'
            : 'skipped after the first failure (--bail)';
        const result: ScenarioResult = {
          file: scenario.file,
          name: scenario.name,
          idp,
          status: 'skipped',
          skipReason,
          steps: [],
          leftovers: [],
          durationMs: 0,
        };
        emit({
          type: 'scenarioStart',
          file: scenario.file,
          name: scenario.name,
          idp,
          stepCount: scenario.steps.length,
        });
        emit({ type: 'scenarioEnd', result });
        results.push(result);
        continue;
      }
      const result = await runScenario(scenario, {
        executor: options.executor,
        scope: `${scenario.file}#${results.length}`,
        profile,
        features,
        runId: scenarioToken(options.runId, results.length),
        env: envFor(scenario, options.env),
        signal: stop.signal,
        keep: options.keep ?? false,
        ...(plan.selectCheck !== undefined ? { selectCheck: plan.selectCheck } : {}),
        ...(targetIndex !== undefined ? { setupBefore: targetIndex } : {}),
        emit: (event) => {
          emit(event);
          if (
            options.bail &&
            event.type === 'stepEnd' &&
            (event.step.status === 'failed' || event.step.status === 'errored')
          )
            stop.abort();
        },
      });
      results.push(result);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    for (const unsubscribe of detach) unsubscribe();
  }
  const durationMs = performance.now() - started;
  const result: RunResult = {
    tool: { name: 'scim-check', version: options.toolVersion },
    target: options.target,
    runId: options.runId,
    startedAt: startedAt.toISOString(),
    interrupted: options.signal?.aborted ?? false,
    summary: summarize(results, durationMs),
    scenarios: results,
  };
  emit({ type: 'runEnd', result });
  return result;
}

/**
 * The result of a run that could not start: each planned scenario errored without a step, and
 * why, so the JSON and JUnit files a CI job collects say what happened instead of being empty.
 */
export function notStartedResult(
  plan: RunPlan,
  options: Pick<SuiteOptions, 'target' | 'runId' | 'toolVersion'>,
  error: ScimCheckError,
  startedAt: Date,
): RunResult {
  const skipReason = `not run: ${error.message}`;
  const scenarios: ScenarioResult[] = plan.scenarios.map(({ scenario, idp }) => ({
    file: scenario.file,
    name: scenario.name,
    idp,
    status: 'errored',
    skipReason,
    steps: [],
    leftovers: [],
    durationMs: 0,
  }));
  return {
    tool: { name: 'scim-check', version: options.toolVersion },
    target: options.target,
    runId: options.runId,
    startedAt: startedAt.toISOString(),
    interrupted: false,
    summary: summarize(scenarios, 0),
    scenarios,
    notStarted: { code: error.code, message: error.message, ...(error.hint !== undefined ? { hint: error.hint } : {}) },
  };
}
