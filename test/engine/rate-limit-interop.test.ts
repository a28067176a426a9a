import { afterEach, describe, expect, it } from 'vitest';
import { catalogueRow, levelOf } from '../../src/checks/catalogue.js';
import { familiesWithoutRetryOn429 } from '../../src/http/retry-policy.js';
import { type RateLimitedServer, startRateLimitedServer } from '../support/rate-limited-server.js';
import { runMain } from '../support/run-main.js';

/*
 * A server that rate-limits with 429 + Retry-After is compliant (RFC 6585 §4). Under Keycloak,
 * whose connector never retries a 429, it was reported as CREATE-201 and READ-200 failures. The
 * 429 is not an answer to the request, so no purpose check judges it; the finding is one
 * INTEROP-NO-RETRY-429 naming Keycloak's policy, and the step errors with the 429 as its reason.
 */

interface Check {
  id: string;
  status: string;
  level: string;
  message?: string;
  exchangeId?: number;
}
interface Report {
  scenarios: {
    idp: string;
    status: string;
    steps: {
      status: string;
      skipReason?: string;
      error?: { code: string; message: string };
      exchanges: { id: number; status: number | null }[];
      checks: Check[];
    }[];
  }[];
}

let server: RateLimitedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const createsOnly = (method: string, path: string): boolean => method === 'POST' && /\/Users\/?$/.test(path);

async function run(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runMain(['run', ...args, '--base-url', server!.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: server!.token },
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

/** Every verdict on an exchange the server answered 429. */
function verdictsOn429(report: Report): Check[] {
  return report.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => {
      const limited = new Set(
        step.exchanges.filter((exchange) => exchange.status === 429).map((exchange) => exchange.id),
      );
      return step.checks.filter((check) => check.exchangeId !== undefined && limited.has(check.exchangeId));
    }),
  );
}

describe('429 under an IdP that never retries it', () => {
  it("is one INTEROP-NO-RETRY-429 naming Keycloak's policy, not CREATE-201 or READ-200 failures", async () => {
    server = await startRateLimitedServer({ every: 1, retryAfter: '1', applies: createsOnly });
    const { report, stderr } = await run(['scenarios/keycloak-user-lifecycle.yaml']);
    const [scenario] = report.scenarios;
    expect(scenario?.idp, stderr).toBe('keycloak');
    const all = scenario!.steps.flatMap((step) => step.checks);
    const notes = all.filter((check) => check.id === 'INTEROP-NO-RETRY-429');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      status: 'failed',
      level: levelOf(catalogueRow('INTEROP-NO-RETRY-429'), 'keycloak'),
    });
    // Rate limiting is compliant (RFC 6585 §4): the finding is about Keycloak, a warning, not an error.
    expect(notes[0]!.level).toBe('warning');
    expect(notes[0]!.message).toContain('Keycloak does not retry 429; provisioning from it will drop requests');
    // The 429 is judged by nothing else: no purpose check, no passive rule.
    expect(verdictsOn429(report).map((check) => check.id)).toEqual(['INTEROP-NO-RETRY-429']);
    expect(all.filter((check) => check.status === 'failed' && ['CREATE-201', 'READ-200'].includes(check.id))).toEqual(
      [],
    );
    // The action is dropped, as Keycloak drops it: skipped with the reason, not a runtime error of the run.
    const refused = scenario!.steps.find((step) => step.exchanges.some((exchange) => exchange.status === 429));
    expect(refused?.status).toBe('skipped');
    expect(refused?.skipReason).toMatch(/429 and Keycloak never retries .*INTEROP-NO-RETRY-429/);
    expect(scenario!.steps.filter((step) => step.status === 'errored')).toEqual([]);
  });

  it('is not reported under a profile that retries: Okta honours Retry-After and the flow passes', async () => {
    server = await startRateLimitedServer({ every: 2, retryAfter: '0', applies: createsOnly });
    const { code, report, stderr } = await run(['scenarios/okta-user-lifecycle.yaml']);
    expect(server.refused.length, stderr).toBeGreaterThan(0);
    expect(report.scenarios.map((scenario) => scenario.status)).toEqual(['passed']);
    expect(
      report.scenarios[0]!.steps.flatMap((step) => step.checks).filter((check) => check.id === 'INTEROP-NO-RETRY-429'),
    ).toEqual([]);
    expect(code).toBe(0);
  });

  it('leaves a spec step that only ever got 429 errored, with no verdict on the 429', async () => {
    server = await startRateLimitedServer({ every: 1, retryAfter: '0', applies: createsOnly });
    const { report } = await run(['scenarios/spec/create-and-read.yaml']);
    const [scenario] = report.scenarios;
    const first = scenario!.steps[0]!;
    expect(first.status).toBe('errored');
    expect(first.error?.code).toBe('RATE_LIMITED');
    expect(verdictsOn429(report)).toEqual([]);
  });

  it('names exactly the families whose retry policy does not retry 429', () => {
    expect([...(catalogueRow('INTEROP-NO-RETRY-429').interopFamilies ?? [])].sort()).toEqual(
      familiesWithoutRetryOn429().sort(),
    );
  });
});
