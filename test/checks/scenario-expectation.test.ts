import { describe, expect, it } from 'vitest';
import { advertisedButBroken } from '../../src/checks/active/advertised-but-broken.js';
import { rawStepVerdicts } from '../../src/checks/raw-step-verdicts.js';
import { inferRawPurpose } from '../../src/checks/request-purpose.js';
import { toCheckResult } from '../../src/checks/run-exchange-checks.js';
import { responseExpectationFindings } from '../../src/checks/scenario-expectation.js';
import { checkSelector, unmatchedGlobs } from '../../src/checks/select-checks.js';
import { ID, list, recorded, user } from './exchange-fixtures.js';

const listed = recorded({ path: '/Users', status: 200, body: list([user(), user({ id: 'u2', userName: 'other' })]) });

describe('spec-step expectations (expect: on a request step)', () => {
  it.each([
    ['bodyNot rejects a body that contains the value', { bodyNot: { Resources: [{ id: ID }] } }, 1],
    ['bodyNot accepts a body that lacks it', { bodyNot: { Resources: [{ id: 'ghost' }] } }, 0],
    [
      'a bodyNot list forbids each entry',
      { bodyNot: [{ Resources: [{ id: 'ghost' }] }, { Resources: [{ id: 'u2' }] }] },
      1,
    ],
    ['absent fails on a present path', { absent: ['$.Resources[0].name'] }, 1],
    ['absent passes on a missing path', { absent: ['$.Resources[0].nickName'] }, 0],
    ['paths compares exactly', { paths: { '$.Resources[1].userName': 'other' } }, 0],
    ['paths fails on a different value', { paths: { '$.Resources[0].userName': 'other' } }, 1],
    ['paths compares a rendered template with a number', { paths: { '$.totalResults': '2' } }, 0],
    ['lengths counts arrays', { lengths: { '$.Resources': 2 } }, 0],
    ['lengths counts an absent array as 0', { lengths: { '$.Resources[0].phoneNumbers': 0 } }, 0],
    ['lengths fails on another length', { lengths: { '$.Resources': 1 } }, 1],
  ])('%s', (_title, expectation, count) => {
    expect(responseExpectationFindings(listed, expectation)).toHaveLength(count);
  });

  it('reports a `check:` step under its catalogue row, with RFC and level, and marks MUST* wording', () => {
    const failed = toCheckResult('PAGE-ONE-BASED', { idp: 'generic' }, [{ message: 'startIndex should be 1' }], 7);
    expect(failed).toMatchObject({
      id: 'PAGE-ONE-BASED',
      rfc: 'RFC 7644 §3.4.2.4 (Table 6)',
      level: 'error',
      status: 'failed',
      exchangeId: 7,
    });
    expect(failed.title).toContain('descriptively');
    expect(toCheckResult('DISC-NO-FILTER', { idp: 'generic' }, [{ message: 'x' }]).level).toBe('warning');
    expect(toCheckResult('INTEROP-OP-CASE', { idp: 'generic' }, [{ message: 'x' }]).level).toBe('info');
    expect(toCheckResult('INTEROP-OP-CASE', { idp: 'entra' }, [{ message: 'x' }]).level).toBe('error');
    expect(toCheckResult('FILTER-EQ', { idp: 'generic' }, []).status).toBe('passed');
  });
});

describe('raw request purposes', () => {
  it.each([
    ['POST', '/Users', 201, 'createUser'],
    ['POST', '/Groups', 201, 'createGroup'],
    ['POST', '/Users', 409, 'raw'],
    ['POST', '/Users/.search', 200, 'raw'],
    ['GET', `/Users/${ID}`, 200, 'getUser'],
    ['GET', `/Users/${ID}`, 404, 'raw'],
    ['GET', '/Groups', 200, 'listGroups'],
    ['PATCH', `/Groups/${ID}`, [200, 204], 'patchGroup'],
    ['DELETE', `/Users/${ID}`, 204, 'deleteUser'],
    ['GET', '/Users', undefined, 'raw'],
  ] as const)('%s %s expecting %s is %s', (method, path, status, purpose) => {
    expect(inferRawPurpose(method, path, status as number | number[] | undefined)).toBe(purpose);
  });
});

