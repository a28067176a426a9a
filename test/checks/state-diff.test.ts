import { describe, expect, it } from 'vitest';
import { diffUser } from '../../src/checks/state-diff.js';

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
