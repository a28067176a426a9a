import { describe, expect, it } from 'vitest';
import {
  type DeviationHooks,
  type ProxiedRequest,
  scimErrorAnswer,
  startHookedServer,
} from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * scenarios/spec/cursor-paging.yaml (RFC 9865) against the reference server, which advertises
 * and implements cursor paging, and against small hooks over it that each break one rule: the
 * scenario must fail exactly that rule's rows and skip what builds on it.
 */

const SCENARIO = 'scenarios/spec/cursor-paging.yaml';

interface Check {
  id: string;
  status: string;
  level: string;
  message?: string;
}
interface Step {
  name?: string;
  status: string;
  skipReason?: string;
  checks: Check[];
}
interface Report {
  scenarios: { status: string; skipReason?: string; steps: Step[]; leftovers: unknown[] }[];
}

async function runScenario(baseUrl?: string, token?: string): Promise<{ code: number | null; report: Report }> {
  const argv = ['run', SCENARIO, '--reporter', 'json', ...(baseUrl ? ['--base-url', baseUrl] : [])];
  const run = await runMain(argv, token ? { env: { SCIM_CHECK_TOKEN: token } } : {});
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

async function againstHooks(...hooks: DeviationHooks[]): Promise<{ code: number | null; report: Report }> {
  const server = await startHookedServer(hooks);
  try {
    return await runScenario(server.baseUrl, server.token);
  } finally {
    await server.close();
  }
}

const steps = (report: Report): Step[] => report.scenarios.flatMap((scenario) => scenario.steps);
/** Every failed verdict's row, whatever its level. */
const failedIds = (report: Report): string[] =>
  [
    ...new Set(steps(report).flatMap((step) => step.checks.filter((c) => c.status === 'failed').map((c) => c.id))),
  ].sort();
const stepNamed = (report: Report, name: string): Step => steps(report).find((step) => step.name === name)!;

const cursorOf = (request: ProxiedRequest): string | null => request.query.get('cursor');
const isUserList = (request: ProxiedRequest): boolean => request.method === 'GET' && request.path === '/Users';
const listBody = (body: unknown): Record<string, any> | undefined =>
  typeof body === 'object' && body !== null && Array.isArray((body as { Resources?: unknown }).Resources)
    ? (body as Record<string, any>)
    : undefined;

describe('the cursor paging scenario (RFC 9865)', () => {
  it('passes against the reference server, every CURSOR-* row and the interop row judged, nothing left behind', async () => {
    const { code, report } = await runScenario();
    expect(failedIds(report)).toEqual([]);
    expect(code).toBe(0);
    const [scenario] = report.scenarios;
    expect(scenario).toMatchObject({ status: 'passed', leftovers: [] });
    const passed = new Set(
      steps(report).flatMap((step) => step.checks.filter((c) => c.status === 'passed').map((c) => c.id)),
    );
    for (const id of [
      'CURSOR-ADVERTISED',
      'CURSOR-FIRST-PAGE',
      'CURSOR-WALK',
      'CURSOR-LAST-PAGE',
      'CURSOR-COUNT-MAX',
      'CURSOR-COUNT-ABOVE-MAX',
      'CURSOR-INVALID',
      'INTEROP-INDEX-WITH-CURSOR',
    ])
      expect(passed, id).toContain(id);
    expect(steps(report).filter((step) => step.status !== 'passed')).toEqual([]);
  }, 60_000);

  it('is skipped, saying why, when ServiceProviderConfig does not advertise cursor paging', async () => {
    const { code, report } = await againstHooks({
      response: (request, response) => {
        if (request.path === '/ServiceProviderConfig' && typeof response.body === 'object' && response.body !== null)
          delete (response.body as Record<string, unknown>).pagination;
      },
    });
    expect(report.scenarios[0]).toMatchObject({ status: 'skipped', steps: [] });
    expect(report.scenarios[0]!.skipReason).toMatch(/pagination\.cursor is false or absent \(RFC 9865 §4\)/);
    expect(code).toBe(0);
  }, 60_000);

  it('a server that advertises cursors but ignores `cursor` (index pages, no nextCursor) fails CURSOR-FIRST-PAGE and CURSOR-INVALID', async () => {
    const { code, report } = await againstHooks({
      request: (request) => {
        request.query.delete('cursor');
      },
    });
    expect(failedIds(report)).toEqual(['CURSOR-FIRST-PAGE', 'CURSOR-INVALID']);
    expect(stepNamed(report, 'the first page').checks.find((c) => c.id === 'CURSOR-FIRST-PAGE')?.message).toMatch(
      /nextCursor/,
    );
    // The walk cannot go on without a cursor: skipped, naming the step that got none.
    expect(stepNamed(report, 'the second page')).toMatchObject({ status: 'skipped' });
    expect(stepNamed(report, 'the last page has no nextCursor')).toMatchObject({ status: 'skipped' });
    expect(code).toBe(1);
  }, 60_000);

  it('a server whose later cursor pages repeat a resource fails CURSOR-WALK only', async () => {
    let firstServed: unknown;
    const { report } = await againstHooks({
      response: (request, response) => {
        const body = listBody(response.body);
        const cursor = cursorOf(request);
        if (!isUserList(request) || body === undefined || cursor === null || body.Resources.length === 0) return;
        if (cursor === '') firstServed = body.Resources[0];
        else body.Resources[0] = firstServed;
      },
    });
    expect(failedIds(report)).toEqual(['CURSOR-WALK']);
    expect(stepNamed(report, 'the second page').checks.find((c) => c.id === 'CURSOR-WALK')?.message).toMatch(
      /must not/,
    );
    // The third page repeats it too, and says so under the same row.
    expect(stepNamed(report, 'the third page').checks.find((c) => c.id === 'CURSOR-WALK')?.status).toBe('failed');
    expect(stepNamed(report, 'the last page has no nextCursor').status).toBe('passed');
  }, 60_000);

  it('a server that sends previousCursor on the first page fails CURSOR-FIRST-PAGE only', async () => {
    const { report } = await againstHooks({
      response: (request, response) => {
        const body = listBody(response.body);
        if (isUserList(request) && body !== undefined && cursorOf(request) === '')
          body.previousCursor = 'back-to-start';
      },
    });
    expect(failedIds(report)).toEqual(['CURSOR-FIRST-PAGE']);
    expect(stepNamed(report, 'the first page').checks.find((c) => c.id === 'CURSOR-FIRST-PAGE')?.message).toMatch(
      /previousCursor should be absent/,
    );
  }, 60_000);

  it('a server that sends nextCursor on the last page too fails CURSOR-LAST-PAGE only', async () => {
    const { report } = await againstHooks({
      response: (request, response) => {
        const body = listBody(response.body);
        if (isUserList(request) && body !== undefined && cursorOf(request) !== null) body.nextCursor ??= 'never-ends';
      },
    });
    expect(failedIds(report)).toEqual(['CURSOR-LAST-PAGE']);
  }, 60_000);

  it('a count above maxPageSize refused with another scimType fails CURSOR-COUNT-ABOVE-MAX; with invalidCount it passes', async () => {
    const refuse = (scimType: string): DeviationHooks => ({
      request: (request) => {
        if (cursorOf(request) === null || Number(request.query.get('count')) <= 200) return;
        return scimErrorAnswer(400, scimType, 'count');
      },
    });
    expect(failedIds((await againstHooks(refuse('invalidValue'))).report)).toEqual(['CURSOR-COUNT-ABOVE-MAX']);
    const refusedRight = (await againstHooks(refuse('invalidCount'))).report;
    expect(failedIds(refusedRight)).toEqual([]);
    expect(stepNamed(refusedRight, 'a count above maxPageSize').checks).toContainEqual(
      expect.objectContaining({ id: 'CURSOR-COUNT-ABOVE-MAX', status: 'passed' }),
    );
  }, 60_000);

  it('a server that pages by cursor but ignores startIndex fails INTEROP-INDEX-WITH-CURSOR only', async () => {
    const { report } = await againstHooks({
      request: (request) => {
        if (cursorOf(request) === null) request.query.delete('startIndex');
      },
    });
    expect(failedIds(report)).toEqual(['INTEROP-INDEX-WITH-CURSOR']);
    // Under the generic profile an INTEROP row is recorded as info; Okta, OneLogin and authentik make it an error.
    expect(stepNamed(report, 'index page 2').checks.find((c) => c.id === 'INTEROP-INDEX-WITH-CURSOR')).toMatchObject({
      status: 'failed',
      level: 'info',
    });
  }, 60_000);
});
