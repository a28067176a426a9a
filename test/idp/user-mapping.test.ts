import { describe, expect, it } from 'vitest';
import { entraCompliantProfile } from '../../src/idp/entra.js';
import { genericProfile } from '../../src/idp/generic.js';
import { allProfiles } from '../../src/idp/registry.js';
import { userResource } from '../../src/idp/request-helpers.js';
import { FULL_USER_MAPPING, pathAsSent, sentUserAttributes } from '../../src/idp/user-mapping.js';
import { alice, drive, ENTERPRISE_URN, PATCH_URN, USER_URN } from './drive.js';

/*
 * Each profile declares what its attribute mapping sends (IdpProfile.userMapping); the expected
 * model expects only that. These tables pin the declarations and the bodies that follow them.
 */

const MANAGER = `${ENTERPRISE_URN}:manager.value`;

describe('user mappings: what each profile says it sends', () => {
  it('declares the email type, displayName and further attributes of every profile', () => {
    const declared = Object.fromEntries(allProfiles().map((profile) => [profile.name, profile.userMapping]));
    expect(declared).toMatchObject({
      generic: FULL_USER_MAPPING,
      okta: FULL_USER_MAPPING,
      entra: FULL_USER_MAPPING,
      keycloak: { emailType: 'work', displayName: 'derived', externalId: false, otherAttributes: 'none' },
      'keycloak-patch': {
        displayName: 'derived',
        otherAttributes: 'none',
        updateSends: ['active', 'userName', 'displayName'],
      },
      onelogin: { emailType: 'work', otherAttributes: 'core' },
      jumpcloud: { emailType: 'work', otherAttributes: 'core' },
      authentik: { emailType: 'other', displayName: 'none', otherAttributes: 'none' },
    });
  });

  it('the expected attributes follow the mapping: email type, derived displayName, attributes left out', () => {
    const user = alice({ attributes: { title: 'Engineer', [MANAGER]: 'u-bob' } });
    const keycloak = allProfiles().find((profile) => profile.name === 'keycloak')!.userMapping;
    const authentik = allProfiles().find((profile) => profile.name === 'authentik')!.userMapping;
    const onelogin = allProfiles().find((profile) => profile.name === 'onelogin')!.userMapping;
    expect(sentUserAttributes(user, keycloak)).toEqual({
      userName: 'alice@example.com',
      active: true,
      'name.givenName': 'Alice',
      'name.familyName': 'Doe',
      'emails[type eq "work"].value': 'alice@example.com',
      displayName: 'Alice Doe',
    });
    expect(sentUserAttributes(user, authentik)).toEqual({
      userName: 'alice@example.com',
      active: true,
      'name.givenName': 'Alice',
      'name.familyName': 'Doe',
      'emails[type eq "other"].value': 'alice@example.com',
    });
    expect(sentUserAttributes(user, onelogin)).toMatchObject({ title: 'Engineer' });
    expect(sentUserAttributes(user, onelogin)).not.toHaveProperty([MANAGER]);
    expect(sentUserAttributes(user, FULL_USER_MAPPING)).toMatchObject({ title: 'Engineer', [MANAGER]: 'u-bob' });
  });

  it('an expectation is read where the IdP puts it, or not at all', () => {
    const authentik = allProfiles().find((profile) => profile.name === 'authentik')!.userMapping;
    const keycloak = allProfiles().find((profile) => profile.name === 'keycloak')!.userMapping;
    expect(pathAsSent(authentik, 'emails[type eq "work"].value')).toBe('emails[type eq "other"].value');
    expect(pathAsSent(keycloak, 'title')).toBeUndefined();
    expect(pathAsSent(keycloak, 'displayName')).toBeUndefined();
    expect(pathAsSent(keycloak, 'name.familyName')).toBe('name.familyName');
    expect(pathAsSent(FULL_USER_MAPPING, MANAGER)).toBe(MANAGER);
  });
});

describe('bodies that follow the mapping', () => {
  it('userResource nests an extension sub-attribute (manager.value) as the schema has it', () => {
    expect(userResource(alice({ attributes: { [MANAGER]: 'u-bob', 'name.middleName': 'Q' } }))).toMatchObject({
      schemas: [USER_URN, ENTERPRISE_URN],
      name: { givenName: 'Alice', familyName: 'Doe', middleName: 'Q' },
      [ENTERPRISE_URN]: { manager: { value: 'u-bob' } },
    });
  });

  it("OneLogin's default (core) template and JumpCloud send no enterprise extension", () => {
    for (const name of ['onelogin', 'jumpcloud']) {
      const profile = allProfiles().find((candidate) => candidate.name === name)!;
      const { requests } = drive(
        profile,
        profile.actions.updateUser(alice({ attributes: { title: 'Engineer' } }), { manager: 'u-bob' }),
        () => ({ status: 200, json: { id: 'u-alice' } }),
      );
      const put = requests.find((request) => request.method === 'PUT')!;
      expect(put.body).toMatchObject({ title: 'Engineer' });
      expect(put.body).not.toHaveProperty([ENTERPRISE_URN]);
    }
  });

  it('a first email is added, not replaced on a value path that matches nothing (RFC 7644 §3.5.2.3 noTarget)', () => {
    const noEmail = alice({ email: undefined });
    delete (noEmail as { email?: string }).email;
    expect(
      drive(genericProfile, genericProfile.actions.updateUser(noEmail, { email: 'a@example.com' })).requests[0]!.body,
    ).toEqual({
      schemas: [PATCH_URN],
      Operations: [{ op: 'add', path: 'emails', value: [{ value: 'a@example.com', type: 'work', primary: true }] }],
    });
    // Entra with the flag keeps the value path as its own op (known-issues sample), `add` when new.
    expect(
      drive(
        entraCompliantProfile,
        entraCompliantProfile.actions.updateUser(noEmail, { email: 'a@example.com', familyName: 'X' }),
      ).requests[0]!.body,
    ).toEqual({
      schemas: [PATCH_URN],
      Operations: [
        { op: 'add', path: 'emails[type eq "work"].value', value: 'a@example.com' },
        { op: 'replace', value: { 'name.familyName': 'X' } },
      ],
    });
  });
});
