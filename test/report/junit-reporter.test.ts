import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/results.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { failingScenario, passingScenario, renderReporter, runResult, skippedScenario, step } from './fixtures.js';

async function junitOf(result: RunResult): Promise<string> {
  return (await renderReporter('junit', result, { color: true })).out;
}

const mixedRun = () => runResult([passingScenario(), failingScenario(), skippedScenario()]);

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('junit reporter', () => {
  it('writes strict, well-formed XML (snapshot)', async () => {
    const xml = await junitOf(mixedRun());
    expect(XMLValidator.validate(xml, { allowBooleanAttributes: false })).toBe(true);
    await expect(xml).toMatchFileSnapshot('__snapshots__/junit-mixed.xml');
    expect(xml).not.toMatch(/\u001b\[/); // colour was asked for, but CI text is never coloured
  });

  it('has counts that agree with the JSON report', async () => {
    const result = mixedRun();
    const json = toJsonReport(result);
    const doc = parser.parse(await junitOf(result)) as { testsuites: Node & { testsuite: Node[] } };
    const steps = json.scenarios.flatMap((scenario) => scenario.steps);
    const checks = steps.flatMap((s) => s.checks);
    const root = doc.testsuites;
    expect(Number(root.failures)).toBe(json.summary.checks.failed);
    expect(Number(root.errors)).toBe(steps.filter((s) => s.status === 'errored').length);
    // Skipped: skipped checks, plus a scenario that never ran.
    expect(Number(root.skipped)).toBe(
      json.summary.checks.skipped + json.scenarios.filter((s) => s.steps.length === 0).length,
    );
    // One testcase per step × check, plus one per errored step and per step without checks.
    const stepOnly =
      steps.filter((s) => s.status === 'errored' || s.checks.length === 0).length +
      json.scenarios.filter((s) => s.steps.length === 0).length;
    expect(Number(root.tests)).toBe(checks.length + stepOnly);
    expect(root.testsuite).toHaveLength(json.summary.scenarios);
    const cases = root.testsuite.flatMap((suite) => asArray(suite.testcase as Node[]));
    expect(cases).toHaveLength(Number(root.tests));
    // Every testcase name is unique within its suite, and carries the scenario file.
    for (const suite of root.testsuite) {
      const names = asArray(suite.testcase as Node[]).map((entry) => entry.name);
      expect(new Set(names).size).toBe(names.length);
      for (const entry of asArray(suite.testcase as Node[])) expect(entry.file).toBe(suite.file);
    }
  });

  it('maps a failed check to <failure>, a timeout to <error>, a skip to <skipped>', async () => {
    const doc = parser.parse(await junitOf(mixedRun())) as { testsuites: { testsuite: Node[] } };
    const groupPush = doc.testsuites.testsuite.find((suite) => suite.name === 'Okta group push (okta)')!;
    const cases = groupPush.testcase as Node[];
    const failed = cases.find((entry) => entry.name === '4 removeMembers eng › PATCH-MEMBERS-REPLACE')!;
    expect(failed.failure).toMatchObject({
      type: 'PATCH-MEMBERS-REPLACE',
      message: 'PATCH-MEMBERS-REPLACE (RFC 7644 §3.5.2.3): bob is still a member after the remove operation',
    });
    expect((failed.failure as Node)['#text']).toContain('--> scenarios/okta-group-push.yaml:13:5');
    const timeout = cases.find((entry) => entry.name === '5 renameGroup eng › TIMEOUT')!;
    expect(timeout.error).toMatchObject({ type: 'TIMEOUT', message: 'TIMEOUT: no response within 5000 ms' });
    expect(timeout.time).toBe('5.000');
    const cleanup = cases.find((entry) => entry.name === 'cleanup › HTTP_ERROR')!;
    expect(cleanup.error).toBeDefined();
    const warning = cases.find((entry) => entry.name === '3 pushGroup eng › META-LOCATION')!;
    expect(warning.failure).toBeUndefined();
    expect(String(warning['system-out'])).toContain('meta.location is missing');
    const bulk = doc.testsuites.testsuite.find((suite) => suite.name === 'Entra bulk import (entra)')!;
    expect((bulk.testcase as Node[])[0]!.skipped).toMatchObject({
      message: expect.stringContaining('does not support bulk'),
    });
  });

  it('keeps names unique and stable when a check repeats in a step, and shows waivers as skipped', async () => {
    const scenario = passingScenario();
    scenario.steps.push(
      step({
        index: 2,
        action: 'updateUser',
        line: 11,
        status: 'passed',
        checks: [
          { id: 'READ-STATE', title: 'state', rfc: 'RFC 7644 §3.1', level: 'error', status: 'passed' },
          {
            id: 'READ-STATE',
            title: 'state',
            rfc: 'RFC 7644 §3.1',
            level: 'error',
            status: 'failed',
            message: 'x',
            waiver: { reason: 'JIRA-1', until: '2030-01-01' },
          },
        ],
      }),
    );
    const xml = await junitOf(runResult([scenario]));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('name="3 updateUser › READ-STATE"');
    expect(xml).toContain('name="3 updateUser › READ-STATE #2"');
    expect(xml).toContain('<skipped message="waived until 2030-01-01: JIRA-1"/>');
    expect(xml).toContain('failures="0"');
  });

  it('escapes markup and drops characters XML forbids', async () => {
    const scenario = passingScenario();
    scenario.name = 'Tricky <"&\'> \u0000name';
    scenario.steps[0]!.checks.push({
      id: 'ERR-BODY',
      title: 't',
      rfc: 'RFC 7644 §3.12',
      level: 'error',
      status: 'failed',
      message: '<html>\u0007 & "quotes" ]]>',
    });
    const xml = await junitOf(runResult([scenario]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { testsuite: Node[] } };
    expect(doc.testsuites.testsuite[0]!.name).toBe('Tricky <"&\'> name (okta)');
  });
});
