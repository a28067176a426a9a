import type { CheckResult } from '../../src/checks/check-result.js';
import type { RunEvent, RunResult, ScenarioResult, StepResult } from '../../src/engine/results.js';
import type { Exchange } from '../../src/http/exchange.js';
import { createReporter, type ReporterName } from '../../src/report/registry.js';
import type { ReporterContext } from '../../src/report/reporter.js';
import { MemoryStream } from './memory-stream.js';

/*
 * Hand-built run results for the reporter tests. Durations are fixed (some deliberately
 * fractional, to prove the JSON report rounds them) so snapshots never move.
 */

export const BASE_URL = 'http://127.0.0.1:4000/scim/v2';

export const GROUP_PUSH_FILE = 'scenarios/okta-group-push.yaml';

/** The scenario text `sourceOf` serves; step lines in the fixtures point into it. */
export const GROUP_PUSH_SOURCE = [
  'name: Okta group push', //                            1
  'idp: okta', //                                        2
  'users:', //                                           3
  '  alice: { givenName: Alice, familyName: Doe }', //   4
  '  bob: { givenName: Bob, familyName: Roe }', //       5
  'groups:', //                                          6
  '  eng: { displayName: "Engineering {{run}}" }', //    7
  'steps:', //                                           8
  '  - testConnection', //                               9
  '  - assignUser: alice', //                           10
  '  - pushGroup: eng', //                              11
  '    members: [alice, bob]', //                       12
  '  - removeMembers: { group: eng, users: [bob] }', // 13
  '  - renameGroup: { group: eng, to: "Platform" }', // 14
  '',
].join('\n');

export function sourceOf(file: string): string | undefined {
  return file === GROUP_PUSH_FILE ? GROUP_PUSH_SOURCE : undefined;
}

interface ExchangeOptions {
  status?: number;
  requestBody?: unknown;
  responseBody?: unknown;
  durationMs?: number;
  error?: { code: string; message: string };
}

export function exchange(id: number, method: string, path: string, options: ExchangeOptions = {}): Exchange {
  const requestBody = options.requestBody === undefined ? undefined : JSON.stringify(options.requestBody);
  const record: Exchange = {
    id,
    request: {
      method,
      url: `${BASE_URL}${path}`,
      headers: { accept: 'application/scim+json', authorization: 'Bearer [REDACTED]' },
      ...(requestBody === undefined ? {} : { body: requestBody }),
    },
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: options.durationMs ?? 3,
  };
  if (options.error !== undefined) return { ...record, error: options.error };
  const body = options.responseBody === undefined ? '' : JSON.stringify(options.responseBody);
  return {
    ...record,
    response: {
      status: options.status ?? 200,
      headers: { 'content-type': 'application/scim+json', etag: 'W/"1"' },
      body,
      ...(options.responseBody === undefined ? {} : { json: options.responseBody }),
    },
  };
}

export function passedCheck(id: string, title: string, exchangeId?: number): CheckResult {
  return {
    id,
    title,
    rfc: 'RFC 7644 §3.3',
    level: 'error',
    status: 'passed',
    ...(exchangeId === undefined ? {} : { exchangeId }),
  };
}

export function step(partial: Partial<StepResult> & Pick<StepResult, 'index' | 'action' | 'line'>): StepResult {
  return { column: 5, status: 'passed', exchanges: [], checks: [], durationMs: 4, ...partial };
}

/** Okta user lifecycle: everything passes. */
export function passingScenario(): ScenarioResult {
  return {
    file: 'scenarios/okta-user-lifecycle.yaml',
    name: 'Okta user lifecycle',
    idp: 'okta',
    status: 'passed',
    leftovers: [],
    durationMs: 412.6,
    steps: [
      step({
        index: 0,
        action: 'testConnection',
        line: 9,
        exchanges: [exchange(1, 'GET', '/ServiceProviderConfig', { durationMs: 2.4 })],
        checks: [passedCheck('DISC-SPC-GET', 'ServiceProviderConfig is a single object', 1)],
      }),
      step({
        index: 1,
        action: 'assignUser',
        name: 'alice',
        line: 10,
        durationMs: 7.5,
        exchanges: [
          exchange(2, 'GET', '/Users?filter=userName%20eq%20%22alice%40example.com%22'),
          exchange(3, 'POST', '/Users', { status: 201, durationMs: 4.5 }),
        ],
        checks: [
          passedCheck('CREATE-201', 'Create returns 201 and the resource', 3),
          {
            id: 'CREATE-LOCATION',
            title: 'Location header on create',
            rfc: 'RFC 7644 §3.3',
            level: 'warning',
            status: 'skipped',
            message: 'server sent no Location',
          },
        ],
      }),
    ],
  };
}

