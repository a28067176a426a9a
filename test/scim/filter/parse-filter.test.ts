import { describe, expect, it } from 'vitest';
import { FILTER_LIMITS, parseFilter } from '../../../src/scim/filter/index.js';
import { URN } from '../../../src/scim/urns.js';
import { expectBadRequest, scimErrorOf } from '../scim-error-of.js';
import { and, cmp, not, or, pr, ref, valuePath } from './fixtures.js';

describe('parseFilter: names and operators', () => {
  it.each([
    { filter: 'userName EQ "x"', ast: cmp(ref('userName'), 'eq', 'x') },
    { filter: 'userName Sw "x"', ast: cmp(ref('userName'), 'sw', 'x') },
    { filter: 'title PR', ast: pr(ref('title')) },
    { filter: 'title pr AND userName eq "x"', ast: and(pr(ref('title')), cmp(ref('userName'), 'eq', 'x')) },
    { filter: 'title pr Or userName eq "x"', ast: or(pr(ref('title')), cmp(ref('userName'), 'eq', 'x')) },
    { filter: 'NOT (title pr)', ast: not(pr(ref('title'))) },
    { filter: 'not(title pr)', ast: not(pr(ref('title'))) },
    // Attribute names keep their spelling; resolution ignores case later (RFC 7643 §2.1).
    { filter: 'USERNAME eq "x"', ast: cmp(ref('USERNAME'), 'eq', 'x') },
  ])('accepts $filter', ({ filter, ast }) => {
    expect(parseFilter(filter)).toEqual(ast);
  });

  it.each([
    { operator: 'eq' },
    { operator: 'ne' },
    { operator: 'co' },
    { operator: 'sw' },
    { operator: 'ew' },
    { operator: 'gt' },
    { operator: 'ge' },
    { operator: 'lt' },
    { operator: 'le' },
  ] as const)('parses the $operator operator', ({ operator }) => {
    expect(parseFilter(`userName ${operator} "x"`)).toEqual(cmp(ref('userName'), operator, 'x'));
  });

  it.each([
    {
      filter: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"',
      attribute: ref('employeeNumber', undefined, URN.enterpriseUser),
    },
    {
      filter: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "701984"',
      attribute: ref('manager', 'value', URN.enterpriseUser),
    },
    {
      filter: 'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq "701984"',
      attribute: ref('name', 'familyName', URN.user),
    },
    { filter: 'meta.lastModified eq "701984"', attribute: ref('meta', 'lastModified') },
    { filter: 'members.$ref eq "701984"', attribute: ref('members', '$ref') },
    { filter: 'x-custom_attr2 eq "701984"', attribute: ref('x-custom_attr2') },
  ])('splits the attribute path of $filter', ({ filter, attribute }) => {
    expect(parseFilter(filter)).toEqual(cmp(attribute, 'eq', '701984'));
  });

  it('reads a URN-prefixed value path', () => {
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"]')).toEqual(
      valuePath(ref('emails', undefined, URN.user), cmp(ref('type'), 'eq', 'work')),
    );
  });

  it('treats "not" as an attribute name when an operator follows it', () => {
    expect(parseFilter('not eq "x"')).toEqual(cmp(ref('not'), 'eq', 'x'));
    expect(parseFilter('and pr and or pr')).toEqual(and(pr(ref('and')), pr(ref('or'))));
  });
});

describe('parseFilter: precedence (RFC 7644 §3.4.2.2: not, then and, then or)', () => {
  const a = pr(ref('a'));
  const b = pr(ref('b'));
  const c = pr(ref('c'));
  it.each([
    { filter: 'a pr or b pr and c pr', ast: or(a, and(b, c)) },
    { filter: 'a pr and b pr or c pr', ast: or(and(a, b), c) },
    { filter: '(a pr or b pr) and c pr', ast: and(or(a, b), c) },
    { filter: 'a pr and b pr and c pr', ast: and(and(a, b), c) },
    { filter: 'a pr or b pr or c pr', ast: or(or(a, b), c) },
    { filter: 'not (a pr) and b pr', ast: and(not(a), b) },
    { filter: 'not (a pr or b pr) or c pr', ast: or(not(or(a, b)), c) },
    { filter: '((a pr))', ast: a },
    {
      filter: 'emails[type pr or value pr and primary pr]',
      ast: valuePath(ref('emails'), or(pr(ref('type')), and(pr(ref('value')), pr(ref('primary'))))),
    },
    { filter: 'emails[not (type pr)]', ast: valuePath(ref('emails'), not(pr(ref('type')))) },
  ])('$filter', ({ filter, ast }) => {
    expect(parseFilter(filter)).toEqual(ast);
  });
});

