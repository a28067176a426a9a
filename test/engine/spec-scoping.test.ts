import { afterEach, describe, expect, it } from 'vitest';
import type { LoopbackProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';
import {
  allSteps,
  failedIds,
  filterOf,
  passedIds,
  type Report,
  scimError,
  startHookedServer,
  TOKEN,
} from './spec-scoping-servers.js';

/*
 * Issue 12: one `userName sw "…"` clause scoped most filter, paging and sort steps, so a server
 * without `sw` failed NE, PR, ORDER, NOT, the logical operators, paging and sorting for the `sw`
 * reason. Each step now depends only on its own operator plus `eq` (and `or`, `and`, parentheses
 * where a scope needs several users), and names what it builds on under `needs:`: when that
 * failed, the step is skipped with a reason naming it instead of failing.
 */

let server: LoopbackProxy | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runFilterSuite(refuse: RegExp, operator: string): Promise<Report> {
  server = await startHookedServer({
    answer: (request) =>
      refuse.test(filterOf(request))
        ? scimError(400, 'invalidFilter', `the ${operator} operator is not supported`)
        : undefined,
  });
  const run = await runMain(
    [
      'run',
      'scenarios/spec/list-and-filter.yaml',
      'scenarios/spec/sort.yaml',
      '--base-url',
      server.baseUrl,
      '--reporter',
      'json',
    ],
    { env: { SCIM_CHECK_TOKEN: TOKEN } },
  );
  return JSON.parse(run.stdout) as Report;
}

describe('a server without one filter operator fails only the rows about it', () => {
  it('without `sw`: only FILTER-SW fails; NE, PR, ORDER, NOT, logical operators, paging and sorting still pass', async () => {
    const report = await runFilterSuite(/\bsw\b/i, 'sw');
    expect(failedIds(report)).toEqual(['FILTER-SW']);
    const passed = passedIds(report);
    for (const id of [
      'FILTER-EQ',
      'FILTER-NE',
      'FILTER-PR',
      'FILTER-ORDER',
      'FILTER-NOT',
      'FILTER-LOGICAL',
      'FILTER-PRECEDENCE',
      'FILTER-EW',
      'FILTER-CO',
      'PAGE-ONE-BASED',
      'PAGE-WALK',
      'PAGE-TOTAL',
      'PAGE-COUNT-ZERO',
      'LIST-PAGE-FIELDS',
      'SORT-ORDER',
      'SORT-MISSING-LAST',
    ]) {
      expect(passed, id).toContain(id);
    }
    // The case rule tried with `sw` is about case, not `sw`: skipped, naming the step that failed.
    const swCase = allSteps(report).find((step) => step.name === 'sw without case');
    expect(swCase).toMatchObject({
      status: 'skipped',
      skipReason: expect.stringMatching(/^needs step \d+ "sw matches a prefix" \(FILTER-SW\), which failed/),
    });
  });

  it('without `or`: only FILTER-LOGICAL fails; the steps scoped with `or` are skipped with the reason, the rest pass', async () => {
    const report = await runFilterSuite(/\bor\b/i, 'or');
    expect(failedIds(report)).toEqual(['FILTER-LOGICAL']);
    const passed = passedIds(report);
    for (const id of [
      'FILTER-EQ',
      'FILTER-SW',
      'FILTER-EW',
      'FILTER-CO',
      'FILTER-VALUEPATH',
      'FILTER-MULTIVALUED',
      'FILTER-CASE-INSENSITIVE',
      'FILTER-COMPVALUE',
      'FILTER-NOT-IGNORED',
    ])
      expect(passed, id).toContain(id);
    const skipped = allSteps(report).filter((step) => step.status === 'skipped');
    const byName = (name: string) => skipped.find((step) => step.name === name);
    expect(byName('walk page 1')?.skipReason).toMatch(
      /^needs step \d+ "or needs either side" \(FILTER-LOGICAL\), which failed \(status 400/,
    );
    expect(byName('ne excludes equal values')?.skipReason).toMatch(
      /^needs step \d+ "parentheses override precedence" \(FILTER-PRECEDENCE\), which was skipped \(needs step \d+ "or needs either side"/,
    );
    expect(byName('ascending by userName ignores case')?.skipReason).toMatch(
      /^needs step 4 "the three fixtures are found with eq and or" \(FILTER-LOGICAL\), which failed/,
    );
    // Nothing was skipped for another reason.
    for (const step of skipped)
      expect(step.skipReason, step.name).toMatch(
        /needs step \d+ "(or needs either side|parentheses override precedence|and binds tighter than or|the three fixtures are found with eq and or)"/,
      );
  });
});