/** Okta group push: a failed check with findings, a warning, and a step that timed out. */
export function failingScenario(): ScenarioResult {
  const patchRequest = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'remove', path: 'members[value eq "b0b"]' }],
  };
  const groupAfter = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: '7f3a',
    displayName: 'Engineering x1',
    members: [
      { value: 'a11ce', display: 'alice' },
      { value: 'b0b', display: 'bob' },
      { value: 'ca401', display: 'carol' },
    ],
    meta: { resourceType: 'Group', location: `${BASE_URL}/Groups/7f3a`, version: 'W/"2"' },
  };
  return {
    file: GROUP_PUSH_FILE,
    name: 'Okta group push',
    idp: 'okta',
    status: 'errored',
    durationMs: 5123.4,
    leftovers: [
      { resourceType: 'Group', id: '7f3a', name: 'Engineering x1', reason: 'no answer within 30000 ms' },
      { resourceType: 'User', id: 'a11ce', name: 'alice.x1@example.com', reason: 'no answer within 30000 ms' },
    ],
    possibleLeftovers: [
      {
        resourceType: 'User',
        name: 'bob.x1@example.com',
        search: 'userName eq "bob.x1@example.com"',
        reason: 'no answer came (no answer within 30000 ms); the server may have created it anyway',
      },
    ],
    steps: [
      step({
        index: 2,
        action: 'pushGroup',
        name: 'eng',
        line: 11,
        exchanges: [exchange(10, 'POST', '/Groups', { status: 201, responseBody: { id: '7f3a' } })],
        checks: [
          passedCheck('CREATE-201', 'Create returns 201 and the resource', 10),
          {
            id: 'META-LOCATION',
            title: 'meta.location is the resource URL',
            rfc: 'RFC 7643 §3.1',
            level: 'warning',
            status: 'failed',
            message: 'meta.location is missing',
            findings: [
              { path: '$.meta.location', message: 'meta.location is missing', expected: `${BASE_URL}/Groups/7f3a` },
            ],
            exchangeId: 10,
          },
        ],
      }),
      step({
        index: 3,
        action: 'removeMembers',
        name: 'eng',
        line: 13,
        status: 'failed',
        durationMs: 9.6,
        exchanges: [
          exchange(11, 'PATCH', '/Groups/7f3a', { status: 204, requestBody: patchRequest, durationMs: 3.2 }),
          exchange(12, 'GET', '/Groups/7f3a', { status: 200, responseBody: groupAfter, durationMs: 2.7 }),
        ],
        checks: [
          passedCheck('PATCH-204', 'PATCH answers 200 or 204', 11),
          {
            id: 'PATCH-MEMBERS-REPLACE',
            title: 'Group membership after "removeMembers"',
            rfc: 'RFC 7644 §3.5.2.3',
            level: 'error',
            status: 'failed',
            message: 'bob is still a member after the remove operation',
            findings: [
              {
                path: '$.members',
                message: 'bob is still a member after the remove operation',
                expected: ['alice', 'carol'],
                actual: ['alice', 'bob', 'carol'],
              },
            ],
            exchangeId: 12,
          },
          {
            id: 'PATCH-RETURN-200',
            title: 'Return the resource on 200',
            rfc: 'RFC 7644 §3.5.2',
            level: 'info',
            status: 'failed',
            message: 'answered 204',
          },
        ],
      }),
      step({
        index: 4,
        action: 'renameGroup',
        name: 'eng',
        line: 14,
        status: 'errored',
        durationMs: 5000.4,
        error: { code: 'TIMEOUT', message: 'no response within 5000 ms' },
        exchanges: [
          exchange(13, 'PATCH', '/Groups/7f3a', {
            requestBody: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'replace', value: { displayName: 'Platform' } }],
            },
            error: { code: 'TIMEOUT', message: 'no response within 5000 ms' },
            durationMs: 5000.4,
          }),
        ],
      }),
      step({
        index: -1,
        action: 'cleanup',
        line: 0,
        column: 0,
        status: 'errored',
        error: { code: 'HTTP_ERROR', message: 'DELETE /Groups/7f3a answered 500' },
        exchanges: [exchange(14, 'DELETE', '/Groups/7f3a', { status: 500, responseBody: { detail: 'boom' } })],
      }),
    ],
  };
}