describe('advertised but broken (DISC-SPC-HONEST)', () => {
  it('flags a refusal of a feature ServiceProviderConfig advertises', () => {
    const result = advertisedButBroken(
      recorded({ method: 'POST', path: '/Bulk', status: 501, body: {} }),
      'bulk',
      'generic',
    );
    expect(result).toMatchObject({ id: 'DISC-SPC-HONEST', status: 'failed', level: 'warning' });
    expect(result?.message).toContain('advertised but broken');
  });
  it('stays silent when the feature answered', () => {
    expect(
      advertisedButBroken(recorded({ method: 'POST', path: '/Bulk', status: 200, body: {} }), 'bulk', 'generic'),
    ).toBeUndefined();
  });
  it('stays silent when the step expects the refusal status (a deleted resource)', () => {
    expect(
      advertisedButBroken(
        recorded({ method: 'GET', path: `/Users/${ID}`, status: 404, body: {} }),
        'etag',
        'generic',
        [404],
      ),
    ).toBeUndefined();
    expect(
      advertisedButBroken(
        recorded({ method: 'GET', path: `/Users/${ID}`, status: 404, body: {} }),
        'etag',
        'generic',
        [200],
      )?.status,
    ).toBe('failed');
  });
});

describe('raw step verdicts (expect:, probe rows, advertised features)', () => {
  const refused = recorded({ method: 'POST', path: '/Users/.search', status: 501, body: {} });
  it.each([
    [
      'expect: without check: is SCENARIO-EXPECT',
      listed,
      { expectation: { status: 200 } },
      [['SCENARIO-EXPECT', 'passed']],
    ],
    [
      'expect: with check: is that row',
      listed,
      { check: 'FILTER-EQ', expectation: { status: 201 } },
      [['FILTER-EQ', 'failed']],
    ],
    [
      'a probe row refused with 501 is skipped, not judged',
      refused,
      { check: 'SEARCH-POST', expectation: { status: 200 } },
      [['SEARCH-POST', 'skipped']],
    ],
    [
      'a probe row whose refusal the step expects is judged',
      refused,
      { check: 'SEARCH-POST', expectation: { status: 501 } },
      [['SEARCH-POST', 'passed']],
    ],
    [
      'a refused advertised feature is also DISC-SPC-HONEST',
      refused,
      { expectation: { status: 200 }, advertisedFeature: 'filter' },
      [
        ['SCENARIO-EXPECT', 'failed'],
        ['DISC-SPC-HONEST', 'failed'],
      ],
    ],
    [
      'an expected refusal of an advertised feature is not',
      refused,
      { expectation: { status: 501 }, advertisedFeature: 'filter' },
      [['SCENARIO-EXPECT', 'passed']],
    ],
    ['no expect: and no gate gives no verdict', listed, {}, []],
  ] as const)('%s', (_title, exchange, step, verdicts) => {
    const results = rawStepVerdicts(exchange, { idp: 'generic', label: 'POST /Users/.search', ...step });
    expect(results.map((result) => [result.id, result.status])).toEqual(verdicts);
  });
});

describe('--check / --skip-check selection', () => {
  it('keeps matching catalogue IDs and always keeps scenario assertions', () => {
    const select = checkSelector(['FILTER-*'], ['FILTER-NOT*'])!;
    expect(select('FILTER-EQ')).toBe(true);
    expect(select('filter-co')).toBe(true);
    expect(select('FILTER-NOT-IGNORED')).toBe(false);
    expect(select('DT-BOOLEAN')).toBe(false);
    expect(select('SCENARIO-EXPECT')).toBe(true);
    expect(checkSelector([], [])).toBeUndefined();
  });
  it('names globs that match nothing', () => {
    expect(unmatchedGlobs(['FILTER-*', 'NOPE-*'])).toEqual(['NOPE-*']);
  });
});
