import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../src/report/json-report.js';
import { JsonReporter } from '../../src/report/json-reporter.js';
import { createReporter } from '../../src/report/registry.js';
import { failingScenario, passingScenario, runResult, skippedScenario, sourceOf } from './fixtures.js';
import { MemoryStream } from './memory-stream.js';

function mixedRun() {
  return runResult([passingScenario(), failingScenario(), skippedScenario()], { interrupted: true });
}

describe('toJsonReport', () => {
  it('puts the top-level keys in the documented order', () => {
    const report = toJsonReport(mixedRun());
    expect(Object.keys(report)).toEqual([
      'tool',
      'target',
      'runId',
      'startedAt',
      'interrupted',
      'summary',
      'scenarios',
      'rootCauses',
    ]);
    expect(report.tool).toEqual({ name: 'scim-check', version: '0.1.0' });
    expect(report.target).toEqual({ baseUrl: 'http://127.0.0.1:4000/scim/v2', embedded: true });
    expect(report.runId).toBe('x1');
    expect(report.interrupted).toBe(true);
  });

  it('copies the summary counts and rounds its duration', () => {
    const { summary } = toJsonReport(mixedRun());
    expect(Object.keys(summary)).toEqual([
      'scenarios',
      'passed',
      'failed',
      'skipped',
      'errored',
      'checks',
      'durationMs',
    ]);
    expect(summary).toEqual({
      scenarios: 3,
      passed: 1,
      failed: 0,
      skipped: 1,
      errored: 1,
      checks: { passed: 4, failed: 1, warnings: 1, skipped: 1 },
      durationMs: 5813,
    });
    expect(Object.keys(summary.checks)).toEqual(['passed', 'failed', 'warnings', 'skipped']);
  });

  it('describes scenarios with leftovers and skip reasons', () => {
    const [passed, errored, skipped] = toJsonReport(mixedRun()).scenarios;
    expect(Object.keys(passed!)).toEqual([
      'file',
      'name',
      'idp',
      'status',
      'durationMs',
      'leftovers',
      'possibleLeftovers',
      'steps',
    ]);
    expect(passed!.possibleLeftovers).toEqual([]);
    expect(passed).toMatchObject({
      file: 'scenarios/okta-user-lifecycle.yaml',
      idp: 'okta',
      status: 'passed',
      durationMs: 413,
    });
    expect(errored!.leftovers).toEqual([
      { resourceType: 'Group', id: '7f3a', name: 'Engineering x1', reason: 'no answer within 30000 ms' },
      { resourceType: 'User', id: 'a11ce', name: 'alice.x1@example.com', reason: 'no answer within 30000 ms' },
    ]);
    expect(errored!.possibleLeftovers).toEqual([
      {
        resourceType: 'User',
        name: 'bob.x1@example.com',
        search: 'userName eq "bob.x1@example.com"',
        reason: expect.stringMatching(/may have created it anyway/),
      },
    ]);
    expect(Object.keys(skipped!)).toEqual([
      'file',
      'name',
      'idp',
      'status',
      'skipReason',
      'durationMs',
      'leftovers',
      'possibleLeftovers',
      'steps',
    ]);
    expect(skipped!.skipReason).toMatch(/bulk/);
    expect(skipped!.steps).toEqual([]);
  });

  it('describes a failed step with its exchanges and the check that cites one', () => {
    const steps = toJsonReport(mixedRun()).scenarios[1]!.steps;
    const removeMembers = steps[1]!;
    expect(Object.keys(removeMembers)).toEqual([
      'index',
      'action',
      'name',
      'line',
      'column',
      'status',
      'durationMs',
      'exchanges',
      'checks',
    ]);
    expect(removeMembers).toMatchObject({
      index: 3,
      action: 'removeMembers',
      name: 'eng',
      line: 13,
      column: 5,
      status: 'failed',
      durationMs: 10,
    });
    expect(removeMembers.exchanges).toEqual([
      { id: 11, method: 'PATCH', url: 'http://127.0.0.1:4000/scim/v2/Groups/7f3a', status: 204, durationMs: 3 },
      { id: 12, method: 'GET', url: 'http://127.0.0.1:4000/scim/v2/Groups/7f3a', status: 200, durationMs: 3 },
    ]);
    const failed = removeMembers.checks[1]!;
    expect(Object.keys(failed)).toEqual([
      'id',
      'title',
      'status',
      'level',
      'rfc',
      'message',
      'findings',
      'exchangeId',
      'fingerprint',
    ]);
    expect(failed).toEqual({
      id: 'PATCH-MEMBERS-REPLACE',
      title: 'Group membership after "removeMembers"',
      status: 'failed',
      level: 'error',
      rfc: 'RFC 7644 §3.5.2.3',
      message: 'bob is still a member after the remove operation',
      findings: [
        {
          path: '$.members',
          expected: ['alice', 'carol'],
          actual: ['alice', 'bob', 'carol'],
          message: 'bob is still a member after the remove operation',
        },
      ],
      exchangeId: 12,
      fingerprint: expect.stringMatching(/^PATCH-MEMBERS-REPLACE#[0-9a-f]{8}$/),
    });
    expect(Object.keys(failed.findings![0]!)).toEqual(['path', 'expected', 'actual', 'message']);
    // A passed check has no message, findings or exchange to cite beyond its id.
    expect(Object.keys(removeMembers.checks[0]!)).toEqual(['id', 'title', 'status', 'level', 'rfc', 'exchangeId']);
  });

  it('reports an errored step with its runtime error and an exchange that got no response', () => {
    const renameGroup = toJsonReport(mixedRun()).scenarios[1]!.steps[2]!;
    expect(renameGroup.status).toBe('errored');
    expect(renameGroup.error).toEqual({ code: 'TIMEOUT', message: 'no response within 5000 ms' });
    expect(renameGroup.durationMs).toBe(5000);
    expect(renameGroup.exchanges).toEqual([
      {
        id: 13,
        method: 'PATCH',
        url: 'http://127.0.0.1:4000/scim/v2/Groups/7f3a',
        status: null,
        durationMs: 5000,
        error: { code: 'TIMEOUT', message: 'no response within 5000 ms' },
      },
    ]);
  });

  it('keeps every duration an integer', () => {
    const durations: unknown[] = [];
    JSON.stringify(toJsonReport(mixedRun()), (key, value: unknown) => {
      if (key === 'durationMs') durations.push(value);
      return value;
    });
    expect(durations.length).toBeGreaterThan(10);
    for (const value of durations) expect(Number.isInteger(value)).toBe(true);
  });

  it('leaves out headers and bodies', () => {
    const text = JSON.stringify(toJsonReport(mixedRun()));
    expect(text).not.toMatch(/headers|authorization|Bearer|PatchOp|"body"/i);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(toJsonReport(mixedRun()))).toBe(JSON.stringify(toJsonReport(mixedRun())));
  });
});

describe('JsonReporter', () => {
  it('writes one JSON document and a newline at finish, and nothing to stderr', async () => {
    const out = new MemoryStream();
    const err = new MemoryStream();
    const reporter = createReporter('json', { out, err, color: true, interactive: true, verbose: true, sourceOf });
    expect(reporter).toBeInstanceOf(JsonReporter);
    const result = mixedRun();
    reporter.onEvent?.({ type: 'runStart', target: result.target, runId: result.runId, scenarioCount: 3 });
    expect(out.text()).toBe('');
    await reporter.finish(result);
    const text = out.text();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('\n}\n')).toBe(text.length - 3);
    expect(JSON.parse(text)).toEqual(toJsonReport(result));
    expect(text).not.toContain('\u001b[');
    expect(err.text()).toBe('');
  });
});
