import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/engine/results.js';
import { runSuite } from '../../src/engine/run-suite.js';
import { Executor } from '../../src/executor/executor.js';
import { createInProcessTransport } from '../../src/executor/in-process-transport.js';
import { RunLedger } from '../../src/executor/ledger.js';
import { planRun } from '../../src/plan/plan.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import {
  createReferenceService,
  type InProcessRequest,
  type ReferenceService,
  type ScimResponse,
} from '../../src/server/index.js';

/*
 * The engine end to end, in-process: the real executor, profiles, checks stage and reference
 * server, without a socket, so a whole scenario runs in milliseconds.
 */

const RUN = 'eng9run';

async function scenario(file: string) {
  const loaded = await loadScenarioFile(new URL(`../../${file}`, import.meta.url).pathname, file);
  if (!loaded.scenario) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

function executorFor(
  service: ReferenceService,
  hook?: (request: InProcessRequest) => ScimResponse | undefined,
): Executor {
  const target: ReferenceService = {
    ...service,
    dispatch: async (request) => hook?.(request) ?? service.dispatch(request),
  };
  return new Executor({ transport: createInProcessTransport(target), ledger: new RunLedger(RUN) });
}

async function run(file: string, executor: Executor, events: RunEvent[] = []) {
  return runSuite(planRun([await scenario(file)]), {
    executor,
    target: { baseUrl: executor.baseUrl, embedded: true },
    runId: RUN,
    toolVersion: 'test',
    env: {},
    onEvent: (event) => events.push(event),
  });
}

describe('runSuite through the in-process transport', () => {
  it('runs Okta group push to a pass, publishes every exchange once, and leaves nothing behind', async () => {
    const service = createReferenceService();
    const executor = executorFor(service);
    const events: RunEvent[] = [];
    const result = await run('scenarios/okta-group-push.yaml', executor, events);
    const failures = result.scenarios[0]!.steps.flatMap((step) => [
      ...step.checks
        .filter((check) => check.status === 'failed')
        .map((check) => `${step.index} ${check.id}: ${check.message}`),
      ...(step.error ? [`${step.index} ${step.error.message}`] : []),
    ]);
    expect(failures).toEqual([]);
    expect(result.summary).toMatchObject({ passed: 1, failed: 0, errored: 0 });
    const recorded = result.scenarios[0]!.steps.flatMap((step) => step.exchanges.map((exchange) => exchange.id));
    const published = events.flatMap((event) => (event.type === 'exchange' ? [event.exchange.id] : []));
    // Every exchange of a step was published; the two preflight reads are published but belong to no step.
    expect(published.slice(2)).toEqual(recorded);
    expect(executor.ledger.outstanding()).toEqual([]);
    expect([service.store.count('User'), service.store.count('Group')]).toEqual([0, 0]);
  });

  it('a cleanup DELETE answered with an HTML 404 counts as gone: the cleanup step passes', async () => {
    const service = createReferenceService();
    const executor = executorFor(service, (request) =>
      request.method === 'DELETE'
        ? { status: 404, headers: { 'Content-Type': 'text/html' }, body: undefined }
        : undefined,
    );
    const result = await run('scenarios/okta-user-lifecycle.yaml', executor);
    const cleanup = result.scenarios[0]!.steps.at(-1)!;
    expect(cleanup.action).toBe('cleanup');
    expect(cleanup.status).toBe('passed');
    expect(result.scenarios[0]!.leftovers).toEqual([]);
  });

  it('a cleanup DELETE answered 500 errors the cleanup step and names each leftover with the reason', async () => {
    const service = createReferenceService();
    const events: RunEvent[] = [];
    // Cleanup is the last step the engine starts; from then on every DELETE fails.
    const cleaning = (): boolean => events.some((event) => event.type === 'stepStart' && event.action === 'cleanup');
    const executor = executorFor(service, (request) =>
      cleaning() && request.method === 'DELETE'
        ? {
            status: 500,
            body: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: '500',
              detail: 'database is down',
            },
          }
        : undefined,
    );
    const result = await run('scenarios/okta-user-lifecycle.yaml', executor, events);
    const scenarioResult = result.scenarios[0]!;
    const cleanup = scenarioResult.steps.at(-1)!;
    expect(cleanup.status).toBe('errored');
    expect(cleanup.error?.code).toBe('CLEANUP_FAILED');
    expect(cleanup.error?.message).toMatch(/DELETE answered 500: .*database is down/);
    expect(scenarioResult.leftovers.length).toBeGreaterThan(0);
    for (const leftover of scenarioResult.leftovers) expect(leftover.reason).toMatch(/DELETE answered 500/);
  });
});
