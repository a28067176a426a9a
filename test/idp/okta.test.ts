import { describe, expect, it } from 'vitest';
import { oktaProfile } from '../../src/idp/okta.js';
import { alice, BOB, CAROL, drive, eng, GROUP_URN, listOf, PATCH_URN, scripted, USER_URN } from './drive.js';

// Golden wire requests of the Okta OIN template app, written from the Okta SCIM 2.0 reference
// (developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20) and IDP-NOTES.md. Any change to
// what goes on the wire shows up here in review.

const actions = oktaProfile.actions;
const READ = { 'user-agent': 'Okta SCIM Client 1.0.0', accept: 'application/scim+json', 'accept-charset': 'utf-8' };
const WRITE = { ...READ, 'content-type': 'application/scim+json; charset=utf-8' };

describe('okta profile: exact requests', () => {
  it('testConnection: GET /Users?startIndex=1&count=2, then GET /Groups?startIndex=1&count=100 (SCIM 1.1 reference)', () => {
    expect(drive(oktaProfile, actions.testConnection()).requests).toEqual([
      { method: 'GET', path: '/Users', query: { startIndex: '1', count: '2' }, headers: READ },
      { method: 'GET', path: '/Groups', query: { startIndex: '1', count: '100' }, headers: READ },
    ]);
  });

  it("assignUser: userName eq lookup, then POST with the reference sample's keys in its order (locale, password, groups [])", () => {
    const { requests, outcome } = drive(oktaProfile, actions.assignUser(alice({ id: undefined })));
    expect(requests[0]).toEqual({
      method: 'GET',
      path: '/Users',
      query: { filter: 'userName eq "alice@example.com"', startIndex: '1', count: '100' },
      headers: READ,
    });
    expect(requests[1]).toEqual({
      method: 'POST',
      path: '/Users',
      headers: WRITE,
      body: {
        schemas: [USER_URN],
        userName: 'alice@example.com',
        name: { givenName: 'Alice', familyName: 'Doe' },
        emails: [{ primary: true, value: 'alice@example.com', type: 'work' }],
        displayName: 'Alice Doe',
        locale: 'en-US',
        externalId: expect.stringMatching(/^00u/),
        groups: [],
        password: expect.any(String),
        active: true,
      },
    });
    // Key order as in the sample (JSON equality ignores it; a byte-level replay would not).
    expect(Object.keys(requests[1]!.body as object)).toEqual([
      'schemas',
      'userName',
      'name',
      'emails',
      'displayName',
      'locale',
      'externalId',
      'groups',
      'password',
      'active',
    ]);
    expect(Object.keys((requests[1]!.body as { emails: object[] }).emails[0]!)).toEqual(['primary', 'value', 'type']);
    expect(requests).toHaveLength(2);
    expect(outcome).toEqual({ userId: 'u-new', verifies: 'CREATE-201' });
  });

  it('assignUser of a deactivated user found by the lookup: PATCH active:true, then GET + PUT', () => {
    const found = { schemas: [USER_URN], id: 'u-alice', userName: 'alice@example.com', active: false };
    const { requests, outcome } = drive(
      oktaProfile,
      actions.assignUser(alice({ id: undefined })),
      scripted({ 0: listOf([found]) }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Users',
      'PATCH /Users/u-alice',
      'GET /Users/u-alice',
      'PUT /Users/u-alice',
    ]);
    expect(requests[1]!.body).toEqual({
      schemas: [PATCH_URN],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(requests[3]!.body).toMatchObject({ id: 'u-alice', name: { givenName: 'Alice', familyName: 'Doe' } });
    expect(outcome).toMatchObject({ userId: 'u-alice', verifies: 'PATCH-REPLACE-ACTIVE' });
  });

  it("updateUser: GET, then PUT of Okta's app profile with the change (not the server's answer echoed)", () => {
    // The server's answer carries meta and an attribute Okta does not map: neither goes back.
    const answer = {
      status: 200,
      json: {
        schemas: [USER_URN],
        id: 'u-alice',
        userName: 'alice@example.com',
        nickName: 'set by the app',
        active: true,
        meta: { resourceType: 'User', created: '2026-01-01T00:00:00Z' },
      },
    };
    const { requests } = drive(
      oktaProfile,
      actions.updateUser(alice(), { familyName: 'Smith' }),
      scripted({ 0: answer }),
    );
    expect(requests[0]).toEqual({ method: 'GET', path: '/Users/u-alice', headers: READ });
    expect(requests[1]).toEqual({
      method: 'PUT',
      path: '/Users/u-alice',
      headers: WRITE,
      body: {
        schemas: [USER_URN],
        id: 'u-alice',
        userName: 'alice@example.com',
        name: { givenName: 'Alice', familyName: 'Smith' },
        emails: [{ primary: true, value: 'alice@example.com', type: 'work' }],
        displayName: 'Alice Smith',
        locale: 'en-US',
        externalId: expect.stringMatching(/^00u/),
        groups: [],
        active: true,
      },
    });
  });

  it('updateUser: a failed GET stops before the PUT', () => {
    const { requests, outcome } = drive(
      oktaProfile,
      actions.updateUser(alice(), { familyName: 'Smith' }),
      scripted({ 0: { status: 404 } }),
    );
    expect(requests).toHaveLength(1);
    expect(outcome.failed).toMatch(/GET \/Users\/u-alice failed \(404\)/);
  });

  it('deactivateUser / reactivateUser / unassignUser: path-less replace with an object value', () => {
    for (const [program, active] of [
      [actions.deactivateUser(alice()), false],
      [actions.reactivateUser(alice()), true],
      [actions.unassignUser(alice()), false],
    ] as const) {
      expect(drive(oktaProfile, program).requests).toEqual([
        {
          method: 'PATCH',
          path: '/Users/u-alice',
          headers: WRITE,
          body: { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { active } }] },
        },
      ]);
    }
    expect(drive(oktaProfile, actions.unassignUser(alice())).outcome.userEffect).toBe('deactivated');
  });

  it('deleteUser: never sent', () => {
    const { requests, outcome } = drive(oktaProfile, actions.deleteUser(alice()));
    expect(requests).toEqual([]);
    expect(outcome.skipped).toMatch(/never sends DELETE/);
  });

  it('pushGroup: displayName eq lookup, POST with members [], then the rename PATCH and the membership PATCH', () => {
    const { requests } = drive(oktaProfile, actions.pushGroup(eng({ id: undefined, members: [] }), [BOB]));
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/Groups',
        query: { filter: 'displayName eq "Engineering"', startIndex: '1', count: '100' },
        headers: READ,
      },
      {
        method: 'POST',
        path: '/Groups',
        headers: WRITE,
        body: { schemas: [GROUP_URN], displayName: 'Engineering', members: [] },
      },
      {
        method: 'PATCH',
        path: '/Groups/g-new',
        headers: WRITE,
        body: {
          schemas: [PATCH_URN],
          Operations: [{ op: 'replace', value: { id: 'g-new', displayName: 'Engineering' } }],
        },
      },
      {
        method: 'PATCH',
        path: '/Groups/g-new',
        headers: WRITE,
        body: {
          schemas: [PATCH_URN],
          Operations: [{ op: 'add', path: 'members', value: [{ value: 'u-bob', display: 'bob@example.com' }] }],
        },
      },
    ]);
  });

  it('pushGroup of a group the lookup finds: linked, then the full push (no POST)', () => {
    const found = { schemas: [GROUP_URN], id: 'g-app', displayName: 'Engineering' };
    const { requests, outcome } = drive(
      oktaProfile,
      actions.pushGroup(eng({ id: undefined, members: [] }), [BOB]),
      scripted({ 0: listOf([found]) }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Groups',
      'PATCH /Groups/g-app',
      'PATCH /Groups/g-app',
    ]);
    expect(requests[2]!.body).toEqual({
      schemas: [PATCH_URN],
      Operations: [{ op: 'replace', path: 'members', value: [{ value: 'u-bob', display: 'bob@example.com' }] }],
    });
    expect(outcome).toEqual({ groupId: 'g-app', verifies: 'PATCH-MEMBERS-REPLACE' });
  });

  it('pushGroup of an empty group: the lookup and the POST only', () => {
    const { requests, outcome } = drive(oktaProfile, actions.pushGroup(eng({ id: undefined, members: [] }), []));
    expect(requests.map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(outcome).toEqual({ groupId: 'g-new', verifies: 'GROUP-CREATE' });
  });

  it('pushGroup of a pushed group whose membership changed: the rename, then one PATCH removing and adding', () => {
    const { requests, outcome } = drive(oktaProfile, actions.pushGroup(eng(), [CAROL]));
    expect(requests.map((request) => request.body)).toEqual([
      { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { id: 'g-eng', displayName: 'Engineering' } }] },
      {
        schemas: [PATCH_URN],
        Operations: [
          { op: 'remove', path: 'members[value eq "u-bob"]' },
          { op: 'add', path: 'members', value: [{ value: 'u-carol', display: 'carol@example.com' }] },
        ],
      },
    ]);
    expect(outcome).toEqual({ groupId: 'g-eng', verifies: 'PATCH-MEMBERS-REMOVE' });
  });

  it('pushGroup of a pushed group with nothing changed ("Push now"): full push, the rename re-sent and replace on members', () => {
    const { requests, outcome } = drive(oktaProfile, actions.pushGroup(eng(), [BOB]));
    expect(requests.map((request) => request.body)).toEqual([
      { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { id: 'g-eng', displayName: 'Engineering' } }] },
      {
        schemas: [PATCH_URN],
        Operations: [{ op: 'replace', path: 'members', value: [{ value: 'u-bob', display: 'bob@example.com' }] }],
      },
    ]);
    expect(outcome.verifies).toBe('PATCH-MEMBERS-REPLACE');
  });

  it('removeMembers: the rename PATCH, then remove with a members[value eq] filter', () => {
    const { requests } = drive(oktaProfile, actions.removeMembers(eng(), [BOB]));
    expect(requests[1]!.body).toEqual({
      schemas: [PATCH_URN],
      Operations: [{ op: 'remove', path: 'members[value eq "u-bob"]' }],
    });
    expect(requests[0]!.body).toEqual({
      schemas: [PATCH_URN],
      Operations: [{ op: 'replace', value: { id: 'g-eng', displayName: 'Engineering' } }],
    });
  });

  it('renameGroup: path-less replace with {id, displayName}', () => {
    expect(drive(oktaProfile, actions.renameGroup(eng(), 'Platform')).requests).toEqual([
      {
        method: 'PATCH',
        path: '/Groups/g-eng',
        headers: WRITE,
        body: {
          schemas: [PATCH_URN],
          Operations: [{ op: 'replace', value: { id: 'g-eng', displayName: 'Platform' } }],
        },
      },
    ]);
  });

  it('unlinkGroup: DELETE only with "Delete the group in the target app"', () => {
    expect(drive(oktaProfile, actions.unlinkGroup(eng(), false)).requests).toEqual([]);
    expect(drive(oktaProfile, actions.unlinkGroup(eng(), true)).requests).toEqual([
      { method: 'DELETE', path: '/Groups/g-eng', headers: WRITE },
    ]);
  });

  it('importUsers: pages advance by the requested count', () => {
    const page = (ids: string[], total: number) => ({
      status: 200,
      json: { totalResults: total, Resources: ids.map((id) => ({ id })) },
    });
    const { requests, outcome } = drive(
      oktaProfile,
      actions.importUsers(2),
      scripted({ 0: page(['a', 'b'], 3), 1: page(['c'], 3) }),
    );
    expect(requests.map((request) => request.query)).toEqual([
      { startIndex: '1', count: '2' },
      { startIndex: '3', count: '2' },
    ]);
    expect(outcome.imported?.map((resource) => resource.id)).toEqual(['a', 'b', 'c']);
  });
});
