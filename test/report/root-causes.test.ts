import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/check-result.js';
import type { ScenarioResult } from '../../src/engine/results.js';
import { compareWithBaseline, hasNewFailure } from '../../src/report/baseline.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { parseBaseline } from '../../src/report/parse-baseline.js';
import { byImportance, rootCausesOf } from '../../src/report/root-causes.js';
import { exchange, failingScenario, passingScenario, renderReporter, runResult, step } from './fixtures.js';

/*
 * Grouping by root cause and comparing with a baseline, on hand-built results: a server that
 * drops the Location header fails CREATE-201-LOCATION at every create, in two scenarios.
 */

const noLocation = (n: number): CheckResult => ({
  id: 'CREATE-201-LOCATION',
  title: 'Location header on create',
  rfc: 'RFC 7644 §3.3',
  level: 'error',
  status: 'failed',
  message: 'a 201 must carry a Location header with the new resource URI',
  exchangeId: n,
});

/** A scenario whose creates (one per user) all fail for the missing Location. */
function createsWithoutLocation(file: string, name: string, users: string[]): ScenarioResult {
  return {
    file,
    name,
    idp: 'okta',
    status: 'failed',
    leftovers: [],
    durationMs: 100,
    steps: users.map((user, index) =>
      step({
        index,
        action: 'assignUser',
        name: user,
        line: 10 + index,
        status: 'failed',
        exchanges: [exchange(100 + index, 'POST', '/Users', { status: 201 })],
        checks: [noLocation(100 + index)],
      }),
    ),
  };
}

const brokenRun = () =>
  runResult([
    createsWithoutLocation('scenarios/okta-user-lifecycle.yaml', 'Okta user lifecycle', ['dana', 'erik']),
    createsWithoutLocation('scenarios/okta-group-push.yaml', 'Okta group push', ['alice', 'bob', 'carol']),
  ]);

describe('rootCausesOf', () => {
  it('groups one bug across steps and scenarios into one root cause, in the order it showed', () => {
    const causes = rootCausesOf(brokenRun());
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ checkId: 'CREATE-201-LOCATION', kind: 'check', level: 'error', waived: false });
    expect(causes[0]!.occurrences.map(({ scenario, step }) => `${scenario.name}:${step.name}`)).toEqual([
      'Okta user lifecycle:dana',
      'Okta user lifecycle:erik',
      'Okta group push:alice',
      'Okta group push:bob',
      'Okta group push:carol',
    ]);
  });

  it('counts runtime errors as root causes, and orders failures before warnings, waived and info', () => {
    const result = runResult([failingScenario()]);
    const ordered = byImportance(rootCausesOf(result)).map((cause) => `${cause.checkId}:${cause.kind}:${cause.level}`);
    expect(ordered).toEqual([
      'PATCH-MEMBERS-REPLACE:check:error',
      'TIMEOUT:error:error',
      'HTTP_ERROR:error:error',
      'META-LOCATION:check:warning',
      'PATCH-RETURN-200:check:info',
    ]);
  });

  it('marks a root cause waived only when every occurrence is', () => {
    const result = brokenRun();
    const waiver = { reason: 'ticket 7', until: '2999-01-01' };
    result.scenarios[0]!.steps[0]!.checks[0]!.waiver = waiver;
    expect(rootCausesOf(result)[0]!.waived).toBe(false);
    for (const scenario of result.scenarios) for (const s of scenario.steps) s.checks[0]!.waiver = waiver;
    expect(rootCausesOf(result)[0]!.waived).toBe(true);
  });
});

