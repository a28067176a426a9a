import { describe, expect, it } from 'vitest';
import { ANSWER_CHECKS } from '../../src/checks/raw-step-verdicts.js';
import { DEVIATIONS, type DeviationName } from '../support/deviant-server.js';
import {
  type JudgedExchange,
  judgedExchanges,
  onDeviant,
  scimError,
  startAnsweringServer,
} from './judged-once-report.js';

/*
 * Each request is judged once (issue 12). A spec step's own verdict (its `check:` row, or
 * SCENARIO-EXPECT) and the purpose checks inferred for the same request (LIST-RESPONSE,
 * READ-200, CREATE-201...) judged the same answer twice, sometimes the row skipped as
 * "unsupported" while LIST-RESPONSE failed the same 400. Measured before the change on the
 * spec suite: 214 such exchanges against the reference server, 5,563 over 26 deviant servers.
 */

/** What is judged twice on one exchange: an id given twice, or the step's own verdict next to a purpose check of the answer. */
function doubles(exchange: JudgedExchange): string[] {
  const ids = exchange.verdicts.map((verdict) => verdict.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  const own = exchange.spec.check ?? (exchange.spec.expect !== undefined ? 'SCENARIO-EXPECT' : undefined);
  const answer = own !== undefined && ids.includes(own) ? ids.filter((id) => id !== own && ANSWER_CHECKS.has(id)) : [];
  return [...repeated.map((id) => `${id} twice`), ...answer.map((id) => `${own} and ${id}`)].map(
    (what) => `${exchange.where}: ${what}`,
  );
}

describe.concurrent('each request of the spec suite is judged once', () => {
  it('against the reference server: no exchange gets two verdicts on its answer', async () => {
    const exchanges = await onDeviant([], ['scenarios/spec']);
    expect(exchanges.length).toBeGreaterThan(100);
    expect(exchanges.flatMap(doubles)).toEqual([]);
  }, 120_000);

  it('against a server without value-path filters: FILTER-VALUEPATH is skipped as unsupported and LIST-RESPONSE does not fail the same 400', async () => {
    const server = await startAnsweringServer('judged-once-token', (method, path) =>
      method === 'GET' && /filter=[^&]*\[/.test(path)
        ? { status: 400, body: scimError(400, 'invalidFilter') }
        : undefined,
    );
    try {
      const { exchanges, stderr } = await judgedExchanges(
        ['scenarios/spec/list-and-filter.yaml'],
        server.baseUrl,
        'judged-once-token',
      );
      const refused = exchanges.filter(
        (exchange) => exchange.spec.check === 'FILTER-VALUEPATH' && exchange.status === 400,
      );
      expect(refused.length, stderr).toBeGreaterThan(0);
      for (const exchange of refused) {
        expect(exchange.verdicts.find((verdict) => verdict.id === 'FILTER-VALUEPATH')?.status, exchange.where).toBe(
          'skipped',
        );
        expect(
          exchange.verdicts.filter((verdict) => ANSWER_CHECKS.has(verdict.id)),
          exchange.where,
        ).toEqual([]);
      }
      expect(exchanges.flatMap(doubles)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);

  it.each([['list-without-schemas'], ['delete-200'], ['total-is-page-size'], ['version-mismatch']] as [
    DeviationName,
  ][])(
    'against the deviant %s: the bug is still caught, and no exchange is judged twice',
    async (name) => {
      const exchanges = await onDeviant([name], ['scenarios/spec']);
      expect(exchanges.flatMap(doubles)).toEqual([]);
      const failed = new Set(
        exchanges.flatMap((exchange) =>
          exchange.verdicts.filter((verdict) => verdict.status === 'failed').map((verdict) => verdict.id),
        ),
      );
      for (const id of DEVIATIONS[name].caughtBy) expect([...failed], `${name} should still fail ${id}`).toContain(id);
    },
    120_000,
  );
});
