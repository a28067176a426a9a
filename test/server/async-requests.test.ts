import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferenceNames } from '../../src/scim/security-events.js';
import { URN } from '../../src/scim/urns.js';
import { expectScimError, startTestServer, type TestServer, userBody } from './helpers.js';

// RFC 9967 §2.5.1.1 (asynchronous SCIM requests), §3 (Set-Txn) and §4 (securityEvents), as the
// reference server implements them (src/server/async-requests.ts).

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const ASYNC = { prefer: 'respond-async' };
const patchBody = (value: string) => ({
  schemas: [URN.patchOp],
  Operations: [{ op: 'replace', path: 'displayName', value }],
});

/** Asserts the 202 of RFC 9967 §2.5.1.1: no body, Set-Txn, Preference-Applied and Location. */
function expectAccepted(reply: Awaited<ReturnType<TestServer['call']>>, location: string): string {
  expect(reply.status, reply.text).toBe(202);
  expect(reply.text).toBe('');
  expect(reply.headers.get('content-type')).toBeNull();
  expect(reply.headers.get('preference-applied')).toBe('respond-async');
  expect(reply.headers.get('location')).toBe(location);
  const txn = reply.headers.get('set-txn');
  expect(txn).toMatch(/^[0-9a-f]{32}$/);
  return txn!;
}

