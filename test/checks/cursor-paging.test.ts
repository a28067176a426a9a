import { describe, expect, it } from 'vitest';
import {
  advertisedMaxPageSize,
  cursorAdvertised,
  cursorCountAboveMax,
  cursorCountMax,
  cursorRequest,
} from '../../src/checks/exchange/cursor-paging.js';
import { errorScimType, listTooMany } from '../../src/checks/exchange/error-details.js';
import { listPageFields } from '../../src/checks/exchange/read-and-list.js';
import type { ExchangeCheckContext } from '../../src/checks/exchange-check.js';
import { ERROR_URN, LIST_URN, recorded, user } from './exchange-fixtures.js';

// The RFC 9865 passive rules, table-driven over recorded exchanges (no network).

const SPC_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const context: ExchangeCheckContext = { idp: 'generic', purpose: 'listUsers', issuedIds: new Set() };
const withMax: ExchangeCheckContext = { ...context, maxPageSize: 50 };

const spc = (pagination: unknown) =>
  recorded({ path: '/ServiceProviderConfig', status: 200, body: { schemas: [SPC_URN], pagination } });
const page = (path: string, resources: number, extra: Record<string, unknown> = {}) =>
  recorded({
    path,
    status: 200,
    body: {
      schemas: [LIST_URN],
      totalResults: 9,
      itemsPerPage: resources,
      Resources: Array(resources).fill(user()),
      ...extra,
    },
  });

describe('CURSOR-ADVERTISED (RFC 9865 §4)', () => {
  it.each([
    [
      'the full attribute',
      {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 250,
        cursorTimeout: 3600,
      },
      [],
    ],
    ['only the two required flags', { cursor: false, index: true }, []],
    ['member names in another case', { Cursor: true, INDEX: true }, []],
    ['a string flag', { cursor: 'true', index: true }, ['$.pagination.cursor']],
    ['no index flag', { cursor: true }, ['$.pagination.index']],
    [
      'an unknown default method',
      { cursor: true, index: true, defaultPaginationMethod: 'offset' },
      ['$.pagination.defaultPaginationMethod'],
    ],
    [
      'a zero page size and a fractional timeout',
      { cursor: true, index: true, maxPageSize: 0, cursorTimeout: 1.5 },
      ['$.pagination.maxPageSize', '$.pagination.cursorTimeout'],
    ],
    ['pagination as a flag', true, ['$.pagination']],
  ])('%s', (_label, pagination, paths) => {
    const exchange = spc(pagination);
    expect(cursorAdvertised.appliesTo(exchange, context)).toBe(true);
    const findings = cursorAdvertised.check(exchange, context) as { path?: string }[];
    expect(findings.map((finding) => finding.path)).toEqual(paths);
  });

  it('does not judge a configuration without pagination (the attribute is optional)', () => {
    expect(
      cursorAdvertised.appliesTo(
        recorded({ path: '/ServiceProviderConfig', status: 200, body: { schemas: [SPC_URN] } }),
        context,
      ),
    ).toBe(false);
  });

  it('reads maxPageSize only when it is a positive integer', () => {
    expect(advertisedMaxPageSize({ pagination: { cursor: true, index: true, maxPageSize: 250 } })).toBe(250);
    expect(advertisedMaxPageSize({ pagination: { maxPageSize: '250' } })).toBeUndefined();
    expect(advertisedMaxPageSize({})).toBeUndefined();
    expect(advertisedMaxPageSize(undefined)).toBeUndefined();
  });
});

describe('what a cursor request is (RFC 9865 §2, §3)', () => {
  it.each([
    ['GET /Users?cursor&count=2', recorded({ path: '/Users?cursor&count=2', status: 200 }), { cursor: true, count: 2 }],
    [
      'GET /Groups?Cursor=abc',
      recorded({ path: '/Groups?Cursor=abc', status: 200 }),
      { cursor: true, count: undefined },
    ],
    [
      'GET /Users?startIndex=1&count=2',
      recorded({ path: '/Users?startIndex=1&count=2', status: 200 }),
      { cursor: false },
    ],
    [
      'POST /.search with cursor',
      recorded({ method: 'POST', path: '/.search', requestBody: { cursor: '', count: 5 }, status: 200 }),
      { cursor: true, count: 5 },
    ],
    [
      'POST /Users/.search without cursor',
      recorded({ method: 'POST', path: '/Users/.search', requestBody: { count: 5 }, status: 200 }),
      { cursor: false },
    ],
    [
      'GET /ServiceProviderConfig?cursor',
      recorded({ path: '/ServiceProviderConfig?cursor', status: 200 }),
      { cursor: false },
    ],
  ])('%s', (_label, exchange, expected) => {
    expect(cursorRequest(exchange)).toEqual(expected);
  });
});

