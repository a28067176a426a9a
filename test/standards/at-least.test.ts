import { describe, expect, it } from 'vitest';
import { responseExpectationFindings } from '../../src/checks/scenario-expectation.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { list, recorded, user } from '../checks/exchange-fixtures.js';

/*
 * `atLeast:` in a step's `expect:` (added for INTEROP01-COUNT-100: a page limit of at least 100,
 * draft-zollner-scim-interop-profile-01 §6.4): a number there is at least the bound, an array
 * holds at least that many elements.
 */

const listed = recorded({ path: '/Users', status: 200, body: list([user(), user({ id: 'u2', userName: 'other' })]) });

describe('expect: atLeast', () => {
  it.each([
    ['a number at the bound passes', { '$.totalResults': 2 }, 0],
    ['a number below the bound fails', { '$.totalResults': 3 }, 1],
    ['an array long enough passes', { '$.Resources': 2 }, 0],
    ['an array too short fails', { '$.Resources': 5 }, 1],
    ['an absent value fails', { '$.filter.maxResults': 100 }, 1],
    ['a string is not a number', { '$.Resources[0].userName': 1 }, 1],
  ])('%s', (_title, atLeast, count) => {
    expect(responseExpectationFindings(listed, { atLeast })).toHaveLength(count);
  });

  it('says what it wanted and what it found', () => {
    expect(responseExpectationFindings(listed, { atLeast: { '$.totalResults': 100 } })).toEqual([
      { message: '$.totalResults should be at least 100', path: '$.totalResults', expected: '≥ 100', actual: 2 },
    ]);
  });

  it('is part of the scenario schema: a bound that is not a number is a diagnostic', () => {
    const yaml = (bound: string) =>
      `name: x\nsteps:\n  - request: { method: GET, path: /ServiceProviderConfig }\n    expect: { atLeast: { "$.filter.maxResults": ${bound} } }\n`;
    expect(loadScenarioText(yaml('100'), 'x.yaml').diagnostics).toEqual([]);
    expect(loadScenarioText(yaml('"many"'), 'x.yaml').diagnostics.length).toBeGreaterThan(0);
  });
});
