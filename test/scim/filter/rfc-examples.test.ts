import { describe, expect, it } from 'vitest';
import { type FilterNode, matchesFilter, parseFilter, validateFilter } from '../../../src/scim/filter/index.js';
import { USER_RESOURCE_TYPE } from '../../../src/scim/resource-type.js';
import { URN } from '../../../src/scim/urns.js';
import { and, cmp, not, or, pr, ref, sampleUsers, valuePath } from './fixtures.js';

interface Example {
  filter: string;
  ast: FilterNode;
  /** Names of the sample users (fixtures.ts) the filter selects. */
  matches: string[];
}

const LAST_MODIFIED = '2011-05-13T04:42:34Z';
const emailsCoExamples = or(cmp(ref('emails'), 'co', 'example.com'), cmp(ref('emails', 'value'), 'co', 'example.org'));
const workExampleEmail = valuePath(
  ref('emails'),
  and(cmp(ref('type'), 'eq', 'work'), cmp(ref('value'), 'co', '@example.com')),
);

// Every filter example of RFC 7644 §3.4.2.2 (Figure 2's list), in order.
const RFC_7644_EXAMPLES: Example[] = [
  { filter: 'userName eq "bjensen"', ast: cmp(ref('userName'), 'eq', 'bjensen'), matches: ['bjensen'] },
  {
    filter: `name.familyName co "O'Malley"`,
    ast: cmp(ref('name', 'familyName'), 'co', "O'Malley"),
    matches: ['bjensen'],
  },
  { filter: 'userName sw "J"', ast: cmp(ref('userName'), 'sw', 'J'), matches: ['jsmith'] },
  {
    filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    ast: cmp(ref('userName', undefined, URN.user), 'sw', 'J'),
    matches: ['jsmith'],
  },
  { filter: 'title pr', ast: pr(ref('title')), matches: ['bjensen'] },
  {
    filter: `meta.lastModified gt "${LAST_MODIFIED}"`,
    ast: cmp(ref('meta', 'lastModified'), 'gt', LAST_MODIFIED),
    matches: ['jsmith'],
  },
  {
    filter: `meta.lastModified ge "${LAST_MODIFIED}"`,
    ast: cmp(ref('meta', 'lastModified'), 'ge', LAST_MODIFIED),
    matches: ['bjensen', 'jsmith'],
  },
  {
    filter: `meta.lastModified lt "${LAST_MODIFIED}"`,
    ast: cmp(ref('meta', 'lastModified'), 'lt', LAST_MODIFIED),
    matches: ['mjones'],
  },
  {
    filter: `meta.lastModified le "${LAST_MODIFIED}"`,
    ast: cmp(ref('meta', 'lastModified'), 'le', LAST_MODIFIED),
    matches: ['bjensen', 'mjones'],
  },
  {
    filter: 'title pr and userType eq "Employee"',
    ast: and(pr(ref('title')), cmp(ref('userType'), 'eq', 'Employee')),
    matches: ['bjensen'],
  },
  {
    filter: 'title pr or userType eq "Intern"',
    ast: or(pr(ref('title')), cmp(ref('userType'), 'eq', 'Intern')),
    matches: ['bjensen', 'jsmith'],
  },
  {
    filter: 'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    ast: cmp(ref('schemas'), 'eq', URN.enterpriseUser),
    matches: ['bjensen'],
  },
  {
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    ast: and(cmp(ref('userType'), 'eq', 'Employee'), emailsCoExamples),
    matches: ['bjensen', 'crosswire'],
  },
  {
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    ast: and(cmp(ref('userType'), 'ne', 'Employee'), not(emailsCoExamples)),
    matches: ['mjones'],
  },
  {
    filter: 'userType eq "Employee" and (emails.type eq "work")',
    ast: and(cmp(ref('userType'), 'eq', 'Employee'), cmp(ref('emails', 'type'), 'eq', 'work')),
    matches: ['bjensen', 'crosswire'],
  },
  {
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    ast: and(cmp(ref('userType'), 'eq', 'Employee'), workExampleEmail),
    // crosswire has a work email and an @example.com email, but not in one element.
    matches: ['bjensen'],
  },
  {
    filter: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ast: or(
      workExampleEmail,
      valuePath(ref('ims'), and(cmp(ref('type'), 'eq', 'xmpp'), cmp(ref('value'), 'co', '@foo.com'))),
    ),
    matches: ['bjensen', 'jsmith'],
  },
];

