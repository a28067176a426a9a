import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/server/index.js';
import { oauthTargetFlags } from '../support/oauth-target.js';
import { runMain } from '../support/run-main.js';

/*
 * `matrix` and `load` over OAuth client credentials against the reference server as an
 * authorization server that issues one-second tokens and takes no static token: every request
 * goes out with an issued token, and the runs outlast several tokens, so they pass only if the
 * token is renewed (matrix: the transport's source; load: the worker asking the CLI thread).
 */

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function oauthServer(): Promise<Awaited<ReturnType<typeof startReferenceServer>>> {
  const server = await startReferenceServer({ port: 0, oauth: { tokenLifetimeSeconds: 1 } });
  servers.push(server);
  return server;
}

describe('OAuth client credentials in matrix and load', () => {
  it('matrix: every flow passes over short-lived tokens, and the secret is never printed', async () => {
    const server = await oauthServer();
    const run = await runMain(['matrix', '--idp', 'okta', '--reporter', 'json', ...oauthTargetFlags(server)], {
      env: { SCIM_CHECK_CLIENT_SECRET: server.clientSecret! },
    });
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(server.clientSecret!);
  });

  it('load: a run longer than a token lifetime renews its token and has no errors', async () => {
    const server = await oauthServer();
    // --rate keeps the run several seconds long, so several one-second tokens expire during it.
    const run = await runMain(
      [
        'load',
        '--idp',
        'okta',
        '--users',
        '60',
        '--groups',
        '2',
        '--members-per-group',
        '2',
        '--changes',
        '10',
        '--rate',
        '30/s',
        '--max-error-rate',
        '0',
        '--reporter',
        'json',
        ...oauthTargetFlags(server),
      ],
      { env: { SCIM_CHECK_CLIENT_SECRET: server.clientSecret! }, compiled: true },
    );
    expect(run.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
    const report = JSON.parse(run.stdout) as { summary: { errors: number; requests: number } };
    expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.requests).toBeGreaterThan(60);
    expect(`${run.stdout}${run.stderr}`).not.toContain(server.clientSecret!);
  });
});
