import { describe, expect, it } from 'vitest';
import { type ExchangeEvent, Executor } from '../../src/executor/executor.js';
import { createInProcessTransport } from '../../src/executor/in-process-transport.js';
import { RunLedger } from '../../src/executor/ledger.js';
import {
  createReferenceService,
  type InProcessRequest,
  type ReferenceService,
  type ScimResponse,
} from '../../src/server/index.js';

/*
 * The executor against the reference server in-process, and against hostile variants of it that
 * rewrite answers: the one door must never let the run write to anything it did not create.
 */

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const RUN = 'run7x9';

type Hook = (
  request: InProcessRequest,
  service: ReferenceService,
) => Promise<ScimResponse | undefined> | ScimResponse | undefined;

interface Harness {
  executor: Executor;
  service: ReferenceService;
  /** Every request the server received: method and target. */
  seen: { method: string; target: string }[];
  events: ExchangeEvent[];
  strangerId: string;
}

/** A reference service holding one pre-existing user (the "stranger"), optionally behind a hostile hook. */
async function harness(hook?: Hook): Promise<Harness> {
  const service = createReferenceService({ token: 'tok' });
  const stranger = await service.dispatch({
    method: 'POST',
    target: '/scim/v2/Users',
    headers: { authorization: 'Bearer tok', 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: [USER], userName: 'real.person@example.com' }),
  });
  const strangerId = (stranger.body as { id: string }).id;
  const seen: Harness['seen'] = [];
  const hostile: ReferenceService = {
    ...service,
    async dispatch(request) {
      seen.push({ method: request.method, target: request.target });
      return (await hook?.(request, service)) ?? service.dispatch(request);
    },
  };
  const executor = new Executor({
    transport: createInProcessTransport(hostile),
    ledger: new RunLedger(RUN),
    maxRetryWaitMs: 1_000,
  });
  const events: ExchangeEvent[] = [];
  executor.subscribe((event) => events.push(event));
  return { executor, service, seen, events, strangerId };
}

const createUser = (userName: string) => ({
  purpose: 'createUser' as const,
  method: 'POST',
  path: '/Users',
  body: { schemas: [USER], userName },
});
const writesTo = (h: Harness, id: string) =>
  h.seen.filter(
    (request) =>
      request.method !== 'GET' && request.method !== 'POST' && decodeURIComponent(request.target).includes(id),
  );

describe('the ledger: ids enter only from creates whose answer identifies what was sent', () => {
  it('adopts a well-answered create, lets the run write to it, and releases it on DELETE', async () => {
    const h = await harness();
    const sent = await h.executor.send(createUser(`alice.${RUN}@example.com`), { scope: 's1' });
    const id = ('exchange' in sent ? (sent.exchange.response?.json as { id: string }) : undefined)!.id;
    expect(h.executor.ledger.owns(id)).toBe(true);
    expect(h.events.at(-1)!.creation).toEqual({ kind: 'User', adopted: true, id, findings: [] });
    const patch = await h.executor.send({
      purpose: 'patchUser',
      method: 'PATCH',
      path: `/Users/${id}`,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      },
    });
    expect('exchange' in patch && patch.exchange.response?.status).toBe(200);
    await h.executor.send({ purpose: 'cleanup', method: 'DELETE', path: `/Users/${id}` });
    expect(h.executor.ledger.outstanding()).toEqual([]);
  });

  it('an upserting server that answers a POST with an existing user: not adopted, CREATE-IDENTITY findings, every write refused', async () => {
    const h = await harness(async (request, service) =>
      request.method === 'POST' && request.target.endsWith('/Users')
        ? {
            status: 201,
            body: (
              await service.dispatch({
                method: 'GET',
                target: `/scim/v2/Users/${h.strangerId}`,
                headers: { authorization: 'Bearer tok' },
              })
            ).body,
          }
        : undefined,
    );
    await h.executor.send(createUser(`alice.${RUN}@example.com`), { scope: 's1' });
    const creation = h.events.at(-1)!.creation!;
    expect(creation.adopted).toBe(false);
    expect(creation.findings.map((finding) => finding.path)).toEqual(['$.userName']);
    expect(creation.findings[0]!.message).toMatch(
      /another resource: userName is "real.person@example.com", not the "alice.run7x9@example.com" that was sent/,
    );
    expect(h.executor.ledger.owns(h.strangerId)).toBe(false);
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const sent = await h.executor.send({ purpose: 'raw', method, path: `/Users/${h.strangerId}`, body: {} });
      expect(sent).toEqual({ refused: expect.stringMatching(/this run did not create it/) });
    }
    expect(writesTo(h, h.strangerId)).toEqual([]);
    // The run asked for alice and cannot know whether the server made her: she is a possible leftover.
    expect(h.executor.ledger.possibleLeftovers('s1')).toEqual([
      {
        resourceType: 'User',
        name: `alice.${RUN}@example.com`,
        search: `userName eq "alice.${RUN}@example.com"`,
        reason: expect.stringMatching(/does not identify the resource/),
      },
    ]);
  });

  it('a 201 naming our userName but an id seen before on someone else: not adopted', async () => {
    const h = await harness((request) =>
      request.method === 'POST'
        ? { status: 201, body: { schemas: [USER], id: h.strangerId, userName: `alice.${RUN}@example.com` } }
        : undefined,
    );
    await h.executor.send({ purpose: 'listUsers', method: 'GET', path: '/Users' });
    await h.executor.send(createUser(`alice.${RUN}@example.com`));
    expect(h.events.at(-1)!.creation!.findings[0]!.message).toMatch(
      /names an existing resource: .* seen in a list, lookup or read/,
    );
    expect(h.executor.ledger.owns(h.strangerId)).toBe(false);
  });

  it.each([
    ['a path traversal', (id: string) => `x/../${id}`],
    ['a backslash traversal', (id: string) => `x\\..\\${id}`],
    ['a bare ..', () => '..'],
    ['a bare .', () => '.'],
    ['an empty id', () => ''],
  ])('an id with %s is never adopted, and nothing reaches the stranger', async (_name, idOf) => {
    const h = await harness((request) =>
      request.method === 'POST'
        ? { status: 201, body: { schemas: [USER], id: idOf(h.strangerId), userName: `bob.${RUN}@example.com` } }
        : undefined,
    );
    await h.executor.send(createUser(`bob.${RUN}@example.com`));
    expect(h.executor.ledger.outstanding()).toEqual([]);
    // Even a raw path built from that id is judged after normalisation: it addresses the stranger.
    const raw = await h.executor.send({ purpose: 'raw', method: 'DELETE', path: `/Users/${idOf(h.strangerId)}` });
    expect(raw).toEqual({ refused: expect.stringMatching(/refusing to DELETE/) });
    expect(writesTo(h, h.strangerId)).toEqual([]);
  });
});

