import { afterEach, describe, expect, it } from 'vitest';
import { type BrokenServer, startBrokenServer } from '../support/broken-server.js';
import { runMain } from '../support/run-main.js';

type PatchBody = { Operations?: { op?: string; path?: string; value?: unknown }[] };

let server: BrokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function runAgainst(target: BrokenServer, ...args: string[]) {
  return runMain(['run', 'scenarios/okta-group-push.yaml', '--base-url', target.baseUrl, ...args], {
    env: { SCIM_CHECK_TOKEN: target.token },
  });
}

describe('scim-check run against deliberately broken servers', () => {
  it('passes against a correct server behind the same proxy (the harness itself is sound)', async () => {
    server = await startBrokenServer({});
    const run = await runAgainst(server);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.seen).toContain('GET /ServiceProviderConfig');
  });

  it('catches a server that drops added group members, at the pushGroup line', async () => {
    server = await startBrokenServer({
      rewriteRequest(method, path, body) {
        if (method !== 'PATCH' || !path.startsWith('/Groups/')) return undefined;
        const patch = body as PatchBody;
        // The added members become an empty add: the server answers 200 and silently keeps none
        // (an empty Operations list would be refused, which is a different bug).
        return {
          ...patch,
          Operations: (patch.Operations ?? []).map((operation) =>
            operation.op === 'add' && operation.path === 'members' ? { ...operation, value: [] } : operation,
          ),
        };
      },
    });
    const run = await runAgainst(server);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('PATCH-MEMBERS-ADD');
    expect(run.stdout).toContain('scenarios/okta-group-push.yaml:20');
    expect(run.stdout).toMatch(/member set differs/);
    expect(run.stdout).toMatch(/sent by the IdP:\n {2}request: +PATCH .*\/Groups\//);
    // The run still finishes and cleans up after the failure.
    expect(server.seen.filter((line) => line.startsWith('DELETE /Users/'))).toHaveLength(3);
  });

  it('catches a server that ignores active:false, at the deactivateUser line', async () => {
    server = await startBrokenServer({
      rewriteRequest(method, path, body) {
        if (method !== 'PATCH' || !path.startsWith('/Users/')) return undefined;
        const patch = body as PatchBody;
        return {
          ...patch,
          Operations: (patch.Operations ?? []).map((operation) =>
            JSON.stringify(operation.value) === '{"active":false}'
              ? { ...operation, value: { active: true } }
              : operation,
          ),
        };
      },
    });
    const run = await runAgainst(server, '--reporter', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const failedSteps = report.scenarios[0].steps.filter((step: any) => step.status === 'failed');
    expect(failedSteps.map((step: any) => [step.action, step.line])).toContainEqual(['deactivateUser', 27]);
    const deactivate = failedSteps.find((step: any) => step.action === 'deactivateUser');
    const failed = deactivate.checks.find((check: any) => check.status === 'failed');
    expect(failed).toMatchObject({ id: 'PATCH-REPLACE-ACTIVE', level: 'error' });
    expect(failed.findings[0]).toMatchObject({ path: '$.active', expected: false, actual: true });
    // The verdict names the write that caused it, so a reader sees what the IdP sent.
    const cause = deactivate.exchanges.find((exchange: any) => exchange.id === failed.causeExchangeId);
    expect(cause).toMatchObject({ method: 'PATCH' });
    expect(deactivate.exchanges.find((exchange: any) => exchange.id === failed.exchangeId)).toMatchObject({
      method: 'GET',
    });
  });

  it('never prints or stores the token', async () => {
    const sentinel = 'sentinel-token-5b3c1e9f';
    server = await startBrokenServer(
      {
        // A server that echoes the token into its bodies must still not leak it; group read-backs
        // also lose their members, so a failure block prints such a body.
        rewriteResponse(method, path, _status, body) {
          if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
          const echoed: Record<string, unknown> = { echoedToken: sentinel, ...body };
          if (method === 'GET' && path.startsWith('/Groups/')) delete echoed.members;
          return echoed;
        },
      },
      sentinel,
    );
    const run = await runAgainst(server, '--verbose');
    const json = await runAgainst(server, '--reporter', 'json');
    expect(run.code).toBe(1);
    for (const output of [run.stdout, run.stderr, json.stdout, json.stderr]) expect(output).not.toContain(sentinel);
    expect(run.stdout).toContain('"echoedToken": "[REDACTED]"');
  });
});
