import type { CheckResult } from '../checks/check-result.js';
import type { ResourceKind } from '../checks/request-purpose.js';
import type { Exchange } from '../http/exchange.js';
import type { ScimClient } from '../http/scim-client.js';
import type { IdpProfile } from '../idp/profile.js';
import type { Scenario } from '../scenario/model.js';
import type { ExpectedModel } from './expected-model.js';
import type { TargetFeatures } from './preflight.js';

/** A resource this run created: the only kind it may modify or delete. */
export interface CreatedResource {
  kind: ResourceKind;
  id: string;
  /** userName or displayName, for leftovers listings. */
  name: string;
}

/** Everything one scenario's execution shares across its steps. */
export interface ScenarioContext {
  scenario: Scenario;
  profile: IdpProfile;
  client: ScimClient;
  model: ExpectedModel;
  runId: string;
  /** Values captured by `request` steps, for `{{vars.x}}`. */
  vars: Record<string, string>;
  /** Environment variables the scenario opted into (`env:`). */
  env: Record<string, string | undefined>;
  /** Every id the server issued in this run (shared across scenarios: CREATE-ID uniqueness). */
  issuedIds: Set<string>;
  /** Resources created in this scenario, in creation order (cleanup runs in reverse). */
  created: CreatedResource[];
  signal: AbortSignal | undefined;
  /** What ServiceProviderConfig advertised; step-level `when:` gates read it. */
  features?: TargetFeatures;
  /** `--check` / `--skip-check`: whether a check ID is selected for this run (all when absent). */
  selectCheck?: (id: string) => boolean;
}

/** What one step accumulates while it runs. */
export interface StepRecorder {
  exchanges: Exchange[];
  checks: CheckResult[];
}
