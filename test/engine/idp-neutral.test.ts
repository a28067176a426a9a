import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run-suite.js';
import { Executor } from '../../src/executor/executor.js';
import { createInProcessTransport } from '../../src/executor/in-process-transport.js';
import { RunLedger } from '../../src/executor/ledger.js';
import { PROFILE_NAMES } from '../../src/idp/profile-names.js';
import { planRun } from '../../src/plan/plan.js';
import { loadScenarioFile, type Scenario } from '../../src/scenario/index.js';
import { createReferenceService, type ReferenceService } from '../../src/server/index.js';

/*
 * Issue 12, "IdP-neutral expectations": every built-in IdP scenario replayed with `--idp X` must
 * pass against the reference server for every profile X. A scenario states the admin's intent
 * ("unassigned", "deactivated"); each profile decides what that means on the wire (delete or
 * deactivate, which attributes and email type it sends), and the expectations follow the profile.
 * One suite per profile, in-process (no socket), so the ~230 scenario runs stay quick.
 */

const RUN = 'neutral';
const DIRECTORIES = ['scenarios', 'scenarios/vendors'];

async function builtInScenarios(): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  for (const directory of DIRECTORIES) {
    const root = new URL(`../../${directory}/`, import.meta.url);
    for (const name of readdirSync(root)
      .filter((file) => file.endsWith('.yaml'))
      .sort()) {
      const loaded = await loadScenarioFile(new URL(name, root).pathname, `${directory}/${name}`);
      if (!loaded.scenario) throw new Error(`${directory}/${name} does not load`);
      scenarios.push(loaded.scenario);
    }
  }
  return scenarios;
}

/** Everything that would make `run --idp X` report a problem: failed checks above info, errored or failed steps. */
async function problemsUnder(idp: string, scenarios: Scenario[]): Promise<string[]> {
  const service = createReferenceService();
  const executor = new Executor({ transport: createInProcessTransport(service), ledger: new RunLedger(RUN) });
  const result = await runSuite(planRun(scenarios, { idp }), {
    executor,
    target: { baseUrl: executor.baseUrl, embedded: true },
    runId: RUN,
    toolVersion: 'test',
    env: {},
  });
  const problems: string[] = [];
  for (const scenario of result.scenarios) {
    const file = scenario.file.split('/').slice(-2).join('/');
    if (scenario.status === 'errored' && scenario.steps.length === 0)
      problems.push(`${file}: ${scenario.skipReason ?? 'errored'}`);
    for (const step of scenario.steps) {
      for (const check of step.checks) {
        if (check.status === 'failed' && check.level !== 'info' && check.waiver === undefined)
          problems.push(`${file}:${step.index} ${check.id} ${check.level}: ${check.message ?? ''}`);
      }
      // errored: no answer; failed with an error: the action itself could not go on (ACTION_FAILED).
      if (step.status === 'errored' || (step.status === 'failed' && step.error))
        problems.push(`${file}:${step.index} ${step.status}: ${step.error?.message ?? ''}`);
    }
  }
  return problems;
}

describe('built-in IdP scenarios under every profile (--idp)', async () => {
  const scenarios = await builtInScenarios();

  it('finds the built-in scenarios of both directories', () => {
    expect(scenarios.some((scenario) => scenario.file.startsWith('scenarios/vendors/'))).toBe(true);
    expect(scenarios.length).toBeGreaterThan(20);
  });

  for (const idp of PROFILE_NAMES) {
    it(`every scenario passes against the reference server with --idp ${idp}`, async () => {
      expect(await problemsUnder(idp, scenarios)).toEqual([]);
    }, 60_000);
  }
});

/** The reference server behind a filter that removes an attribute from every user it is sent (POST/PUT). */
function droppingServer(attribute: string): ReferenceService {
  const service = createReferenceService();
  return {
    ...service,
    dispatch: async (request) => {
      const isUserWrite =
        (request.method === 'POST' || request.method === 'PUT') && /\/Users(\/|$|\?)/.test(request.target);
      if (!isUserWrite || request.body === undefined) return service.dispatch(request);
      const body = JSON.parse(request.body) as Record<string, unknown>;
      delete body[attribute];
      return service.dispatch({ ...request, body: JSON.stringify(body) });
    },
  };
}

async function failuresOn(service: ReferenceService, file: string, idp: string): Promise<string[]> {
  const scenario = (await builtInScenarios()).filter((candidate) => candidate.file === file);
  const executor = new Executor({ transport: createInProcessTransport(service), ledger: new RunLedger(RUN) });
  const result = await runSuite(planRun(scenario, { idp }), {
    executor,
    target: { baseUrl: executor.baseUrl, embedded: true },
    runId: RUN,
    toolVersion: 'test',
    env: {},
  });
  return result.scenarios.flatMap((run) =>
    run.steps.flatMap((step) =>
      step.checks
        .filter((check) => check.status === 'failed' && check.level === 'error')
        .map((check) => `${step.index} ${check.id}: ${check.message ?? ''}`),
    ),
  );
}

describe('expectations follow the profile, and still catch a server that drops what it sent', () => {
  it('a server that drops title fails under okta, which sends it, and passes under keycloak, which never does', async () => {
    const underOkta = await failuresOn(droppingServer('title'), 'scenarios/okta-user-lifecycle.yaml', 'okta');
    expect(underOkta).toContainEqual('1 CREATE-201: title does not hold what the IdP sent');
    expect(await failuresOn(droppingServer('title'), 'scenarios/okta-user-lifecycle.yaml', 'keycloak')).toEqual([]);
  });

  it('a server that drops emails fails under authentik on the email type authentik sends ("other")', async () => {
    const failures = await failuresOn(droppingServer('emails'), 'scenarios/okta-group-push.yaml', 'authentik');
    expect(failures).toContainEqual('1 CREATE-201: emails[type eq "other"].value does not hold what the IdP sent');
  });

  it('"status: unassigned" reads as 404 where the IdP deletes, and as active false where it deactivates', async () => {
    const scenario = (await builtInScenarios()).filter(
      (candidate) => candidate.file === 'scenarios/okta-reactivation.yaml',
    );
    const statusOf = async (idp: string) => {
      const executor = new Executor({
        transport: createInProcessTransport(createReferenceService()),
        ledger: new RunLedger(RUN),
      });
      const result = await runSuite(planRun(scenario, { idp }), {
        executor,
        target: { baseUrl: executor.baseUrl, embedded: true },
        runId: RUN,
        toolVersion: 'test',
        env: {},
      });
      const step = result.scenarios[0]!.steps[3]!;
      const read = step.exchanges.at(-1)?.response;
      return {
        check: step.checks.find((check) => check.title === 'expectState: user maria (unassigned)')?.status,
        read: read?.status,
        body: read?.status === 200 ? JSON.parse(read.body) : undefined,
      };
    };
    expect(await statusOf('okta')).toMatchObject({ check: 'passed', read: 200, body: { active: false } });
    expect(await statusOf('generic')).toMatchObject({ check: 'passed', read: 404 });
  });
});
