import { describe, expect, it } from 'vitest';
import { diffUser } from '../../src/checks/state-diff.js';
import { runSuite } from '../../src/engine/run-suite.js';
import { Executor } from '../../src/executor/executor.js';
import { createInProcessTransport } from '../../src/executor/in-process-transport.js';
import { RunLedger } from '../../src/executor/ledger.js';
import { rauthyProfile } from '../../src/idp/rauthy.js';
import { pathAsSent, sentUserAttributes } from '../../src/idp/user-mapping.js';
import { planRun } from '../../src/plan/plan.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { createReferenceService, type ReferenceService } from '../../src/server/index.js';
import { alice } from './drive.js';

/*
 * Rauthy sends its one email without a `type` (sebadob/rauthy, scim_types.rs: ScimValue carries
 * value, display and primary). RFC 7643 §4.1.2 makes `type` optional, so the read-back holds the
 * email when some email on the server has that value, and still catches a server that drops it.
 */

const USER = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'alice@example.com' };

describe('an untyped email (Rauthy)', () => {
  const mapping = rauthyProfile.userMapping;

  it('is expected at emails.value, and a typed expectation is read there', () => {
    expect(mapping.emailType).toBeNull();
    expect(sentUserAttributes(alice(), mapping)).toMatchObject({ 'emails.value': 'alice@example.com' });
    expect(sentUserAttributes(alice(), mapping)).not.toHaveProperty(['emails[type eq "work"].value']);
    expect(pathAsSent(mapping, 'emails[type eq "work"].value')).toBe('emails.value');
    expect(pathAsSent(mapping, 'emails[type eq "work"]')).toBeUndefined();
  });

  it('is held when some email has the value, whatever its type and whatever else the server keeps', () => {
    const expected = { id: 'u1', attributes: { 'emails.value': 'Alice@Example.com' } };
    const emails = [
      { value: 'alice.home@example.com', type: 'home' },
      { value: 'alice@example.com', primary: true },
    ];
    expect(diffUser({ ...USER, emails }, expected)).toEqual([]);
    expect(diffUser({ ...USER, emails: [emails[0]] }, expected)[0]).toMatchObject({
      message: 'emails.value does not hold what the IdP sent',
    });
    expect(diffUser(USER, expected)[0]).toMatchObject({ actual: '(absent)' });
  });

  it('passes on the reference server under --idp rauthy, and fails on a server that drops emails', async () => {
    const loaded = await loadScenarioFile('scenarios/okta-group-push.yaml', 'scenarios/okta-group-push.yaml');
    const failures = async (service: ReferenceService): Promise<string[]> => {
      const executor = new Executor({ transport: createInProcessTransport(service), ledger: new RunLedger('untyped') });
      const result = await runSuite(planRun([loaded.scenario!], { idp: 'rauthy' }), {
        executor,
        target: { baseUrl: executor.baseUrl, embedded: true },
        runId: 'untyped',
        toolVersion: 'test',
        env: {},
      });
      return result.scenarios.flatMap((run) =>
        run.steps.flatMap((step) =>
          step.checks
            .filter((check) => check.status === 'failed' && check.level === 'error')
            .map((check) => `${check.id}: ${check.message ?? ''}`),
        ),
      );
    };
    expect(await failures(createReferenceService())).toEqual([]);
    const reference = createReferenceService();
    const dropping: ReferenceService = {
      ...reference,
      dispatch: async (request) => {
        if (request.method !== 'POST' || !/\/Users(\/|$|\?)/.test(request.target) || request.body === undefined)
          return reference.dispatch(request);
        const { emails: _dropped, ...body } = JSON.parse(request.body) as Record<string, unknown>;
        return reference.dispatch({ ...request, body: JSON.stringify(body) });
      },
    };
    expect(await failures(dropping)).toContainEqual('CREATE-201: emails.value does not hold what the IdP sent');
  });
});
