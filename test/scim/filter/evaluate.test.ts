import { describe, expect, it } from 'vitest';
import { matchesFilter, matchesValueFilter, parseFilter } from '../../../src/scim/filter/index.js';
import type { ScimResource } from '../../../src/scim/resource.js';
import {
  GROUP_RESOURCE_TYPE,
  type ResolvedAttribute,
  type ResourceTypeDefinition,
  resolveAttribute,
  USER_RESOURCE_TYPE,
} from '../../../src/scim/resource-type.js';
import { URN } from '../../../src/scim/urns.js';
import { bjensen, DEVICE_RESOURCE_TYPE } from './fixtures.js';

interface Case {
  filter: string;
  resource: ScimResource;
  expected: boolean;
  resourceType?: ResourceTypeDefinition;
}

function runCases(cases: Case[]): void {
  it.each(cases)('$filter → $expected', ({ filter, resource, expected, resourceType }) => {
    expect(matchesFilter(resource, parseFilter(filter), resourceType ?? USER_RESOURCE_TYPE)).toBe(expected);
  });
}

const ENTERPRISE = URN.enterpriseUser;

describe('matchesFilter: case-insensitivity (RFC 7643 §2.1, RFC 7644 §3.4.2.2)', () => {
  const storedInOtherCase: ScimResource = {
    UserName: 'BJensen',
    Emails: [{ Value: 'BJensen@Example.com', Type: 'Work' }],
    'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': { EmployeeNumber: '701984' },
  };
  runCases([
    { filter: 'USERNAME EQ "BJENSEN"', resource: bjensen, expected: true },
    { filter: 'Name.FamilyName CO "o\'malley"', resource: bjensen, expected: true },
    { filter: `${ENTERPRISE.toUpperCase()}:EMPLOYEENUMBER eq "701984"`, resource: bjensen, expected: true },
    { filter: 'urn:ietf:params:scim:schemas:core:2.0:user:username eq "bjensen"', resource: bjensen, expected: true },
    { filter: 'userName eq "bjensen"', resource: storedInOtherCase, expected: true },
    { filter: 'emails[type eq "work" and value ew "@example.COM"]', resource: storedInOtherCase, expected: true },
    { filter: `${ENTERPRISE}:employeeNumber eq "701984"`, resource: storedInOtherCase, expected: true },
    { filter: 'userName ew "SEN"', resource: bjensen, expected: true },
    { filter: 'userName sw "BJ"', resource: bjensen, expected: true },
  ]);
});

describe('matchesFilter: caseExact attributes compare exactly', () => {
  runCases([
    { filter: 'id eq "2819c223-7f76-453a-919d-413861904646"', resource: bjensen, expected: true },
    { filter: 'id eq "2819C223-7F76-453A-919D-413861904646"', resource: bjensen, expected: false },
    { filter: 'externalId eq "BJENSEN"', resource: bjensen, expected: false },
    { filter: 'externalId sw "bj"', resource: bjensen, expected: true },
    { filter: 'externalId sw "BJ"', resource: bjensen, expected: false },
    { filter: 'meta.version eq "w/\\"3694e05e9dff591\\""', resource: bjensen, expected: false },
    { filter: 'meta.version eq "W/\\"3694e05e9dff591\\""', resource: bjensen, expected: true },
    { filter: 'meta.resourceType eq "user"', resource: bjensen, expected: false },
    // Ordering respects caseExact too: "B" (0x42) sorts before "a" (0x61).
    { filter: 'serial lt "a"', resource: { serial: 'B123' }, expected: true, resourceType: DEVICE_RESOURCE_TYPE },
    { filter: 'userName lt "a"', resource: { userName: 'B123' }, expected: false },
  ]);
});