describe('parseFilter: comparison values', () => {
  it.each([
    { text: '"bjensen"', value: 'bjensen' },
    { text: '""', value: '' },
    { text: '"say \\"hi\\""', value: 'say "hi"' },
    { text: '"back\\\\slash"', value: 'back\\slash' },
    { text: '"caf\\u00e9"', value: 'café' },
    { text: '"a\\/b\\tc\\nd"', value: 'a/b\tc\nd' },
    { text: '"(not) [a] filter and or"', value: '(not) [a] filter and or' },
    { text: '"O\'Malley"', value: "O'Malley" },
    { text: '42', value: 42 },
    { text: '-3.5', value: -3.5 },
    { text: '0', value: 0 },
    { text: '1.5e3', value: 1500 },
    { text: 'true', value: true },
    { text: 'FALSE', value: false },
    { text: 'null', value: null },
  ])('reads $text', ({ text, value }) => {
    expect(parseFilter(`attr eq ${text}`)).toEqual(cmp(ref('attr'), 'eq', value));
  });

  it('tolerates extra white space around tokens', () => {
    expect(parseFilter('  userName   eq\t"x"  and ( title pr )  ')).toEqual(
      and(cmp(ref('userName'), 'eq', 'x'), pr(ref('title'))),
    );
  });
});

