import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport, JsonStandard } from '../../src/report/json-report.js';
import { type DeviantServer, scimErrorAnswer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * `--standard`: the draft packs end to end, in-process, against the embedded reference server
 * (which accepts path-less PATCH on purpose, for Okta and Entra) and against a reference server
 * behind a proxy that refuses path-less PATCH as the interop profile demands.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-standards-'));
  dirs.push(dir);
  return dir;
}

const interopOf = (report: { standards?: JsonStandard[] }): JsonStandard =>
  report.standards!.find((standard) => standard.name === 'interop-01')!;
const deviating = (standard: JsonStandard): string[] =>
  standard.rows.filter((row) => row.verdict === 'deviates').map((row) => row.id);
const conflict = (standard: JsonStandard, rule: string) => standard.conflicts.find((entry) => entry.rule === rule)!;
const idpsOf = (entry: JsonStandard['conflicts'][number]) => entry.idps.map((idp) => idp.idp);

describe('run --standard interop-01 against the embedded reference server', () => {
  let run: Awaited<ReturnType<typeof runMain>>;
  let report: JsonReport;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    run = await runMain(
      [
        'run',
        '--standard',
        'interop-01',
        '--reporter',
        'pretty',
        '--reporter',
        `json=${join(dir, 'report.json')}`,
        '--reporter',
        `junit=${join(dir, 'junit.xml')}`,
      ],
      { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } },
    );
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
  }, 120_000);

  it("reports exactly the reference server's deliberate deviations, and fails the run", () => {
    expect(run.code, run.stderr).toBe(1);
    const interop = interopOf(report);
    expect(deviating(interop).sort()).toEqual([
      'INTEROP01-PATCH-PATH-REQUIRED',
      'INTEROP01-REPLACE-COMPLEX-WHOLE',
      'INTEROP01-SPC-CONFORMANT',
      'INTEROP01-UNDECLARED-REFUSED',
    ]);
    // Every other server row is judged, except the two scim-check cannot observe.
    expect(interop.rows.filter((row) => row.verdict === 'not checked').map((row) => row.id)).toEqual([
      'INTEROP01-CANONICAL-DECLARED',
      'INTEROP01-TLS-1-3',
    ]);
  });

  it('runs the pack scenario and the spec scenarios its rows rely on, not the IdP flows', () => {
    const files = report.scenarios.map((scenario) => scenario.file);
    expect(files).toContain('scenarios/standards/interop-01.yaml');
    expect(files).toContain('scenarios/spec/put-and-delete.yaml');
    expect(files.every((file) => file.startsWith('scenarios/spec/') || file.startsWith('scenarios/standards/'))).toBe(
      true,
    );
    expect(files).not.toContain('scenarios/standards/ipsie-al1.yaml');
  });

  it('puts the pack in the JSON report as a draft, with rows and conflicts', () => {
    expect(report.standards?.map((standard) => standard.name)).toEqual(['interop-01']);
    const interop = interopOf(report);
    expect(interop).toMatchObject({
      name: 'interop-01',
      document: 'draft-zollner-scim-interop-profile-01',
      version: '-01',
      date: '2026-04-15',
      draft: true,
      draftNote: expect.stringMatching(/is a draft and may change/),
    });
    expect(interop.rows.find((row) => row.id === 'INTEROP01-PATCH-PATH-REQUIRED')).toMatchObject({
      section: '§6.5.1.1',
      verdict: 'deviates',
      message: 'status 200 is not the expected 400',
    });
    expect(interop.rows.find((row) => row.id === 'DEL-NAME-REUSABLE')).toMatchObject({ verdict: 'follows' });
    expect(interop.summary.deviates).toBe(4);
    const pathless = conflict(interop, 'INTEROP01-PATCH-PATH-REQUIRED');
    expect(pathless).toMatchObject({ verdict: 'deviates', effect: 'needs this deviation' });
    expect(idpsOf(pathless)).toEqual(expect.arrayContaining(['okta', 'entra-compliant']));
    expect(pathless.idps.find((idp) => idp.idp === 'okta')?.actions).toContain('deactivateUser');
    expect(conflict(interop, 'INTEROP01-CLIENT-NO-PUT')).toMatchObject({
      verdict: 'client rule',
      serverAccepts: true,
      acceptedWhen: 'PUT-SUPPORTED',
      effect: 'breaks where enforced',
    });
  });

  it('says in the pretty summary that the pack is a draft, with its deviations and the IdPs that need them', () => {
    expect(run.stdout).toContain(
      'Standard interop-01: SCIM 2.0 Interoperability Profile — DRAFT: draft-zollner-scim-interop-profile-01 (-01, 2026-04-15) is a draft and may change',
    );
    expect(run.stdout).toMatch(/✗ deviates {2}INTEROP01-PATCH-PATH-REQUIRED {2}§6\.5\.1\.1/);
    expect(run.stdout).toMatch(
      /§6\.5\.1\.1 PATCH operations without path — this server deviates and accepts them\n {6}need this deviation: .*entra-compliant \(updateUser\).*okta \([^)]*deactivateUser/,
    );
  });

  it('marks the pack as a draft in the JUnit properties and the GitHub job summary', () => {
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<property name="standard:interop-01" value="DRAFT: draft-zollner-scim-interop-profile-01 \(-01, 2026-04-15\) is a draft and may change[^"]*; \d+ follow, 4 deviate, 2 not checked"\/>/,
    );
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('### Standards (drafts, may change)');
    expect(summary).toMatch(/- ❌ \*\*INTEROP01-PATCH-PATH-REQUIRED\*\*/);
  });
});

