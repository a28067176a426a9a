import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

// The built-in Okta and Entra scenarios, run against the embedded reference server: every
// request the profiles now send (the app-profile PUT, the group lookup, the remove+add PATCH, the
// bare `manager` path, the multi-attribute PATCH, the userName change…) must pass there, or
// `run` would blame a correct server.
const SCENARIOS = [
  'scenarios/okta-user-lifecycle.yaml',
  'scenarios/okta-group-push.yaml',
  'scenarios/okta-reactivation.yaml',
  'scenarios/okta-import.yaml',
  'scenarios/okta-aiw-user-lifecycle.yaml',
  'scenarios/okta-aiw-group-push.yaml',
  'scenarios/okta-aiw-import.yaml',
  'scenarios/entra-user-lifecycle.yaml',
  'scenarios/entra-group-push.yaml',
  'scenarios/entra-quirks.yaml',
  'scenarios/entra-compliant-user-lifecycle.yaml',
  'scenarios/entra-compliant-group-push.yaml',
];

describe('okta and entra built-in scenarios pass against the reference server', () => {
  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const run = await runMain(['run', scenario, '--reporter', 'json']);
      const report = JSON.parse(run.stdout) as {
        scenarios: { steps: { checks: { id: string; status: string; message?: string }[] }[] }[];
      };
      const failed = report.scenarios
        .flatMap((entry) => entry.steps.flatMap((step) => step.checks))
        .filter((check) => check.status === 'failed')
        .map((check) => `${check.id}: ${check.message ?? ''}`);
      expect(failed).toEqual([]);
      expect(run.code).toBe(0);
    }, 60_000);
  }
});
