import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrokenServer, startBrokenServer } from '../support/broken-server.js';
import { runMain } from '../support/run-main.js';

type PatchBody = { Operations?: { op?: string; path?: string; value?: unknown }[] };

let server: BrokenServer | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-ci-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A server that drops `add members` operations: Okta's group push loses its members. */
function dropsMemberAdds(): Promise<BrokenServer> {
  return startBrokenServer({
    rewriteRequest(method, path, body) {
      if (method !== 'PATCH' || !path.startsWith('/Groups/')) return undefined;
      const patch = body as PatchBody;
      // An empty add: answered 200 with none of the members kept (an empty Operations list would be refused instead).
      return {
        ...patch,
        Operations: (patch.Operations ?? []).map((operation) =>
          operation.op === 'add' && operation.path === 'members' ? { ...operation, value: [] } : operation,
        ),
      };
    },
  });
}

function runUnderActions(target: BrokenServer, summary: string, ...args: string[]) {
  return runMain(['run', 'scenarios/okta-group-push.yaml', '--base-url', target.baseUrl, ...args], {
    env: { SCIM_CHECK_TOKEN: target.token, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary },
  });
}

describe('scim-check run under GitHub Actions', () => {
  it('annotates the failing step and appends a job summary, next to the pretty output', async () => {
    server = await dropsMemberAdds();
    const summaryPath = join(dir, 'summary.md');
    writeFileSync(summaryPath, '# earlier step\n');
    const run = await runUnderActions(server, summaryPath);
    expect(run.code, run.stderr).toBe(1);
    // Pretty output is still there...
    expect(run.stdout).toContain('✗ Okta group push');
    // ...followed by annotations that point at the pushGroup step (line 20 of the scenario).
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toContainEqual(
      expect.stringMatching(
        /^::error file=scenarios\/okta-group-push\.yaml,line=20,col=\d+,title=PATCH-MEMBERS-ADD \(RFC 7644 §3\.5\.2\.1\)::Okta group push › 5 pushGroup/,
      ),
    );
    expect(
      annotations.every((line) => /^::(error|warning|notice) file=scenarios\/okta-group-push\.yaml/.test(line)),
    ).toBe(true);
    // Capped: no step has more than 3 problem annotations plus one notice.
    const perLine = new Map<string, number>();
    for (const line of annotations.filter((entry) => !entry.startsWith('::notice'))) {
      const key = /line=(\d+)/.exec(line)?.[1] ?? '-';
      perLine.set(key, (perLine.get(key) ?? 0) + 1);
    }
    for (const count of perLine.values()) expect(count).toBeLessThanOrEqual(3);

    const summary = readFileSync(summaryPath, 'utf8');
    expect(summary.startsWith('# earlier step\n## scim-check: ❌ 1 of 1 scenarios failed')).toBe(true);
    expect(summary).toMatch(/\| okta \| 1 \| 0 \| 1 \| 0 \| 0 \| \d+ \| \d+ \| 0 \|/);
    expect(summary).toContain(
      '- **PATCH-MEMBERS-ADD** [RFC 7644 §3.5.2.1](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.1)',
    );
    expect(summary).toContain('scenarios/okta-group-push.yaml:20');
  });

  it('keeps a JSON report on stdout parseable by sending annotations to stderr', async () => {
    server = await dropsMemberAdds();
    const summaryPath = join(dir, 'summary.md');
    const run = await runUnderActions(server, summaryPath, '--reporter', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.failed).toBe(1);
    expect(run.stderr).toMatch(/^::error file=scenarios\/okta-group-push\.yaml,line=20/m);
    expect(readFileSync(summaryPath, 'utf8')).toContain('PATCH-MEMBERS-ADD');
  });

  it('waives known failures until a date, reports stale waivers, and fails again once a waiver expires', async () => {
    server = await dropsMemberAdds();
    const summaryPath = join(dir, 'summary.md');
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(
      waivers,
      [
        '- check: "*"',
        '  scenario: okta-group-push',
        '  reason: "JIRA-7: member adds are dropped"',
        '  until: 2099-12-31',
        '- check: DISC-SPC-GET',
        '  reason: fixed long ago',
        '  until: 2099-12-31',
        '',
      ].join('\n'),
    );
    const waived = await runUnderActions(server, summaryPath, '--waivers', waivers, '--reporter', 'json');
    expect(waived.code, waived.stderr).toBe(0);
    const report = JSON.parse(waived.stdout);
    expect(report.summary).toMatchObject({ failed: 0, checks: { failed: 0 } });
    expect(report.waivers.waived).toBeGreaterThan(0);
    expect(report.waivers.stale).toEqual([
      { check: 'DISC-SPC-GET', reason: 'fixed long ago', until: '2099-12-31', line: 5 },
    ]);
    const waivedCheck = report.scenarios[0].steps
      .flatMap((step: any) => step.checks)
      .find((check: any) => check.id === 'PATCH-MEMBERS-ADD' && check.status === 'failed');
    expect(waivedCheck.waiver).toEqual({ reason: 'JIRA-7: member adds are dropped', until: '2099-12-31' });
    expect(waived.stderr).toMatch(/stale waiver for DISC-SPC-GET \(.*waivers\.yaml:5\) matched no failure/);
    expect(waived.stderr).toMatch(/^::warning file=.*waivers\.yaml,line=5,title=stale waiver for DISC-SPC-GET/m);
    expect(readFileSync(summaryPath, 'utf8')).toContain('### Waived (');

    writeFileSync(waivers, '- check: "*"\n  reason: "JIRA-7"\n  until: 2000-01-01\n');
    const expired = await runUnderActions(server, summaryPath, '--waivers', waivers, '--reporter', 'json');
    expect(expired.code).toBe(1);
    const failed = JSON.parse(expired.stdout)
      .scenarios[0].steps.flatMap((step: any) => step.checks)
      .find((check: any) => check.id === 'PATCH-MEMBERS-ADD' && check.status === 'failed');
    expect(failed.waiver).toBeUndefined();
    expect(failed.message).toContain('expired on 2000-01-01: JIRA-7');
    expect(expired.stderr).toMatch(/waiver for \* \(.*waivers\.yaml:1\) expired on 2000-01-01/);
  });

  it('rejects an unreadable waivers file before sending anything (exit 2)', async () => {
    server = await dropsMemberAdds();
    const run = await runUnderActions(server, join(dir, 's.md'), '--waivers', join(dir, 'missing.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read the waivers file');
    expect(server.seen).toEqual([]);
  });
});
