import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseIdp, recogniseSession } from '../../src/recording/recognise-idp.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import {
  ENTRA_OBSERVED_USER_AGENT,
  ENTRA_SCRIPT_HEADERS,
  runEntraScript,
  runOktaScript,
  type ScriptedExchange,
} from '../support/scripted-idp.js';

let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ token: 'recognise-test-token' });
});
afterAll(() => server.close());

const asRequest = (exchange: ScriptedExchange, headers: Record<string, string>) => ({
  method: exchange.method,
  path: exchange.path,
  headers,
  ...(exchange.requestBody === undefined ? {} : { body: exchange.requestBody }),
});

describe('the scripted IdPs against the reference server', () => {
  it('sends the documented Okta sequence, every request answered 2xx', async () => {
    const session = await runOktaScript(server.baseUrl, server.token);
    expect(session.exchanges.map((exchange) => `${exchange.label} ${exchange.status}`)).toEqual([
      'test connection: users 200',
      'test connection: groups 200',
      'assign alice: lookup 200',
      'assign alice: create 201',
      'assign bob: lookup 200',
      'assign bob: create 201',
      'update: read 200',
      'update: put 200',
      'deactivate 200',
      'reactivate 200',
      'push group: lookup 200',
      'push group: create 201',
      'push group: rename 200',
      'push group: add 200',
      'membership change: rename 200',
      'membership change: remove and add 200',
      'push now: rename 200',
      'push now: replace 200',
      'remove member: rename 200',
      'remove member 200',
      'rename group 200',
      'unlink group: delete 204',
    ]);
  });

  it('sends the documented Entra sequence, every request answered 2xx', async () => {
    const session = await runEntraScript(server.baseUrl, server.token);
    for (const exchange of session.exchanges) expect(exchange.status, exchange.label).toBeLessThan(300);
    expect(session.exchanges).toHaveLength(13);
  });
});

describe('recogniseIdp', () => {
  it('tags Okta by its documented User-Agent, and by its shapes without one', async () => {
    const session = await runOktaScript(server.baseUrl, server.token, 'okta-shape');
    const withAgent = session.exchanges.map((exchange) =>
      recogniseIdp(asRequest(exchange, { 'User-Agent': 'Okta SCIM Client 1.0.0' })),
    );
    expect(withAgent.every((found) => found?.idp === 'okta')).toBe(true);
    const deactivate = session.exchanges.find((exchange) => exchange.label === 'deactivate')!;
    expect(recogniseIdp(asRequest(deactivate, {}))).toEqual({
      idp: 'okta',
      reason: 'path-less replace of {active: false} (Okta SCIM 2.0 reference)',
    });
  });

  it('tags Entra by capitalised ops and "False" strings even without a User-Agent', async () => {
    const session = await runEntraScript(server.baseUrl, server.token, 'entra-shape');
    const softDelete = session.exchanges.find((exchange) => exchange.label === 'soft delete')!;
    expect(recogniseIdp(asRequest(softDelete, { 'content-type': 'application/scim+json' }))?.idp).toBe('entra');
    const votes = recogniseSession(session.exchanges.map((exchange) => asRequest(exchange, {})));
    expect(votes?.idp).toBe('entra');
    // Shapes alone: the eight requests with an Entra sign (the others are plain lookups, a create and DELETEs).
    expect(
      recogniseSession(session.exchanges.map((exchange) => asRequest(exchange, ENTRA_SCRIPT_HEADERS)))?.votes,
    ).toEqual({ entra: 8 });
    // The agent Entra has been seen sending tags every request.
    const withAgent = { ...ENTRA_SCRIPT_HEADERS, 'user-agent': ENTRA_OBSERVED_USER_AGENT };
    expect(recogniseSession(session.exchanges.map((exchange) => asRequest(exchange, withAgent)))?.votes).toEqual({
      entra: 13,
    });
  });

  it('tells nothing from a plain request', () => {
    expect(
      recogniseIdp({ method: 'GET', path: '/Users/abc', headers: { accept: 'application/scim+json' } }),
    ).toBeUndefined();
    expect(recogniseSession([])).toBeUndefined();
  });

  it('votes Okta over a stray Entra-looking request', () => {
    const okta = { method: 'GET', path: '/Users?startIndex=1&count=100', headers: {} };
    const entraLike = { method: 'GET', path: '/Groups?excludedAttributes=members', headers: {} };
    expect(recogniseSession([okta, entraLike, okta])).toMatchObject({
      idp: 'okta',
      votes: { okta: 2, entra: 1 },
      recognised: 3,
    });
  });
});
