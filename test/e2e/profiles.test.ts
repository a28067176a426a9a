import { afterEach, describe, expect, it } from 'vitest';
import { type BrokenServer, startBrokenServer } from '../support/broken-server.js';
import { runMain } from '../support/run-main.js';

type Operation = { op?: unknown; path?: unknown; value?: unknown };
type PatchBody = { schemas?: unknown; Operations?: Operation[] };

let server: BrokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The checks of every step of a JSON report, flattened. */
function checksOf(report: any): any[] {
  return report.scenarios.flatMap((scenario: any) => scenario.steps.flatMap((step: any) => step.checks));
}

function runJson(target: BrokenServer, ...args: string[]) {
  return runMain(['run', ...args, '--base-url', target.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: target.token },
  });
}

const isStringBoolean = (value: unknown): boolean => typeof value === 'string' && /^(true|false)$/i.test(value);

/**
 * A strict server: a PATCH with a capitalised op or a "True"/"False" string is turned into an
 * op the reference server refuses, so the client gets a genuine 400 SCIM error.
 */
function strictPatchParser(method: string, _path: string, body: unknown): unknown {
  if (method !== 'PATCH') return undefined;
  const operations = (body as PatchBody | undefined)?.Operations ?? [];
  const quirky = operations.some(
    (operation) =>
      (typeof operation.op === 'string' && operation.op !== operation.op.toLowerCase()) ||
      isStringBoolean(operation.value),
  );
  return quirky ? { ...(body as PatchBody), Operations: [{ op: 'unsupported-op-case-or-string-boolean' }] } : undefined;
}

