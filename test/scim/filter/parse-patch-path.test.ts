import { describe, expect, it } from 'vitest';
import { type PatchPath, parsePatchPath } from '../../../src/scim/filter/index.js';
import { URN } from '../../../src/scim/urns.js';
import { expectBadRequest } from '../scim-error-of.js';
import { and, cmp, ref } from './fixtures.js';

const MEMBER_ID = '2819c223-7f76-453a-919d-413861904646';

// Every path form of RFC 7644 §3.5.2 (and its examples in §3.5.2.1–3), plus the IdP forms of IDP-NOTES.md.
describe('parsePatchPath: RFC 7644 §3.5.2 path forms', () => {
  it.each<{ path: string; expected: PatchPath }>([
    { path: 'members', expected: { attribute: ref('members') } },
    { path: 'name.familyName', expected: { attribute: ref('name', 'familyName') } },
    {
      path: 'addresses[type eq "work"]',
      expected: { attribute: ref('addresses'), valueFilter: cmp(ref('type'), 'eq', 'work') },
    },
    {
      path: `members[value eq "${MEMBER_ID}"]`,
      expected: { attribute: ref('members'), valueFilter: cmp(ref('value'), 'eq', MEMBER_ID) },
    },
    {
      path: `members[value eq "${MEMBER_ID}"].displayName`,
      expected: {
        attribute: ref('members'),
        valueFilter: cmp(ref('value'), 'eq', MEMBER_ID),
        subAttribute: 'displayName',
      },
    },
    {
      path: 'emails[type eq "work"].value',
      expected: { attribute: ref('emails'), valueFilter: cmp(ref('type'), 'eq', 'work'), subAttribute: 'value' },
    },
    {
      path: 'emails[type eq "work" and value co "@example.com"]',
      expected: {
        attribute: ref('emails'),
        valueFilter: and(cmp(ref('type'), 'eq', 'work'), cmp(ref('value'), 'co', '@example.com')),
      },
    },
    {
      path: 'addresses[type eq "work"].streetAddress',
      expected: {
        attribute: ref('addresses'),
        valueFilter: cmp(ref('type'), 'eq', 'work'),
        subAttribute: 'streetAddress',
      },
    },
    {
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      expected: { attribute: ref('manager', undefined, URN.enterpriseUser) },
    },
    {
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
      expected: { attribute: ref('employeeNumber', undefined, URN.enterpriseUser) },
    },
    {
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      expected: { attribute: ref('manager', 'value', URN.enterpriseUser) },
    },
    {
      path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName',
      expected: { attribute: ref('name', 'givenName', URN.user) },
    },
    {
      path: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value',
      expected: {
        attribute: ref('emails', undefined, URN.user),
        valueFilter: cmp(ref('type'), 'eq', 'work'),
        subAttribute: 'value',
      },
    },
    // Entra ID (IDP-NOTES.md): member removal by value filter, and capitalised names.
    {
      path: `Members[Value EQ "${MEMBER_ID}"]`,
      expected: { attribute: ref('Members'), valueFilter: cmp(ref('Value'), 'eq', MEMBER_ID) },
    },
    { path: '  name.familyName  ', expected: { attribute: ref('name', 'familyName') } },
    {
      path: 'emails[primary eq true]',
      expected: { attribute: ref('emails'), valueFilter: cmp(ref('primary'), 'eq', true) },
    },
  ])('$path', ({ path, expected }) => {
    expect(parsePatchPath(path)).toEqual(expected);
  });
});

describe('parsePatchPath: malformed paths are 400 invalidPath', () => {
  it.each([
    { path: '', detail: 'Invalid path: the path is empty' },
    { path: '  ', detail: 'Invalid path: the path is empty' },
    {
      path: 'emails[type eq "work"',
      detail: 'Invalid path: unexpected end of path at position 21: expected "and", "or" or "]"',
    },
    { path: 'emails[type eq]', detail: 'unexpected "]" at position 14: expected a value' },
    { path: 'emails[type qq "work"]', detail: 'unexpected "qq" at position 12: expected an operator' },
    { path: 'emails[type eq "work"].', detail: 'invalid sub-attribute name "" at position 23' },
    {
      path: 'emails[type eq "work"].value.display',
      detail: 'invalid sub-attribute name "value.display" at position 23',
    },
    {
      path: 'emails[type eq "work"] value',
      detail: 'unexpected "value" at position 23: expected ".subAttribute" or the end of the path',
    },
    {
      path: 'emails[type eq "work"][primary eq true]',
      detail: 'unexpected "[" at position 22: expected ".subAttribute" or the end of the path',
    },
    {
      path: 'emails[type eq "work"].value extra',
      detail: 'unexpected "extra" at position 29: expected the end of the path',
    },
    {
      path: 'emails.value[type eq "work"]',
      detail: 'unexpected "[" at position 12: a value filter follows a complex attribute',
    },
    { path: 'emails[type eq "work" and ims[type pr]]', detail: 'value filters cannot be nested' },
    { path: 'userName eq "x"', detail: 'unexpected "eq" at position 9: expected "[" or the end of the path' },
    { path: '[value eq "x"]', detail: 'unexpected "[" at position 0: expected an attribute name' },
    { path: 'name..familyName', detail: 'at most one sub-attribute' },
    { path: 'name.givenName.x', detail: 'at most one sub-attribute' },
    { path: '1name', detail: 'invalid attribute name "1name" at position 0' },
    {
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:',
      detail: 'missing attribute name after the schema URN at position 59',
    },
    { path: 'members[value eq "abc]', detail: 'unterminated string starting at position 17' },
    { path: '"members"', detail: 'expected an attribute name' },
  ])('$path', ({ path, detail }) => {
    expectBadRequest(() => parsePatchPath(path), 'invalidPath', detail);
  });
});
