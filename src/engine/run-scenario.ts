import { toCheckResult } from '../checks/run-exchange-checks.js';
import { unreadConfigFindings, unsupportedFlags } from '../checks/unread-config.js';
import { ScimCheckError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import type { IdpProfile } from '../idp/profile.js';
import { stepSubject } from '../scenario/index.js';
import type { Feature, Scenario, Step } from '../scenario/model.js';
import { buildExpectedModel } from './build-model.js';
import { cleanUp } from './cleanup.js';
import type { TargetFeatures } from './preflight.js';
import type { RunEvent, ScenarioResult, StepResult } from './results.js';
import { runAction } from './run-action.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { runExpectState } from './run-expect-state.js';
import { runRequestStep } from './run-request-step.js';
import { type FinishedStep, ownRow, unmetDependency } from './step-dependencies.js';
import { downgradeUnadvertised, evaluateGate, unknownSupportNote } from './step-gates.js';
import { type StepEnd, scenarioOutcome, stepOutcome } from './step-outcome.js';

export interface ScenarioRunOptions {
  executor: Executor;
  /** The ledger scope of this scenario run: what it creates, its cleanup deletes. */
  scope: string;
  profile: IdpProfile;
  features: TargetFeatures;
  runId: string;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C or --bail: no further step starts; cleanup still runs. */
  signal: AbortSignal;
  /** Skip cleanup (`--keep`), leaving what the run created for inspection. */
  keep: boolean;
  emit(event: RunEvent): void;
  /** `--check` / `--skip-check`: results of unselected checks are dropped before reporting. */
  selectCheck?: (id: string) => boolean;
  /** `--only scenario:step`: steps before this index run only to set up the selected one. */
  setupBefore?: number;
}

/** The features the scenario requires that the server's ServiceProviderConfig flags unsupported. */
function unadvertised(scenario: Scenario, features: TargetFeatures): Feature[] {
  return scenario.requires.filter((feature) => features.supports(feature) === false);
}

/** The features the scenario requires that the server's ServiceProviderConfig says nothing about. */
function unstated(scenario: Scenario, features: TargetFeatures): Feature[] {
  return scenario.requires.filter((feature) => features.supports(feature) === undefined);
}

/**
 * A request step's gate is decided here, from the preflight (step-gates.ts); the request step only
 * learns which advertised feature it exercises (for DISC-SPC-HONEST). `notes` receives what the
 * server did not advertise either way, so a failure of the step's row becomes a warning.
 */
async function executeStep(
  step: Step,
  context: ScenarioContext,
  recorder: StepRecorder,
  notes: string[],
): Promise<StepEnd> {
  try {
    switch (step.action) {
      case 'request': {
        const gate = await evaluateGate(step.when, context.features);
        if ('skip' in gate) return { skipped: gate.skip };
        notes.push(...gate.unadvertised);
        const { when: _gate, ...ungated } = step;
        return await runRequestStep(
          gate.advertisedFeature === undefined
            ? ungated
            : { ...ungated, when: { feature: gate.advertisedFeature, supported: true } },
          context,
          recorder,
        );
      }
      case 'expectState':
        return await runExpectState(step.state, context, recorder);
      default:
        return await runAction(step, context, recorder);
    }
  } catch (error) {
    if (error instanceof ScimCheckError)
      return {
        errored: { code: error.code, message: error.hint ? `${error.message} (${error.hint})` : error.message },
      };
    throw error;
  }
}

function skippedStep(step: Step, reason: string): StepResult {
  const result: StepResult = {
    index: step.index,
    action: step.action,
    line: step.span.line,
    column: step.span.column,
    status: 'skipped',
    skipReason: reason,
    exchanges: [],
    checks: [],
    durationMs: 0,
  };
  if (step.name !== undefined) result.name = step.name;
  const skippedSubject = stepSubject(step);
  if (skippedSubject !== undefined) result.subject = skippedSubject;
  return result;
}

/**
 * Runs one scenario under one IdP profile: each step in order, the expected model updated and
 * verified after every action, and everything it created deleted at the end, even when a step
 * failed or the run was interrupted.
 */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const base = {
    file: scenario.file,
    name: scenario.name,
    idp: options.profile.name,
    ...(options.profile.verified ? {} : { unverifiedProfile: true as const }),
  };
  options.emit({ type: 'scenarioStart', ...base, stepCount: scenario.steps.length });
  const finish = (result: Omit<ScenarioResult, 'durationMs'>): ScenarioResult => {
    const done = { ...result, durationMs: performance.now() - started };
    options.emit({ type: 'scenarioEnd', result: done });
    return done;
  };

  // Discovery gates a scenario only under an IdP that reads discovery (the spec suite's generic
  // profile, authentik); Okta and Entra send their requests whatever the server advertises.
  const missing = unadvertised(scenario, options.features);
  if (missing.length > 0 && options.profile.readsServiceProviderConfig === true) {
    return finish({
      ...base,
      status: 'skipped',
      skipReason: `the server's ServiceProviderConfig says ${unsupportedFlags(missing)}, and this scenario requires ${missing.join(', ')}`,
      steps: [],
      leftovers: [],
    });
  }
  // A profile that reads discovery does not hold the server to a feature it never stated (step-gates.ts).
  const scenarioNotes =
    options.profile.readsServiceProviderConfig === true
      ? unstated(scenario, options.features).map((feature) =>
          unknownSupportNote(
            `the server's ServiceProviderConfig does not say whether ${feature} is supported, which this scenario requires`,
          ),
        )
      : [];
  // Recorded once, on the first step, which then runs as the IdP would.
  const firstStepChecks =
    missing.length > 0
      ? [
          toCheckResult(
            'DISC-SPC-IDP-USES',
            { idp: options.profile.name },
            unreadConfigFindings(options.profile.title, missing),
          ),
        ]
      : [];

  let model: ReturnType<typeof buildExpectedModel>;
  try {
    model = buildExpectedModel(scenario, options.runId, options.env);
  } catch (error) {
    if (!(error instanceof ScimCheckError)) throw error;
    const first = scenario.steps[0];
    const step: StepResult = {
      index: 0,
      action: 'preflight',
      line: first?.span.line ?? 1,
      column: first?.span.column ?? 1,
      status: 'errored',
      error: { code: error.code, message: error.message },
      exchanges: [],
      checks: [],
      durationMs: 0,
    };
    return finish({ ...base, status: 'errored', steps: [step], leftovers: [] });
  }

  const context: ScenarioContext = {
    scenario,
    profile: options.profile,
    executor: options.executor,
    scope: options.scope,
    model,
    runId: options.runId,
    vars: {},
    env: options.env,
    signal: options.signal,
    features: options.features,
    ...(options.selectCheck !== undefined ? { selectCheck: options.selectCheck } : {}),
  };
  const steps: StepResult[] = [];
  const finished: FinishedStep[] = [];
  // A step a later one `needs:` is sent even when --check deselects its row: its verdict decides the later one.
  const needed = new Set(scenario.steps.flatMap((step) => (step.action === 'request' ? (step.needs ?? []) : [])));
  let stopReason: string | undefined;
  let leftovers: ScenarioResult['leftovers'] = [];
  const { ledger } = options.executor;
  try {
    for (const step of scenario.steps) {
      if (options.signal.aborted) stopReason ??= 'the run was stopped before this step';
      const unmet = stopReason ?? unmetDependency(step, finished, context.vars, context.model);
      if (unmet !== undefined) {
        const skipped = skippedStep(step, unmet);
        steps.push(skipped);
        finished.push({ step, result: skipped });
        if (stopReason === undefined) options.emit({ type: 'stepEnd', scenario: scenario.file, step: skipped });
        continue;
      }
      options.emit({
        type: 'stepStart',
        scenario: scenario.file,
        index: step.index,
        action: step.action,
        ...(step.name !== undefined ? { name: step.name } : {}),
      });
      const stepStarted = performance.now();
      const recorder: StepRecorder = { exchanges: [], checks: firstStepChecks.splice(0) };
      const notes = [...scenarioNotes];
      const stepContext =
        step.name !== undefined && needed.has(step.name) && context.selectCheck !== undefined
          ? { ...context, selectCheck: undefined }
          : context;
      const end = await executeStep(step, stepContext, recorder, notes);
      downgradeUnadvertised(recorder.checks, ownRow(step), notes);
      // Judged before --check filters the verdicts: a later step's `needs:` reads this step's own row.
      const verdicts = recorder.checks;
      if (options.selectCheck) recorder.checks = recorder.checks.filter((check) => options.selectCheck!(check.id));
      const result: StepResult = {
        index: step.index,
        action: step.action,
        line: step.span.line,
        column: step.span.column,
        ...stepOutcome(recorder, end, options.profile.name),
        exchanges: recorder.exchanges,
        checks: recorder.checks,
        durationMs: performance.now() - stepStarted,
      };
      if (step.name !== undefined) result.name = step.name;
      const subject = stepSubject(step);
      if (subject !== undefined) result.subject = subject;
      if (options.setupBefore !== undefined && step.index < options.setupBefore) result.setup = true;
      steps.push(result);
      finished.push({ step, result: { ...result, checks: verdicts } });
      options.emit({ type: 'stepEnd', scenario: scenario.file, step: result });
      // An errored step does not end the scenario: steps that build on it are skipped by
      // unmetDependency, naming it; the others still run and may find real deviations.
    }
  } finally {
    if (options.keep) {
      leftovers = ledger.outstanding(context.scope).map((resource) => ({
        resourceType: resource.kind,
        id: resource.id,
        name: resource.name,
        reason: 'kept (--keep)',
      }));
    } else if (ledger.outstanding(context.scope).length > 0) {
      const recorder: StepRecorder = { exchanges: [], checks: [] };
      const cleanupStarted = performance.now();
      options.emit({ type: 'stepStart', scenario: scenario.file, index: scenario.steps.length, action: 'cleanup' });
      leftovers = await cleanUp(context, recorder);
      const last = scenario.steps.at(-1);
      const cleanupStep: StepResult = {
        index: scenario.steps.length,
        action: 'cleanup',
        line: last?.span.line ?? 1,
        column: last?.span.column ?? 1,
        ...(leftovers.length > 0
          ? {
              status: 'errored' as const,
              error: {
                code: 'CLEANUP_FAILED',
                message: `could not delete ${leftovers.map((leftover) => `${leftover.resourceType} ${leftover.name} (id ${leftover.id}): ${leftover.reason ?? 'unknown reason'}`).join('; ')}`,
              },
            }
          : { status: 'passed' as const }),
        exchanges: recorder.exchanges,
        // Cleanup is housekeeping, not IdP behaviour: its responses are not held to the IdP's rules.
        checks: [],
        durationMs: performance.now() - cleanupStarted,
      };
      steps.push(cleanupStep);
      options.emit({ type: 'stepEnd', scenario: scenario.file, step: cleanupStep });
    }
  }
  const possibleLeftovers = ledger.possibleLeftovers(context.scope);
  return finish({
    ...base,
    status: scenarioOutcome(steps),
    steps,
    leftovers,
    ...(possibleLeftovers.length > 0 ? { possibleLeftovers } : {}),
  });
}
