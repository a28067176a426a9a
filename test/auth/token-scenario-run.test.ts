import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { oauthTargetFlags } from '../support/oauth-target.js';
import { runMain } from '../support/run-main.js';

/*
 * `run` with OAuth reports the token endpoint's TOKEN-* rows as the first scenario,
 * `oauth-token-endpoint`: --check / --skip-check select among them like any catalogue row, and
 * the pretty line counts its checks instead of claiming "0 steps · 0 requests".
 */

let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ port: 0, oauth: {} });
});
afterAll(async () => {
  await server.close();
});

async function run(extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(['run', 'scenarios/spec/discovery.yaml', ...oauthTargetFlags(server), ...extra], {
    env: { SCIM_CHECK_CLIENT_SECRET: server.clientSecret! },
  });
}

interface Report {
  scenarios: { name: string; steps: { name?: string; checks: { id: string }[] }[] }[];
}

describe('run: the oauth-token-endpoint scenario', () => {
  it('--skip-check TOKEN-* drops it, and --check TOKEN-LIFETIME keeps only that row', async () => {
    const skipped = await run(['--skip-check', 'TOKEN-*', '--reporter', 'json']);
    const withoutTokens = JSON.parse(skipped.stdout) as Report;
    expect(withoutTokens.scenarios.map((scenario) => scenario.name)).not.toContain('oauth-token-endpoint');

    const only = await run(['--check', 'TOKEN-LIFETIME', '--reporter', 'json']);
    const report = JSON.parse(only.stdout) as Report;
    const tokens = report.scenarios.find((scenario) => scenario.name === 'oauth-token-endpoint');
    expect(tokens?.steps.flatMap((step) => step.checks.map((check) => check.id))).toEqual(['TOKEN-LIFETIME']);
    expect(tokens?.steps.map((step) => step.name)).toEqual([`client credentials at ${server.tokenUrl}`]);
  });

  it('pretty: the line counts its checks, and the summary counts the scenario', async () => {
    const pretty = await run([]);
    expect(pretty.stdout).toMatch(/✓ oauth-token-endpoint {2}\(generic · 6 checks · /);
    expect(pretty.stdout).not.toMatch(/oauth-token-endpoint .*0 steps/);
    expect(pretty.stdout).toMatch(/Scenarios: 2 passed \(2\)/);
    expect(pretty.code).toBe(0);
  });
});