describe('CURSOR-COUNT-MAX (RFC 9865 §2)', () => {
  it('passes a page within count, and fails an itemsPerPage above it', () => {
    expect(cursorCountMax.check(page('/Users?cursor&count=2', 2), context)).toEqual([]);
    const inflated = page('/Users?cursor&count=2', 2, { itemsPerPage: 9 });
    expect(cursorCountMax.check(inflated, context)).toMatchObject([{ path: '$.itemsPerPage', actual: 9 }]);
  });

  it('leaves more resources than count to PAGE-COUNT-MAX, so one bug has one name', () => {
    expect(cursorCountMax.check(page('/Users?cursor&count=2', 3), context)).toMatch(/PAGE-COUNT-MAX/);
  });

  it('counts a negative count as 0, and does not apply to index pages', () => {
    expect(cursorCountMax.check(page('/Users?cursor&count=-1', 0), context)).toEqual([]);
    expect(cursorCountMax.appliesTo(page('/Users?startIndex=1&count=2', 2), context)).toBe(false);
  });
});

describe('CURSOR-COUNT-ABOVE-MAX (RFC 9865 §4, §2.1)', () => {
  const refused = (scimType: string | undefined, status = 400) =>
    recorded({
      path: '/Users?cursor&count=1000000',
      status,
      body: { schemas: [ERROR_URN], status: String(status), ...(scimType ? { scimType } : {}) },
    });

  it('accepts a page within maxPageSize and a 400 invalidCount for a count above it', () => {
    expect(cursorCountAboveMax.check(page('/Users?cursor&count=1000000', 50), withMax)).toEqual([]);
    expect(cursorCountAboveMax.check(refused('invalidCount'), withMax)).toEqual([]);
  });

  it('fails a page above maxPageSize, another scimType, and a status other than 400', () => {
    expect(cursorCountAboveMax.check(page('/Users?cursor', 51), withMax)).toMatchObject([{ path: '$.Resources' }]);
    expect(cursorCountAboveMax.check(refused('invalidValue'), withMax)).toMatchObject([{ actual: 'invalidValue' }]);
    expect(cursorCountAboveMax.check(refused(undefined, 500), withMax)).toMatchObject([{ actual: 500 }]);
  });

  it('judges nothing without an advertised maxPageSize, nor an error to a count within it', () => {
    expect(cursorCountAboveMax.appliesTo(refused('invalidValue'), context)).toBe(false);
    const withinLimit = recorded({
      path: '/Users?cursor=x&count=5',
      status: 400,
      body: { schemas: [ERROR_URN], status: '400', scimType: 'invalidCursor' },
    });
    expect(cursorCountAboveMax.appliesTo(withinLimit, withMax)).toBe(false);
  });
});

describe('index-paging rules on cursor pages', () => {
  it('LIST-PAGE-FIELDS does not ask a partial cursor page for startIndex, which cursor servers need not know (RFC 9865 §2)', () => {
    const cursorPage = page('/Users?cursor=abc&count=2', 2, { nextCursor: 'def' });
    const indexPage = page('/Users?startIndex=1&count=2', 2);
    for (const exchange of [cursorPage, indexPage])
      delete (exchange.response!.json as Record<string, unknown>).startIndex;
    expect(listPageFields.check(cursorPage, context)).toEqual([]);
    expect(listPageFields.check(indexPage, context)).toMatchObject([{ path: '$.startIndex' }]);
  });

  it('LIST-TOOMANY accepts the RFC 9865 errors on a cursor request, and only there', () => {
    const refusal = (path: string) =>
      recorded({ path, status: 400, body: { schemas: [ERROR_URN], status: '400', scimType: 'invalidCursor' } });
    expect(listTooMany.check(refusal('/Users?cursor=abc&count=2'), context)).toEqual([]);
    expect(listTooMany.check(refusal('/Users?startIndex=1'), context)).toMatchObject([{ actual: 'invalidCursor' }]);
  });

  it('ERR-SCIMTYPE knows invalidCursor, expiredCursor and invalidCount (RFC 9865 §2.1 extends Table 9)', () => {
    for (const scimType of ['invalidCursor', 'expiredCursor', 'invalidCount']) {
      const error = recorded({
        path: '/Users?cursor=x',
        status: 400,
        body: { schemas: [ERROR_URN], status: '400', scimType },
      });
      expect(errorScimType.check(error, context)).toEqual([]);
    }
  });
});
