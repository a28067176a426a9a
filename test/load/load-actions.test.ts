import { describe, expect, it } from 'vitest';
import { Executor } from '../../src/executor/executor.js';
import { RunLedger } from '../../src/executor/ledger.js';
import type { Transport, TryResult, WireRequest } from '../../src/http/transport.js';
import { authentikProfile } from '../../src/idp/authentik.js';
import { oktaProfile } from '../../src/idp/okta.js';
import type { IdpProfile } from '../../src/idp/profile.js';
import { IdTable } from '../../src/load/id-table.js';
import { provisionUsers, pushGroups } from '../../src/load/initial-sync.js';
import { cleanUp } from '../../src/load/load-cleanup.js';
import { LOAD_SCOPE, type LoadContext } from '../../src/load/load-context.js';
import { LoadStats } from '../../src/load/load-stats.js';
import { runAction } from '../../src/load/run-action.js';
import { SyntheticDirectory } from '../../src/load/synthetic-directory.js';

/*
 * Load's actions through the one executor, against a transport answering from a function (no
 * network): what the write guard refuses, what the ledger lets load keep, what cleanup deletes,
 * and what the statistics subscriber counts.
 */

const BASE = 'http://scim.test/scim/v2';
type Answer = { status: number; json?: unknown; headers?: Record<string, string> } | { error: string };

function fakeTransport(answer: (wire: WireRequest, path: string) => Answer): Transport & { sent: string[] } {
  const sent: string[] = [];
  return {
    baseUrl: BASE,
    sent,
    async send(wire) {
      const path = wire.url.pathname.replace('/scim/v2', '') + wire.url.search;
      sent.push(`${wire.method} ${decodeURIComponent(path)}`);
      const request: TryResult['request'] = { method: wire.method, url: wire.url.href, headers: {} };
      const given = answer(wire, path);
      if ('error' in given)
        return { request, error: { code: given.error, message: given.error }, startedAt: '', durationMs: 1 };
      const body = given.json === undefined ? '' : JSON.stringify(given.json);
      return {
        request,
        response: {
          status: given.status,
          headers: given.headers ?? {},
          body,
          ...(given.json !== undefined ? { json: given.json } : {}),
        },
        startedAt: '',
        durationMs: 1,
      };
    },
    close: async () => undefined,
  };
}

function contextFor(
  profile: IdpProfile,
  transport: Transport,
  shape: { users: number; groups: number; members: number } = { users: 2, groups: 1, members: 2 },
): LoadContext & { stats: LoadStats } {
  const runId = 'r1test';
  const executor = new Executor({ transport, ledger: new RunLedger(runId), maxRetryWaitMs: 0 });
  const stats = new LoadStats();
  executor.subscribe(stats.listener);
  return {
    plan: {
      profile,
      runId,
      users: shape.users,
      groups: shape.groups,
      membersPerGroup: shape.members,
      concurrency: 1,
      changes: 0,
      sampleFraction: 0,
      keep: false,
      timeoutMs: 1000,
      maxRetryWaitMs: 0,
    },
    executor,
    send: { profile, scope: LOAD_SCOPE },
    directory: new SyntheticDirectory(runId, shape.users, shape.groups, shape.members),
    userIds: new IdTable(shape.users),
    groupIds: new IdTable(shape.groups),
    shouldStop: () => false,
    onProgress: () => undefined,
    stats,
  };
}

const STRANGER = {
  id: 'stranger',
  userName: 'someone.else@example.com',
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
};

/** A body echoing what was sent, with an id: what a good server answers a create with. */
function created(wire: WireRequest, id: string): Answer {
  return { status: 201, json: { ...(JSON.parse(wire.body ?? '{}') as object), id } };
}

