import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run-suite.js';
import { Executor } from '../../src/executor/executor.js';
import { createInProcessTransport } from '../../src/executor/in-process-transport.js';
import { RunLedger } from '../../src/executor/ledger.js';
import { keycloakSuveraProfile as suvera } from '../../src/idp/keycloak-suvera.js';
import { planRun } from '../../src/plan/plan.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { createReferenceService } from '../../src/server/index.js';
import { alice, drive, eng, GROUP_URN, scripted, USER_URN } from './drive.js';

/*
 * suvera/keycloak-scim2-storage on master: ScimClient2.java builds the bodies, suvera/scim2-sdk
 * (OkHttp, Jackson NON_EMPTY/NON_NULL) sends them. Each expectation names the method it follows.
 */

describe('keycloak-suvera requests', () => {
  it('testConnection: the SDK reads ServiceProviderConfig, ResourceTypes and Schemas (Scim2ClientImpl.init)', () => {
    const { requests } = drive(suvera, suvera.actions.testConnection());
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /ServiceProviderConfig',
      'GET /ResourceTypes',
      'GET /Schemas',
    ]);
    // X-Requested-With and OkHttp's User-Agent on every request, no Accept (Scim2ClientImpl.doRequest).
    expect(requests[0]!.headers).toMatchObject({
      'x-requested-with': 'SuVeRa SCIM 2.0 Client 1.0.0',
      'user-agent': 'okhttp/4.12.0',
    });
    expect(requests[0]!.headers).not.toHaveProperty('accept');
  });

  it('assignUser: one POST with externalId, meta, a work email and roles (createUser, buildScimUser); none for a user already synced', () => {
    const { requests, outcome } = drive(suvera, suvera.actions.assignUser(alice({ id: undefined })));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/Users' });
    expect(requests[0]!.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    expect(requests[0]!.body).toEqual({
      externalId: expect.any(String),
      meta: { resourceType: 'User' },
      schemas: [USER_URN],
      userName: 'alice@example.com',
      name: { familyName: 'Doe', givenName: 'Alice' },
      displayName: 'Alice Doe',
      active: true,
      emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
      roles: [{ value: expect.any(String), display: 'default-roles-scim', type: 'direct', primary: false }],
    });
    expect(outcome).toMatchObject({ userId: 'u-new', verifies: 'CREATE-201' });
    expect(drive(suvera, suvera.actions.assignUser(alice())).requests).toEqual([]);
  });

  it("updateUser: GET /Users/{id} with no query, then a PUT of the record read with Keycloak's data over it", () => {
    const read = {
      schemas: [USER_URN],
      id: 'u-alice',
      userName: 'alice@example.com',
      name: { givenName: 'Alice', familyName: 'Doe', middleName: 'Q' },
      profileUrl: 'https://example.com/alice',
      phoneNumbers: [{ value: '+1 555 0100' }],
      active: true,
      meta: { resourceType: 'User', version: 'W/"3"' },
    };
    const { requests } = drive(
      suvera,
      suvera.actions.updateUser(alice({ email: undefined }), { familyName: 'Smith' }),
      scripted({ 0: { status: 200, json: read } }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Users/u-alice',
      'PUT /Users/u-alice',
    ]);
    expect(requests[0]!.query).toBeUndefined();
    const body = requests[1]!.body as Record<string, unknown>;
    // id, meta and what Keycloak does not map (profileUrl) go back as read; name is rebuilt (no
    // middleName); lists Keycloak has none of (phoneNumbers, emails) are dropped.
    expect(body).toMatchObject({ id: 'u-alice', meta: read.meta, profileUrl: read.profileUrl });
    expect(body.name).toEqual({ familyName: 'Smith', givenName: 'Alice' });
    expect(body).not.toHaveProperty('phoneNumbers');
    expect(body).not.toHaveProperty('emails');
  });

  it('a user read back with an extension schema cannot be mapped by the SDK: no PUT', () => {
    const { requests, outcome } = drive(
      suvera,
      suvera.actions.deactivateUser(alice()),
      scripted({
        0: { status: 200, json: { id: 'u-alice', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {} } },
      }),
    );
    expect(requests).toHaveLength(1);
    expect(outcome.failed).toMatch(/UserRecord cannot read/);
  });

  it('deleteUser and unassignUser send nothing (removeUser returns early for a provisioned user)', () => {
    for (const action of [suvera.actions.deleteUser(alice()), suvera.actions.unassignUser(alice())]) {
      const { requests, outcome } = drive(suvera, action);
      expect(requests).toEqual([]);
      expect(outcome.skipped).toMatch(/removeUser returns early/);
    }
  });

  it('pushGroup: POST with displayName only, and the members are declared unsent', () => {
    const { requests, outcome } = drive(suvera, suvera.actions.pushGroup(eng({ id: undefined }), [alice() as never]));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toEqual({
      meta: { resourceType: 'Group' },
      schemas: [GROUP_URN],
      displayName: 'Engineering',
    });
    expect(outcome.groupNotSent?.members).toMatch(/readOnly/);
  });

  it('renameGroup: GET, then a PUT of the group exactly as read; the new name is declared unsent', () => {
    const { requests, outcome } = drive(suvera, suvera.actions.renameGroup(eng(), 'Platform'));
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Groups/g-eng',
      'PUT /Groups/g-eng',
    ]);
    expect(requests[1]!.body).toEqual({
      schemas: [GROUP_URN],
      id: 'g-eng',
      displayName: 'Engineering',
      members: [{ value: 'u-bob' }],
    });
    expect(outcome.groupNotSent?.displayName).toMatch(/old name/);
  });
});

describe('keycloak-suvera against the reference server', () => {
  it('the group scenario passes, the server keeps the old name and no members, and expectState says what it did not judge', async () => {
    const file = 'scenarios/keycloak-suvera-group-push.yaml';
    const loaded = await loadScenarioFile(file, file);
    const service = createReferenceService();
    const executor = new Executor({ transport: createInProcessTransport(service), ledger: new RunLedger('suvera') });
    const result = await runSuite(planRun([loaded.scenario!], { idp: 'keycloak-suvera' }), {
      executor,
      target: { baseUrl: executor.baseUrl, embedded: true },
      runId: 'suvera',
      toolVersion: 'test',
      env: {},
    });
    const steps = result.scenarios[0]!.steps;
    const failed = steps.flatMap((step) =>
      step.checks.filter((check) => check.status === 'failed' && check.level !== 'info').map((check) => check.id),
    );
    expect(failed).toEqual([]);
    // The rename's read-back: the group still has its old name and no members, as the IdP sent it.
    const renamed = steps.find((step) => step.action === 'renameGroup')!;
    const readBack = JSON.parse(renamed.exchanges.at(-1)!.response!.body) as Record<string, unknown>;
    expect(readBack.displayName).toMatch(/^Operations /);
    expect(readBack.members ?? []).toEqual([]);
    const expectation = steps.flatMap((step) => step.checks).find((check) => check.title?.startsWith('expectState'));
    expect(expectation?.title).toMatch(/not judged: members .*; displayName .*, which keycloak-suvera does not send/);
  });
});
