import { describe, expect, it } from 'vitest';
import { entraCompliantProfile } from '../../src/idp/entra.js';
import { alice, BOB, CAROL, drive, ENTERPRISE_URN, eng, PATCH_URN } from './drive.js';

// Golden wire requests of Microsoft Entra ID with ?aadOptscim062020 on the tenant URL, written from
// the known-issues page ("Flags to alter the SCIM behavior"): lower-case ops, booleans, path-less
// replace with attribute-path keys, member removal with members[value eq "…"].

const WRITE = { 'content-type': 'application/scim+json' };
const compliant = entraCompliantProfile.actions;
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });

describe('entra-compliant profile (aadOptscim062020): exact requests', () => {
  it('updateUser: one path-less replace whose keys are attribute paths', () => {
    const { requests, outcome } = drive(
      entraCompliantProfile,
      compliant.updateUser(alice({ attributes: { [`${ENTERPRISE_URN}:employeeNumber`]: '6' } }), {
        givenName: 'Al',
        familyName: 'Smith',
        [`${ENTERPRISE_URN}:employeeNumber`]: '7',
      }),
    );
    expect(requests).toEqual([
      {
        method: 'PATCH',
        path: '/Users/u-alice',
        headers: WRITE,
        body: patch({
          op: 'replace',
          value: { 'name.givenName': 'Al', 'name.familyName': 'Smith', [`${ENTERPRISE_URN}:employeeNumber`]: '7' },
        }),
      },
    ]);
    expect(outcome.verifies).toBe('INTEROP-NOPATH-DOTTED');
  });

  it('updateUser: an attribute the user had no value for is an add with its path, before the path-less replace', () => {
    // Known-issues page, "Requests to add a single-value string attribute" (with the flag: op "add", path nickName).
    const { requests } = drive(
      entraCompliantProfile,
      compliant.updateUser(alice(), { familyName: 'Smith', nickName: 'Babs' }),
    );
    expect(requests[0]!.body).toEqual(
      patch({ op: 'add', path: 'nickName', value: 'Babs' }, { op: 'replace', value: { 'name.familyName': 'Smith' } }),
    );
  });

  it('updateUser: a new userName goes in the path-less replace (it always had a value)', () => {
    const { requests } = drive(entraCompliantProfile, compliant.updateUser(alice(), { userName: 'al@example.com' }));
    expect(requests[0]!.body).toEqual(patch({ op: 'replace', value: { userName: 'al@example.com' } }));
  });

  it('deactivateUser: lower-case replace with a boolean', () => {
    expect(drive(entraCompliantProfile, compliant.deactivateUser(alice())).requests[0]!.body).toEqual(
      patch({ op: 'replace', path: 'active', value: false }),
    );
  });

  it('members: lower-case add, and remove with members[value eq "…"]', () => {
    expect(drive(entraCompliantProfile, compliant.addMembers(eng(), [CAROL])).requests[0]!.body).toEqual(
      patch({ op: 'add', path: 'members', value: [{ $ref: null, value: 'u-carol' }] }),
    );
    expect(drive(entraCompliantProfile, compliant.removeMembers(eng(), [BOB])).requests[0]!.body).toEqual(
      patch({ op: 'remove', path: 'members[value eq "u-bob"]' }),
    );
  });

  it('never sends a capitalised op or a string boolean', () => {
    const programs = [
      compliant.deactivateUser(alice()),
      compliant.reactivateUser(alice()),
      compliant.updateUser(alice(), { familyName: 'X', manager: 'u-bob' }),
      compliant.renameGroup(eng(), 'P'),
      compliant.removeMembers(eng(), [BOB]),
    ];
    for (const program of programs) {
      const text = JSON.stringify(drive(entraCompliantProfile, program).requests);
      expect(text).not.toMatch(/"op":"[A-Z]/);
      expect(text).not.toMatch(/"(True|False)"/);
    }
  });
});