describe('parseFilter: malformed filters are 400 invalidFilter', () => {
  it.each([
    { filter: '', detail: 'Invalid filter: the filter is empty' },
    { filter: '   ', detail: 'Invalid filter: the filter is empty' },
    {
      filter: 'userName qq "x"',
      detail:
        'Invalid filter: unexpected "qq" at position 9: expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)',
    },
    {
      filter: '(userName eq "x"',
      detail: 'Invalid filter: unexpected end of filter at position 16: expected "and", "or" or ")"',
    },
    {
      filter: 'userName eq "x")',
      detail: 'Invalid filter: unexpected ")" at position 15: expected "and", "or" or the end of the filter',
    },
    { filter: '((userName eq "x")', detail: 'unexpected end of filter at position 18: expected "and", "or" or ")"' },
    {
      filter: 'userName eq',
      detail:
        'unexpected end of filter at position 11: expected a value (a quoted string, a number, true, false or null)',
    },
    { filter: 'userName eq bjensen', detail: 'unexpected "bjensen" at position 12: expected a value' },
    { filter: 'userName eq "bjensen', detail: 'unterminated string starting at position 12' },
    { filter: 'userName eq "bjensen\\"', detail: 'unterminated string starting at position 12' },
    { filter: 'userName eq "a\\qb"', detail: 'invalid escape "\\q" at position 14' },
    { filter: 'userName eq "\\u00g9"', detail: 'invalid \\u escape at position 13' },
    {
      filter: 'userName eq "x" trailing',
      detail: 'unexpected "trailing" at position 16: expected "and", "or" or the end of the filter',
    },
    { filter: 'userName pr "x"', detail: 'unexpected "\\"x\\"" at position 12' },
    { filter: 'userName', detail: 'unexpected end of filter at position 8: expected an operator' },
    {
      filter: 'userName eq "x" and',
      detail: 'unexpected end of filter at position 19: expected an attribute name, "(" or "not"',
    },
    { filter: 'userName eq "x" or or', detail: 'unexpected end of filter at position 21: expected an operator' },
    { filter: 'and userName eq "x"', detail: 'unexpected "userName" at position 4: expected an operator' },
    {
      filter: '"x" eq userName',
      detail: 'unexpected "\\"x\\"" at position 0: expected an attribute name, "(" or "not"',
    },
    { filter: '()', detail: 'unexpected ")" at position 1: expected an attribute name' },
    { filter: 'not userName eq "x"', detail: 'unexpected "userName" at position 4: expected "(" after "not"' },
    { filter: 'title pr and not', detail: 'unexpected end of filter at position 16: expected "(" after "not"' },
    { filter: 'emails[type eq "work"', detail: 'unexpected end of filter at position 21: expected "and", "or" or "]"' },
    { filter: 'emails[type eq "work"]]', detail: 'unexpected "]" at position 22' },
    { filter: 'emails[]', detail: 'unexpected "]" at position 7: expected an attribute name' },
    {
      filter: 'emails[type eq "work" and ims[type pr]]',
      detail: 'unexpected "[" at position 29: value filters cannot be nested',
    },
    {
      filter: 'emails.value[type eq "work"]',
      detail: 'unexpected "[" at position 12: a value filter follows a complex attribute',
    },
    { filter: 'emails[type eq "work"].1x eq "a"', detail: 'invalid sub-attribute name "1x" at position 23' },
    { filter: '1userName eq "x"', detail: 'invalid attribute name "1userName" at position 0' },
    { filter: 'name..familyName eq "x"', detail: 'at most one sub-attribute' },
    { filter: 'name.given.name eq "x"', detail: 'at most one sub-attribute' },
    { filter: 'name. eq "x"', detail: 'invalid attribute name an empty name at position 5' },
    { filter: 'user@name eq "x"', detail: 'invalid attribute name "user@name" at position 0' },
    {
      filter: 'urn:ietf:params:scim:schemas:core:2.0:User: eq "x"',
      detail: 'missing attribute name after the schema URN at position 43',
    },
    {
      filter: 'urn:ietf:params:scim:schemas:core:2.0:User:1x eq "x"',
      detail: 'invalid attribute name "1x" at position 43',
    },
    {
      filter: ':userName eq "x"',
      detail: 'unexpected ":userName" at position 0: expected an attribute name, optionally prefixed by a schema URN',
    },
    { filter: 'userName eq 1e999', detail: 'unexpected "1e999" at position 12: expected a value' },
    { filter: 'userName eq 01', detail: 'unexpected "01" at position 12: expected a value' },
    { filter: "userName eq 'x'", detail: 'unexpected "\'x\'" at position 12: expected a value' },
    { filter: 'userName eq "x" and (', detail: 'unexpected end of filter at position 21: expected an attribute name' },
  ])('$filter', ({ filter, detail }) => {
    const error = expectBadRequest(() => parseFilter(filter), 'invalidFilter', detail);
    expect(error.toBody()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });
});

describe('parseFilter: pathological input', () => {
  const nested = (depth: number) => `${'('.repeat(depth)}title pr${')'.repeat(depth)}`;

  it(`accepts ${FILTER_LIMITS.maxDepth} levels of nesting`, () => {
    expect(parseFilter(nested(FILTER_LIMITS.maxDepth))).toEqual(pr(ref('title')));
  });

  it.each([
    { name: 'parentheses', filter: nested(FILTER_LIMITS.maxDepth + 1), position: FILTER_LIMITS.maxDepth },
    {
      name: 'not (…)',
      filter: `${'not ('.repeat(FILTER_LIMITS.maxDepth + 1)}title pr${')'.repeat(FILTER_LIMITS.maxDepth + 1)}`,
      position: 5 * FILTER_LIMITS.maxDepth,
    },
    { name: 'thousands of open parentheses', filter: '('.repeat(9_000), position: FILTER_LIMITS.maxDepth },
  ])('rejects deeper nesting of $name', ({ filter, position }) => {
    const error = scimErrorOf(() => parseFilter(filter));
    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toContain(`nested too deeply at position ${position}`);
  });

  it('rejects a filter longer than the length limit', () => {
    const filter = `userName eq "${'x'.repeat(FILTER_LIMITS.maxLength)}"`;
    const error = scimErrorOf(() => parseFilter(filter));
    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toContain(
      `too long (${filter.length} characters; at most ${FILTER_LIMITS.maxLength} are accepted)`,
    );
  });

  it('parses a long flat chain of "and" just under the length limit', () => {
    const terms = Math.floor(FILTER_LIMITS.maxLength / 'a pr and '.length);
    const filter = Array.from({ length: terms }, () => 'a pr').join(' and ');
    let node = parseFilter(filter);
    let depth = 1;
    while (node.kind === 'and') {
      node = node.left;
      depth += 1;
    }
    expect(depth).toBe(terms);
  });

  it('rejects non-string input with a ScimError rather than a TypeError', () => {
    const error = scimErrorOf(() => parseFilter(undefined as unknown as string));
    expect(error.scimType).toBe('invalidFilter');
  });
});
