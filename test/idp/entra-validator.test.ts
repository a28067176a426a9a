import { afterEach, describe, expect, it } from 'vitest';
import { catalogueRow, levelOf } from '../../src/checks/catalogue.js';
import { entraValidatorProfile } from '../../src/idp/entra-validator.js';
import { type DeviantServer, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { alice, BOB, CAROL, drive, ENTERPRISE_URN, eng, GROUP_URN, PATCH_URN, USER_URN } from './drive.js';

// Golden wire requests of the entra-validator profile: Microsoft's hosted SCIM Validator as the
// recorded run of 2026-02-10 shows it (kayasax/SCIMTool's validator report), plus user reports.

const WRITE = { 'content-type': 'application/scim+json; charset=utf-8' };
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });

let server: DeviantServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('entra-validator profile', () => {
  it('assignUser: POST with `schemas` last, then at once a userName filter for the new user', () => {
    const user = alice({ id: undefined, attributes: { title: 'CTO', [`${ENTERPRISE_URN}:manager.value`]: 'u-boss' } });
    const { requests, outcome } = drive(entraValidatorProfile, entraValidatorProfile.actions.assignUser(user));
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/Users',
        headers: WRITE,
        body: {
          userName: 'alice@example.com',
          active: true,
          emails: [{ type: 'work', value: 'alice@example.com', primary: true }],
          name: { givenName: 'Alice', familyName: 'Doe' },
          title: 'CTO',
          [ENTERPRISE_URN]: { manager: { value: 'u-boss' } },
          schemas: [USER_URN, ENTERPRISE_URN],
        },
      },
      { method: 'GET', path: '/Users', query: { filter: 'userName eq "alice@example.com"' }, headers: {} },
    ]);
    expect(Object.keys(requests[0]!.body as object).at(-1)).toBe('schemas');
    expect(outcome.userId).toBe('u-new');
  });

  it('updateUser: one lower-case replace per attribute, a first email as add, the manager removed with {"value":""}', () => {
    const { requests } = drive(
      entraValidatorProfile,
      entraValidatorProfile.actions.updateUser(alice({ email: undefined }), {
        userName: 'a2@example.com',
        email: 'a2@example.com',
        manager: '',
      }),
    );
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Users/u-alice',
        headers: WRITE,
        body: patch(
          { op: 'replace', path: 'userName', value: 'a2@example.com' },
          { op: 'add', path: 'emails', value: [{ type: 'work', value: 'a2@example.com', primary: true }] },
          { op: 'replace', path: `${ENTERPRISE_URN}:manager`, value: { value: '' } },
        ),
      },
    ]);
  });

  it('deactivateUser: Replace with "False", then a GET of the user', () => {
    const { requests } = drive(entraValidatorProfile, entraValidatorProfile.actions.deactivateUser(alice()));
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Users/u-alice',
        headers: WRITE,
        body: patch({ op: 'Replace', path: 'active', value: 'False' }),
      },
      { method: 'GET', path: '/Users/u-alice', headers: {} },
    ]);
  });

  it('deleteUser and deleteGroup: DELETE, then a GET that expects 404', () => {
    const user = drive(entraValidatorProfile, entraValidatorProfile.actions.deleteUser(alice()));
    const group = drive(entraValidatorProfile, entraValidatorProfile.actions.deleteGroup(eng()));
    expect([...user.requests, ...group.requests].map((request) => `${request.method} ${request.path}`)).toEqual([
      'DELETE /Users/u-alice',
      'GET /Users/u-alice',
      'DELETE /Groups/g-eng',
      'GET /Groups/g-eng',
    ]);
    expect(user.outcome.userEffect).toBe('deleted');
  });

  it('pushGroup: POST {displayName, externalId, schemas}, a filter excluding members, then replace on members', () => {
    const { requests } = drive(
      entraValidatorProfile,
      entraValidatorProfile.actions.pushGroup(eng({ id: undefined, members: [], externalId: 'ext-1' }), [BOB]),
    );
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/Groups',
        headers: WRITE,
        body: { displayName: 'Engineering', externalId: 'ext-1', schemas: [GROUP_URN] },
      },
      {
        method: 'GET',
        path: '/Groups',
        query: { excludedAttributes: 'members', filter: 'displayName eq "Engineering"' },
        headers: {},
      },
      {
        method: 'PATCH',
        path: '/Groups/g-new',
        headers: WRITE,
        body: patch({ op: 'replace', path: 'members', value: [{ value: 'u-bob' }] }),
      },
    ]);
  });

  it('addMembers, removeMembers, renameGroup: replace members, remove members[value eq], path-less replace', () => {
    const add = drive(
      entraValidatorProfile,
      entraValidatorProfile.actions.addMembers(eng({ members: [BOB] }), [CAROL]),
    );
    const remove = drive(entraValidatorProfile, entraValidatorProfile.actions.removeMembers(eng(), [BOB]));
    const rename = drive(entraValidatorProfile, entraValidatorProfile.actions.renameGroup(eng(), 'Platform'));
    expect([...add.requests, ...remove.requests, ...rename.requests].map((request) => request.body)).toEqual([
      patch({ op: 'replace', path: 'members', value: [{ value: 'u-bob' }, { value: 'u-carol' }] }),
      patch({ op: 'remove', path: 'members[value eq "u-bob"]' }),
      patch({ op: 'replace', value: { displayName: 'Platform' } }),
    ]);
  });

  it('grades its quirks: observed ones carry a date, disagreements are spelled out', () => {
    const quirks = entraValidatorProfile.quirks!;
    for (const quirk of quirks.filter((entry) => entry.grade === 'observed'))
      expect(quirk.observedOn, quirk.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(quirks.find((quirk) => quirk.id === 'entra-validator.manager-string')).toMatchObject({ grade: 'inferred' });
    expect(quirks.find((quirk) => quirk.id === 'entra-validator.members-replace')?.disagreement).toMatch(/partial/);
    expect(entraValidatorProfile.documentedOperations!.some((operation) => operation.grade === 'documented')).toBe(
      false,
    );
  });
});

