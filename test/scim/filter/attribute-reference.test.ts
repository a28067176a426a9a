import { describe, expect, it } from 'vitest';
import { formatAttributeReference, parseAttributeReference } from '../../../src/scim/filter/index.js';
import type { AttributeReference } from '../../../src/scim/resource-type.js';
import { URN } from '../../../src/scim/urns.js';
import { expectBadRequest } from '../scim-error-of.js';
import { ref } from './fixtures.js';

describe('parseAttributeReference (attributes=, excludedAttributes=, sortBy)', () => {
  it.each<{ text: string; expected: AttributeReference }>([
    { text: 'userName', expected: ref('userName') },
    { text: ' name.givenName ', expected: ref('name', 'givenName') },
    { text: 'meta.lastModified', expected: ref('meta', 'lastModified') },
    { text: 'members.$ref', expected: ref('members', '$ref') },
    {
      text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
      expected: ref('employeeNumber', undefined, URN.enterpriseUser),
    },
    {
      text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      expected: ref('manager', 'value', URN.enterpriseUser),
    },
    {
      text: 'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
      expected: ref('name', 'familyName', URN.user),
    },
    {
      text: 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:USERNAME',
      expected: ref('USERNAME', undefined, 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER'),
    },
  ])('$text', ({ text, expected }) => {
    const reference = parseAttributeReference(text);
    expect(reference).toEqual(expected);
    expect(formatAttributeReference(reference)).toBe(text.trim());
  });

  it.each([
    { text: '', detail: 'Invalid attribute name: the attribute name is empty' },
    { text: 'emails[type eq "work"]', detail: 'unexpected "[" at position 6' },
    { text: 'user name', detail: 'unexpected " " at position 4' },
    { text: 'name.givenName.x', detail: 'at most one sub-attribute' },
    { text: 'name.', detail: 'invalid attribute name an empty name at position 5' },
    { text: '1abc', detail: 'invalid attribute name "1abc" at position 0' },
    { text: 'urn:ietf:params:scim:schemas:core:2.0:User:', detail: 'missing attribute name after the schema URN' },
  ])('rejects $text with 400 invalidValue', ({ text, detail }) => {
    expectBadRequest(() => parseAttributeReference(text), 'invalidValue', detail);
  });
});
