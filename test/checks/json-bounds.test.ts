import { describe, expect, it } from 'vitest';
import { jsonBoundsViolation, MAX_JSON_NESTING, MAX_OBJECT_MEMBERS } from '../../src/scim/json-bounds.js';

/** An object with `count` members `"a0":0,"a1":0,…`, as text. */
function wideObject(count: number): string {
  const members: string[] = [];
  for (let index = 0; index < count; index++) members.push(`"a${index}":0`);
  return `{${members.join(',')}}`;
}

describe('jsonBoundsViolation: how deep and how wide a body may be before nothing walks it', () => {
  it.each([
    [
      'a User',
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: 'a',
        emails: [{ value: 'a@example.com', primary: true }],
        meta: { resourceType: 'User' },
      }),
    ],
    ['exactly the nesting limit', `${'['.repeat(MAX_JSON_NESTING)}${']'.repeat(MAX_JSON_NESTING)}`],
    ['exactly the member limit', wideObject(MAX_OBJECT_MEMBERS)],
    [
      "a long array (a big group's members)",
      JSON.stringify({ members: Array.from({ length: 50_000 }, (_, index) => ({ value: `u${index}` })) }),
    ],
    ['brackets and colons inside strings', JSON.stringify({ text: `${'[{'.repeat(500)}:\\"${':'.repeat(5000)}` })],
    ['text that is not JSON', 'Service Unavailable'],
  ])('%s is within the bounds', (_name, text) => {
    expect(jsonBoundsViolation(text)).toBeUndefined();
  });

  it.each([
    ['arrays', `${'['.repeat(3000)}1${']'.repeat(3000)}`],
    ['objects', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
    ['one level past the limit', `${'['.repeat(MAX_JSON_NESTING + 1)}${']'.repeat(MAX_JSON_NESTING + 1)}`],
  ])('nested too deep (%s) is BODY_TOO_DEEP', (_name, text) => {
    expect(jsonBoundsViolation(text)).toEqual({
      code: 'BODY_TOO_DEEP',
      message: expect.stringContaining(`nested deeper than ${MAX_JSON_NESTING} levels`),
    });
  });

  it('an object with one member too many is BODY_TOO_WIDE, and the message counts its members', () => {
    expect(
      jsonBoundsViolation(JSON.stringify({ Resources: [{ id: 'x' }, JSON.parse(wideObject(MAX_OBJECT_MEMBERS + 1))] })),
    ).toEqual({
      code: 'BODY_TOO_WIDE',
      message: expect.stringContaining('an object with 1,001 members, more than the 1,000'),
    });
  });

  it('measures a 10 MiB body of 600,000 members without parsing it', () => {
    expect(jsonBoundsViolation(wideObject(600_000))).toEqual({
      code: 'BODY_TOO_WIDE',
      message: expect.stringContaining('an object with 600,000 members'),
    });
  });
});
