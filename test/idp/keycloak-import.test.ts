import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { runMain } from '../support/run-main.js';

/*
 * Keycloak imports from one unpaged GET /Users. A server that already holds more users than its
 * default page (the reference server answers 200 per page) is no paging bug, so PAGE-WALK must not
 * fail; what Keycloak would really miss is an interop finding that names the cause.
 */

let server: RunningReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Report {
  scenarios: { steps: { action: string; checks: { id: string; status: string; message?: string }[] }[] }[];
}

describe('keycloak import against a server that already holds users', () => {
  it('reports INTEROP-UNPAGED-IMPORT with the page it got, not a PAGE-WALK failure (it was a false PAGE-WALK failure)', async () => {
    server = await startReferenceServer({ port: 0, token: 'keycloak-import-token', seedUsers: 300 });
    const run = await runMain(
      ['run', 'scenarios/keycloak-user-lifecycle.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
      { env: { SCIM_CHECK_TOKEN: 'keycloak-import-token' } },
    );
    const report = JSON.parse(run.stdout) as Report;
    const failed = report.scenarios.flatMap((scenario) =>
      scenario.steps.flatMap((step) =>
        step.checks.filter((check) => check.status === 'failed').map((check) => ({ action: step.action, ...check })),
      ),
    );
    expect(failed.map((check) => `${check.action} ${check.id}`)).toEqual(['importUsers INTEROP-UNPAGED-IMPORT']);
    expect(failed[0]!.message).toMatch(
      /answered the unpaged GET \/Users with 200 of 301 resources; the Keycloak connector imports only that answer/,
    );
  });

  it('an empty server still has every run user in the one page: PAGE-WALK passes', async () => {
    server = await startReferenceServer({ port: 0, token: 'keycloak-import-token' });
    const run = await runMain(
      ['run', 'scenarios/keycloak-user-lifecycle.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
      { env: { SCIM_CHECK_TOKEN: 'keycloak-import-token' } },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const importChecks = report.scenarios[0]!.steps.filter((step) => step.action === 'importUsers').flatMap((step) =>
      step.checks.map((check) => `${check.id} ${check.status}`),
    );
    expect(importChecks).toContain('PAGE-WALK passed');
  });
});
