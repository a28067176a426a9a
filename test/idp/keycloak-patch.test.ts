import { describe, expect, it } from 'vitest';
import { keycloakPatchProfile } from '../../src/idp/keycloak-patch.js';
import { alice, BOB, CAROL, drive, eng, PATCH_URN } from './drive.js';

// Golden wire requests of the keycloak-scim plugin with user-patchOp and group-patchOp
// (pelotech fork; IDP-NOTES.md, Keycloak "Update style").

const actions = keycloakPatchProfile.actions;
const WRITE = { 'content-type': 'application/scim+json' };
// GroupAdapter.toPatchBuilder builds each member as {value} alone (no $ref, unlike the PUT body).
const memberOf = (id: string) => ({ value: id });

describe('keycloak-patch profile: exact requests', () => {
  it('updateUser: three fixed replace ops, active as a string; its mapping declares that nothing else is sent on update', () => {
    const { requests, outcome } = drive(keycloakPatchProfile, actions.updateUser(alice(), { familyName: 'Smith' }));
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Users/u-alice',
        headers: WRITE,
        body: {
          schemas: [PATCH_URN],
          Operations: [
            { op: 'replace', path: 'active', value: 'true' },
            { op: 'replace', path: 'userName', value: 'alice@example.com' },
            { op: 'replace', path: 'displayName', value: 'Alice Smith' },
          ],
        },
      },
    ]);
    expect(outcome.verifies).toBe('PATCH-REPLACE-COMPLEX');
    expect(keycloakPatchProfile.userMapping.updateSends).toEqual(['active', 'userName', 'displayName']);
  });

  it('deactivateUser: the same three ops with active "false"', () => {
    const { requests, outcome } = drive(keycloakPatchProfile, actions.deactivateUser(alice()));
    expect((requests[0]!.body as { Operations: unknown[] }).Operations[0]).toEqual({
      op: 'replace',
      path: 'active',
      value: 'false',
    });
    expect(outcome).toMatchObject({ verifies: 'PATCH-REPLACE-ACTIVE' });
  });

  it('addMembers / renameGroup: the whole member list replaced ({value} alone), with displayName and externalId', () => {
    const add = drive(keycloakPatchProfile, actions.addMembers(eng(), [CAROL])).requests;
    expect(add).toHaveLength(1);
    expect(add[0]).toMatchObject({ method: 'PATCH', path: '/Groups/g-eng', headers: WRITE });
    expect((add[0]!.body as { Operations: unknown[] }).Operations).toEqual([
      { op: 'replace', path: 'members', value: [memberOf('u-bob'), memberOf('u-carol')] },
      { op: 'replace', path: 'displayName', value: 'Engineering' },
      { op: 'replace', path: 'externalId', value: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    const rename = drive(keycloakPatchProfile, actions.renameGroup(eng(), 'Platform')).requests;
    expect((rename[0]!.body as { Operations: { path: string; value?: unknown }[] }).Operations[1]).toEqual({
      op: 'replace',
      path: 'displayName',
      value: 'Platform',
    });
  });

  it('removeMembers leaving the group empty: a path `members` remove instead of an empty replace', () => {
    const { requests } = drive(keycloakPatchProfile, actions.removeMembers(eng({ members: [BOB] }), [BOB]));
    expect((requests[0]!.body as { Operations: unknown[] }).Operations[0]).toEqual({ op: 'remove', path: 'members' });
  });

  it('creates, deletes and imports like the default keycloak profile', () => {
    expect(drive(keycloakPatchProfile, actions.deleteUser(alice())).requests).toEqual([
      { method: 'DELETE', path: '/Users/u-alice', headers: WRITE },
    ]);
    expect(
      drive(keycloakPatchProfile, actions.assignUser(alice({ id: undefined }))).requests.map(
        (request) => `${request.method} ${request.path}`,
      ),
    ).toEqual(['POST /Users']);
  });
});
