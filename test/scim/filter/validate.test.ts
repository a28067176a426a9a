import { describe, expect, it } from 'vitest';
import { parseFilter, validateFilter } from '../../../src/scim/filter/index.js';
import {
  GROUP_RESOURCE_TYPE,
  type ResourceTypeDefinition,
  USER_RESOURCE_TYPE,
} from '../../../src/scim/resource-type.js';
import { URN } from '../../../src/scim/urns.js';
import { expectBadRequest } from '../scim-error-of.js';
import { DEVICE_RESOURCE_TYPE } from './fixtures.js';

describe('validateFilter accepts well-typed filters', () => {
  it.each([
    { filter: 'userName eq "bjensen"', type: USER_RESOURCE_TYPE },
    { filter: 'USERNAME EQ "bjensen"', type: USER_RESOURCE_TYPE },
    { filter: 'active eq true', type: USER_RESOURCE_TYPE },
    { filter: 'active eq "True"', type: USER_RESOURCE_TYPE },
    { filter: 'title eq null', type: USER_RESOURCE_TYPE },
    { filter: 'name pr', type: USER_RESOURCE_TYPE },
    { filter: 'emails co "@example.com"', type: USER_RESOURCE_TYPE },
    { filter: 'emails[type eq "work" and primary eq true]', type: USER_RESOURCE_TYPE },
    { filter: 'emails[type eq "work"].value eq "a@example.com"', type: USER_RESOURCE_TYPE },
    { filter: `${URN.enterpriseUser}:manager.value eq "x"`, type: USER_RESOURCE_TYPE },
    { filter: 'meta.created lt "2020-01-01T00:00:00Z"', type: USER_RESOURCE_TYPE },
    { filter: 'profileUrl sw "https://"', type: USER_RESOURCE_TYPE },
    { filter: 'displayName eq "Tour Guides"', type: GROUP_RESOURCE_TYPE },
    { filter: 'members[value eq "2819c223"]', type: GROUP_RESOURCE_TYPE },
    { filter: 'members.$ref co "/Users/"', type: GROUP_RESOURCE_TYPE },
    { filter: 'ports ge 2 and weight lt 1.5', type: DEVICE_RESOURCE_TYPE },
    { filter: 'firmware eq "AAEC"', type: DEVICE_RESOURCE_TYPE },
  ])('$filter', ({ filter, type }) => {
    expect(() => validateFilter(parseFilter(filter), type)).not.toThrow();
  });
});

describe('validateFilter rejects with 400 invalidFilter', () => {
  it.each<{ filter: string; type: ResourceTypeDefinition; detail: string }>([
    {
      filter: 'nickname2 eq "x"',
      type: USER_RESOURCE_TYPE,
      detail: 'unknown attribute "nickname2" for resource type User',
    },
    { filter: 'name.nickname eq "x"', type: USER_RESOURCE_TYPE, detail: 'unknown attribute "name.nickname"' },
    {
      filter: 'urn:example:params:scim:schemas:Unknown:foo eq "x"',
      type: USER_RESOURCE_TYPE,
      detail: 'unknown attribute "urn:example:params:scim:schemas:Unknown:foo"',
    },
    { filter: 'employeeNumber eq "1"', type: USER_RESOURCE_TYPE, detail: 'unknown attribute "employeeNumber"' },
    {
      filter: 'userName eq "x"',
      type: GROUP_RESOURCE_TYPE,
      detail: 'unknown attribute "userName" for resource type Group',
    },
    { filter: 'title pr and (foo pr or userName eq "x")', type: USER_RESOURCE_TYPE, detail: 'unknown attribute "foo"' },
    {
      filter: 'name eq "Barbara"',
      type: USER_RESOURCE_TYPE,
      detail: '"name" is a complex attribute; compare one of its sub-attributes instead',
    },
    { filter: 'active gt true', type: USER_RESOURCE_TYPE, detail: '"gt" cannot be used on "active", which is boolean' },
    {
      filter: 'emails[primary le false]',
      type: USER_RESOURCE_TYPE,
      detail: '"le" cannot be used on "emails.primary", which is boolean',
    },
    {
      filter: 'firmware lt "B"',
      type: DEVICE_RESOURCE_TYPE,
      detail: '"lt" cannot be used on "firmware", which is binary',
    },
    {
      filter: 'x509Certificates ge "MIIC"',
      type: USER_RESOURCE_TYPE,
      detail: '"ge" cannot be used on "x509Certificates", which is binary',
    },
    { filter: 'active co "tr"', type: USER_RESOURCE_TYPE, detail: '"co" compares strings, but "active" is boolean' },
    { filter: 'ports sw 1', type: DEVICE_RESOURCE_TYPE, detail: '"sw" compares strings, but "ports" is integer' },
    {
      filter: 'userName eq 5',
      type: USER_RESOURCE_TYPE,
      detail: '"userName" is string, so its comparison value must be a quoted string, not 5',
    },
    { filter: 'active eq "yes"', type: USER_RESOURCE_TYPE, detail: 'must be true or false, not "yes"' },
    { filter: 'ports eq "many"', type: DEVICE_RESOURCE_TYPE, detail: 'must be a number, not "many"' },
    {
      filter: 'meta.lastModified gt "yesterday"',
      type: USER_RESOURCE_TYPE,
      detail: 'must be a dateTime string such as "2011-05-13T04:42:34Z", not "yesterday"',
    },
    { filter: 'title gt null', type: USER_RESOURCE_TYPE, detail: '"gt null" is meaningless' },
    { filter: 'emails[foo eq "x"]', type: USER_RESOURCE_TYPE, detail: '"foo" is not a sub-attribute of "emails"' },
    {
      filter: 'emails[type eq "work"].bogus eq "x"',
      type: USER_RESOURCE_TYPE,
      detail: '"bogus" is not a sub-attribute of "emails"',
    },
    {
      filter: 'userName[value eq "x"]',
      type: USER_RESOURCE_TYPE,
      detail: 'a value filter needs a complex attribute, and "userName" is not one',
    },
    { filter: 'members[value eq 3]', type: GROUP_RESOURCE_TYPE, detail: '"members.value" is string' },
  ])('$filter', ({ filter, type, detail }) => {
    expectBadRequest(() => validateFilter(parseFilter(filter), type), 'invalidFilter', detail);
  });
});
