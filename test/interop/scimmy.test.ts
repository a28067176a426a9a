import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';
import { startScimmyServer } from './scimmy-server.js';

interface JsonCheck {
  id: string;
  status: string;
  level: string;
}
interface JsonReport {
  summary: { errored: number };
  scenarios: { status: string; steps: { status: string; checks: JsonCheck[] }[] }[];
}

/**
 * Interop: the built-in spec suite and two IdP scenarios against a real third-party SCIM server
 * (SCIMMY 1.3.5 + scimmy-routers 1.3.2, pinned in package.json). The findings asserted here are
 * real behaviours of that version, each confirmed by hand against its responses; the passes
 * assert the run is not failing wholesale.
 */
describe('interop: SCIMMY + scimmy-routers', () => {
  it('runs the whole suite to the end and reports what SCIMMY gets wrong', async () => {
    const server = await startScimmyServer();
    try {
      const run = await runMain(
        [
          'run',
          'scenarios/spec',
          'scenarios/okta-user-lifecycle.yaml',
          'scenarios/okta-group-push.yaml',
          '--base-url',
          server.baseUrl,
          '--reporter',
          'json',
        ],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(run.stdout) as JsonReport;
      // Non-conformance is a failed check; nothing should be runtime trouble.
      expect(report.summary.errored).toBe(0);
      const verdicts = new Map<string, Set<string>>();
      for (const scenario of report.scenarios)
        for (const step of scenario.steps)
          for (const check of step.checks) {
            if (!verdicts.has(check.id)) verdicts.set(check.id, new Set());
            verdicts.get(check.id)!.add(check.status);
          }
      const failed = (id: string): boolean => verdicts.get(id)?.has('failed') ?? false;
      const passedOnly = (id: string): boolean => verdicts.get(id)?.has('passed') === true && !failed(id);
      for (const id of [
        'CREATE-201-LOCATION',
        'AUTH-WWW-AUTHENTICATE',
        'FILTER-CASE-INSENSITIVE',
        'FILTER-INVALID',
        'FILTER-MULTIVALUED',
        'PAGE-WALK',
        'PATCH-PRIMARY-UNIQUE',
        'PATCH-REPLACE-COMPLEX',
        'PATCH-ATTRIBUTES-200',
        'DISC-SCHEMAS-SHAPE',
      ]) {
        expect(failed(id), `${id} should be found failing on SCIMMY 1.3.5`).toBe(true);
      }
      for (const id of [
        'CREATE-201',
        'FILTER-EQ',
        'PATCH-MEMBERS-ADD',
        'ERR-STATUS-STRING',
        'DISC-SPC-REQUIRED',
        'DEL-GONE-404',
        'CREATE-UNIQUENESS-409',
      ]) {
        expect(passedOnly(id), `${id} should pass on SCIMMY 1.3.5`).toBe(true);
      }
    } finally {
      await server.close();
    }
  }, 150_000);
});
