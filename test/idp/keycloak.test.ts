import { describe, expect, it } from 'vitest';
import { keycloakProfile } from '../../src/idp/keycloak.js';
import { alice, BOB, CAROL, drive, eng, GROUP_URN, USER_URN } from './drive.js';

// Golden wire requests of the keycloak-scim plugin, written from pelotech/keycloak-scim's
// UserAdapter.toSCIM / GroupAdapter.toSCIM and ScimClient (create / replace / delete). Both forks
// build create and replace bodies with toSCIM(false): the SCIM id on a PUT, never meta.

const actions = keycloakProfile.actions;
const WRITE = { 'content-type': 'application/scim+json' };

describe('keycloak profile: exact requests', () => {
  it('sends no Accept header, and Content-Type application/scim+json', () => {
    expect(keycloakProfile.headers).toEqual({ 'content-type': 'application/scim+json' });
  });

  it('testConnection: none', () => {
    const { requests, outcome } = drive(keycloakProfile, actions.testConnection());
    expect(requests).toEqual([]);
    expect(outcome.skipped).toBeDefined();
  });

  it('assignUser: a POST with no lookup, Keycloak id as externalId, a primary work email, roles []', () => {
    const { requests } = drive(keycloakProfile, actions.assignUser(alice({ id: undefined })));
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/Users',
        headers: WRITE,
        body: {
          schemas: [USER_URN],
          externalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          userName: 'alice@example.com',
          displayName: 'Alice Doe',
          name: { givenName: 'Alice', familyName: 'Doe' },
          emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
          active: true,
          roles: [],
        },
      },
    ]);
  });

  it('updateUser / deactivateUser: a full PUT with the SCIM id and no meta, no GET first', () => {
    const update = drive(keycloakProfile, actions.updateUser(alice(), { familyName: 'Smith' })).requests;
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ method: 'PUT', path: '/Users/u-alice', headers: WRITE });
    expect(update[0]!.body).toMatchObject({
      id: 'u-alice',
      displayName: 'Alice Smith',
      name: { familyName: 'Smith' },
      active: true,
    });
    expect(update[0]!.body).not.toHaveProperty('meta');
    const disable = drive(keycloakProfile, actions.deactivateUser(alice())).requests;
    expect(disable.map((request) => `${request.method} ${request.path}`)).toEqual(['PUT /Users/u-alice']);
    expect(disable[0]!.body).toMatchObject({ active: false });
  });

  it('deleteUser: DELETE', () => {
    expect(drive(keycloakProfile, actions.deleteUser(alice())).requests).toEqual([
      { method: 'DELETE', path: '/Users/u-alice', headers: WRITE },
    ]);
  });

  it('pushGroup: POST with the members, each {value, $ref: "Users/<id>"}', () => {
    const { requests } = drive(keycloakProfile, actions.pushGroup(eng({ id: undefined, members: [] }), [BOB]));
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/Groups',
        headers: WRITE,
        body: {
          schemas: [GROUP_URN],
          externalId: expect.any(String),
          displayName: 'Engineering',
          members: [{ value: 'u-bob', $ref: 'Users/u-bob' }],
        },
      },
    ]);
  });

  it('addMembers / removeMembers / renameGroup: a PUT of the whole group', () => {
    const added = drive(keycloakProfile, actions.addMembers(eng(), [CAROL])).requests;
    expect(added).toEqual([
      {
        method: 'PUT',
        path: '/Groups/g-eng',
        headers: WRITE,
        body: {
          schemas: [GROUP_URN],
          id: 'g-eng',
          externalId: expect.any(String),
          displayName: 'Engineering',
          members: [
            { value: 'u-bob', $ref: 'Users/u-bob' },
            { value: 'u-carol', $ref: 'Users/u-carol' },
          ],
        },
      },
    ]);
    const removed = drive(keycloakProfile, actions.removeMembers(eng(), [BOB])).requests[0]!.body as Record<
      string,
      unknown
    >;
    expect(removed.members).toBeUndefined();
    expect(drive(keycloakProfile, actions.renameGroup(eng(), 'Platform')).requests[0]!.body).toMatchObject({
      displayName: 'Platform',
      members: [{ value: 'u-bob' }],
    });
  });

  it('importUsers: one un-paged GET /Users', () => {
    expect(drive(keycloakProfile, actions.importUsers(undefined)).requests).toEqual([
      { method: 'GET', path: '/Users', headers: {} },
    ]);
  });
});
