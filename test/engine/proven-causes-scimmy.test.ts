import { describe, expect, it } from 'vitest';
import { startScimmyServer } from '../interop/scimmy-server.js';
import { runMain } from '../support/run-main.js';

interface Check {
  id: string;
  status: string;
  level: string;
  message?: string;
}
interface Report {
  scenarios: { file: string; steps: { index: number; action: string; checks: Check[] }[] }[];
}

/*
 * Proven causes on a real third-party server (SCIMMY 1.3.5 + scimmy-routers, pinned). SCIMMY
 * refuses Entra's manager update and its "False" strings; the old passive rule blamed the
 * capitalised op for both (INTEROP-OP-CASE on every Entra PATCH, plus PATCH-RESPONSE and the
 * read-back rows at MUST level, repeated at every later step). Re-sending with one habit at a time
 * in RFC form shows what SCIMMY really refuses: the manager's bare path `manager` (Entra's tutorial,
 * Example 5), its one-element array and its `"$ref": null` together, and the string booleans;
 * lower-case ops change nothing there.
 */
describe('proven causes on SCIMMY', () => {
  it('names what SCIMMY refuses in Entra requests, once per scenario, and never the op case', async () => {
    const server = await startScimmyServer();
    try {
      const run = await runMain(
        ['run', 'scenarios/entra-user-lifecycle.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      const report = JSON.parse(run.stdout) as Report;
      const failures = report.scenarios[0]!.steps.flatMap((step) =>
        step.checks
          .filter((check) => check.status === 'failed' && check.level === 'error')
          .map((check) => `step ${step.index + 1} ${step.action}: ${check.id}`),
      );
      // CREATE-201-LOCATION is SCIMMY's own (no Location header on 201), unrelated to the habits.
      expect(failures.filter((failure) => !failure.endsWith('CREATE-201-LOCATION'))).toEqual([
        'step 6 updateUser: INTEROP-EXTENSION-BARE-NAME',
        'step 6 updateUser: INTEROP-SINGLE-VALUE-ARRAY',
        'step 6 updateUser: INTEROP-NULL-REF',
        'step 7 deactivateUser: INTEROP-BOOLEAN-STRINGS',
      ]);
      const opCase = report.scenarios[0]!.steps.flatMap((step) => step.checks).filter(
        (check) => check.id === 'INTEROP-OP-CASE' && check.status === 'failed',
      );
      expect(opCase).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);
});
