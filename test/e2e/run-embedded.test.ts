import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

// The README's main job against the embedded reference server. The quick start itself spawns
// the real CLI (exit code, stdout/stderr of a real process); the rest runs main() in-process.
describe('scim-check run against the embedded server', () => {
  it('passes okta-group-push and prints a readable summary (the README quick start, as a real process)', async () => {
    const run = await runCli(['run', 'scenarios/okta-group-push.yaml']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ Okta group push');
    expect(run.stdout).toMatch(/1 passed/);
    expect(run.stdout).not.toMatch(/\bfailed\b.*[1-9]/);
  });

  it('prints the documented JSON report with --reporter json', async () => {
    const run = await runMain(['run', 'scenarios/okta-group-push.yaml', '--reporter', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, any>;
    expect(report.tool).toMatchObject({ name: 'scim-check' });
    expect(report.target.embedded).toBe(true);
    expect(report.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(report.summary).toMatchObject({ scenarios: 1, passed: 1, failed: 0, skipped: 0 });
    expect(report.summary.checks.passed).toBeGreaterThan(20);
    expect(report.summary.checks.failed).toBe(0);
    const [scenario] = report.scenarios;
    expect(scenario).toMatchObject({
      file: 'scenarios/okta-group-push.yaml',
      name: 'Okta group push',
      idp: 'okta',
      status: 'passed',
      leftovers: [],
    });
    const push = scenario.steps.find((step: any) => step.action === 'pushGroup');
    expect(push).toMatchObject({ line: 20, status: 'passed' });
    // Okta looks the group up by displayName before pushing it (SCIM 2.0 reference, "Retrieve Groups").
    expect(push.exchanges.map((exchange: any) => exchange.method)).toEqual(['GET', 'POST', 'PATCH', 'PATCH', 'GET']);
    expect(push.checks.map((check: any) => check.id)).toContain('PATCH-MEMBERS-ADD');
    // Everything the run created is deleted at the end.
    const cleanup = scenario.steps.at(-1);
    expect(cleanup.action).toBe('cleanup');
    expect(
      cleanup.exchanges.every((exchange: any) => exchange.method === 'DELETE' && [204, 404].includes(exchange.status)),
    ).toBe(true);
  });

  it('passes the Okta user lifecycle, and writes JSON to a file next to pretty output', async () => {
    const { mkdtemp, readFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'scim-check-'));
    const run = await runMain([
      'run',
      'okta-user-lifecycle',
      '--reporter',
      'pretty',
      '--reporter',
      `json=${join(dir, 'report.json')}`,
    ]);
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.scenarios[0]).toMatchObject({ name: 'Okta user lifecycle', status: 'passed' });
    expect(run.stdout).toContain('✓ Okta user lifecycle');
  });

  it('says why a step failed when no check did (an action the IdP could not apply showed a bare ✗)', async () => {
    // An update of a user no step assigned: the action cannot run, and no check judged anything.
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-action-failed-'));
    const file = join(dir, 'update-first.yaml');
    writeFileSync(
      file,
      [
        'name: an update before the user is assigned',
        'idp: okta',
        'users:',
        '  dana: { givenName: Dana, familyName: Park }',
        'steps:',
        '  - updateUser: dana',
        '    set: { title: Engineer }',
        '',
      ].join('\n'),
    );
    const run = await runMain(['run', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^failed: ACTION_FAILED: user "dana" is not on the server yet: assign or push it in an earlier step$/m,
    );
    expect(run.stdout).toMatch(/--> .*update-first\.yaml:6:5/);
  });

  it('runs every built-in scenario when given none', async () => {
    const run = await runMain(['run', '--reporter', 'json']);
    expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary.scenarios).toBeGreaterThanOrEqual(2);
    expect(report.summary.failed + report.summary.errored).toBe(0);
  });
});
