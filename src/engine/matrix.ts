import type { Executor } from '../executor/executor.js';
import type { IdpProfile } from '../idp/profile.js';
import { planRun } from '../plan/plan.js';
import { loadScenarioText } from '../scenario/index.js';
import type { Scenario } from '../scenario/model.js';
import type { StandardReport } from '../standards/report.js';
import { MATRIX_FLOWS, type MatrixFlow } from './matrix-flows.js';
import type { RunResult, ScenarioResult } from './results.js';
import { runSuite } from './run-suite.js';

/** One IdP × flow verdict. */
export interface MatrixCell {
  idp: string;
  flow: MatrixFlow['name'];
  status: 'passed' | 'failed' | 'errored' | 'skipped';
  /** The first failing check (failed), or the runtime error (errored). */
  firstFailure?: { id: string; message: string; step: number; action: string };
  /** Why the cell was skipped, or which non-core steps the profile skips (passed). */
  note?: string;
}

export interface MatrixResult {
  tool: RunResult['tool'];
  target: RunResult['target'];
  flows: { name: MatrixFlow['name']; title: string }[];
  profiles: { name: string; title: string; verified: boolean }[];
  cells: MatrixCell[];
  summary: { passed: number; failed: number; errored: number; skipped: number };
  /** Ctrl-C stopped it: the profiles not reached have no cells, the cut one's flows were cleaned up. */
  interrupted: boolean;
  /** With `--standard`: the draft packs judged on the same target, with their IdP conflicts (src/standards/). */
  standards?: StandardReport[];
}

export interface MatrixOptions {
  executor: Executor;
  target: RunResult['target'];
  runId: string;
  toolVersion: string;
  profiles: readonly IdpProfile[];
  signal?: AbortSignal;
  /** Called after each profile's flows, for progress output. */
  onProfile?(profile: IdpProfile, cells: MatrixCell[]): void;
}

/** The flows as scenarios; they ship inside the program, so a load error is a bug of ours. */
function flowScenarios(): Scenario[] {
  return MATRIX_FLOWS.map((flow) => {
    const loaded = loadScenarioText(flow.yaml, `matrix:${flow.name}`);
    if (!loaded.scenario)
      throw new Error(
        `the built-in matrix flow ${flow.name} does not load: ${loaded.diagnostics.map((diagnostic) => diagnostic.title).join('; ')}`,
      );
    return loaded.scenario;
  });
}

/** Turns one scenario result into a cell: the first failing check, the first error, or a skip of a core step. */
export function cellOf(idp: string, flow: MatrixFlow, result: ScenarioResult | undefined): MatrixCell {
  const cell: MatrixCell = { idp, flow: flow.name, status: 'skipped' };
  if (!result) return { ...cell, note: 'not run' };
  if (result.status === 'skipped') return { ...cell, note: result.skipReason ?? 'skipped' };
  // A profile that does not do a core action (Google pushes no groups) cannot be judged on the
  // flow; the steps after it fail only because it was skipped.
  const skippedCore = result.steps.find((step) => step.status === 'skipped' && flow.core.includes(step.action));
  if (skippedCore) return { ...cell, note: `${skippedCore.action}: ${skippedCore.skipReason ?? 'skipped'}` };
  const steps = result.steps.filter((step) => step.action !== 'cleanup' || step.status !== 'passed');
  if (result.status === 'failed' || result.status === 'errored') {
    for (const step of steps) {
      // Within the failing step, an INTEROP finding names the IdP habit the server broke, which
      // explains the generic failures next to it (a refused PATCH also fails PATCH-RESPONSE).
      const failures = step.checks.filter((candidate) => candidate.status === 'failed' && candidate.level === 'error');
      const check = failures.find((candidate) => candidate.id.startsWith('INTEROP-')) ?? failures[0];
      if (check)
        return {
          ...cell,
          status: 'failed',
          firstFailure: {
            id: check.id,
            message: check.message ?? check.title,
            step: step.index + 1,
            action: step.action,
          },
        };
      if (step.status === 'errored' || step.status === 'failed') {
        return {
          ...cell,
          status: step.status,
          firstFailure: {
            id: step.error?.code ?? step.status.toUpperCase(),
            message: step.error?.message ?? '',
            step: step.index + 1,
            action: step.action,
          },
        };
      }
    }
  }
  const skippedOther = result.steps.filter((step) => step.status === 'skipped').map((step) => step.action);
  return {
    ...cell,
    status: 'passed',
    ...(skippedOther.length > 0 ? { note: `the profile does not send ${skippedOther.join(', ')}` } : {}),
  };
}

/**
 * `scim-check matrix`: the lifecycle and group flows replayed under every profile against one
 * target, one suite per profile (so each cell cleans up after itself), summarised as IdP × flow.
 */
export async function runMatrix(options: MatrixOptions): Promise<MatrixResult> {
  const scenarios = flowScenarios();
  const cells: MatrixCell[] = [];
  let target = options.target;
  let tool: RunResult['tool'] = { name: 'scim-check', version: options.toolVersion };
  for (const profile of options.profiles) {
    if (options.signal?.aborted) break;
    // The flows become that IdP's scenarios, so reports name the profile that ran them.
    const result = await runSuite(
      planRun(
        scenarios.map((scenario) => ({ ...scenario, idp: profile.name })),
        { idp: profile.name },
      ),
      {
        executor: options.executor,
        target: options.target,
        runId: `${options.runId}${profile.name.replace(/[^a-z]/g, '').slice(0, 6)}`,
        toolVersion: options.toolVersion,
        env: {},
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    target = result.target;
    tool = result.tool;
    const profileCells = MATRIX_FLOWS.map((flow, index) => cellOf(profile.name, flow, result.scenarios[index]));
    cells.push(...profileCells);
    options.onProfile?.(profile, profileCells);
  }
  const count = (status: MatrixCell['status']): number => cells.filter((cell) => cell.status === status).length;
  return {
    tool,
    target,
    flows: MATRIX_FLOWS.map((flow) => ({ name: flow.name, title: flow.title })),
    profiles: options.profiles.map((profile) => ({
      name: profile.name,
      title: profile.title,
      verified: profile.verified,
    })),
    cells,
    summary: { passed: count('passed'), failed: count('failed'), errored: count('errored'), skipped: count('skipped') },
    interrupted: options.signal?.aborted ?? false,
  };
}