describe('INTEROP-PATCH-200-BODY belongs to the validator, not to the Entra engine', () => {
  it('is a note under entra-validator while the habit is inferred, and under entra and entra-compliant', () => {
    const row = catalogueRow('INTEROP-PATCH-200-BODY');
    expect(levelOf(row, 'entra-validator')).toBe('info');
    expect(levelOf(row, 'entra')).toBe('info');
    expect(levelOf(row, 'entra-compliant')).toBe('info');
  });

  it("follows the quirk's evidence: a note exactly while the habit is inferred, its disagreement in the row", () => {
    const quirk = entraValidatorProfile.quirks.find((entry) => entry.id === 'entra-validator.patch-200-body')!;
    const row = catalogueRow('INTEROP-PATCH-200-BODY');
    // Grading the quirk observed (a recording of the validator refusing 204) must raise the row to an error.
    expect(levelOf(row, 'entra-validator')).toBe(quirk.grade === 'inferred' ? 'info' : 'error');
    expect(quirk.disagreement).toMatch(/No public report shows the validator refusing a 204/);
    expect(row.requirement).toMatch(/no public report shows the validator refusing a 204/);
    expect(row.requirement).toMatch(/empty body/);
  });

  it('a server answering PATCH with 204 gets a note on that row in the validator group flow, and nothing else', async () => {
    server = await startDeviantServer(['patch-204']);
    const run = await runMain(
      ['run', 'scenarios/entra-validator-group-push.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
      { env: { SCIM_CHECK_TOKEN: server.token } },
    );
    const checks = JSON.parse(run.stdout).scenarios.flatMap((scenario: any) =>
      scenario.steps.flatMap((step: any) => step.checks),
    );
    const failed = checks.filter((check: any) => check.status === 'failed');
    // A note: 204 is compliant, and the validator refusing it is inferred (quirk entra-validator.patch-200-body).
    expect(failed.map((check: any) => `${check.id} ${check.level}`)).toContain('INTEROP-PATCH-200-BODY info');
    expect(failed.filter((check: any) => check.level !== 'info')).toEqual([]);
    expect(run.code).toBe(0);
  }, 60_000);
});

describe('the built-in validator scenarios', () => {
  it.each(['scenarios/entra-validator-user-lifecycle.yaml', 'scenarios/entra-validator-group-push.yaml'])(
    '%s passes against the reference server',
    async (file) => {
      const run = await runMain(['run', file]);
      expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
      expect(run.stdout).toMatch(/1 passed/);
    },
    60_000,
  );
});