describe('the write guard is fail-closed on the final URL', () => {
  it.each([
    ['a collection', 'PUT', '/Users'],
    ['/Me', 'PATCH', '/Me'],
    ['another origin', 'DELETE', 'http://elsewhere.invalid/scim/v2/Users/abc'],
    ['a path that climbs out of the base URL', 'DELETE', `/Users/../../v1/Users/abc`],
    ["a ghost id that was seen as someone else's", 'DELETE', `/Users/${RUN}`],
  ])('refuses a write to %s', async (_name, method, path) => {
    const h = await harness();
    h.executor.ledger.sawForeign(RUN);
    const sent = await h.executor.send({ purpose: 'raw', method, path });
    expect(sent).toEqual({ refused: expect.stringMatching(new RegExp(`refusing to ${method}`)) });
    expect(h.seen).toEqual([]);
  });

  it('lets a run write to an id it minted itself (PUT-NO-CREATE ghosts), and lists a 201 to such a PUT as a possible leftover', async () => {
    const h = await harness((request) =>
      request.method === 'PUT'
        ? { status: 201, body: { schemas: [USER], id: 'made-up', userName: `ghost.${RUN}@example.com` } }
        : undefined,
    );
    const sent = await h.executor.send(
      {
        purpose: 'raw',
        method: 'PUT',
        path: `/Users/scimcheck-${RUN}-ghost`,
        body: { schemas: [USER], userName: `ghost.${RUN}@example.com` },
      },
      { scope: 's' },
    );
    expect('exchange' in sent && sent.exchange.response?.status).toBe(201);
    expect(h.executor.ledger.possibleLeftovers('s')).toEqual([
      {
        resourceType: 'User',
        name: `ghost.${RUN}@example.com`,
        search: `userName eq "ghost.${RUN}@example.com"`,
        reason: expect.stringMatching(/answered 201 Created/),
      },
    ]);
  });

  it('judges each writing operation of a Bulk request, and adopts Bulk creates only for the bulkIds it sent', async () => {
    const h = await harness();
    const refused = await h.executor.send({
      purpose: 'raw',
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ method: 'DELETE', path: `/Users/${h.strangerId}` }],
      },
    });
    expect(refused).toEqual({ refused: expect.stringMatching(/in a Bulk request/) });
    const sent = await h.executor.send({
      purpose: 'raw',
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP], displayName: `team-${RUN}` } },
          {
            method: 'PATCH',
            path: '/Groups/bulkId:g1',
            data: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'replace', path: 'displayName', value: `team2-${RUN}` }],
            },
          },
        ],
      },
    });
    expect('exchange' in sent && sent.exchange.response?.status).toBe(200);
    expect(h.executor.ledger.outstanding().map((entry) => [entry.kind, entry.name])).toEqual([
      ['Group', `team-${RUN}`],
    ]);
  });

  it('a Bulk result whose location names a stranger is not adopted', async () => {
    const h = await harness((request) =>
      request.target.endsWith('/Bulk')
        ? {
            status: 200,
            body: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
              Operations: [
                {
                  method: 'POST',
                  bulkId: 'u1',
                  status: '201',
                  location: `https://scim-check.invalid/scim/v2/Users/${h.strangerId}`,
                },
                {
                  method: 'POST',
                  bulkId: 'unsent',
                  status: '201',
                  location: 'https://scim-check.invalid/scim/v2/Users/zzz',
                },
              ],
            },
          }
        : undefined,
    );
    await h.executor.send({ purpose: 'listUsers', method: 'GET', path: '/Users' });
    await h.executor.send(
      {
        purpose: 'raw',
        method: 'POST',
        path: '/Bulk',
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
          Operations: [
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'u1',
              data: { schemas: [USER], userName: `carol.${RUN}@example.com` },
            },
          ],
        },
      },
      { scope: 'b' },
    );
    expect(h.executor.ledger.outstanding()).toEqual([]);
    expect(h.executor.ledger.possibleLeftovers('b').map((entry) => entry.name)).toEqual([`carol.${RUN}@example.com`]);
  });
});