async function createUser(name: string): Promise<string> {
  const created = await api.call('POST', '/Users', { body: userBody(`${name}@example.com`) });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('the securityEvents advertisement (RFC 9967 §4)', () => {
  it('says asynchronous requests are honoured when the client asks', async () => {
    const reply = await api.call('GET', '/ServiceProviderConfig', { token: null });
    expect(reply.body.securityEvents).toEqual({ asyncRequest: 'request' });
  });
});

describe('Prefer: respond-async on writes (RFC 9967 §2.5.1.1)', () => {
  it('answers a create with 202 and applies it: the user can be read at the Location', async () => {
    const name = `async-create-${Date.now()}@example.com`;
    const reply = await api.call('POST', '/Users', { body: userBody(name), headers: ASYNC });
    expect(reply.status).toBe(202);
    const location = reply.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${api.baseUrl}/Users/[^/]+$`));
    expectAccepted(reply, location);
    const read = await api.call('GET', location);
    expect(read.status).toBe(200);
    expect(read.body.userName).toBe(name);
  });

  it('answers PUT, PATCH and DELETE with 202 located at the resource, and applies each', async () => {
    const id = await createUser(`async-writes-${Date.now()}`);
    const location = `${api.baseUrl}/Users/${id}`;
    const put = await api.call('PUT', `/Users/${id}`, {
      body: userBody(`async-writes-${id}@example.com`, { displayName: 'Put' }),
      headers: ASYNC,
    });
    expectAccepted(put, location);
    expect((await api.call('GET', `/Users/${id}`)).body.displayName).toBe('Put');
    const patch = await api.call('PATCH', `/Users/${id}`, { body: patchBody('Patched'), headers: ASYNC });
    expectAccepted(patch, location);
    expect((await api.call('GET', `/Users/${id}`)).body.displayName).toBe('Patched');
    const remove = await api.call('DELETE', `/Users/${id}`, { headers: ASYNC });
    expectAccepted(remove, location);
    expect((await api.call('GET', `/Users/${id}`)).status).toBe(404);
  });

  it('does the same for /Groups', async () => {
    const reply = await api.call('POST', '/Groups', {
      body: { schemas: [URN.group], displayName: `async-group-${Date.now()}` },
      headers: ASYNC,
    });
    const location = reply.headers.get('location')!;
    expectAccepted(reply, location);
    expect(location).toMatch(new RegExp(`^${api.baseUrl}/Groups/[^/]+$`));
    expect((await api.call('GET', location)).status).toBe(200);
  });

  it('issues a different transaction id for every request (RFC 9967 §3)', async () => {
    const id = await createUser(`async-txn-${Date.now()}`);
    const txns = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const reply = await api.call('PATCH', `/Users/${id}`, { body: patchBody(`Round ${round}`), headers: ASYNC });
      txns.add(expectAccepted(reply, `${api.baseUrl}/Users/${id}`));
    }
    expect(txns.size).toBe(5);
  });

  it('finds respond-async among other preferences, in any case and with parameters', async () => {
    const id = await createUser(`async-prefs-${Date.now()}`);
    for (const prefer of ['return=minimal, Respond-Async', 'wait=5, respond-async; foo=bar', 'RESPOND-ASYNC']) {
      const reply = await api.call('PATCH', `/Users/${id}`, { body: patchBody(prefer), headers: { prefer } });
      expect(reply.status, prefer).toBe(202);
    }
  });

  it('answers a refused write at once with its SCIM Error, claiming no asynchronous processing', async () => {
    const id = await createUser(`async-refused-${Date.now()}`);
    const duplicate = await api.call('POST', '/Users', { body: userBody(`async-refused-dup@example.com`) });
    expect(duplicate.status).toBe(201);
    const conflict = await api.call('POST', '/Users', {
      body: userBody('async-refused-dup@example.com'),
      headers: ASYNC,
    });
    expectScimError(conflict, 409, 'uniqueness');
    expect(conflict.headers.get('preference-applied')).toBeNull();
    expect(conflict.headers.get('set-txn')).toBeNull();
    const missing = await api.call('DELETE', '/Users/no-such-user', { headers: ASYNC });
    expectScimError(missing, 404);
    expect(missing.headers.get('set-txn')).toBeNull();
    const stale = await api.call('PATCH', `/Users/${id}`, {
      body: patchBody('Stale'),
      headers: { ...ASYNC, 'if-match': 'W/"stale"' },
    });
    expect(stale.status).toBe(412);
    expect((await api.call('GET', `/Users/${id}`)).body.displayName).toBeUndefined();
  });

  it('changes nothing without the header, or for reads, searches and Bulk', async () => {
    const id = await createUser(`async-none-${Date.now()}`);
    const patch = await api.call('PATCH', `/Users/${id}`, { body: patchBody('Sync') });
    expect(patch.status).toBe(200);
    expect(patch.headers.get('set-txn')).toBeNull();
    expect(patch.headers.get('preference-applied')).toBeNull();
    const other = await api.call('PATCH', `/Users/${id}`, {
      body: patchBody('Other'),
      headers: { prefer: 'return=minimal' },
    });
    expect(other.status).toBe(200);
    const read = await api.call('GET', `/Users/${id}`, { headers: ASYNC });
    expect(read.status).toBe(200);
    expect(read.headers.get('preference-applied')).toBeNull();
    const search = await api.call('POST', '/Users/.search', {
      body: { schemas: [URN.searchRequest], filter: `id eq "${id}"` },
      headers: ASYNC,
    });
    expect(search.status).toBe(200);
    const bulk = await api.call('POST', '/Bulk', {
      body: { schemas: [URN.bulkRequest], Operations: [{ method: 'DELETE', path: `/Users/${id}` }] },
      headers: ASYNC,
    });
    expect(bulk.status).toBe(200);
    expect(bulk.headers.get('set-txn')).toBeNull();
  });
});

describe('preferenceNames (RFC 7240 §2)', () => {
  it('lists preference names, lower-cased, without values, parameters or quoted commas', () => {
    expect(preferenceNames('respond-async, wait=100')).toEqual(['respond-async', 'wait']);
    expect(preferenceNames(['return=minimal; x="a,b"', ' Respond-Async '])).toEqual(['return', 'respond-async']);
    expect(preferenceNames('foo="respond-async, bar"')).toEqual(['foo']);
    expect(preferenceNames(undefined)).toEqual([]);
    expect(preferenceNames(',, ,')).toEqual([]);
  });
});
