import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardToUpstream, type LoopbackProxy, readBody, startProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';

/*
 * The expected model follows the server (issue 12). A write the server refused or did not fully
 * apply is reported once, at its step; later read-backs judge that attribute against what the
 * server holds (an info note "still differs since step N", never a second error), until a step
 * deliberately changes the attribute again, which is judged normally.
 */

const TOKEN = 'model-follows-server-token';
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** The reference server behind a proxy that may rewrite a request body or refuse it with a SCIM 400. */
async function startServer(
  rewrite: (method: string, path: string, body: any) => { refuse: string } | { body: unknown } | undefined,
): Promise<LoopbackProxy> {
  return startProxy({
    reference: { token: TOKEN },
    async onRequest(req, res, { upstreamUrl, path }) {
      let body = await readBody(req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const change = rewrite(req.method ?? 'GET', path, parsed);
      if (change !== undefined && 'refuse' in change) {
        res.writeHead(400, { 'content-type': 'application/scim+json' });
        return void res.end(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '400',
            detail: change.refuse,
          }),
        );
      }
      if (change !== undefined) body = Buffer.from(JSON.stringify(change.body));
      const answer = await forwardToUpstream(
        upstreamUrl,
        { method: req.method, path: req.url, headers: req.headers },
        body,
      );
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    },
  });
}

interface Check {
  id: string;
  status: string;
  level: string;
  message?: string;
}
interface Report {
  scenarios: { steps: { index: number; action: string; status: string; checks: Check[] }[] }[];
}

async function runScenario(server: LoopbackProxy, yaml: string): Promise<Report> {
  const file = join(mkdtempSync(join(tmpdir(), 'scim-check-follows-')), 'scenario.yaml');
  writeFileSync(file, yaml);
  const result = await runMain(['run', file, '--base-url', server.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: TOKEN },
  });
  return JSON.parse(result.stdout) as Report;
}

/** Every failure at `level`, as `step N action: ID`. */
function failures(report: Report, level: string): string[] {
  return report.scenarios[0]!.steps.flatMap((step) =>
    step.checks
      .filter((check) => check.status === 'failed' && check.level === level)
      .map((check) => `step ${step.index + 1} ${step.action}: ${check.id}`),
  );
}

function notes(report: Report): string[] {
  return report.scenarios[0]!.steps.flatMap((step) =>
    step.checks
      .filter(
        (check) => check.status === 'failed' && check.level === 'info' && /still differs/.test(check.message ?? ''),
      )
      .map((check) => `step ${step.index + 1}: ${check.message}`),
  );
}

describe('after a write the server did not apply, the model follows the server', () => {
  it('a dropped attribute is reported once; later read-backs note it; setting it again is judged again', async () => {
    // Accepts every PUT but drops `title` from it (the user then has none).
    proxy = await startServer((method, path, body) => {
      if (method !== 'PUT' || !path.startsWith('/Users/') || body === undefined) return undefined;
      const { title: _title, ...rest } = body as Record<string, unknown>;
      return { body: rest };
    });
    const report = await runScenario(
      proxy,
      `
name: A server that drops title on PUT
idp: okta
users:
  dana: { givenName: Dana, familyName: Lee, email: "dana.{{run}}@example.com", attributes: { title: Engineer } }
steps:
  - assignUser: dana
  - updateUser: dana
    set: { title: Staff Engineer }
  - updateUser: dana
    set: { familyName: Lee-Park }
  - deactivateUser: dana
  - reactivateUser: dana
  - updateUser: dana
    set: { title: Principal Engineer }
`,
    );
    const errors = failures(report, 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^step 2 updateUser: /);
    expect(errors[1]).toMatch(/^step 6 updateUser: /);
    expect(notes(report)).toEqual([
      'step 3: still differs since step 2 (reported there): title',
      'step 4: still differs since step 2 (reported there): title',
      'step 5: still differs since step 2 (reported there): title',
    ]);
  });

  it('a refused deactivation is reported once, noted while it lasts, and the reactivation is judged normally', async () => {
    proxy = await startServer((method, _path, body) => {
      const operations: { path?: unknown; value?: unknown }[] = method === 'PATCH' ? (body?.Operations ?? []) : [];
      return operations.some((operation) => operation.path === 'active' && /^false$/i.test(String(operation.value)))
        ? { refuse: 'users are deactivated by the HR feed only' }
        : undefined;
    });
    const report = await runScenario(
      proxy,
      `
name: A server that refuses deactivation
idp: entra
users:
  jane: { givenName: Jane, familyName: Diaz, email: "jane.{{run}}@example.com" }
steps:
  - assignUser: jane
  - deactivateUser: jane
  - updateUser: jane
    set: { familyName: Diaz-Moreno }
  - reactivateUser: jane
  - updateUser: jane
    set: { givenName: Janet }
`,
    );
    expect(failures(report, 'error')).toEqual(['step 2 deactivateUser: INTEROP-REFUSED']);
    const refused = report.scenarios[0]!.steps[1]!.checks.find((check) => check.id === 'INTEROP-REFUSED');
    expect(refused?.message).toMatch(/The server said: users are deactivated by the HR feed only/);
    expect(notes(report)).toEqual(['step 3: still differs since step 2 (reported there): active']);
    expect(report.scenarios[0]!.steps.slice(3).map((step) => step.status)).toEqual(['passed', 'passed', 'passed']);
  });
});
