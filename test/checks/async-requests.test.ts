import { describe, expect, it } from 'vitest';
import {
  asyncLocation,
  asyncNoBody,
  asyncPreferenceApplied,
  asyncSetTxn,
  asyncSpcShape,
  asyncTxnUnique,
} from '../../src/checks/exchange/async-requests.js';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { asyncRequestAdvertisement, offersAsyncRequests } from '../../src/scim/security-events.js';
import { BASE, context, ID, recorded, USER_URN, user } from './exchange-fixtures.js';

// RFC 9967 §2.5.1.1, §3 and §4, judged from recorded exchanges: no network.

const SPC_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const ASYNC = { prefer: 'respond-async' };
const ACCEPTED = {
  'set-txn': '734f0614e3274f288f93ac74119dcf78',
  'preference-applied': 'respond-async',
  location: `${BASE}/Users/${ID}`,
};
const CHECKS = [asyncSpcShape, asyncSetTxn, asyncPreferenceApplied, asyncLocation, asyncNoBody, asyncTxnUnique];

/** The failed and passed async rows on one exchange, by id. */
function judge(exchange: ReturnType<typeof recorded>, earlier: string[] = []) {
  const results = runExchangeChecks(exchange, context({ earlierTransactions: new Set(earlier) }), CHECKS);
  return {
    failed: results.filter((result) => result.status === 'failed').map((result) => result.id),
    passed: results.filter((result) => result.status === 'passed').map((result) => result.id),
    messages: results.flatMap((result) => (result.findings ?? []).map((finding) => finding.message)),
  };
}