describe('load actions through the executor', () => {
  it('refuses, reports and never sends a write to a user the run did not create (Okta links a found user)', async () => {
    // The lookup finds somebody else's account: Okta would GET it and PUT its profile over it.
    const transport = fakeTransport((wire, path) =>
      wire.method === 'GET' && path.startsWith('/Users?')
        ? { status: 200, json: { totalResults: 1, Resources: [STRANGER] } }
        : { status: 200, json: STRANGER },
    );
    const context = contextFor(oktaProfile, transport);
    const outcome = await runAction(context, oktaProfile.actions.assignUser(context.directory.user(0)));
    expect(outcome.failed).toMatch(/refusing to (PUT|PATCH) User stranger: this run did not create it/);
    expect(transport.sent.filter((line) => !line.startsWith('GET'))).toEqual([]);
    const phase = await provisionUsers(context);
    expect(phase).toMatchObject({ actions: 2, failed: 2 });
    expect(phase.firstFailure).toMatch(/refusing to/);
    expect(context.userIds.has(0)).toBe(false);
  });

  it('lets an action write to what it created itself (group push: POST, then PATCH the new group)', async () => {
    // Okta first looks the group up by displayName (SCIM 2.0 reference, "Retrieve Groups"): nobody has it.
    const transport = fakeTransport((wire, path) =>
      wire.method === 'POST'
        ? created(wire, 'g1')
        : path.startsWith('/Groups?')
          ? { status: 200, json: { totalResults: 0, Resources: [] } }
          : { status: 200, json: { id: 'g1' } },
    );
    const context = contextFor(oktaProfile, transport);
    const members = [{ key: 'user0', id: 'u0', display: 'user0' }];
    const outcome = await runAction(context, oktaProfile.actions.pushGroup(context.directory.group(0), members));
    expect(outcome.groupId).toBe('g1');
    expect(transport.sent.map((line) => line.replace(/\?.*/, '?…'))).toEqual([
      'GET /Groups?…',
      'POST /Groups',
      'PATCH /Groups/g1',
      'PATCH /Groups/g1',
    ]);
    expect(context.executor.ledger.owns('g1')).toBe(true);
  });

  it('does not take a group an adopt-on-409 lookup found as its own, and reports the action (authentik)', async () => {
    const strangerGroup = {
      id: 'team-x',
      displayName: 'Engineering 0 r1test',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    };
    const transport = fakeTransport((wire, path) => {
      if (wire.method === 'POST') return { status: 409, json: { status: '409', detail: 'exists' } };
      if (path.startsWith('/Groups?')) return { status: 200, json: { totalResults: 1, Resources: [strangerGroup] } };
      return { status: 500 };
    });
    // No users, so the push has no members to PATCH: the only thing stopping load is that the id is not its own.
    const context = contextFor(authentikProfile, transport, { users: 0, groups: 1, members: 0 });
    const phase = await pushGroups(context);
    expect(phase).toMatchObject({ actions: 1, failed: 1 });
    expect(phase.firstFailure).toMatch(/not created by this run.*left alone/);
    expect(context.groupIds.has(0)).toBe(false);
    const cleanup = await cleanUp(context);
    expect(cleanup).toMatchObject({ deleted: 0, leftovers: 0 });
    expect(transport.sent.some((line) => line.startsWith('DELETE'))).toBe(false);
  });

  it('cleans up exactly what the ledger holds, groups first, and lists what stayed with the reason', async () => {
    let next = 0;
    const transport = fakeTransport((wire, path) => {
      if (wire.method === 'POST') return created(wire, `id${++next}`);
      if (wire.method === 'DELETE')
        return path === '/Users/id2' ? { status: 500 } : path === '/Users/id1' ? { status: 404 } : { status: 204 };
      return { status: 200, json: { totalResults: 0, Resources: [] } };
    });
    const context = contextFor(oktaProfile, transport, { users: 2, groups: 1, members: 2 });
    await provisionUsers(context);
    await pushGroups(context);
    const cleanup = await cleanUp(context);
    expect(transport.sent.filter((line) => line.startsWith('DELETE'))).toEqual([
      'DELETE /Groups/id3',
      'DELETE /Users/id1',
      'DELETE /Users/id2',
    ]);
    // 404: already gone, which is what cleanup wanted.
    expect(cleanup).toMatchObject({
      deleted: 2,
      leftovers: 1,
      leftBehind: [{ resourceType: 'User', id: 'id2', reason: 'DELETE answered 500' }],
    });
    expect(cleanup.leftBehind[0]!.name).toContain('r1test');
    const kinds = Object.fromEntries(
      [...context.stats.kinds].map(([name, stats]) => [
        name,
        { count: stats.count, errors: Object.fromEntries(stats.errors) },
      ]),
    );
    expect(kinds).toMatchObject({
      lookupUser: { count: 2, errors: {} },
      createUser: { count: 2, errors: {} },
      createGroup: { count: 1, errors: {} },
      cleanupGroup: { count: 1, errors: {} },
      cleanupUser: { count: 2, errors: { 500: 1 } },
    });
  });

  it('counts a 429 that was waited out as a retry, and one whose retries ran out as an error', async () => {
    let creates = 0;
    const transport = fakeTransport((wire) => {
      if (wire.method !== 'POST') return { status: 200, json: { totalResults: 0, Resources: [] } };
      creates += 1;
      // The first user's create is refused once, then accepted; the second's forever.
      if (creates === 1 || creates >= 3) return { status: 429, headers: { 'retry-after': '0' } };
      return created(wire, 'u1');
    });
    const context = contextFor(oktaProfile, transport);
    const phase = await provisionUsers(context);
    expect(phase).toMatchObject({ actions: 2, failed: 1 });
    const stats = context.stats.kinds.get('createUser')!;
    // Okta tries 10 times in all: 1 retry for the first user, 9 for the second.
    expect(stats.retried429).toBe(10);
    expect(Object.fromEntries(stats.errors)).toEqual({ 429: 1 });
  });
});

describe('SyntheticDirectory', () => {
  it('generates the same directory from an index, with run-unique names and no duplicate members', () => {
    const directory = new SyntheticDirectory('abc123', 100, 7, 30);
    expect(directory.user(42)).toEqual(new SyntheticDirectory('abc123', 100, 7, 30).user(42));
    expect(directory.user(42).userName).toContain('abc123');
    for (let group = 0; group < 7; group++) {
      const members = Array.from({ length: directory.membersPerGroup }, (_, slot) =>
        directory.memberIndex(group, slot),
      );
      expect(new Set(members).size).toBe(30);
    }
    // A group cannot have more members than there are users.
    expect(new SyntheticDirectory('r', 5, 1, 50).membersPerGroup).toBe(5);
  });
});
