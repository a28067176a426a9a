import { describe, expect, it } from 'vitest';
import { pingProfile } from '../../src/idp/ping.js';
import { runMain } from '../support/run-main.js';
import { alice, BOB, CAROL, drive, eng, GROUP_URN, listOf, PATCH_URN, scripted, USER_URN } from './drive.js';

// Golden wire requests of the ping profile (PingFederate's SCIM Provisioner: "PATCH: Users No,
// Groups Yes", groups found by listing them all, users matched on userName, Remove User Action).

const SCIM = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };
const READ = { accept: 'application/scim+json' };
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });
const ALICE_BODY = {
  schemas: [USER_URN],
  userName: 'alice@example.com',
  name: { givenName: 'Alice', familyName: 'Doe' },
  emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
  displayName: 'Alice Doe',
  active: true,
};

describe('ping profile', () => {
  it('assignUser: looks the user up by userName eq, then POSTs the full user', () => {
    const { requests, outcome } = drive(pingProfile, pingProfile.actions.assignUser(alice({ id: undefined })));
    expect(requests).toEqual([
      { method: 'GET', path: '/Users', query: { filter: 'userName eq "alice@example.com"' }, headers: READ },
      { method: 'POST', path: '/Users', headers: SCIM, body: ALICE_BODY },
    ]);
    expect(outcome).toMatchObject({ userId: 'u-new', verifies: 'CREATE-201' });
  });

  it('assignUser of a user disabled in the datastore ("Provision disabled users"): POST with active false', () => {
    const { requests } = drive(pingProfile, pingProfile.actions.assignUser(alice({ id: undefined, active: false })));
    expect(requests[1]).toMatchObject({ method: 'POST', body: { active: false } });
  });

  it('assignUser that finds the user: links it with a PUT that re-enables it, never a POST', () => {
    const { requests, outcome } = drive(
      pingProfile,
      pingProfile.actions.assignUser(alice({ id: undefined, active: false })),
      scripted({ 0: listOf([{ id: 'u-old', userName: 'alice@example.com' }]) }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /Users', 'PUT /Users/u-old']);
    expect(requests[1]!.body).toEqual({ ...ALICE_BODY, id: 'u-old', active: true });
    expect(outcome.userId).toBe('u-old');
  });

  it('updateUser, deactivateUser, reactivateUser: a full PUT each, never a PATCH', () => {
    const update = drive(pingProfile, pingProfile.actions.updateUser(alice(), { familyName: 'Roe', title: 'CTO' }));
    expect(update.requests).toEqual([
      {
        method: 'PUT',
        path: '/Users/u-alice',
        headers: SCIM,
        body: {
          ...ALICE_BODY,
          id: 'u-alice',
          name: { givenName: 'Alice', familyName: 'Roe' },
          displayName: 'Alice Roe',
          title: 'CTO',
        },
      },
    ]);
    const off = drive(pingProfile, pingProfile.actions.deactivateUser(alice()));
    const on = drive(pingProfile, pingProfile.actions.reactivateUser(alice({ active: false })));
    expect([...off.requests, ...on.requests].map((request) => [request.method, (request.body as any).active])).toEqual([
      ['PUT', false],
      ['PUT', true],
    ]);
  });

  it('unassignUser disables (the default Remove User Action); deleteUser sends DELETE ("Delete")', () => {
    const unassign = drive(pingProfile, pingProfile.actions.unassignUser(alice()));
    expect(unassign.requests).toMatchObject([{ method: 'PUT', path: '/Users/u-alice', body: { active: false } }]);
    expect(unassign.outcome.userEffect).toBe('deactivated');
    const remove = drive(pingProfile, pingProfile.actions.deleteUser(alice()));
    expect(remove.requests).toMatchObject([{ method: 'DELETE', path: '/Users/u-alice' }]);
    expect(remove.outcome.userEffect).toBe('deleted');
  });

  it('pushGroup: lists every group (no filter) and reuses the one with the same displayName', () => {
    const { requests, outcome } = drive(
      pingProfile,
      pingProfile.actions.pushGroup(eng({ id: undefined, members: [] }), [BOB]),
      scripted({
        0: listOf([
          { id: 'g-other', displayName: 'Sales' },
          { id: 'g-found', displayName: 'Engineering' },
        ]),
      }),
    );
    expect(requests).toEqual([
      { method: 'GET', path: '/Groups', headers: READ },
      {
        method: 'PATCH',
        path: '/Groups/g-found',
        headers: SCIM,
        body: patch({ op: 'add', path: 'members', value: [{ value: 'u-bob' }] }),
      },
    ]);
    expect(outcome.groupId).toBe('g-found');
  });

  it('pushGroup of an unknown group: POST without members, then one PATCH add', () => {
    const { requests } = drive(
      pingProfile,
      pingProfile.actions.pushGroup(eng({ id: undefined, members: [] }), [BOB, CAROL]),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Groups',
      'POST /Groups',
      'PATCH /Groups/g-new',
    ]);
    expect(requests[1]!.body).toEqual({ schemas: [GROUP_URN], displayName: 'Engineering' });
    expect(requests[2]!.body).toEqual(
      patch({ op: 'add', path: 'members', value: [{ value: 'u-bob' }, { value: 'u-carol' }] }),
    );
  });

  it('a re-push sends the difference: add the new members and remove the ones gone, in one PATCH', () => {
    const { requests } = drive(pingProfile, pingProfile.actions.pushGroup(eng({ members: [BOB] }), [CAROL]));
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Groups/g-eng',
        headers: SCIM,
        body: patch(
          { op: 'add', path: 'members', value: [{ value: 'u-carol' }] },
          { op: 'remove', path: 'members[value eq "u-bob"]' },
        ),
      },
    ]);
  });

  it('removeMembers and renameGroup: PATCH on the group', () => {
    const remove = drive(pingProfile, pingProfile.actions.removeMembers(eng(), [BOB]));
    const rename = drive(pingProfile, pingProfile.actions.renameGroup(eng(), 'Platform'));
    expect([...remove.requests, ...rename.requests].map((request) => request.body)).toEqual([
      patch({ op: 'remove', path: 'members[value eq "u-bob"]' }),
      patch({ op: 'replace', path: 'displayName', value: 'Platform' }),
    ]);
  });

  it('sends no test-connection request and imports nothing: Ping documents neither', () => {
    for (const program of [
      pingProfile.actions.testConnection(),
      pingProfile.actions.importUsers(undefined),
      pingProfile.actions.importGroups(undefined),
    ]) {
      const { requests, outcome } = drive(pingProfile, program);
      expect(requests).toEqual([]);
      expect(outcome.skipped).toMatch(/Ping/);
    }
  });

  it('grades every quirk and documented operation with a citation, and keeps ids unique', () => {
    const ids = [...pingProfile.quirks!, ...pingProfile.documentedOperations!].map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of [...pingProfile.quirks!, ...pingProfile.documentedOperations!])
      if (entry.grade !== 'inferred') expect(entry.citations.length, entry.id).toBeGreaterThan(0);
    expect(pingProfile.quirks!.filter((quirk) => quirk.grade === 'inferred').length).toBeGreaterThan(0);
  });

  it.each(['scenarios/ping-user-lifecycle.yaml', 'scenarios/ping-group-push.yaml'])(
    'the built-in %s passes against the reference server',
    async (file) => {
      const run = await runMain(['run', file]);
      expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
      expect(run.stdout).toMatch(/1 passed/);
    },
    60_000,
  );
});