/** A 202 answer to a PATCH of the user, sent with `Prefer: respond-async`. */
function accepted(headers: Record<string, string | undefined>, body?: unknown) {
  const merged = Object.fromEntries(
    Object.entries({ ...ACCEPTED, ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return recorded({ method: 'PATCH', path: `/Users/${ID}`, requestHeaders: ASYNC, status: 202, headers: merged, body });
}

describe('the answer to Prefer: respond-async', () => {
  it('passes a 202 with Set-Txn, Preference-Applied, Location and no body', () => {
    const { failed, passed } = judge(accepted({}));
    expect(failed).toEqual([]);
    expect(passed.sort()).toEqual(
      ['ASYNC-LOCATION', 'ASYNC-NO-BODY', 'ASYNC-PREFERENCE-APPLIED', 'ASYNC-SET-TXN', 'ASYNC-TXN-UNIQUE'].sort(),
    );
  });

  it.each([
    ['no Set-Txn', { 'set-txn': undefined }, undefined, 'ASYNC-SET-TXN'],
    ['a blank Set-Txn', { 'set-txn': '  ' }, undefined, 'ASYNC-SET-TXN'],
    ['no Preference-Applied', { 'preference-applied': undefined }, undefined, 'ASYNC-PREFERENCE-APPLIED'],
    ['another preference applied', { 'preference-applied': 'return=minimal' }, undefined, 'ASYNC-PREFERENCE-APPLIED'],
    ['no Location', { location: undefined }, undefined, 'ASYNC-LOCATION'],
    ['a Location that is no URI', { location: 'http://[bad' }, undefined, 'ASYNC-LOCATION'],
    ['a body', {}, user(), 'ASYNC-NO-BODY'],
  ])('fails a 202 with %s under exactly one row', (_label, headers, body, row) => {
    expect(judge(accepted(headers, body)).failed).toEqual([row]);
  });

  it('accepts the relative Location of the RFC example and Preference-Applied among others', () => {
    const { failed } = judge(accepted({ location: `/Users/${ID}`, 'preference-applied': 'Respond-Async, wait=10' }));
    expect(failed).toEqual([]);
  });

  it('fails a reused transaction id, and passes a fresh one', () => {
    expect(judge(accepted({}), [ACCEPTED['set-txn']]).failed).toEqual(['ASYNC-TXN-UNIQUE']);
    expect(judge(accepted({}), ['another']).failed).toEqual([]);
  });

  it('passes a synchronous answer that claims nothing, and fails one that claims respond-async', () => {
    const synchronous = (headers: Record<string, string>) =>
      recorded({ method: 'POST', path: '/Users', requestHeaders: ASYNC, status: 201, headers, body: user() });
    const plain = judge(synchronous({ location: `${BASE}/Users/${ID}` }));
    expect(plain.failed).toEqual([]);
    expect(plain.passed).toEqual(['ASYNC-PREFERENCE-APPLIED']);
    const claiming = judge(synchronous({ 'preference-applied': 'respond-async' }));
    expect(claiming.failed).toEqual(['ASYNC-PREFERENCE-APPLIED']);
    expect(claiming.messages[0]).toContain('synchronous (201)');
    const refused = recorded({
      method: 'DELETE',
      path: `/Users/${ID}`,
      requestHeaders: ASYNC,
      status: 404,
      headers: { 'preference-applied': 'respond-async' },
    });
    expect(judge(refused).failed).toEqual(['ASYNC-PREFERENCE-APPLIED']);
  });

  it('judges every 202 to a write (RFC 9967 §3), and nothing on reads or without the header', () => {
    const unasked = recorded({ method: 'DELETE', path: `/Users/${ID}`, status: 202, headers: {} });
    expect(judge(unasked).failed.sort()).toEqual(['ASYNC-LOCATION', 'ASYNC-SET-TXN']);
    const read = recorded({ method: 'GET', path: `/Users/${ID}`, requestHeaders: ASYNC, status: 200, body: user() });
    expect(judge(read)).toMatchObject({ failed: [], passed: [] });
    const plain = recorded({ method: 'PATCH', path: `/Users/${ID}`, status: 200, body: user() });
    expect(judge(plain)).toMatchObject({ failed: [], passed: [] });
  });
});

describe('the securityEvents advertisement (RFC 9967 §4)', () => {
  const spc = (extra: Record<string, unknown>) =>
    recorded({ path: '/ServiceProviderConfig', status: 200, body: { schemas: [SPC_URN], ...extra } });

  it.each([
    [{ securityEvents: { asyncRequest: 'request' } }, []],
    [{ securityEvents: { asyncRequest: 'LONG', eventUris: ['urn:ietf:params:scim:event:prov:create:notice'] } }, []],
    [{ SecurityEvents: { AsyncRequest: 'none' } }, []],
    [{ securityEvents: 'request' }, ['ASYNC-SPC-SHAPE']],
    [{ securityEvents: { asyncRequest: 'sometimes' } }, ['ASYNC-SPC-SHAPE']],
    [{ securityEvents: { asyncRequest: true } }, ['ASYNC-SPC-SHAPE']],
    [{ securityEvents: { eventUris: 'urn:ietf:params:scim:event:prov:delete' } }, ['ASYNC-SPC-SHAPE']],
  ])('%j → failed %j', (extra, expected) => {
    expect(judge(spc(extra)).failed).toEqual(expected);
  });

  it('does not judge a configuration without securityEvents (it supports none of RFC 9967)', () => {
    expect(judge(spc({}))).toMatchObject({ failed: [], passed: [] });
  });

  it('reads the mode for the scenario gate: request and long offer it, none and absence do not', () => {
    expect(offersAsyncRequests({ securityEvents: { asyncRequest: 'request' } })).toBe(true);
    expect(offersAsyncRequests({ securityEvents: { asyncRequest: 'Long' } })).toBe(true);
    expect(offersAsyncRequests({ securityEvents: { asyncRequest: 'none' } })).toBe(false);
    expect(offersAsyncRequests({ securityEvents: { eventUris: [] } })).toBe(false);
    expect(offersAsyncRequests({ schemas: [SPC_URN] })).toBe(false);
    // Not stated usably: the scenario runs, and a failure is a warning (RFC 7643 §5).
    expect(offersAsyncRequests(undefined)).toBeUndefined();
    expect(offersAsyncRequests({ securityEvents: { asyncRequest: 'sometimes' } })).toBeUndefined();
    expect(asyncRequestAdvertisement({ securityEvents: null })).toBe('absent');
    expect(asyncRequestAdvertisement({ schemas: [USER_URN] })).toBe('absent');
  });
});

describe('poll: on a request step (the bounded read-back ASYNC-EFFECT-VISIBLE uses)', () => {
  const scenario = (step: string) => loadScenarioText(`name: poll\nsteps:\n  - request: { ${step} }\n`, 'poll.yaml');

  it('is read into the step', () => {
    const { scenario: loaded, diagnostics } = scenario(
      'method: GET, path: /Users, expect: { status: 200 }, poll: { attempts: 3, intervalMs: 50 }',
    );
    expect(diagnostics).toEqual([]);
    expect(loaded?.steps[0]).toMatchObject({ action: 'request', poll: { attempts: 3, intervalMs: 50 } });
  });

  it.each([
    ['method: POST, path: /Users, expect: { status: 201 }, poll: { attempts: 3, intervalMs: 50 }', /only for GET/],
    ['method: GET, path: /Users, poll: { attempts: 3, intervalMs: 50 }', /polls without expect:/],
    ['method: GET, path: /Users, expect: { status: 200 }, poll: { attempts: 1000, intervalMs: 50 }', /attempts/],
    ['method: GET, path: /Users, expect: { status: 200 }, poll: { attempts: 3, intervalMs: 60000 }', /intervalMs/],
    ['method: GET, path: /Users, expect: { status: 200 }, poll: { attempts: 3 }', /intervalMs/],
  ])('refuses %s at load time, with its position', (step, title) => {
    const { scenario: loaded, diagnostics } = scenario(step);
    expect(loaded).toBeUndefined();
    expect(diagnostics[0]?.title).toMatch(title);
    expect(diagnostics[0]?.span.line).toBe(3);
  });
});
