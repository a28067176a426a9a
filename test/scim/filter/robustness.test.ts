import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter, parsePatchPath, validateFilter } from '../../../src/scim/filter/index.js';
import { USER_RESOURCE_TYPE } from '../../../src/scim/resource-type.js';
import { ScimError, type ScimType } from '../../../src/scim/scim-error.js';
import { sampleUsers } from './fixtures.js';

/** mulberry32: a tiny seeded PRNG, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  'userName eq "bjensen"',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x"',
  'meta.lastModified gt "2011-05-13T04:42:34Z" and title pr',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  'members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName',
  'emails[type eq "work"].value eq "a\\u00e9\\"b"',
  'active eq true or ports lt -1.5e3 or title eq null',
];
const ALPHABET = [
  '(',
  ')',
  '[',
  ']',
  '"',
  '\\',
  ' ',
  '.',
  ':',
  '$',
  'a',
  'Z',
  '0',
  '-',
  'e',
  'q',
  'not ',
  ' and ',
  ' or ',
  ' pr',
  ' eq ',
  'u',
  '\u0000',
  '\u{1F600}',
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  let result = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = Math.floor(next() * (result.length + 1));
    switch (Math.floor(next() * 5)) {
      case 0:
        result = result.slice(0, at) + result.slice(at + 1);
        break;
      case 1:
        result = result.slice(0, at) + pick(ALPHABET) + result.slice(at);
        break;
      case 2:
        result = result.slice(0, at);
        break;
      case 3:
        result = result.slice(0, at) + result.slice(at, at + 12) + result.slice(at);
        break;
      default:
        result = result.slice(0, at) + pick(SEEDS) + result.slice(at);
        break;
    }
  }
  return result;
}

function randomText(next: () => number): string {
  const length = Math.floor(next() * 40);
  let text = '';
  for (let index = 0; index < length; index += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

/** Runs `action`; anything thrown must be a 400 ScimError of the given type. */
function expectOnlyScimErrors(input: string, scimType: ScimType, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ScimError) || error.status !== 400 || error.scimType !== scimType) {
      throw new Error(`input ${JSON.stringify(input)} threw ${String(error)}`);
    }
  }
}

describe('random and mutated input never throws anything but a 400 ScimError', () => {
  const next = random(7644);
  const inputs = [
    ...Array.from({ length: 3000 }, () => mutate(SEEDS[Math.floor(next() * SEEDS.length)] as string, next)),
    ...Array.from({ length: 1000 }, () => randomText(next)),
  ];

  it('parseFilter, validateFilter and matchesFilter', () => {
    let parsed = 0;
    for (const input of inputs) {
      expectOnlyScimErrors(input, 'invalidFilter', () => {
        const filter = parseFilter(input);
        parsed += 1;
        for (const user of Object.values(sampleUsers)) matchesFilter(user, filter, USER_RESOURCE_TYPE);
        validateFilter(filter, USER_RESOURCE_TYPE);
      });
    }
    // The mutations must leave a fair share valid, or this test would only exercise error paths.
    expect(parsed).toBeGreaterThan(200);
    expect(parsed).toBeLessThan(inputs.length);
  });

  it('parsePatchPath', () => {
    let parsed = 0;
    for (const input of inputs) {
      expectOnlyScimErrors(input, 'invalidPath', () => {
        parsePatchPath(input);
        parsed += 1;
      });
    }
    expect(parsed).toBeGreaterThan(20);
  });

  it('deeply nested value paths and brackets', () => {
    for (const input of [
      '['.repeat(9_000),
      `emails${'['.repeat(5_000)}`,
      `${'not ('.repeat(1_900)}a pr`,
      `a[${'('.repeat(4_000)}`,
    ]) {
      expectOnlyScimErrors(input, 'invalidFilter', () => parseFilter(input));
      expectOnlyScimErrors(input, 'invalidPath', () => parsePatchPath(input));
    }
  });
});