function selected(filter: FilterNode): string[] {
  return Object.entries(sampleUsers)
    .filter(([, user]) => matchesFilter(user, filter, USER_RESOURCE_TYPE))
    .map(([name]) => name);
}

describe('RFC 7644 §3.4.2.2 filter examples', () => {
  it.each(RFC_7644_EXAMPLES)('parses $filter', ({ filter, ast }) => {
    expect(parseFilter(filter)).toEqual(ast);
  });

  it.each(RFC_7644_EXAMPLES)('validates $filter against the User resource type', ({ filter }) => {
    expect(() => validateFilter(parseFilter(filter), USER_RESOURCE_TYPE)).not.toThrow();
  });

  it.each(RFC_7644_EXAMPLES)('evaluates $filter', ({ filter, matches }) => {
    expect(selected(parseFilter(filter))).toEqual(matches);
  });

  it('distinguishes a value filter from sub-attribute filters on different elements', () => {
    const crossElement = parseFilter('emails.type eq "work" and emails.value co "@example.com"');
    const sameElement = parseFilter('emails[type eq "work" and value co "@example.com"]');
    expect(selected(crossElement)).toEqual(['bjensen', 'crosswire']);
    expect(selected(sameElement)).toEqual(['bjensen']);
  });
});

// The lookups IdPs send (IDP-NOTES.md).
describe('identity provider filters', () => {
  it.each([
    { idp: 'Okta: userName eq, matched case-insensitively', filter: 'userName eq "BJensen"', matches: ['bjensen'] },
    { idp: 'Okta: userName eq with an email-style userName', filter: 'userName eq "JSMITH"', matches: ['jsmith'] },
    { idp: 'Entra ID: externalId eq (caseExact)', filter: 'externalId eq "bjensen"', matches: ['bjensen'] },
    { idp: 'Entra ID: externalId eq in another case does not match', filter: 'externalId eq "BJensen"', matches: [] },
    {
      idp: 'Entra ID: a random GUID finds nothing',
      filter: 'userName eq "6f6c2a0e-2b6e-4b7a-9d51-0c3f4c2b1a99"',
      matches: [],
    },
    { idp: 'Entra ID: userName eq … and …', filter: 'userName eq "bjensen" and active eq true', matches: ['bjensen'] },
    { idp: 'id eq is caseExact', filter: 'id eq "2819C223-7F76-453A-919D-413861904646"', matches: [] },
    { idp: 'id eq', filter: 'id eq "2819c223-7f76-453a-919d-413861904646"', matches: ['bjensen'] },
  ])('$idp', ({ filter, matches }) => {
    const parsed = parseFilter(filter);
    validateFilter(parsed, USER_RESOURCE_TYPE);
    expect(selected(parsed)).toEqual(matches);
  });

  // Entra ID's optional `emails[type eq "work"].value eq "…"` lookup is outside the RFC 7644
  // §3.4.2.2 grammar (a value path may not be followed by `.subAttr` in a filter); it is accepted
  // and read as a value filter whose element must satisfy both conditions.
  it('accepts Entra ID emails[type eq "work"].value eq "…" as a same-element value filter', () => {
    const parsed = parseFilter('emails[type eq "work"].value eq "BJensen@example.com"');
    expect(parsed).toEqual(
      valuePath(ref('emails'), and(cmp(ref('type'), 'eq', 'work'), cmp(ref('value'), 'eq', 'BJensen@example.com'))),
    );
    validateFilter(parsed, USER_RESOURCE_TYPE);
    expect(selected(parsed)).toEqual(['bjensen']);
    // cw@example.com is crosswire's home address, so the work-type condition excludes it.
    expect(selected(parseFilter('emails[type eq "work"].value eq "cw@example.com"'))).toEqual([]);
  });
});
