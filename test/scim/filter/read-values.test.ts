import { describe, expect, it } from 'vitest';
import { parseAttributeReference, readAttributeValues } from '../../../src/scim/filter/index.js';
import type { ScimResource } from '../../../src/scim/resource.js';
import { USER_RESOURCE_TYPE } from '../../../src/scim/resource-type.js';
import { URN } from '../../../src/scim/urns.js';
import { bjensen } from './fixtures.js';

const read = (resource: ScimResource, path: string) =>
  readAttributeValues(resource, parseAttributeReference(path), USER_RESOURCE_TYPE);

describe('readAttributeValues', () => {
  it.each([
    { path: 'userName', expected: ['bjensen'] },
    { path: 'USERNAME', expected: ['bjensen'] },
    { path: 'name.familyName', expected: ["O'Malley"] },
    { path: 'emails', expected: ['bjensen@example.com', 'babs@jensen.org'] },
    { path: 'emails.type', expected: ['work', 'home'] },
    { path: 'meta.lastModified', expected: ['2011-05-13T04:42:34Z'] },
    { path: 'schemas', expected: [URN.user, URN.enterpriseUser] },
    { path: 'active', expected: [true] },
    { path: `${URN.enterpriseUser}:employeeNumber`, expected: ['701984'] },
    { path: `${URN.enterpriseUser}:manager.value`, expected: ['26118915-6090-4610-87e4-49d8ca9f808d'] },
    { path: `${URN.user}:name.givenName`, expected: ['Barbara'] },
    { path: 'nickName', expected: [] },
    { path: 'name', expected: [{ familyName: "O'Malley", givenName: 'Barbara' }] },
  ])('$path', ({ path, expected }) => {
    expect(read(bjensen, path)).toEqual(expected);
  });

  it('puts the primary element first (RFC 7644 §3.4.2.3 sorts by the primary value)', () => {
    const user = {
      emails: [{ value: 'b@x', type: 'home' }, { value: 'a@x', type: 'work', primary: true }, { value: 'c@x' }],
    };
    expect(read(user, 'emails')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(read(user, 'emails.type')).toEqual(['work', 'home']);
  });

  it('looks keys up case-insensitively, extension containers included', () => {
    const user = {
      USERNAME: 'x',
      Name: { GivenName: 'Y' },
      [URN.enterpriseUser.toUpperCase()]: { Manager: { Value: 'm1' } },
    };
    expect(read(user, 'userName')).toEqual(['x']);
    expect(read(user, 'name.givenName')).toEqual(['Y']);
    expect(read(user, `${URN.enterpriseUser}:manager.value`)).toEqual(['m1']);
  });

  it('drops nulls and reads unknown attributes by their literal names', () => {
    expect(read({ title: null }, 'title')).toEqual([]);
    expect(read({ favouriteColours: ['red', null, 'blue'] }, 'favouriteColours')).toEqual(['red', 'blue']);
    expect(read({ gadget: [{ size: 1 }, { size: 2 }] }, 'gadget.size')).toEqual([1, 2]);
    expect(read({ 'urn:example:Ext': { level: 3 } }, 'urn:example:Ext:level')).toEqual([3]);
  });
});
