import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BASELINE_BYTES } from '../../src/cli/baseline-options.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { type DeviationName, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * `--baseline previous.json` compares root causes by fingerprint with an earlier JSON report;
 * `--fail-on new` fails the run only for a root cause that is new. The server's bugs are
 * deviations of the reference server: no Location on 201 (fails every create), and DELETE
 * answered 200 (a second, independent bug).
 */

const SCENARIOS = ['okta-user-lifecycle', 'okta-group-push'];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scim-check-baseline-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runWith(
  deviations: DeviationName[],
  name: string,
  extra: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string; report: JsonReport }> {
  const server = await startDeviantServer(deviations);
  try {
    const json = join(dir, `${name}.json`);
    const run = await runMain(
      [
        'run',
        ...SCENARIOS,
        '--base-url',
        server.baseUrl,
        '--reporter',
        'pretty',
        '--reporter',
        `json=${json}`,
        ...extra,
      ],
      { env: { SCIM_CHECK_TOKEN: server.token } },
    );
    return { ...run, report: JSON.parse(await readFile(json, 'utf8')) as JsonReport };
  } finally {
    await server.close();
  }
}

describe('--baseline and --fail-on new', () => {
  let oneBug: Awaited<ReturnType<typeof runWith>>;
  let twoBugs: Awaited<ReturnType<typeof runWith>>;

  beforeAll(async () => {
    oneBug = await runWith(['no-location'], 'one-bug');
    twoBugs = await runWith(['no-location', 'delete-200'], 'two-bugs', [
      '--baseline',
      join(dir, 'one-bug.json'),
      '--fail-on',
      'new',
    ]);
  }, 60_000);

  it('names exactly the second bug as new, and fails the run for it', () => {
    expect(oneBug.code).toBe(1);
    const known = oneBug.report.rootCauses.filter((cause) => cause.level === 'error').map((cause) => cause.fingerprint);
    expect(known).toEqual([expect.stringMatching(/^CREATE-201-LOCATION#/)]);
    expect(twoBugs.code).toBe(1);
    const baseline = twoBugs.report.baseline!;
    expect(baseline.file).toBe(join(dir, 'one-bug.json'));
    expect(baseline.new.map((entry) => entry.checkId)).toEqual(['DEL-204']);
    expect(baseline.unchanged.map((entry) => entry.fingerprint)).toEqual(known);
    expect(baseline.fixed).toEqual([]);
    expect(twoBugs.stdout).toContain(
      `Baseline:  1 new, 0 fixed, 1 still failing (since ${join(dir, 'one-bug.json')})\n  new   ✗ ${baseline.new[0]!.fingerprint}  `,
    );
    // The new root cause's block says so; the known one's does not.
    expect(twoBugs.stdout).toMatch(/^✗ DEL-204 .*\n {2}new since the baseline\n/m);
    expect(twoBugs.stdout).not.toMatch(/^✗ CREATE-201-LOCATION .*\n {2}new since the baseline/m);
    expect(twoBugs.stderr).toContain('1 new, 0 fixed, 1 still failing');
  });

  it('exits 0 under --fail-on new when every failure was already in the baseline, and 1 without it', async () => {
    const baseline = join(dir, 'one-bug.json');
    const again = await runWith(['no-location'], 'again', ['--baseline', baseline, '--fail-on', 'new']);
    expect(again.report.summary.checks.failed).toBeGreaterThan(0);
    expect(again.report.baseline!.new).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('none of the failures is new, so --fail-on new exits 0');
    // --fail-on any (the default) keeps today's behaviour: the comparison is shown, every failure fails.
    const byDefault = await runWith(['no-location'], 'default', ['--baseline', baseline]);
    expect(byDefault.report.baseline!.new).toEqual([]);
    expect(byDefault.code).toBe(1);
  }, 60_000);

  it('applies waivers first: a waived new failure is not new', async () => {
    const waivers = join(dir, 'waivers.yaml');
    await writeFile(waivers, '- check: DEL-204\n  reason: vendor ticket 42\n  until: 2999-12-31\n');
    const run = await runWith(['no-location', 'delete-200'], 'waived', [
      '--baseline',
      join(dir, 'one-bug.json'),
      '--fail-on',
      'new',
      '--waivers',
      waivers,
    ]);
    expect(run.report.baseline!.new).toEqual([]);
    expect(run.code).toBe(0);
  }, 60_000);

  it('lists both bugs as fixed once the server is fixed, and exits 0', async () => {
    const fixed = await runWith([], 'fixed', ['--baseline', join(dir, 'two-bugs.json'), '--fail-on', 'new']);
    expect(fixed.code).toBe(0);
    const baseline = fixed.report.baseline!;
    expect(baseline.fixed.map((entry) => entry.checkId).sort()).toEqual(['CREATE-201-LOCATION', 'DEL-204']);
    expect(baseline.new).toEqual([]);
    expect(baseline.unchanged).toEqual([]);
    expect(fixed.stdout).toContain('Baseline:  0 new, 2 fixed, 0 still failing');
    expect(fixed.stdout).toMatch(/^ {2}fixed ✓ DEL-204#[0-9a-f]{8} {2}DELETE must answer 204/m);
  }, 60_000);

  it('does not call a bug fixed when the scenario it failed in did not run again', async () => {
    const server = await startDeviantServer([]);
    try {
      const json = join(dir, 'narrow.json');
      const run = await runMain(
        [
          'run',
          'okta-user-lifecycle',
          '--base-url',
          server.baseUrl,
          '--reporter',
          `json=${json}`,
          '--baseline',
          join(dir, 'two-bugs.json'),
        ],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
      // CREATE-201-LOCATION also failed in this scenario; DEL-204 only in okta-group-push, which did not run.
      expect(report.baseline!.fixed.map((entry) => entry.checkId)).toEqual(['CREATE-201-LOCATION']);
      expect(report.baseline!.notRun.map((entry) => entry.checkId)).toEqual(['DEL-204']);
      expect(run.code).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('--baseline and --fail-on usage errors (exit 2, before anything is sent)', () => {
  it('refuses --fail-on new without --baseline, saying what to add', async () => {
    const run = await runMain(['run', 'okta-user-lifecycle', '--fail-on', 'new']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fail-on new needs --baseline FILE');
    expect(run.stderr).toContain('--reporter json=baseline.json');
  });

  it('refuses an unknown --fail-on value', async () => {
    const run = await runMain(['run', 'okta-user-lifecycle', '--fail-on', 'sometimes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fail-on must be any or new, not "sometimes"');
  });

  it.each([
    ['a missing file', 'missing.json', undefined, 'cannot read the baseline report'],
    ['a file that is not JSON', 'not-json.json', 'scenarios: [', 'is not JSON'],
    [
      'JSON that is not a report',
      'har.json',
      JSON.stringify({ log: { version: '1.2', entries: [] } }),
      'cannot be compared: it is not a scim-check JSON report',
    ],
    [
      'a report with a malformed check',
      'bad-check.json',
      JSON.stringify({
        tool: { name: 'scim-check' },
        runId: 'x',
        target: { baseUrl: 'http://h' },
        scenarios: [
          {
            file: 'f',
            name: 'n',
            idp: 'okta',
            status: 'failed',
            steps: [
              {
                index: 0,
                action: 'createUser',
                line: 1,
                column: 1,
                status: 'failed',
                checks: [{ id: 'A', title: 't', rfc: 'r', level: 'fatal', status: 'failed' }],
              },
            ],
          },
        ],
      }),
      'scenarios[0].steps[0].checks[0].level is not one of error, warning, info',
    ],
    [
      'the report of a run that never started',
      'not-started.json',
      JSON.stringify({
        tool: { name: 'scim-check' },
        runId: 'x',
        target: { baseUrl: 'http://h' },
        scenarios: [],
        notStarted: { code: 'PREFLIGHT_FAILED', message: 'unreachable' },
      }),
      'a run that could not start',
    ],
  ])('refuses %s', async (_name, file, content, message) => {
    const path = join(dir, file);
    if (content !== undefined) await writeFile(path, content);
    const run = await runMain(['run', 'okta-user-lifecycle', '--baseline', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a file past the size limit without reading it whole', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, MAX_BASELINE_BYTES + 1);
    const run = await runMain(['run', 'okta-user-lifecycle', '--baseline', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is larger than the 64 MiB limit');
  });

  it('refuses --baseline with --dry-run, which has no results to compare', async () => {
    const run = await runMain(['run', 'okta-user-lifecycle', '--dry-run', '--baseline', join(dir, 'whatever.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--dry-run has no results to compare with --baseline');
  });

  it('teaches both flags in run --help', async () => {
    const run = await runMain(['run', '--help']);
    expect(run.stdout).toContain('--baseline <file>');
    expect(run.stdout).toContain('--fail-on <when>');
    expect(run.stdout).toContain('--baseline last-green.json --fail-on new');
  });
});