describe('what may be left behind', () => {
  it('a create answered 5xx is a possible leftover; a 409 created nothing', async () => {
    let answer = 503;
    const h = await harness((request) =>
      request.method === 'POST'
        ? { status: answer, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(answer) } }
        : undefined,
    );
    await h.executor.send(createUser(`dan.${RUN}@example.com`), { scope: 's' });
    answer = 409;
    await h.executor.send(createUser(`eve.${RUN}@example.com`), { scope: 's' });
    expect(h.executor.ledger.possibleLeftovers('s').map((entry) => [entry.name, entry.reason])).toEqual([
      [`dan.${RUN}@example.com`, expect.stringMatching(/answered 503; it may have created it anyway/)],
    ]);
  });
});

describe('headers and retries belong to the executor', () => {
  it('merges the profile headers with the request, case-insensitively, and drops Content-Type on a bodiless GET', async () => {
    const h = await harness();
    const sent = await h.executor.send(
      { purpose: 'raw', method: 'GET', path: '/Users', headers: { Accept: 'application/json' } },
      {
        profile: {
          name: 'entra',
          headers: { accept: 'application/scim+json', 'content-type': 'application/scim+json' },
        },
      },
    );
    const headers = 'exchange' in sent ? sent.exchange.request.headers : {};
    expect(headers.accept).toBe('application/json');
    expect(headers['content-type']).toBeUndefined();
    expect(headers.authorization).toBe('Bearer [REDACTED]');
  });

  it("retries a 429 by the profile's policy and records each try", async () => {
    let throttled = 2;
    const h = await harness(() =>
      throttled-- > 0 ? { status: 429, headers: { 'Retry-After': '0' }, body: { detail: 'slow down' } } : undefined,
    );
    const sent = await h.executor.send(
      { purpose: 'listUsers', method: 'GET', path: '/Users' },
      { profile: { name: 'okta', headers: {} } },
    );
    const exchange = 'exchange' in sent ? sent.exchange : undefined;
    expect(exchange?.response?.status).toBe(200);
    expect(exchange?.attempts?.map((attempt) => attempt.status)).toEqual([429, 429]);
    expect(h.seen).toHaveLength(3);
  });

  it('an interrupt ends a retry wait at once: the 429 stands, with the reason', async () => {
    const service = createReferenceService();
    const throttled: ReferenceService = {
      ...service,
      dispatch: async () => ({ status: 429, headers: { 'Retry-After': '30' }, body: { detail: 'slow down' } }),
    };
    const interrupt = new AbortController();
    const executor = new Executor({
      transport: createInProcessTransport(throttled),
      ledger: new RunLedger(RUN),
      maxRetryWaitMs: 60_000,
      signal: interrupt.signal,
    });
    setTimeout(() => interrupt.abort(), 50);
    const started = performance.now();
    const sent = await executor.send(
      { purpose: 'listUsers', method: 'GET', path: '/Users' },
      { profile: { name: 'okta', headers: {} } },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    const exchange = 'exchange' in sent ? sent.exchange : undefined;
    expect(exchange?.error?.code).toBe('RATE_LIMITED');
    expect(exchange?.retryNote).toMatch(/interrupted during the wait/);
  });
});