describe('reporters show a root cause once', () => {
  it('pretty: one block, the count, the first places, and root causes in the summary', async () => {
    const { out } = await renderReporter('pretty', brokenRun());
    expect(out.match(/^✗ CREATE-201-LOCATION /gm)).toHaveLength(1);
    const fingerprint = rootCausesOf(brokenRun())[0]!.fingerprint;
    expect(out).toContain(
      [
        `  5 occurrences (root cause ${fingerprint}):`,
        '    scenarios/okta-user-lifecycle.yaml:10:5 1 assignUser dana  POST http://127.0.0.1:4000/scim/v2/Users → 201',
        '    scenarios/okta-user-lifecycle.yaml:11:5 2 assignUser erik  POST http://127.0.0.1:4000/scim/v2/Users → 201',
        '    scenarios/okta-group-push.yaml:10:5 1 assignUser alice  POST http://127.0.0.1:4000/scim/v2/Users → 201',
      ].join('\n'),
    );
    expect(out).toContain('Checks:    5 failed (1 root cause)\n');
  });

  it('JSON: the fingerprint on every failed check and one rootCauses entry listing every occurrence', () => {
    const report = toJsonReport(brokenRun());
    const prints = report.scenarios.flatMap((scenario) =>
      scenario.steps.flatMap((s) => s.checks.map((check) => check.fingerprint)),
    );
    expect(new Set(prints).size).toBe(1);
    expect(report.rootCauses).toEqual([
      {
        fingerprint: prints[0],
        checkId: 'CREATE-201-LOCATION',
        kind: 'check',
        level: 'error',
        message: 'a 201 must carry a Location header with the new resource URI',
        occurrences: [
          {
            scenario: 'Okta user lifecycle',
            file: 'scenarios/okta-user-lifecycle.yaml',
            idp: 'okta',
            step: 0,
            line: 10,
            exchangeId: 100,
          },
          {
            scenario: 'Okta user lifecycle',
            file: 'scenarios/okta-user-lifecycle.yaml',
            idp: 'okta',
            step: 1,
            line: 11,
            exchangeId: 101,
          },
          {
            scenario: 'Okta group push',
            file: 'scenarios/okta-group-push.yaml',
            idp: 'okta',
            step: 0,
            line: 10,
            exchangeId: 100,
          },
          {
            scenario: 'Okta group push',
            file: 'scenarios/okta-group-push.yaml',
            idp: 'okta',
            step: 1,
            line: 11,
            exchangeId: 101,
          },
          {
            scenario: 'Okta group push',
            file: 'scenarios/okta-group-push.yaml',
            idp: 'okta',
            step: 2,
            line: 12,
            exchangeId: 102,
          },
        ],
      },
    ]);
    expect(toJsonReport(runResult([passingScenario()])).rootCauses).toEqual([]);
  });

  it('GitHub: one annotation at the first occurrence that names the others', async () => {
    const { out } = await renderReporter('github', brokenRun());
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=scenarios\/okta-user-lifecycle\.yaml,line=10,col=5,title=CREATE-201-LOCATION/,
    );
    expect(lines[0]).toContain('and 4 more (root cause CREATE-201-LOCATION#');
    expect(lines[0]).toContain('): Okta user lifecycle › 2 assignUser erik, Okta group push › 1 assignUser alice, ');
  });
});

describe('compareWithBaseline', () => {
  /** A baseline as `--baseline` reads it: the JSON report of `result`, parsed back. */
  const asBaseline = (result: ReturnType<typeof runResult>) =>
    parseBaseline(JSON.stringify(toJsonReport(result)), 'previous.json');

  it('finds nothing new when the same bugs fail again in another run (new token, new port)', () => {
    const previous = brokenRun();
    const current = {
      ...brokenRun(),
      runId: 'x2',
      target: { baseUrl: 'http://127.0.0.1:5999/scim/v2', embedded: true },
    };
    const report = compareWithBaseline(current, asBaseline(previous), 'previous.json');
    expect(report.new).toEqual([]);
    expect(report.fixed).toEqual([]);
    expect(report.unchanged.map((entry) => [entry.checkId, entry.occurrences])).toEqual([['CREATE-201-LOCATION', 5]]);
    expect(hasNewFailure(report)).toBe(false);
  });

  it('names a second bug as new, and a bug gone from a step that ran again as fixed', () => {
    const previous = brokenRun();
    const current = brokenRun();
    for (const scenario of current.scenarios)
      for (const s of scenario.steps)
        s.checks = [{ ...noLocation(1), id: 'CREATE-201', message: 'status 200 is not the expected 201' }];
    const report = compareWithBaseline(current, asBaseline(previous), 'previous.json');
    expect(report.new.map((entry) => entry.checkId)).toEqual(['CREATE-201']);
    expect(report.fixed.map((entry) => entry.checkId)).toEqual(['CREATE-201-LOCATION']);
    expect(hasNewFailure(report)).toBe(true);
  });

  it('does not fail on a new warning, and does not count a waived failure as new', () => {
    const warning = brokenRun();
    for (const scenario of warning.scenarios) for (const s of scenario.steps) s.checks[0]!.level = 'warning';
    const passing = runResult([passingScenario()]);
    const report = compareWithBaseline(warning, asBaseline(passing), 'previous.json');
    expect(report.new.map((entry) => entry.level)).toEqual(['warning']);
    expect(hasNewFailure(report)).toBe(false);
    const waived = brokenRun();
    for (const scenario of waived.scenarios)
      for (const s of scenario.steps) s.checks[0]!.waiver = { reason: 'ticket 7', until: '2999-01-01' };
    expect(compareWithBaseline(waived, asBaseline(passing), 'previous.json').new).toEqual([]);
  });

  it('reports a baseline bug whose scenario did not run this time as not run, not fixed', () => {
    const current = runResult([
      createsWithoutLocation('scenarios/okta-user-lifecycle.yaml', 'Okta user lifecycle', ['dana']),
    ]);
    current.scenarios[0]!.steps[0]!.checks = [];
    const previous = runResult([
      createsWithoutLocation('scenarios/okta-group-push.yaml', 'Okta group push', ['alice']),
    ]);
    const report = compareWithBaseline(current, asBaseline(previous), 'previous.json');
    expect(report.fixed).toEqual([]);
    expect(report.notRun.map((entry) => entry.checkId)).toEqual(['CREATE-201-LOCATION']);
  });
});