describe('run --standard interop-01 against a server that refuses path-less PATCH', () => {
  let server: DeviantServer;
  beforeAll(async () => {
    // What the draft asks (§6.5.1.1): 400 invalidSyntax for any operation without `path`.
    server = await startHookedServer([
      {
        request(request) {
          const operations = (request.body as { Operations?: { path?: unknown }[] } | undefined)?.Operations;
          if (request.method !== 'PATCH' || !operations?.some((operation) => typeof operation.path !== 'string'))
            return undefined;
          return scimErrorAnswer(400, 'invalidSyntax', 'every PATCH operation needs a path');
        },
      },
    ]);
  });
  afterAll(() => server.close());

  it('follows the rule, and the conflict table says Okta and Entra-compliant will break against it', async () => {
    // A scenario argument: the pack's rows are added to that run; the rows it does not probe are not checked.
    const run = await runMain(
      [
        'run',
        'scenarios/standards/interop-01.yaml',
        '--standard',
        'interop-01',
        '--base-url',
        server.baseUrl,
        '--reporter',
        'json',
      ],
      { env: { SCIM_CHECK_TOKEN: server.token } },
    );
    const report = JSON.parse(run.stdout) as JsonReport;
    const interop = interopOf(report);
    expect(interop.rows.find((row) => row.id === 'INTEROP01-PATCH-PATH-REQUIRED')?.verdict).toBe('follows');
    expect(deviating(interop)).not.toContain('INTEROP01-PATCH-PATH-REQUIRED');
    expect(interop.rows.find((row) => row.id === 'DEL-NAME-REUSABLE')).toMatchObject({
      verdict: 'not checked',
      message: 'not run in this run',
    });
    const pathless = conflict(interop, 'INTEROP01-PATCH-PATH-REQUIRED');
    expect(pathless).toMatchObject({ verdict: 'follows', effect: 'breaks here' });
    expect(idpsOf(pathless)).toEqual(expect.arrayContaining(['okta', 'entra-compliant']));
    expect(idpsOf(pathless)).not.toContain('entra');
  }, 60_000);
});

describe('--standard usage, list standards, matrix', () => {
  it('refuses an unknown pack on run and matrix, listing the packs', async () => {
    for (const command of ['run', 'matrix']) {
      const run = await runMain([command, '--standard', 'ipsie-al3']);
      expect(run.code, command).toBe(2);
      expect(run.stderr, command).toContain('unknown standard "ipsie-al3"');
      expect(run.stderr, command).toContain('choose from interop-01, ipsie-al1, ipsie-al2');
      expect(run.stderr, command).not.toMatch(/\n\s+at /);
    }
  });

  it('lists the packs with their document, revision, that each is a draft, and the row count', async () => {
    const text = await runMain(['list', 'standards']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('every one follows a draft, which may change');
    expect(text.stdout).toMatch(/interop-01 +draft-zollner-scim-interop-profile-01 +-01 \(draft\) +2026-04-15 +40 /);
    const json = await runMain(['list', 'standards', '--json']);
    const { standards } = JSON.parse(json.stdout) as { standards: Record<string, unknown>[] };
    expect(standards.map((entry) => entry.name)).toEqual(['interop-01', 'ipsie-al1', 'ipsie-al2']);
    expect(standards[2]).toMatchObject({
      document: 'ipsie-al-scim-profile-1_0',
      version: 'Draft 00',
      date: '2026-09-08',
      draft: true,
      rows: 14,
      requires: ['ipsie-al1'],
    });
  });

  it('leaves the packs out of a plain run of every built-in scenario', async () => {
    const run = await runMain(['run', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('scenarios/spec/patch.yaml');
    expect(run.stdout).not.toContain('scenarios/standards/');
  }, 60_000);

  it('matrix --standard prints the pack under the table and in the JSON', async () => {
    const file = join(tempDir(), 'matrix.json');
    const run = await runMain(['matrix', '--idp', 'okta', '--standard', 'interop-01', '--reporter', `json=${file}`]);
    // The cells pass; the reference server deviates from the draft on purpose.
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(
      'DRAFT: draft-zollner-scim-interop-profile-01 (-01, 2026-04-15) is a draft and may change',
    );
    expect(run.stdout).toMatch(/PATCH operations without path — this server deviates and accepts them/);
    const matrix = JSON.parse(readFileSync(file, 'utf8')) as { summary: { failed: number }; standards: JsonStandard[] };
    expect(matrix.summary.failed).toBe(0);
    const interop = interopOf(matrix);
    expect(interop.draft).toBe(true);
    expect(deviating(interop)).toContain('INTEROP01-PATCH-PATH-REQUIRED');
    expect(idpsOf(conflict(interop, 'INTEROP01-PATCH-PATH-REQUIRED'))).toContain('okta');
  }, 120_000);
});
