import { describe, expect, it } from 'vitest';
import { diffGroup, diffUser } from '../../src/checks/state-diff.js';

const base = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'gus@example.com' };

describe('diffUser: a multi-valued attribute the IdP sent whole', () => {
  const sent = { id: 'u1', attributes: { phoneNumbers: [{ value: '+1 415 555 0100', type: 'work' }] } };

  it('holds a one-element array read back as it was sent', () => {
    expect(diffUser({ ...base, phoneNumbers: [{ value: '+1 415 555 0100', type: 'work' }] }, sent)).toEqual([]);
  });

  it('holds it when the server adds sub-attributes and elements of its own, in another order', () => {
    const resource = {
      ...base,
      phoneNumbers: [
        { value: '+1 212 555 0199', type: 'home' },
        { value: '+1 415 555 0100', type: 'work', primary: false },
      ],
    };
    expect(diffUser(resource, sent)).toEqual([]);
  });

  it('finds a sent element the server dropped or changed, and shows what it holds', () => {
    const resource = { ...base, phoneNumbers: [{ value: '+14155550100', type: 'work' }] };
    const [finding] = diffUser(resource, sent);
    expect(finding).toMatchObject({
      message: 'phoneNumbers does not hold what the IdP sent',
      expected: sent.attributes.phoneNumbers,
      actual: [{ value: '+14155550100', type: 'work' }],
    });
    expect(diffUser(base, sent)[0]).toMatchObject({ actual: '(absent)' });
  });
});

describe('diffGroup: a member whose user the IdP deleted', () => {
  const group = (members: string[]) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: 'g1',
    displayName: 'DB Admins',
    members: members.map((value) => ({ value })),
  });
  const expected = { id: 'g1', displayName: 'DB Admins', memberIds: ['u1'], deletedMemberIds: ['u2'] };

  it('may be dropped by the server or kept: both hold what the IdP pushed', () => {
    expect(diffGroup(group(['u1']), expected)).toEqual([]);
    expect(diffGroup(group(['u1', 'u2']), expected)).toEqual([]);
  });

  it('does not excuse a live member the server dropped', () => {
    expect(diffGroup(group(['u2']), expected)[0]).toMatchObject({ expected: ['u1'], actual: [] });
  });
});