describe('matchesFilter: extension and complex attributes', () => {
  runCases([
    { filter: `${ENTERPRISE}:employeeNumber eq "701984"`, resource: bjensen, expected: true },
    {
      filter: `${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`,
      resource: bjensen,
      expected: true,
    },
    // A single-valued complex attribute with a `value` sub-attribute compares through it.
    { filter: `${ENTERPRISE}:manager eq "26118915-6090-4610-87e4-49d8ca9f808d"`, resource: bjensen, expected: true },
    { filter: `${ENTERPRISE}:employeeNumber pr`, resource: { userName: 'x' }, expected: false },
    // Without a URN prefix, a name resolves in the core schema only.
    { filter: 'employeeNumber eq "701984"', resource: bjensen, expected: false },
    { filter: 'emails.type eq "home"', resource: bjensen, expected: true },
    { filter: 'emails co "jensen.org"', resource: bjensen, expected: true },
    { filter: 'emails eq "babs@jensen.org"', resource: bjensen, expected: true },
    { filter: 'emails.primary eq true', resource: bjensen, expected: true },
    { filter: 'emails[primary eq true and value sw "babs"]', resource: bjensen, expected: false },
    { filter: 'emails[not (type eq "work")]', resource: bjensen, expected: true },
    { filter: 'name eq "Barbara"', resource: bjensen, expected: false },
    { filter: 'name[givenName eq "Barbara"]', resource: bjensen, expected: true },
    { filter: 'schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"', resource: bjensen, expected: true },
  ]);
});

describe('matchesFilter: pr and null', () => {
  runCases([
    { filter: 'title pr', resource: { title: 'x' }, expected: true },
    { filter: 'title pr', resource: { title: '' }, expected: false },
    { filter: 'title pr', resource: { title: null }, expected: false },
    { filter: 'title pr', resource: {}, expected: false },
    { filter: 'emails pr', resource: { emails: [] }, expected: false },
    { filter: 'emails pr', resource: { emails: [{}] }, expected: false },
    { filter: 'emails pr', resource: { emails: [{ type: 'work' }] }, expected: true },
    { filter: 'name pr', resource: { name: {} }, expected: false },
    { filter: 'name pr', resource: { name: { givenName: '', familyName: null } }, expected: false },
    { filter: 'name pr', resource: { name: { givenName: 'B' } }, expected: true },
    { filter: 'name.givenName pr', resource: { name: { familyName: 'J' } }, expected: false },
    { filter: 'active pr', resource: { active: false }, expected: true },
    { filter: 'title eq null', resource: {}, expected: true },
    { filter: 'title eq null', resource: { title: 'x' }, expected: false },
    { filter: 'title ne null', resource: { title: 'x' }, expected: true },
    { filter: 'title ne null', resource: {}, expected: false },
    { filter: 'title gt null', resource: { title: 'x' }, expected: false },
    { filter: 'emails[value pr]', resource: { emails: [{ type: 'work' }] }, expected: false },
  ]);
});

describe('matchesFilter: ne and not', () => {
  runCases([
    { filter: 'userType ne "Employee"', resource: bjensen, expected: false },
    { filter: 'userType ne "employee"', resource: bjensen, expected: false },
    { filter: 'userType ne "Intern"', resource: bjensen, expected: true },
    // `ne` is "no value equals", so an absent attribute matches.
    { filter: 'nickName ne "Babs"', resource: bjensen, expected: true },
    // Multi-valued: `ne` fails when any value equals.
    { filter: 'emails.type ne "home"', resource: bjensen, expected: false },
    { filter: 'not (userName eq "bjensen")', resource: bjensen, expected: false },
    { filter: 'not (not (userName eq "bjensen"))', resource: bjensen, expected: true },
    { filter: 'userType eq "Intern" or userType eq "Employee" and title pr', resource: bjensen, expected: true },
    { filter: 'userType eq "Intern" or userType eq "Employee" and nickName pr', resource: bjensen, expected: false },
    { filter: '(userType eq "Intern" or userType eq "Employee") and title pr', resource: bjensen, expected: true },
  ]);
});

