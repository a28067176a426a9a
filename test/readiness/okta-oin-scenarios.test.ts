import { describe, expect, it } from 'vitest';
import { OKTA_OIN_SUITE } from '../../src/readiness/okta-oin.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { DEVIATIONS, type DeviationHooks, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * The Okta OIN readiness scenarios (scenarios/readiness/okta-oin-*.yaml) through a plain `run`
 * with explicit paths: the embedded reference server passes every one, and a server whose
 * `userName eq` filter compares with case fails the SPEC test's case-sensitivity step.
 */

interface ReportCheck {
  id: string;
  status: string;
  level: string;
  message?: string;
}
interface ReportStep {
  name?: string;
  status: string;
  checks: ReportCheck[];
  skipReason?: string;
}
interface Report {
  scenarios: { name: string; steps: ReportStep[] }[];
}

const OIN_SCENARIOS = [
  'scenarios/readiness/okta-oin-spec.yaml',
  'scenarios/readiness/okta-oin-crud.yaml',
  'scenarios/readiness/okta-oin-entitlements.yaml',
  'scenarios/readiness/okta-oin-plan.yaml',
];

/** Steps with a failed check above info, or that errored: what would make a vendor test "not ready". */
function failures(report: Report): string[] {
  return report.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => [
      ...(step.status === 'errored' ? [`${scenario.name} / ${step.name ?? '?'}: errored`] : []),
      ...step.checks
        .filter((check) => check.status === 'failed' && check.level !== 'info')
        .map((check) => `${scenario.name} / ${step.name ?? '?'}: ${check.id} ${check.message ?? ''}`),
    ]),
  );
}

describe('Okta OIN readiness scenarios', () => {
  it('pass against the embedded reference server', async () => {
    const run = await runMain(['run', ...OIN_SCENARIOS, '--reporter', 'json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(failures(report)).toEqual([]);
    expect(report.scenarios.map((scenario) => scenario.name)).toHaveLength(OIN_SCENARIOS.length);
    expect(run.code).toBe(0);
  });

  it('fail the SPEC case-sensitivity step against a case-sensitive userName filter', async () => {
    const server = await startHookedServer([DEVIATIONS['case-sensitive-filter']]);
    try {
      const run = await runMain(
        ['run', 'scenarios/readiness/okta-oin-spec.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      const report = JSON.parse(run.stdout) as Report;
      expect(failures(report)).toEqual([
        expect.stringMatching(
          /^Okta OIN: SCIM 2\.0 SPEC test \/ Required Test: Username Case Sensitivity Check: FILTER-CASE-INSENSITIVE .*totalResults/,
        ),
      ]);
      expect(run.code).not.toBe(0);
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      'itemsPerPage written as a string',
      (body: Record<string, unknown>) => {
        body.itemsPerPage = String(body.itemsPerPage);
      },
    ],
    [
      'count ignored (every value on the page)',
      (body: Record<string, unknown>) => {
        body.itemsPerPage = 3;
      },
    ],
  ])('fail the Entitlements test on /Roles with %s', async (_label, spoil) => {
    const hooks: DeviationHooks = {
      response: (request, response) => {
        if (request.method === 'GET' && request.path === '/Roles' && typeof response.body === 'object')
          spoil(response.body as Record<string, unknown>);
      },
    };
    const server = await startHookedServer([hooks]);
    try {
      const run = await runMain(
        ['run', 'scenarios/readiness/okta-oin-entitlements.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      // A string also fails DT-INTEGER (RFC 7643 §2.3.4); only the /Roles step fails.
      const found = failures(JSON.parse(run.stdout) as Report);
      expect(found).toContainEqual(
        expect.stringMatching(/Entitlements test: Role endpoints: OKTA-ENTITLEMENT-PAGE .*itemsPerPage should be 1/),
      );
      expect(found.every((failure) => failure.includes('Entitlements test: Role endpoints:'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('the okta-oin suite', () => {
  it('names only scenarios and steps that exist, and gives every other test its reason', async () => {
    const steps = new Map<string, string[]>();
    for (const file of OKTA_OIN_SUITE.scenarios) {
      const loaded = await loadScenarioFile(`scenarios/readiness/${file}`, file);
      const scenario = loaded.scenario!;
      steps.set(
        scenario.name,
        scenario.steps.map((step) => step.name ?? ''),
      );
    }
    for (const test of OKTA_OIN_SUITE.tests) {
      if (test.decidedBy === undefined) {
        expect(test.notOffline, test.name).toMatch(/\w/);
        continue;
      }
      const known = steps.get(test.decidedBy.scenario);
      expect(known, test.name).toBeDefined();
      for (const step of test.decidedBy.steps ?? []) expect(known, `${test.name}: ${step}`).toContain(step);
      expect(test.citation, test.name).toMatch(/SCIMFiles|guides\//);
    }
    expect(OKTA_OIN_SUITE.tests.map((test) => test.name)).toContain(
      'Okta SPEC: Required Test: Username Case Sensitivity Check',
    );
  });
});
