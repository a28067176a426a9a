import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoopbackProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';
import { type Report, startHookedServer, TOKEN } from './spec-scoping-servers.js';

/*
 * Issue 12: one errored step ended the scenario ("skipped because step N errored"); a failed
 * capture of meta.created hid the rest of a scenario and eight real deviations. Now only the
 * steps that build on the failed one (a capture it did not make, a user it did not create, a
 * step named under `needs:`) are skipped, with a reason naming it; every other step still runs.
 */

let server: LoopbackProxy | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-independence-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function runScenario(yaml: string): Promise<Report['scenarios'][number]> {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, yaml);
  const run = await runMain(['run', file, '--base-url', server!.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: TOKEN },
  });
  if (run.stdout === '') throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as Report).scenarios[0]!;
}

describe('a failed step does not silently end the scenario', () => {
  it('a capture that found nothing skips only the steps that use it; the later steps run and find their deviations', async () => {
    server = await startHookedServer({
      rewrite: (request, answer) => {
        const body = answer.body as { meta?: Record<string, unknown> } | undefined;
        // No meta.created on a create's answer; and `attributes=` is ignored on reads.
        if (request.method === 'POST' && body?.meta) delete body.meta.created;
        return answer;
      },
      answer: (request) => {
        if (request.method === 'GET' && request.query.has('attributes')) request.query.delete('attributes');
        return undefined;
      },
    });
    const scenario = await runScenario(`name: capture failure
steps:
  - name: create U1
    request:
      method: POST
      path: /Users
      body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "scimcheck-{{run}}-si-u1@example.com", title: T }
    expect: { status: 201 }
    capture: { u1: $.id, created: $.meta.created }
  - name: meta.created never changes
    request: { method: GET, path: "/Users/{{vars.u1}}" }
    expect: { status: 200, paths: { "$.meta.created": "{{vars.created}}" } }
  - name: the user reads back
    request: { method: GET, path: "/Users/{{vars.u1}}" }
    expect: { status: 200, body: { title: T } }
  - name: attributes= shapes the body
    request: { method: GET, path: "/Users/{{vars.u1}}", query: { attributes: userName } }
    check: READ-ATTRIBUTES
    expect: { status: 200, absent: ["$.title"] }
`);
    const [create, created, reads, shaped] = scenario.steps;
    expect(create).toMatchObject({ status: 'failed' });
    expect(created).toMatchObject({
      status: 'skipped',
      skipReason: expect.stringMatching(
        /^needs \{\{vars\.created\}\}, which step 1 "create U1" did not capture: it failed \(capture created \(\$\.meta\.created\) found nothing/,
      ),
    });
    expect(reads).toMatchObject({ status: 'passed' });
    // The real deviation after the failed capture is found, not hidden.
    expect(shaped).toMatchObject({ status: 'failed' });
    expect(shaped!.checks.find((check) => check.id === 'READ-ATTRIBUTES')).toMatchObject({ status: 'failed' });
  });

  it('an IdP action that errored skips only the steps on the user it did not create; the others still run', async () => {
    server = await startHookedServer({
      answer: (request) =>
        request.method === 'POST' && JSON.stringify(request.body ?? '').includes('-si-bob@') ? 'reset' : undefined,
    });
    const scenario = await runScenario(`name: one user cannot be created
idp: generic
users:
  alice: { email: "scimcheck-{{run}}-si-alice@example.com", givenName: Alice, familyName: A }
  bob: { email: "scimcheck-{{run}}-si-bob@example.com", givenName: Bob, familyName: B }
steps:
  - assignUser: alice
  - assignUser: bob
  - updateUser: { user: bob, set: { familyName: Later } }
  - updateUser: { user: alice, set: { familyName: Later } }
  - deactivateUser: bob
  - deactivateUser: alice
`);
    const statuses = scenario.steps
      .filter((step) => step.action !== 'cleanup')
      .map((step) => [step.action, step.status]);
    expect(statuses).toEqual([
      ['assignUser', 'passed'],
      ['assignUser', 'errored'],
      ['updateUser', 'skipped'],
      ['updateUser', 'passed'],
      ['deactivateUser', 'skipped'],
      ['deactivateUser', 'passed'],
    ]);
    expect(scenario.steps[2]!.skipReason).toMatch(
      /^needs user "bob", which step 2 \(assignUser\) did not create: it errored \(/,
    );
  });
});