describe('IdP profiles against servers with one deliberate quirk', () => {
  it('entra fails with INTEROP-OP-CASE and INTEROP-BOOLEAN-STRINGS where entra-compliant passes', async () => {
    server = await startBrokenServer({ rewriteRequest: strictPatchParser });
    const legacy = await runJson(server, 'scenarios/entra-user-lifecycle.yaml');
    expect(legacy.code).toBe(1);
    const failed = checksOf(JSON.parse(legacy.stdout)).filter((check) => check.status === 'failed');
    const opCase = failed.find((check) => check.id === 'INTEROP-OP-CASE');
    const booleans = failed.find((check) => check.id === 'INTEROP-BOOLEAN-STRINGS' && /refused/.test(check.message));
    expect(opCase).toMatchObject({ level: 'error' });
    expect(opCase.message).toMatch(/Entra ID/);
    expect(opCase.message).toMatch(/"Replace"|"Add"/);
    expect(booleans).toMatchObject({ level: 'error' });
    expect(booleans.message).toMatch(/"False"|"True"/);

    const compliant = await runJson(
      server,
      'scenarios/entra-compliant-user-lifecycle.yaml',
      'scenarios/entra-compliant-group-push.yaml',
    );
    expect(compliant.code, compliant.stdout.slice(0, 1500)).toBe(0);
    const ids = checksOf(JSON.parse(compliant.stdout)).map((check) => check.id);
    expect(ids).not.toContain('INTEROP-OP-CASE');
    expect(ids).not.toContain('INTEROP-BOOLEAN-STRINGS');
  });

  it("reports the RFC conflict when a server empties the group on Entra's remove-by-value", async () => {
    server = await startBrokenServer({
      // A literal RFC 7644 §3.5.2.2 reading: remove on "members" without a filter removes them all.
      rewriteRequest(method, path, body) {
        if (method !== 'PATCH' || !path.startsWith('/Groups/')) return undefined;
        const patch = body as PatchBody;
        return {
          ...patch,
          Operations: (patch.Operations ?? []).map((operation) =>
            String(operation.op).toLowerCase() === 'remove' && operation.path === 'members'
              ? { op: 'remove', path: 'members' }
              : operation,
          ),
        };
      },
    });
    const run = await runJson(server, 'scenarios/entra-group-push.yaml');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const removal = report.scenarios[0].steps.find((step: any) => step.action === 'removeMembers');
    expect(removal.status).toBe('failed');
    const verdict = removal.checks.find((check: any) => check.id === 'INTEROP-REMOVE-MEMBER-BY-VALUE');
    expect(verdict).toMatchObject({ status: 'failed', level: 'error' });
    expect(verdict.message).toMatch(/Entra ID/);
    expect(verdict.message).toMatch(/RFC 7644 §3\.5\.2\.2/);
    expect(verdict.findings[0].message).toMatch(/member set differs/);
    // The compliant profile removes with a filter, which the same server handles correctly.
    const compliant = await runJson(server, 'scenarios/entra-compliant-group-push.yaml');
    expect(compliant.code, compliant.stdout.slice(0, 1500)).toBe(0);
  });

  it('lists every profile, with google marked unverified and inferred behaviour shown', async () => {
    const run = await runMain(['list', 'profiles', '--json']);
    expect(run.code).toBe(0);
    const profiles = JSON.parse(run.stdout).profiles as any[];
    expect(profiles.map((profile) => profile.name)).toEqual([
      'generic',
      'okta',
      'okta-aiw',
      'entra',
      'entra-compliant',
      'keycloak',
      'keycloak-patch',
      'google',
      'onelogin',
      'jumpcloud',
      'authentik',
      'ping',
      'rauthy',
      'entra-validator',
      'keycloak-suvera',
    ]);
    expect(profiles.find((profile) => profile.name === 'google')).toMatchObject({ verified: false });
    for (const profile of profiles.filter((entry) => entry.name !== 'generic'))
      expect(profile.sources.length).toBeGreaterThan(0);
    const pretty = await runMain(['list', 'profiles']);
    expect(pretty.stdout).toMatch(/google .*UNVERIFIED/);
  });

  it('list profiles --json: each quirk and documented request with its grade and citations', async () => {
    const run = await runMain(['list', 'profiles', '--json']);
    expect(run.code).toBe(0);
    const profiles = JSON.parse(run.stdout).profiles as any[];
    const keycloak = profiles.find((profile) => profile.name === 'keycloak');
    // A quirk the connector source shows, with where, and the fork that disagrees.
    expect(keycloak.quirks).toContainEqual({
      id: 'keycloak.email-shape',
      summary: expect.stringMatching(/work/),
      grade: 'documented',
      citations: expect.arrayContaining([expect.stringMatching(/^pelotech\/keycloak-scim/)]),
      disagreement: expect.stringMatching(/mitodl/),
    });
    // Every line the profile had to guess is a quirk graded inferred.
    for (const line of keycloak.inferred)
      expect(keycloak.quirks).toContainEqual(expect.objectContaining({ summary: line, grade: 'inferred' }));
    const create = keycloak.documentedOperations.find((operation: any) => operation.id === 'keycloak.user.create');
    expect(create).toEqual({
      id: 'keycloak.user.create',
      summary: expect.stringMatching(/POST \/Users/),
      action: 'assignUser',
      grade: 'documented',
      citations: expect.arrayContaining([expect.stringMatching(/^mitodl\/keycloak-scim/)]),
    });
    // Citations are documents a user can open: SOURCES keys are resolved, the team's notes left out.
    for (const profile of profiles)
      for (const entry of [...profile.quirks, ...profile.documentedOperations]) {
        expect(['documented', 'observed', 'inferred']).toContain(entry.grade);
        for (const citation of entry.citations) expect(citation).not.toMatch(/^[a-zA-Z0-9]+$|IDP-NOTES/);
      }
    // Google: no public source shows a request, so nothing it sends is graded documented.
    const google = profiles.find((profile) => profile.name === 'google');
    expect(google.documentedOperations.length).toBeGreaterThan(0);
    expect(google.documentedOperations.every((operation: any) => operation.grade === 'inferred')).toBe(true);
  });

  it('list profiles --coverage: whether a built-in scenario sends each documented request', async () => {
    const plain = JSON.parse((await runMain(['list', 'profiles', '--json'])).stdout).profiles as any[];
    expect(plain.find((profile) => profile.name === 'keycloak').documentedOperations[0]).not.toHaveProperty('covered');
    const run = await runMain(['list', 'profiles', '--json', '--coverage']);
    expect(run.code).toBe(0);
    const keycloak = (JSON.parse(run.stdout).profiles as any[]).find((profile) => profile.name === 'keycloak');
    expect(keycloak.documentedOperations.map((operation: any) => [operation.id, operation.covered])).toContainEqual([
      'keycloak.groups.import',
      true,
    ]);
    const pretty = await runMain(['list', 'profiles', '--coverage']);
    expect(pretty.stdout).toMatch(/^ {6}documented {2}create a user: POST \/Users .* — sent by a built-in scenario/m);
    const misplaced = await runMain(['list', 'checks', '--coverage']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--coverage applies to `list profiles`/);
  }, 60_000);

  it('list profiles: quirks grouped under each profile, strongest evidence first, with numbered sources', async () => {
    const run = await runMain(['list', 'profiles']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Evidence: documented = a cited source shows the request');
    const keycloak = run.stdout.slice(run.stdout.indexOf('\n  keycloak '), run.stdout.indexOf('\n  keycloak-patch '));
    expect(keycloak).toMatch(/^ {4}quirks \(\d+ documented, \d+ inferred\):$/m);
    expect(keycloak).toMatch(/^ {6}documented {2}Every user change .* full PUT.*\[\d\]/m);
    expect(keycloak).toMatch(/^ {18}sources disagree: mitodl/m);
    expect(keycloak.indexOf('documented  ')).toBeLessThan(keycloak.indexOf('inferred    '));
    expect(keycloak).toMatch(/^ {6}\[1\] mitodl\/keycloak-scim/m);
    expect(keycloak).toMatch(/requests: \d+ \(\d+ documented\); `list profiles --coverage`/);
  });
});
