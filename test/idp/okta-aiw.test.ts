import { describe, expect, it } from 'vitest';
import { oktaAiwProfile } from '../../src/idp/okta-aiw.js';
import { alice, BOB, CAROL, drive, eng, GROUP_URN } from './drive.js';

// Golden wire requests of an Okta AIW (custom) app: PUT for everything, users and groups
// (Okta's "Build a SCIM provisioning integration" guides; IDP-NOTES.md).

const actions = oktaAiwProfile.actions;
const WRITE = {
  'user-agent': 'Okta SCIM Client 1.0.0',
  accept: 'application/scim+json',
  'accept-charset': 'utf-8',
  'content-type': 'application/scim+json; charset=utf-8',
};

describe('okta-aiw profile: exact requests', () => {
  it('deactivateUser: GET then PUT with active:false (no PATCH)', () => {
    const { requests, outcome } = drive(oktaAiwProfile, actions.deactivateUser(alice()));
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Users/u-alice',
      'PUT /Users/u-alice',
    ]);
    expect(requests[1]!.body).toMatchObject({ id: 'u-alice', active: false });
    expect(outcome.verifies).toBe('INTEROP-OKTA-PUT-DEACTIVATE');
  });

  it('pushGroup: the displayName eq lookup, then POST with its members', () => {
    expect(drive(oktaAiwProfile, actions.pushGroup(eng({ id: undefined, members: [] }), [BOB])).requests).toEqual([
      {
        method: 'GET',
        path: '/Groups',
        query: { filter: 'displayName eq "Engineering"', startIndex: '1', count: '100' },
        headers: { 'user-agent': WRITE['user-agent'], accept: WRITE.accept, 'accept-charset': WRITE['accept-charset'] },
      },
      {
        method: 'POST',
        path: '/Groups',
        headers: WRITE,
        body: {
          schemas: [GROUP_URN],
          displayName: 'Engineering',
          members: [{ value: 'u-bob', display: 'bob@example.com' }],
        },
      },
    ]);
  });

  it("membership changes and renames: a PUT of the whole group, without id (the reference's AIW sample)", () => {
    expect(drive(oktaAiwProfile, actions.addMembers(eng(), [CAROL])).requests).toEqual([
      {
        method: 'PUT',
        path: '/Groups/g-eng',
        headers: WRITE,
        body: {
          schemas: [GROUP_URN],
          displayName: 'Engineering',
          members: [
            { value: 'u-bob', display: 'bob@example.com' },
            { value: 'u-carol', display: 'carol@example.com' },
          ],
        },
      },
    ]);
    expect(drive(oktaAiwProfile, actions.removeMembers(eng(), [BOB])).requests[0]!.body).toEqual({
      schemas: [GROUP_URN],
      displayName: 'Engineering',
      members: [],
    });
    expect(drive(oktaAiwProfile, actions.renameGroup(eng(), 'Platform')).requests[0]).toMatchObject({
      method: 'PUT',
      body: { displayName: 'Platform' },
    });
  });

  it('never sends PATCH', () => {
    const programs = [
      actions.deactivateUser(alice()),
      actions.reactivateUser(alice()),
      actions.unassignUser(alice()),
      actions.updateUser(alice(), { familyName: 'X' }),
      actions.addMembers(eng(), [CAROL]),
      actions.removeMembers(eng(), [BOB]),
      actions.renameGroup(eng(), 'P'),
      actions.pushGroup(eng(), [CAROL]),
    ];
    for (const program of programs)
      expect(drive(oktaAiwProfile, program).requests.map((request) => request.method)).not.toContain('PATCH');
  });
});
