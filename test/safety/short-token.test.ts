import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { runMain } from '../support/run-main.js';

/*
 * Redaction belongs to what is written out, never to the data under test. The transport used to
 * redact response bodies before the checks read them: with `--token scim` the reference server got
 * 23 failed checks, with `--token e` 17 "body is not JSON", and hints read `https://app.e[REDACTED]ample.com`.
 */

let server: RunningReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a short token', () => {
  it.each(['e', 'scim'])(
    '"%s": the reference server passes, the output is intact, and a warning says why the token is not redacted',
    async (token) => {
      server = await startReferenceServer({ port: 0, token });
      const run = await runMain(
        ['run', 'scenarios/okta-group-push.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
        { env: { SCIM_CHECK_TOKEN: token } },
      );
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as {
        summary: { checks: { failed: number; passed: number } };
        target: { baseUrl: string };
      };
      expect(report.summary.checks.failed).toBe(0);
      expect(report.target.baseUrl).toBe(server.baseUrl);
      expect(run.stderr).toContain(`warning: the token is only ${token.length} character`);
      expect(run.stdout).not.toContain('[REDACTED]');
    },
  );
});
