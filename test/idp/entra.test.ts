import { describe, expect, it } from 'vitest';
import { entraLegacyProfile } from '../../src/idp/entra.js';
import {
  alice,
  BOB,
  CAROL,
  drive,
  ENTERPRISE_URN,
  eng,
  GROUP_URN,
  listOf,
  PATCH_URN,
  scripted,
  USER_URN,
} from './drive.js';

// Golden wire requests of Microsoft Entra ID, written from the samples of "Tutorial: Develop and
// plan provisioning for a SCIM endpoint" and the known-issues page (default mode vs aadOptscim062020).

const ADSCIM = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const READ = {};
const WRITE = { 'content-type': 'application/scim+json' };
const legacy = entraLegacyProfile.actions;
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });

describe('entra profile (default SCIM job): exact requests', () => {
  it('testConnection: a userName eq lookup of a random GUID, no paging', () => {
    expect(drive(entraLegacyProfile, legacy.testConnection()).requests).toEqual([
      {
        method: 'GET',
        path: '/Users',
        query: { filter: expect.stringMatching(/^userName eq "[0-9a-f-]{36}"$/) },
        headers: READ,
      },
    ]);
  });

  it("assignUser: lookup by userName, then the tutorial's create body", () => {
    const { requests } = drive(entraLegacyProfile, legacy.assignUser(alice({ id: undefined })));
    expect(requests).toEqual([
      { method: 'GET', path: '/Users', query: { filter: 'userName eq "alice@example.com"' }, headers: READ },
      {
        method: 'POST',
        path: '/Users',
        headers: WRITE,
        body: {
          schemas: [USER_URN, ENTERPRISE_URN],
          externalId: 'alice',
          userName: 'alice@example.com',
          active: true,
          emails: [{ primary: true, type: 'work', value: 'alice@example.com' }],
          meta: { resourceType: 'User' },
          name: { formatted: 'Alice Doe', familyName: 'Doe', givenName: 'Alice' },
          roles: [],
        },
      },
    ]);
  });

  it('assignUser of a soft-deleted user found by the lookup: Replace active "True"', () => {
    const found = {
      id: 'u-alice',
      userName: 'alice@example.com',
      active: false,
      name: { givenName: 'Alice', familyName: 'Doe' },
      emails: [{ type: 'work', value: 'alice@example.com' }],
    };
    const { requests } = drive(
      entraLegacyProfile,
      legacy.assignUser(alice({ id: undefined })),
      scripted({ 0: listOf([found]) }),
    );
    expect(requests[1]).toEqual({
      method: 'PATCH',
      path: '/Users/u-alice',
      headers: WRITE,
      body: patch({ op: 'Replace', path: 'active', value: 'True' }),
    });
  });

  it('updateUser: one capitalised op per attribute with a path; Add for a new value; the manager by reference', () => {
    const { requests } = drive(
      entraLegacyProfile,
      legacy.updateUser(alice({ email: undefined }), {
        familyName: 'Smith',
        email: 'a.smith@example.com',
        manager: 'u-bob',
      }),
    );
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Users/u-alice',
        headers: WRITE,
        body: patch(
          { op: 'Replace', path: 'name.familyName', value: 'Smith' },
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'a.smith@example.com' },
          { op: 'Add', path: 'manager', value: [{ $ref: null, value: 'u-bob' }] },
        ),
      },
    ]);
  });

  it('updateUser: a new userName is a Replace on path userName, never an Add (tutorial, "Single-valued properties")', () => {
    const { requests, outcome } = drive(entraLegacyProfile, legacy.updateUser(alice(), { userName: 'al@example.com' }));
    expect(requests[0]!.body).toEqual(patch({ op: 'Replace', path: 'userName', value: 'al@example.com' }));
    expect(outcome.verifies).toBe('PATCH-REPLACE-COMPLEX');
  });

  it('updateUser: several attributes in one PATCH, one op each, as the known-issues sample (Add where the user had no value)', () => {
    const { requests, outcome } = drive(
      entraLegacyProfile,
      legacy.updateUser(alice(), {
        displayName: 'Al Smith',
        givenName: 'Al',
        [`${ENTERPRISE_URN}:employeeNumber`]: '7',
      }),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toEqual(
      patch(
        { op: 'Add', path: 'displayName', value: 'Al Smith' },
        { op: 'Replace', path: 'name.givenName', value: 'Al' },
        { op: 'Add', path: `${ENTERPRISE_URN}:employeeNumber`, value: '7' },
      ),
    );
    expect(drive(entraLegacyProfile, legacy.updateUser(alice(), { nickName: 'Babs' })).outcome.verifies).toBe(
      'PATCH-ADD',
    );
    expect(outcome.verifies).toBe('PATCH-REPLACE-COMPLEX');
  });

  it('deactivateUser / unassignUser: Replace active with the string "False"; reactivate with "True"', () => {
    expect(drive(entraLegacyProfile, legacy.deactivateUser(alice())).requests[0]!.body).toEqual(
      patch({ op: 'Replace', path: 'active', value: 'False' }),
    );
    expect(drive(entraLegacyProfile, legacy.unassignUser(alice())).requests[0]!.body).toEqual(
      patch({ op: 'Replace', path: 'active', value: 'False' }),
    );
    expect(drive(entraLegacyProfile, legacy.reactivateUser(alice())).requests[0]!.body).toEqual(
      patch({ op: 'Replace', path: 'active', value: 'True' }),
    );
    expect(drive(entraLegacyProfile, legacy.deactivateUser(alice())).outcome.verifies).toBe('INTEROP-BOOLEAN-STRINGS');
  });

  it('deleteUser: DELETE (hard delete)', () => {
    expect(drive(entraLegacyProfile, legacy.deleteUser(alice())).requests).toEqual([
      { method: 'DELETE', path: '/Users/u-alice', headers: WRITE },
    ]);
  });

  it('pushGroup: lookup with excludedAttributes=members, POST with the ADSCIM schema and no members, then Add members', () => {
    const { requests } = drive(
      entraLegacyProfile,
      legacy.pushGroup(eng({ id: undefined, members: [], externalId: 'ext-eng' }), [BOB]),
    );
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/Groups',
        query: { excludedAttributes: 'members', filter: 'displayName eq "Engineering"' },
        headers: READ,
      },
      {
        method: 'POST',
        path: '/Groups',
        headers: WRITE,
        body: {
          schemas: [GROUP_URN, ADSCIM],
          externalId: 'ext-eng',
          displayName: 'Engineering',
          meta: { resourceType: 'Group' },
        },
      },
      {
        method: 'PATCH',
        path: '/Groups/g-new',
        headers: WRITE,
        body: patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u-bob' }] }),
      },
    ]);
  });

  it('removeMembers: Remove on path members with a value array, judged by INTEROP-REMOVE-MEMBER-BY-VALUE', () => {
    const { requests, outcome } = drive(
      entraLegacyProfile,
      legacy.removeMembers(eng({ members: [BOB, CAROL] }), [BOB]),
    );
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Groups/g-eng',
        headers: WRITE,
        body: patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u-bob' }] }),
      },
    ]);
    expect(outcome.verifies).toBe('INTEROP-REMOVE-MEMBER-BY-VALUE');
    expect(outcome.verifyHint).toMatch(/Entra ID.*RFC 7644 §3\.5\.2\.2/s);
  });

  it('renameGroup: Replace on path displayName; deleteGroup: DELETE', () => {
    expect(drive(entraLegacyProfile, legacy.renameGroup(eng(), 'Platform')).requests[0]!.body).toEqual(
      patch({ op: 'Replace', path: 'displayName', value: 'Platform' }),
    );
    expect(drive(entraLegacyProfile, legacy.deleteGroup(eng())).requests).toEqual([
      { method: 'DELETE', path: '/Groups/g-eng', headers: WRITE },
    ]);
  });

  it('imports: not an Entra flow', () => {
    expect(drive(entraLegacyProfile, legacy.importUsers(undefined)).outcome.skipped).toMatch(/does not import/);
  });
});
