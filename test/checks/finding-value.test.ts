import { describe, expect, it } from 'vitest';
import {
  boundedFindings,
  boundedValue,
  jsonPrefix,
  MAX_FINDING_VALUE_CHARS,
  MAX_FINDINGS_PER_CHECK,
} from '../../src/checks/finding-value.js';

describe("jsonPrefix: the start of a value's JSON, without recursion", () => {
  it.each([
    ['a scalar', 'text', '"text"'],
    ['nested containers', { a: [1, { b: null }], c: {} }, '{"a":[1,{"b":null}],"c":{}}'],
    ['members JSON leaves out', { a: undefined, b: 1, f: () => 1, l: [undefined] }, '{"b":1,"l":[null]}'],
  ])('%s is serialised as JSON.stringify does', (_name, value, expected) => {
    expect(jsonPrefix(value, 1000)).toBe(expected);
    expect(jsonPrefix(value, 1000)).toBe(JSON.stringify(value));
  });

  it('stops one character past the limit, on a value nested far deeper than the stack allows', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(jsonPrefix(deep, 50)).toBe('['.repeat(51));
  });
});

describe("boundedValue and boundedFindings: what a verdict keeps of the server's data", () => {
  it('keeps short values as they are, and cuts long ones to their start', () => {
    expect(boundedValue({ a: [1, 2] })).toEqual({ a: [1, 2] });
    expect(boundedValue('x'.repeat(5000))).toBe(`${'x'.repeat(MAX_FINDING_VALUE_CHARS)}…`);
    const long = boundedValue({ list: Array.from({ length: 10_000 }, (_, index) => index) }) as string;
    expect(long.startsWith('{"list":[0,1,2,')).toBe(true);
    expect(long.length).toBe(MAX_FINDING_VALUE_CHARS + 1);
  });

  it(`keeps the first ${MAX_FINDINGS_PER_CHECK} findings and says how many more there were`, () => {
    const findings = Array.from({ length: 100_000 }, (_, index) => ({
      message: `x${index} is not declared`,
      path: `$.x${index}`,
    }));
    const kept = boundedFindings(findings);
    expect(kept).toHaveLength(MAX_FINDINGS_PER_CHECK + 1);
    expect(kept.at(-1)!.message).toBe(
      `… and ${100_000 - MAX_FINDINGS_PER_CHECK} more findings like these (a verdict keeps the first ${MAX_FINDINGS_PER_CHECK})`,
    );
  });
});