export function skippedScenario(): ScenarioResult {
  return {
    file: 'scenarios/entra-bulk.yaml',
    name: 'Entra bulk import',
    idp: 'entra',
    status: 'skipped',
    skipReason: 'the server does not support bulk (ServiceProviderConfig bulk.supported = false)',
    leftovers: [],
    durationMs: 0,
    steps: [],
  };
}

export function runResult(scenarios: ScenarioResult[], overrides: Partial<RunResult> = {}): RunResult {
  const count = (status: ScenarioResult['status']): number => scenarios.filter((s) => s.status === status).length;
  const checks = scenarios.flatMap((s) => s.steps.flatMap((st) => st.checks));
  return {
    tool: { name: 'scim-check', version: '0.1.0' },
    target: { baseUrl: BASE_URL, embedded: true },
    runId: 'x1',
    startedAt: '2025-01-01T00:00:00.000Z',
    interrupted: false,
    summary: {
      scenarios: scenarios.length,
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      errored: count('errored'),
      checks: {
        passed: checks.filter((c) => c.status === 'passed').length,
        failed: checks.filter((c) => c.status === 'failed' && c.level === 'error').length,
        warnings: checks.filter((c) => c.status === 'failed' && c.level === 'warning').length,
        skipped: checks.filter((c) => c.status === 'skipped').length,
      },
      durationMs: 5812.7,
    },
    scenarios,
    ...overrides,
  };
}

/** The events an engine would emit for `result`, in order (scenarios one after another). */
export function eventsOf(result: RunResult): RunEvent[] {
  const events: RunEvent[] = [
    { type: 'runStart', target: result.target, runId: result.runId, scenarioCount: result.scenarios.length },
  ];
  for (const scenario of result.scenarios) {
    events.push({ type: 'scenarioStart', file: scenario.file, name: scenario.name, idp: scenario.idp, stepCount: 5 });
    for (const s of scenario.steps) {
      events.push({
        type: 'stepStart',
        scenario: scenario.name,
        index: s.index,
        action: s.action,
        ...(s.name === undefined ? {} : { name: s.name }),
      });
      events.push({ type: 'stepEnd', scenario: scenario.name, step: s });
    }
    events.push({ type: 'scenarioEnd', result: scenario });
  }
  events.push({ type: 'runEnd', result });
  return events;
}

/**
 * Runs the named reporter over `result` as the CLI would: every event of `eventsOf` (unless
 * `events: false`), then `finish`. No colour, not interactive, not verbose unless `context` says so.
 */
export async function renderReporter(
  name: ReporterName,
  result: RunResult,
  context: Partial<ReporterContext> & { events?: boolean } = {},
): Promise<{ out: string; err: string }> {
  const { events, ...overrides } = context;
  const out = new MemoryStream();
  const err = overrides.err instanceof MemoryStream ? overrides.err : new MemoryStream();
  const reporter = createReporter(name, {
    color: false,
    interactive: false,
    verbose: false,
    sourceOf,
    ...overrides,
    out,
    err,
  });
  if (events !== false) for (const event of eventsOf(result)) reporter.onEvent?.(event);
  await reporter.finish(result);
  return { out: out.text(), err: err.text() };
}
