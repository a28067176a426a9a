import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DeviationHooks,
  type DeviationName,
  type ProxiedRequest,
  startDeviantServer,
  startHookedServer,
} from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * RFC 9967 asynchronous requests end to end: scenarios/spec/async-requests.yaml against the
 * reference server (which advertises securityEvents.asyncRequest "request" and answers 202), and
 * against hooks over it that each break one rule. The hooks live here, not in the DEVIATIONS
 * table (test/e2e/verdict-quality.test.ts asserts exact results for every entry there).
 */

const SCENARIO = 'scenarios/spec/async-requests.yaml';

interface JsonCheck {
  id: string;
  status: string;
  level: string;
  message?: string;
  findings?: { message: string; actual?: unknown }[];
}
interface JsonStep {
  name?: string;
  status: string;
  skipReason?: string;
  checks: JsonCheck[];
}
interface JsonScenario {
  status: string;
  skipReason?: string;
  steps: JsonStep[];
  leftovers: unknown[];
  possibleLeftovers?: { name: string; reason: string }[];
}
interface Run {
  code: number;
  scenario: JsonScenario;
  checks: JsonCheck[];
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** Where a hooked server listens, for hooks that answer by themselves (set once it started). */
interface Where {
  baseUrl: string;
}

async function runAgainst(hooks: DeviationHooks[] | undefined, where: Where = { baseUrl: '' }): Promise<Run> {
  let args = ['run', SCENARIO, '--reporter', 'json'];
  let env: Record<string, string> = {};
  if (hooks !== undefined) {
    const server = await startHookedServer(hooks);
    closers.push(server.close);
    where.baseUrl = server.baseUrl;
    args = [...args, '--base-url', server.baseUrl];
    env = { SCIM_CHECK_TOKEN: server.token };
  }
  const result = await runMain(args, { env });
  const report = JSON.parse(result.stdout) as { scenarios: JsonScenario[] };
  const scenario = report.scenarios[0]!;
  return { code: result.code, scenario, checks: scenario.steps.flatMap((step) => step.checks) };
}

const ASYNC_ROWS = [
  'ASYNC-SPC-SHAPE',
  'ASYNC-ANSWER',
  'ASYNC-SET-TXN',
  'ASYNC-PREFERENCE-APPLIED',
  'ASYNC-LOCATION',
  'ASYNC-NO-BODY',
  'ASYNC-EFFECT-VISIBLE',
  'ASYNC-TXN-UNIQUE',
];
const verdicts = (checks: JsonCheck[], id: string, status: string): JsonCheck[] =>
  checks.filter((check) => check.id === id && check.status === status);
const failedIds = (checks: JsonCheck[]): string[] =>
  [...new Set(checks.filter((check) => check.status === 'failed').map((check) => check.id))].sort();

const asksAsync = (request: ProxiedRequest): boolean =>
  /respond-async/i.test(String(request.headers.prefer ?? '')) && request.method !== 'GET';
const withoutPrefer = (request: ProxiedRequest): void => {
  delete request.headers.prefer;
};

describe.concurrent('scenarios/spec/async-requests.yaml', () => {
  it('passes every ASYNC row against the reference server, and leaves nothing behind', async () => {
    const { code, scenario, checks } = await runAgainst(undefined);
    expect(failedIds(checks)).toEqual([]);
    expect(code).toBe(0);
    expect(scenario.steps.filter((step) => step.name !== undefined).map((step) => [step.name, step.status])).toEqual(
      [
        'an asynchronous create',
        'the create takes effect',
        'an asynchronous PATCH',
        'the PATCH takes effect',
        'an asynchronous DELETE',
        'the DELETE takes effect',
      ].map((name) => [name, 'passed']),
    );
    // Three 202s (create, PATCH, DELETE), each judged by every passive row; each effect read back.
    for (const id of ['ASYNC-ANSWER', 'ASYNC-SET-TXN', 'ASYNC-PREFERENCE-APPLIED', 'ASYNC-LOCATION'])
      expect(verdicts(checks, id, 'passed'), id).toHaveLength(3);
    for (const id of ['ASYNC-NO-BODY', 'ASYNC-EFFECT-VISIBLE', 'ASYNC-TXN-UNIQUE'])
      expect(verdicts(checks, id, 'passed'), id).toHaveLength(3);
    expect(scenario.leftovers).toEqual([]);
    expect(scenario.possibleLeftovers ?? []).toEqual([]);
  }, 60_000);

  it('fails exactly ASYNC-SET-TXN when the 202 has no Set-Txn', async () => {
    const { code, checks } = await runAgainst([
      {
        response(request, response) {
          if (asksAsync(request) && response.status === 202) delete response.headers['set-txn'];
        },
      },
    ]);
    expect(failedIds(checks)).toEqual(['ASYNC-SET-TXN']);
    expect(verdicts(checks, 'ASYNC-SET-TXN', 'failed')).toHaveLength(3);
    for (const failure of verdicts(checks, 'ASYNC-SET-TXN', 'failed')) expect(failure.level).toBe('error');
    expect(code).toBe(1);
  }, 60_000);

  it('fails ASYNC-TXN-UNIQUE when every 202 carries the same transaction id', async () => {
    const { checks } = await runAgainst([
      {
        response(request, response) {
          if (asksAsync(request) && response.status === 202) response.headers['set-txn'] = 'always-the-same';
        },
      },
    ]);
    expect(failedIds(checks)).toEqual(['ASYNC-TXN-UNIQUE']);
    // The first 202 is the first to use it; the PATCH and the DELETE repeat it.
    expect(verdicts(checks, 'ASYNC-TXN-UNIQUE', 'failed')).toHaveLength(2);
    expect(verdicts(checks, 'ASYNC-TXN-UNIQUE', 'passed')).toHaveLength(1);
  }, 60_000);

  it('fails ASYNC-PREFERENCE-APPLIED when a synchronous answer claims respond-async', async () => {
    const { code, checks } = await runAgainst([
      {
        request: withoutPrefer,
        response(request, response) {
          if (request.method !== 'GET' && request.path.startsWith('/Users'))
            response.headers['preference-applied'] = 'respond-async';
        },
      },
    ]);
    expect(failedIds(checks)).toEqual(['ASYNC-PREFERENCE-APPLIED']);
    const failures = verdicts(checks, 'ASYNC-PREFERENCE-APPLIED', 'failed');
    expect(failures).toHaveLength(3);
    expect(JSON.stringify(failures[0]!.findings)).toContain('synchronous (201)');
    // The synchronous answers themselves are allowed (RFC 9967 §2.5.1.1).
    expect(verdicts(checks, 'ASYNC-ANSWER', 'passed')).toHaveLength(3);
    expect(code).toBe(1);
  }, 60_000);

  it('fails ASYNC-EFFECT-VISIBLE within its bound when a 202 create is never applied', async () => {
    const where: Where = { baseUrl: '' };
    const { code, scenario, checks } = await runAgainst(
      [
        {
          request(request) {
            if (!asksAsync(request)) return;
            return {
              respond: {
                status: 202,
                headers: {
                  'set-txn': randomUUID(),
                  'preference-applied': 'respond-async',
                  location: `${where.baseUrl}/Users/${randomUUID()}`,
                },
              },
            };
          },
        },
      ],
      where,
    );
    expect(failedIds(checks)).toEqual(['ASYNC-EFFECT-VISIBLE']);
    const [failure] = verdicts(checks, 'ASYNC-EFFECT-VISIBLE', 'failed');
    expect(failure!.level).toBe('error');
    expect(JSON.stringify(failure!.findings)).toContain('not observed within 5 attempts, 200 ms apart');
    const visible = scenario.steps.find((step) => step.name === 'the create takes effect')!;
    expect(visible.status).toBe('failed');
    // What never showed up cannot be the run's to delete; it is reported as a possible leftover.
    expect(scenario.possibleLeftovers?.[0]?.reason).toMatch(/202 Accepted/);
    expect(code).toBe(1);
  }, 60_000);

  it('fails ASYNC-EFFECT-VISIBLE for a PATCH and a DELETE that are accepted and dropped; cleanup still deletes', async () => {
    const where: Where = { baseUrl: '' };
    const { code, scenario, checks } = await runAgainst(
      [
        {
          request(request) {
            if (!asksAsync(request) || request.method === 'POST') return;
            return {
              respond: {
                status: 202,
                headers: {
                  'set-txn': randomUUID(),
                  'preference-applied': 'respond-async',
                  location: `${where.baseUrl}${request.path}`,
                },
              },
            };
          },
        },
      ],
      where,
    );
    expect(failedIds(checks)).toEqual(['ASYNC-EFFECT-VISIBLE']);
    expect(verdicts(checks, 'ASYNC-EFFECT-VISIBLE', 'failed')).toHaveLength(2);
    for (const failure of verdicts(checks, 'ASYNC-EFFECT-VISIBLE', 'failed'))
      expect(JSON.stringify(failure.findings)).toContain('not observed within 5 attempts');
    expect(verdicts(checks, 'ASYNC-EFFECT-VISIBLE', 'passed')).toHaveLength(1);
    // The DELETE was accepted, not done: cleanup read the user, found it, and deleted it.
    expect(scenario.leftovers).toEqual([]);
    expect(scenario.possibleLeftovers ?? []).toEqual([]);
    expect(code).toBe(1);
  }, 60_000);

  it('is skipped, naming the advertisement, when /ServiceProviderConfig has no securityEvents', async () => {
    const { code, scenario, checks } = await runAgainst([
      {
        response(request, response) {
          if (request.path === '/ServiceProviderConfig' && typeof response.body === 'object')
            delete (response.body as Record<string, unknown>).securityEvents;
        },
      },
    ]);
    expect(scenario.status).toBe('skipped');
    expect(scenario.skipReason).toContain('securityEvents.asyncRequest is "none" or absent (RFC 9967 §4)');
    expect(checks.filter((check) => ASYNC_ROWS.includes(check.id))).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);
});

describe.concurrent('compliant variants of the deviant server (test/support/deviant-server.ts)', () => {
  it.concurrent.each<DeviationName>(['patch-204', 'opaque-ids', 'opaque-weak-etags', 'small-pages', 'rate-limited'])(
    '%s: nothing fails, nothing is left behind',
    async (name) => {
      const server = await startDeviantServer([name]);
      closers.push(server.close);
      const result = await runMain(['run', SCENARIO, '--base-url', server.baseUrl, '--reporter', 'json'], {
        env: { SCIM_CHECK_TOKEN: server.token },
      });
      const scenario = (JSON.parse(result.stdout) as { scenarios: JsonScenario[] }).scenarios[0]!;
      const checks = scenario.steps.flatMap((step) => step.checks);
      expect(failedIds(checks)).toEqual([]);
      expect(verdicts(checks, 'ASYNC-EFFECT-VISIBLE', 'passed')).toHaveLength(3);
      expect(scenario.leftovers).toEqual([]);
      expect(scenario.possibleLeftovers ?? []).toEqual([]);
      expect(result.code).toBe(0);
    },
    120_000,
  );
});

describe('the IdP profiles', () => {
  it('never ask for asynchronous processing: no IdP scenario sends a Prefer header', async () => {
    const files = readdirSync('scenarios')
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => join('scenarios', file));
    const preferences: string[] = [];
    const server = await startHookedServer([
      {
        request(request) {
          if (request.headers.prefer !== undefined) preferences.push(`${request.method} ${request.path}`);
        },
      },
    ]);
    closers.push(server.close);
    const result = await runMain(['run', ...files, '--base-url', server.baseUrl, '--reporter', 'json'], {
      env: { SCIM_CHECK_TOKEN: server.token },
    });
    const report = JSON.parse(result.stdout) as { scenarios: { idp: string }[] };
    // Every IdP family the profiles cover ran (a scenario skipped for good reason still counts).
    expect(new Set(report.scenarios.map((scenario) => scenario.idp)).size).toBeGreaterThanOrEqual(8);
    expect(preferences).toEqual([]);
  }, 180_000);
});
