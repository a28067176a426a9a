import { describe, expect, it } from 'vitest';
import { ScimCheckError } from '../../src/errors.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { applyWaivers, waiveEvent } from '../../src/waivers/apply-waivers.js';
import { parseWaivers } from '../../src/waivers/load-waivers.js';
import { failingScenario, passingScenario, runResult } from '../report/fixtures.js';

/** The group-push fixture without its runtime errors: it fails only on PATCH-MEMBERS-REPLACE (and a warning). */
function failingOnlyOnChecks() {
  const scenario = failingScenario();
  scenario.steps = scenario.steps.filter((step) => step.status !== 'errored');
  scenario.status = 'failed';
  return runResult([passingScenario(), scenario]);
}

const TODAY = '2026-06-15';

function waiversOf(yaml: string) {
  return parseWaivers(yaml, 'waivers.yaml');
}

describe('waivers', () => {
  it('waives a matching failure until its date: shown as waived, the run passes', () => {
    const before = failingOnlyOnChecks();
    expect(before.summary.failed).toBe(1);
    const waivers = waiversOf(`
- check: PATCH-MEMBERS-*
  scenario: okta-group-push
  step: 4
  reason: "JIRA-123: member removal by filter"
  until: 2026-06-15
`);
    const after = applyWaivers(before, waivers, { file: 'waivers.yaml', today: TODAY });
    const check = after.scenarios[1]!.steps[1]!.checks.find((candidate) => candidate.id === 'PATCH-MEMBERS-REPLACE')!;
    expect(check.status).toBe('failed');
    expect(check.waiver).toEqual({ reason: 'JIRA-123: member removal by filter', until: '2026-06-15' });
    expect(after.scenarios[1]!.steps[1]!.status).toBe('passed');
    expect(after.scenarios[1]!.status).toBe('passed');
    expect(after.summary).toMatchObject({ passed: 2, failed: 0, checks: { failed: 0, warnings: 1 } });
    expect(after.waivers).toEqual({ file: 'waivers.yaml', waived: 1, stale: [], expired: [] });
    // The JSON contract only gains keys.
    const json = toJsonReport(after);
    expect(json.scenarios[1]!.steps[1]!.checks[1]).toMatchObject({
      id: 'PATCH-MEMBERS-REPLACE',
      status: 'failed',
      waiver: { until: '2026-06-15' },
    });
    expect(json.waivers).toEqual({ file: 'waivers.yaml', waived: 1, stale: [], expired: [] });
    // The input is not mutated: waivers are a pure transform.
    expect(before.scenarios[1]!.steps[1]!.checks[1]!.waiver).toBeUndefined();
  });

  it('lets an expired waiver fail, saying it expired', () => {
    const waivers = waiversOf(`
- check: PATCH-MEMBERS-REPLACE
  reason: JIRA-123
  until: 2026-06-14
`);
    const after = applyWaivers(failingOnlyOnChecks(), waivers, { file: 'waivers.yaml', today: TODAY });
    const check = after.scenarios[1]!.steps[1]!.checks.find((candidate) => candidate.id === 'PATCH-MEMBERS-REPLACE')!;
    expect(check.waiver).toBeUndefined();
    expect(check.message).toBe(
      'bob is still a member after the remove operation — the waiver for PATCH-MEMBERS-REPLACE (waivers.yaml:2) expired on 2026-06-14: JIRA-123',
    );
    expect(after.summary.failed).toBe(1);
    expect(after.waivers!.expired).toEqual([
      { check: 'PATCH-MEMBERS-REPLACE', reason: 'JIRA-123', until: '2026-06-14', line: 2 },
    ]);
    expect(after.waivers!.stale).toEqual([]);
    // The report cites the entry's own fields in file order, never the compiled patterns.
    const json = toJsonReport(after);
    expect(Object.keys(json).at(-1)).toBe('waivers');
    expect(JSON.stringify(json.waivers!.expired)).toBe(
      '[{"check":"PATCH-MEMBERS-REPLACE","reason":"JIRA-123","until":"2026-06-14","line":2}]',
    );
  });

  it('reports a waiver that matched nothing as stale, and never waives runtime errors', () => {
    const waivers = waiversOf(`
waivers:
  - { check: CREATE-201, scenario: "Okta group push", reason: passes now, until: 2030-01-01 }
  - { check: PATCH-MEMBERS-REPLACE, step: removeMembers, reason: wrong step name, until: 2030-01-01 }
  - { check: PATCH-MEMBERS-REPLACE, step: 5, reason: wrong step number, until: 2030-01-01 }
  - { check: "*", scenario: "entra-*", reason: other scenario, until: 2030-01-01 }
`);
    const result = runResult([failingScenario()]);
    const after = applyWaivers(result, waivers, { file: 'w.yaml', today: TODAY });
    // `step: removeMembers` names the action of step 4, so it matches; the others match nothing.
    expect(after.waivers!.waived).toBe(1);
    expect(after.waivers!.stale.map((waiver) => waiver.reason)).toEqual([
      'passes now',
      'wrong step number',
      'other scenario',
    ]);
    // The timeout and the cleanup error still make the scenario errored.
    expect(after.scenarios[0]!.status).toBe('errored');
    expect(after.summary.errored).toBe(1);
  });

  it('refuses malformed waivers with file and line', () => {
    const cases: [string, RegExp][] = [
      ['- check: X\n  until: 2030-01-01\n', /waivers\.yaml:1: the waiver for X needs a `reason`/],
      ['- check: X\n  reason: r\n  until: 2030-02-30\n', /needs `until: YYYY-MM-DD`/],
      [
        '- check: X\n  reason: r\n  until: 2030-01-01\n- check: Y\n  reason: r\n  until: 2030-01-01\n  owner: me\n',
        /waivers\.yaml:4: unknown key "owner"/,
      ],
      ['- check: X\n  reason: r\n  until: 2030-01-01\n  step: 0\n', /`step` must be a step number/],
      ['check: X\n', /expected a list of waivers/],
      ['- [unclosed\n', /not valid YAML/],
    ];
    for (const [yaml, message] of cases) {
      let thrown: unknown;
      try {
        waiversOf(yaml);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, yaml).toBeInstanceOf(ScimCheckError);
      expect((thrown as ScimCheckError).code).toBe('USAGE');
      expect((thrown as ScimCheckError).message).toMatch(message);
    }
    expect(waiversOf('')).toEqual([]);
    expect(waiversOf('[]\n')).toEqual([]);
  });

  it('applies to live scenarioEnd events too, so streaming reporters show the waiver', () => {
    const waivers = waiversOf('- { check: PATCH-MEMBERS-REPLACE, reason: JIRA-9, until: 2030-01-01 }\n');
    const scenario = failingOnlyOnChecks().scenarios[1]!;
    const event = waiveEvent({ type: 'scenarioEnd', result: scenario }, waivers, { file: 'w.yaml', today: TODAY });
    expect(event.type === 'scenarioEnd' && event.result.status).toBe('passed');
    const untouched = { type: 'stepStart' as const, scenario: 'x', index: 0, action: 'assignUser' as const };
    expect(waiveEvent(untouched, waivers, { file: 'w.yaml', today: TODAY })).toBe(untouched);
  });
});
