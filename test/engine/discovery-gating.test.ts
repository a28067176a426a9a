import { afterEach, describe, expect, it } from 'vitest';
import { forwardToUpstream, type LoopbackProxy, readBody, startProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';

/*
 * Okta and Entra never read /ServiceProviderConfig: they send PATCH and `userName eq` filters
 * whatever it says. A server advertising filter.supported=false used to get every Okta and Entra
 * flow skipped, hiding exactly what the vendor needs to hear. Discovery still gates the spec
 * suite (generic profile) and authentik, which do read it.
 */

const TOKEN = 'discovery-gating-token';
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** The reference server, with a ServiceProviderConfig that calls PATCH and filtering unsupported (both work). */
async function startUnderstatingServer(): Promise<LoopbackProxy> {
  return startProxy({
    reference: { token: TOKEN },
    async onRequest(req, res, { upstreamUrl, path }) {
      const body = await readBody(req);
      const answer = await forwardToUpstream(
        upstreamUrl,
        { method: req.method, path: req.url, headers: req.headers },
        body,
      );
      let text = answer.body.toString('utf8');
      if (path.startsWith('/ServiceProviderConfig')) {
        const config = JSON.parse(text) as Record<string, { supported?: boolean }>;
        config.patch!.supported = false;
        config.filter!.supported = false;
        text = JSON.stringify(config);
      }
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
  });
}

interface Report {
  scenarios: {
    name: string;
    idp: string;
    status: string;
    skipReason?: string;
    steps: { checks: { id: string; status: string; level: string; message?: string }[] }[];
  }[];
}

describe('IdP flows and /ServiceProviderConfig', () => {
  it('an Okta flow runs as Okta would, with one DISC-SPC-IDP-USES warning naming the contradiction (it was skipped)', async () => {
    proxy = await startUnderstatingServer();
    const run = await runMain(
      [
        'run',
        'scenarios/okta-group-push.yaml',
        'scenarios/entra-user-lifecycle.yaml',
        '--base-url',
        proxy.baseUrl,
        '--reporter',
        'json',
      ],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.scenarios.map((scenario) => [scenario.idp, scenario.status])).toEqual([
      ['okta', 'passed'],
      ['entra', 'passed'],
    ]);
    for (const scenario of report.scenarios) {
      const notes = scenario.steps.flatMap((step) => step.checks).filter((check) => check.id === 'DISC-SPC-IDP-USES');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({
        status: 'failed',
        level: 'warning',
        message: expect.stringMatching(
          /never reads \/ServiceProviderConfig and will send patch and filter requests anyway; this server's ServiceProviderConfig says patch.supported=false, filter.supported=false/,
        ),
      });
    }
  });

  it('the spec suite (generic profile) is still gated by discovery', async () => {
    proxy = await startUnderstatingServer();
    const run = await runMain(
      ['run', 'scenarios/spec/list-and-filter.yaml', '--base-url', proxy.baseUrl, '--reporter', 'json'],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(report.scenarios[0]).toMatchObject({
      status: 'skipped',
      skipReason: expect.stringMatching(/ServiceProviderConfig says filter.supported=false/),
    });
  });
});

describe('a PATCH answered 204 (RFC 7644 §3.5.2 allows it)', () => {
  it("is no error under entra-compliant: only Microsoft's hosted validator wants 200 (the row meant for it failed the Entra flows)", async () => {
    proxy = await startProxy({
      reference: { token: TOKEN },
      async onRequest(req, res, { upstreamUrl }) {
        const body = await readBody(req);
        const answer = await forwardToUpstream(
          upstreamUrl,
          { method: req.method, path: req.url, headers: req.headers },
          body,
        );
        if (req.method === 'PATCH' && answer.status === 200) return void res.writeHead(204).end();
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      },
    });
    const run = await runMain(
      ['run', 'scenarios/entra-compliant-group-push.yaml', '--base-url', proxy.baseUrl, '--reporter', 'json'],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    const report = JSON.parse(run.stdout) as Report;
    const verdicts = report.scenarios
      .flatMap((scenario) => scenario.steps.flatMap((step) => step.checks))
      .filter((check) => check.id === 'INTEROP-PATCH-200-BODY');
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.filter((check) => check.status === 'failed').map((check) => check.level)).not.toContain('error');
    expect(run.code, run.stderr).toBe(0);
  });
});
