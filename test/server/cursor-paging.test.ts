import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createUser, expectScimError, startTestServer, type TestServer } from './helpers.js';

// RFC 9865 cursor pagination in the reference server: the advertisement (§4), the walk (§2), the
// errors (§2.1), POST /.search (§3), and index paging left as it was (§2.4). The server's clock is
// a variable here, so expiry is tested by moving it, never by waiting.

let api: TestServer;
let now = Date.UTC(2026, 0, 1);
const TIMEOUT_SECONDS = 60;
const ids: string[] = [];
const SCOPE = encodeURIComponent('userName sw "cp-"');

/** GET /Users over the five fixtures, oldest first (the store's order), with extra parameters. */
const page = (parameters: string) => api.call('GET', `/Users?filter=${SCOPE}&${parameters}`);
const idsOf = (body: any): string[] => body.Resources.map((resource: any) => resource.id);

beforeAll(async () => {
  api = await startTestServer({ cursorTimeout: TIMEOUT_SECONDS, clock: () => now });
  for (const n of [1, 2, 3, 4, 5]) ids.push((await createUser(api, `cp-u${n}@example.com`)).id);
  await createUser(api, 'other@example.com');
});

afterAll(() => api.close());

describe('/ServiceProviderConfig pagination (RFC 9865 §4)', () => {
  it('advertises cursor and index paging, index as the default, and the configured cursorTimeout', async () => {
    const reply = await api.call('GET', '/ServiceProviderConfig');
    expect(reply.body.pagination).toEqual({
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 200,
      maxPageSize: 200,
      cursorTimeout: TIMEOUT_SECONDS,
    });
  });
});

describe('walking with cursors (RFC 9865 §2)', () => {
  it('visits every match once, with nextCursor on every page but the last and previousCursor never on the first', async () => {
    const first = await page('cursor&count=2');
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ schemas: [URN.listResponse], totalResults: 5, itemsPerPage: 2 });
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.body).not.toHaveProperty('previousCursor');

    const second = await page(`cursor=${first.body.nextCursor}&count=2`);
    expect(second.body).toMatchObject({ totalResults: 5, itemsPerPage: 2, startIndex: 3 });
    expect(second.body.previousCursor).toEqual(expect.any(String));

    const last = await page(`cursor=${second.body.nextCursor}&count=2`);
    expect(last.body.itemsPerPage).toBe(1);
    expect(last.body).not.toHaveProperty('nextCursor');
    expect([...idsOf(first.body), ...idsOf(second.body), ...idsOf(last.body)]).toEqual(ids);

    // previousCursor leads back one page; back on the first page there is no previousCursor again.
    const back = await page(`cursor=${last.body.previousCursor}&count=2`);
    expect(idsOf(back.body)).toEqual(idsOf(second.body));
    const front = await page(`cursor=${back.body.previousCursor}&count=2`);
    expect(idsOf(front.body)).toEqual(idsOf(first.body));
    expect(front.body).not.toHaveProperty('previousCursor');

    // One page holding every match is the first and the last: neither cursor.
    const whole = await page('cursor&count=10');
    expect(idsOf(whole.body)).toEqual(ids);
    expect(whole.body).not.toHaveProperty('nextCursor');
    expect(whole.body).not.toHaveProperty('previousCursor');
  });

  it('an empty cursor parameter (`cursor=`) starts a walk like `cursor` alone', async () => {
    const reply = await page('cursor=&count=4');
    expect(idsOf(reply.body)).toEqual(ids.slice(0, 4));
    expect(reply.body.nextCursor).toEqual(expect.any(String));
  });

  it('keeps its place when resources are deleted between pages (pages are anchored, not offsets)', async () => {
    const extra: string[] = [];
    for (const n of [1, 2, 3, 4]) extra.push((await createUser(api, `cpd-${n}@example.com`)).id);
    const walk = (cursor: string) =>
      api.call('GET', `/Users?filter=${encodeURIComponent('userName sw "cpd-"')}&cursor=${cursor}&count=1`);
    const first = await walk('');
    expect(idsOf(first.body)).toEqual([extra[0]]);
    // A deprovisioning sweep deletes what it has read: an index walk would now ask for
    // startIndex=2 and skip cpd-2.
    expect((await api.call('DELETE', `/Users/${extra[0]}`)).status).toBe(204);
    const second = await walk(first.body.nextCursor);
    expect(idsOf(second.body)).toEqual([extra[1]]);
    // The resource the next page would start with is deleted by someone else: the walk goes on after cpd-2.
    expect((await api.call('DELETE', `/Users/${extra[2]}`)).status).toBe(204);
    const third = await walk(second.body.nextCursor);
    expect(idsOf(third.body)).toEqual([extra[3]]);
    expect(third.body).not.toHaveProperty('nextCursor');
  });

  it('pages POST /.search with a cursor in the SearchRequest body (RFC 9865 §3)', async () => {
    const search = (cursor: string) =>
      api.call('POST', '/Users/.search', {
        body: { schemas: [URN.searchRequest], filter: 'userName sw "cp-"', cursor, count: 3 },
      });
    const first = await search('');
    expect(idsOf(first.body)).toEqual(ids.slice(0, 3));
    const second = await search(first.body.nextCursor);
    expect(idsOf(second.body)).toEqual(ids.slice(3));
    expect(second.body).not.toHaveProperty('nextCursor');
  });
});