describe('matchesFilter: typed comparisons', () => {
  const device: ScimResource = {
    serial: 'ABC-1',
    ports: 8,
    weight: 2.5,
    enabled: true,
    firmware: 'AAEC',
    purchased: '2020-06-01T12:00:00Z',
    tags: ['Lab', 'spare'],
  };
  const cases: Case[] = [
    { filter: 'ports eq 8', resource: device, expected: true },
    { filter: 'ports gt 7', resource: device, expected: true },
    { filter: 'ports gt 8', resource: device, expected: false },
    { filter: 'ports ge 8', resource: device, expected: true },
    { filter: 'ports lt 10', resource: device, expected: true },
    { filter: 'ports le 7.5', resource: device, expected: false },
    // Numeric, not lexicographic: 8 < 10 although "8" > "10".
    { filter: 'ports lt 10', resource: { ports: 8 }, expected: true },
    { filter: 'ports eq 8', resource: { ports: '8' }, expected: true },
    { filter: 'weight gt 2.25', resource: device, expected: true },
    { filter: 'weight eq 2.5e0', resource: device, expected: true },
    { filter: 'enabled eq true', resource: device, expected: true },
    { filter: 'enabled eq false', resource: device, expected: false },
    { filter: 'enabled eq true', resource: { enabled: 'True' }, expected: true },
    { filter: 'enabled eq "true"', resource: device, expected: true },
    { filter: 'enabled eq 1', resource: device, expected: false },
    { filter: 'enabled gt false', resource: device, expected: false },
    { filter: 'firmware eq "AAEC"', resource: device, expected: true },
    { filter: 'firmware eq "aaec"', resource: device, expected: false },
    { filter: 'firmware gt "A"', resource: device, expected: false },
    { filter: 'firmware co "A"', resource: device, expected: false },
    { filter: 'purchased gt "2020-06-01T11:59:59Z"', resource: device, expected: true },
    { filter: 'purchased eq "2020-06-01T14:00:00+02:00"', resource: device, expected: true },
    { filter: 'purchased eq "2020-06-01T12:00:00.000Z"', resource: device, expected: true },
    { filter: 'purchased lt "2020-06-01T13:00:00+02:00"', resource: device, expected: false },
    { filter: 'tags eq "lab"', resource: device, expected: true },
    { filter: 'tags sw "SP"', resource: device, expected: true },
    { filter: 'tags gt "z"', resource: device, expected: false },
    { filter: 'serial eq 8', resource: device, expected: false },
    { filter: 'unknownAttribute eq "x"', resource: { unknownAttribute: 'x' }, expected: false },
    { filter: 'not (unknownAttribute eq "x")', resource: { unknownAttribute: 'x' }, expected: true },
  ];
  it.each(cases)('$filter → $expected', ({ filter, resource, expected }) => {
    expect(matchesFilter(resource, parseFilter(filter), DEVICE_RESOURCE_TYPE)).toBe(expected);
  });

  it('compares strings lexicographically, case-insensitively', () => {
    const match = (filter: string, userName: string) =>
      matchesFilter({ userName }, parseFilter(filter), USER_RESOURCE_TYPE);
    expect(match('userName gt "alice"', 'Bob')).toBe(true);
    expect(match('userName lt "alice"', 'Bob')).toBe(false);
    expect(match('userName ge "BOB"', 'bob')).toBe(true);
    expect(match('userName le "bob"', 'BOB')).toBe(true);
  });
});

describe('matchesValueFilter (PATCH value filters, RFC 7644 §3.5.2)', () => {
  const members = resolveAttribute(GROUP_RESOURCE_TYPE, { attribute: 'members' }) as ResolvedAttribute;
  const emails = resolveAttribute(USER_RESOURCE_TYPE, { attribute: 'emails' }) as ResolvedAttribute;
  const member = { value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen', type: 'User' };

  it.each([
    { filter: 'value eq "2819c223-7f76-453a-919d-413861904646"', element: member, parent: members, expected: true },
    { filter: 'value eq "902c246b-6245-4190-8e05-00816be7344a"', element: member, parent: members, expected: false },
    {
      filter: 'VALUE eq "2819c223-7f76-453a-919d-413861904646"',
      element: { Value: member.value },
      parent: members,
      expected: true,
    },
    { filter: 'type eq "user" and display co "babs"', element: member, parent: members, expected: true },
    { filter: 'display pr', element: { value: 'x' }, parent: members, expected: false },
    { filter: 'not (type eq "Group")', element: member, parent: members, expected: true },
    { filter: 'unknown eq "x"', element: { unknown: 'x' }, parent: members, expected: false },
    { filter: 'type eq "work"', element: { type: 'work', value: 'a@b.c' }, parent: emails, expected: true },
    { filter: 'primary eq true', element: { type: 'work', primary: true }, parent: emails, expected: true },
    { filter: 'primary eq true', element: { type: 'work' }, parent: emails, expected: false },
  ])('$filter on $element → $expected', ({ filter, element, parent, expected }) => {
    expect(matchesValueFilter(element, parseFilter(filter), parent)).toBe(expected);
  });

  it('selects the elements a PATCH path value filter targets', () => {
    const group = { members: [member, { value: '902c246b-6245-4190-8e05-00816be7344a', type: 'User' }] };
    const filter = parseFilter('value ne "2819c223-7f76-453a-919d-413861904646"');
    expect(group.members.filter((element) => matchesValueFilter(element, filter, members))).toEqual([group.members[1]]);
  });
});
