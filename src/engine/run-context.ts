import type { Executor, StepRecorder } from '../executor/executor.js';
import type { IdpProfile } from '../idp/profile.js';
import type { Scenario } from '../scenario/model.js';
import type { ExpectedModel } from './expected-model.js';
import type { TargetFeatures } from './preflight.js';
import { ServerTruth } from './server-truth.js';

export type { StepRecorder };

/** Everything one scenario's execution shares across its steps. */
export interface ScenarioContext {
  scenario: Scenario;
  profile: IdpProfile;
  /** The one door every request goes through; its ledger says what this run may write to. */
  executor: Executor;
  /** The ledger scope of this scenario: what it creates, its cleanup deletes. */
  scope: string;
  model: ExpectedModel;
  runId: string;
  /** Values captured by `request` steps, for `{{vars.x}}`. */
  vars: Record<string, string>;
  /** Environment variables the scenario opted into (`env:`). */
  env: Record<string, string | undefined>;
  signal: AbortSignal | undefined;
  /** What ServiceProviderConfig advertised; step-level `when:` gates read it. */
  features?: TargetFeatures;
  /** `--check` / `--skip-check`: whether a check ID is selected for this run (all when absent). */
  selectCheck?: (id: string) => boolean;
  /** What the scenario learned about the server beyond the model; created on first use (serverTruthOf). */
  serverTruth?: ServerTruth;
}

/**
 * The scenario's record of refused writes, reported causes and divergences, created on first use
 * so whoever builds a context (run-scenario.ts, tests) need not know about it.
 */
export function serverTruthOf(context: ScenarioContext): ServerTruth {
  context.serverTruth ??= new ServerTruth();
  return context.serverTruth;
}