describe('cursor errors (RFC 9865 §2.1)', () => {
  it('refuses a cursor it never issued with 400 invalidCursor', async () => {
    expectScimError(await page('cursor=not-a-cursor-we-issued&count=2'), 400, 'invalidCursor');
    const first = await page('cursor&count=2');
    // One character changed: sealed cursors cannot be edited into another position.
    const forged = `${first.body.nextCursor.slice(0, -2)}${first.body.nextCursor.endsWith('AA') ? 'BB' : 'AA'}`;
    expectScimError(await page(`cursor=${forged}&count=2`), 400, 'invalidCursor');
  });

  it('refuses a cursor replayed on another query with invalidCursor', async () => {
    const first = await page('cursor&count=2');
    const elsewhere = await api.call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName sw "cpd-"')}&cursor=${first.body.nextCursor}&count=2`,
    );
    expectScimError(elsewhere, 400, 'invalidCursor');
    expectScimError(await api.call('GET', `/Groups?cursor=${first.body.nextCursor}&count=2`), 400, 'invalidCursor');
  });

  it('refuses a count that changed since the first page, or is not a number, with invalidCount', async () => {
    const first = await page('cursor&count=2');
    expectScimError(await page(`cursor=${first.body.nextCursor}&count=3`), 400, 'invalidCount');
    expectScimError(await page(`cursor=${first.body.nextCursor}`), 400, 'invalidCount');
    expectScimError(await page('cursor&count=ten'), 400, 'invalidCount');
    // Out-of-range numbers are not refused: a negative count is 0 (§2), and a count above
    // maxPageSize is served as maxPageSize (§4), and stays the count to repeat.
    const none = await page('cursor&count=-3');
    expect(none.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect(none.body).not.toHaveProperty('nextCursor');
    const capped = await page('cursor&count=100000');
    expect(capped.status).toBe(200);
    expect(idsOf(capped.body)).toEqual(ids);
  });

  it('honours a cursor for cursorTimeout seconds, then answers expiredCursor', async () => {
    const first = await page('cursor&count=2');
    now += TIMEOUT_SECONDS * 1000;
    const inTime = await page(`cursor=${first.body.nextCursor}&count=2`);
    expect(inTime.status, inTime.text).toBe(200);
    now += 1;
    expectScimError(await page(`cursor=${first.body.nextCursor}&count=2`), 400, 'expiredCursor');
    // The page answered in time issued its own cursor, valid for another cursorTimeout from then.
    expect((await page(`cursor=${inTime.body.nextCursor}&count=2`)).status).toBe(200);
  });

  it('a restarted server knows none of the cursors issued before', async () => {
    const first = await page('cursor&count=2');
    const other = await startTestServer({ token: api.server.token });
    try {
      for (const n of [1, 2, 3]) await createUser(other, `cp-u${n}@example.com`);
      const reply = await other.call('GET', `/Users?filter=${SCOPE}&cursor=${first.body.nextCursor}&count=2`);
      expectScimError(reply, 400, 'invalidCursor');
    } finally {
      await other.close();
    }
  });
});

describe('index paging beside cursors (RFC 9865 §2.4)', () => {
  it('answers startIndex/count exactly as before: no cursors in the answer', async () => {
    const reply = await page('startIndex=2&count=2');
    expect(reply.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(idsOf(reply.body)).toEqual(ids.slice(1, 3));
    expect(reply.body).not.toHaveProperty('nextCursor');
    expect(reply.body).not.toHaveProperty('previousCursor');
  });

  it('a request without paging parameters is an index page (the advertised default)', async () => {
    const reply = await page('');
    expect(reply.body).toMatchObject({ totalResults: 5, startIndex: 1 });
    expect(reply.body).not.toHaveProperty('nextCursor');
  });
});
