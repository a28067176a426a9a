import { describe, expect, it } from 'vitest';
import { rauthyGroupId, rauthyProfile, rauthyUserId } from '../../src/idp/rauthy.js';
import { runMain } from '../support/run-main.js';
import {
  alice,
  BOB,
  compliantServer,
  drive,
  eng,
  GROUP_URN,
  listOf,
  PATCH_URN,
  type Responder,
  USER_URN,
} from './drive.js';

// Golden wire requests of the rauthy profile (sebadob/rauthy, src/data/src/entity/clients_scim.rs
// and scim_types.rs).

const SCIM = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });
const ALICE_ID = rauthyUserId(alice());
const ENG_ID = rauthyGroupId(eng());
const aliceBody = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER_URN],
  ...extra,
  externalId: ALICE_ID,
  userName: 'alice@example.com',
  name: { familyName: 'Doe', givenName: 'Alice' },
  displayName: 'alice@example.com',
  active: true,
  emails: [{ value: 'alice@example.com', primary: true }],
  roles: [],
});

/** A server that knows alice and bob by externalId filter and the group by its externalId. */
function knownServer(userGroups: unknown[] = []): Responder {
  return (request, index) => {
    const filter = request.query?.filter ?? '';
    if (request.method === 'GET' && request.path === '/Users' && filter.startsWith('externalId'))
      return listOf([{ id: 'u-bob', userName: 'bob@example.com', name: { givenName: 'Bob', familyName: 'Lee' } }]);
    if (request.method === 'GET' && request.path === '/Groups' && filter.startsWith('externalId'))
      return listOf([{ id: 'g-eng', externalId: ENG_ID, displayName: 'Engineering' }]);
    if (request.method === 'PUT') return { status: 200, json: { ...(request.body as object), groups: userGroups } };
    return compliantServer(request, index);
  };
}

describe('rauthy profile', () => {
  it('assignUser: externalId filter, then userName filter (no Accept header), then POST', () => {
    const { requests, outcome } = drive(rauthyProfile, rauthyProfile.actions.assignUser(alice({ id: undefined })));
    expect(requests).toEqual([
      { method: 'GET', path: '/Users', query: { filter: `externalId eq "${ALICE_ID}"` }, headers: {} },
      { method: 'GET', path: '/Users', query: { filter: 'userName eq "alice@example.com"' }, headers: {} },
      { method: 'POST', path: '/Users', headers: SCIM, body: aliceBody() },
    ]);
    expect(outcome).toMatchObject({ userId: 'u-new', verifies: 'CREATE-201' });
  });

  it('sends familyName "" when unset, and the email (untyped) is the userName', () => {
    const { requests } = drive(
      rauthyProfile,
      rauthyProfile.actions.assignUser(alice({ id: undefined, familyName: undefined, email: undefined })),
    );
    expect(requests[2]!.body).toMatchObject({
      name: { familyName: '', givenName: 'Alice' },
      emails: [{ value: 'alice@example.com', primary: true }],
    });
  });

  it('deactivateUser: finds the user by externalId and PUTs it with its remote id and active false', () => {
    const found: Responder = (request, index) =>
      request.method === 'GET' ? listOf([{ id: 'u-remote', externalId: ALICE_ID }]) : compliantServer(request, index);
    const { requests } = drive(rauthyProfile, rauthyProfile.actions.deactivateUser(alice()), found);
    expect(requests).toEqual([
      { method: 'GET', path: '/Users', query: { filter: `externalId eq "${ALICE_ID}"` }, headers: {} },
      {
        method: 'PUT',
        path: '/Users/u-remote',
        headers: SCIM,
        body: { ...aliceBody({ id: 'u-remote' }), active: false },
      },
    ]);
  });

  it('addMembers: the member is re-synced (lookup, PUT), then the group gets an add with value and display', () => {
    const { requests } = drive(
      rauthyProfile,
      rauthyProfile.actions.addMembers(eng({ members: [] }), [BOB]),
      knownServer(),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Users',
      'PUT /Users/u-bob',
      'GET /Groups',
      'PATCH /Groups/g-eng',
    ]);
    expect(requests[1]!.body).toMatchObject({ id: 'u-bob', name: { givenName: 'Bob', familyName: 'Lee' } });
    expect(requests[2]!.query).toEqual({ filter: `externalId eq "${ENG_ID}"` });
    expect(requests[3]!.body).toEqual(
      patch({ op: 'add', path: 'members', value: [{ value: 'u-bob', display: 'bob@example.com' }] }),
    );
  });

  it("addMembers sends no PATCH when the server already lists the group in the user's groups", () => {
    const { requests } = drive(
      rauthyProfile,
      rauthyProfile.actions.addMembers(eng(), [BOB]),
      knownServer([{ value: 'g-eng', display: 'Engineering' }]),
    );
    expect(requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
  });

  it("removeMembers: a remove with a value array, PATCHed at the group the user's groups list", () => {
    const { requests, outcome } = drive(
      rauthyProfile,
      rauthyProfile.actions.removeMembers(eng(), [BOB]),
      knownServer([{ value: 'g-listed', display: 'Engineering' }]),
    );
    expect(requests.at(-1)).toEqual({
      method: 'PATCH',
      path: '/Groups/g-listed',
      headers: SCIM,
      body: patch({ op: 'remove', path: 'members', value: [{ value: 'u-bob' }] }),
    });
    expect(outcome.verifies).toBe('INTEROP-REMOVE-MEMBER-BY-VALUE');
  });

  it('removeMembers against a server that leaves `groups` out: no remove is sent, and the outcome says why', () => {
    const { requests, outcome } = drive(
      rauthyProfile,
      rauthyProfile.actions.removeMembers(eng(), [BOB]),
      knownServer(),
    );
    expect(requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
    expect(outcome.failed).toMatch(/did not list group "Engineering"/);
  });

  it('renameGroup: a path-less replace of displayName and externalId; unlink replaces externalId with null', () => {
    const rename = drive(rauthyProfile, rauthyProfile.actions.renameGroup(eng(), 'Platform'), knownServer());
    expect(rename.requests.at(-1)).toEqual({
      method: 'PATCH',
      path: '/Groups/g-eng',
      headers: SCIM,
      body: patch({ op: 'replace', value: { displayName: 'Platform', externalId: ENG_ID } }),
    });
    const unlink = drive(rauthyProfile, rauthyProfile.actions.unlinkGroup(eng(), false), knownServer());
    expect(unlink.requests.at(-1)!.body).toEqual(
      patch({ op: 'replace', value: { displayName: 'Engineering', externalId: null } }),
    );
    expect(unlink.outcome.groupDeleted).toBe(false);
  });

  it('pushGroup of an unknown group: externalId and displayName lookups, then POST with externalId', () => {
    const { requests } = drive(rauthyProfile, rauthyProfile.actions.pushGroup(eng({ id: undefined, members: [] }), []));
    expect(requests).toEqual([
      { method: 'GET', path: '/Groups', query: { filter: `externalId eq "${ENG_ID}"` }, headers: {} },
      { method: 'GET', path: '/Groups', query: { filter: 'displayName eq "Engineering"' }, headers: {} },
      {
        method: 'POST',
        path: '/Groups',
        headers: SCIM,
        body: { schemas: [GROUP_URN], externalId: ENG_ID, displayName: 'Engineering' },
      },
    ]);
  });

  it('deleteGroup: looks the group up by externalId only, then DELETE without Accept', () => {
    const { requests } = drive(rauthyProfile, rauthyProfile.actions.deleteGroup(eng()), knownServer());
    expect(requests).toEqual([
      { method: 'GET', path: '/Groups', query: { filter: `externalId eq "${ENG_ID}"` }, headers: {} },
      { method: 'DELETE', path: '/Groups/g-eng', headers: {} },
    ]);
  });

  it('importGroups: startIndex/count=100 pages until one comes back short', () => {
    const page = (size: number) => listOf(Array.from({ length: size }, (_, index) => ({ id: `g${index}` })));
    const { requests, outcome } = drive(
      rauthyProfile,
      rauthyProfile.actions.importGroups(undefined),
      (_request, index) => page(index === 0 ? 100 : 7),
    );
    expect(requests.map((request) => request.query)).toEqual([
      { startIndex: '1', count: '100' },
      { startIndex: '101', count: '100' },
    ]);
    expect(requests[0]!.headers).toEqual({ accept: 'application/scim+json' });
    expect(outcome.imported).toHaveLength(107);
  });

  it.each(['scenarios/rauthy-user-lifecycle.yaml', 'scenarios/rauthy-group-push.yaml'])(
    'the built-in %s passes against the reference server',
    async (file) => {
      const run = await runMain(['run', file]);
      expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
      expect(run.stdout).toMatch(/1 passed/);
    },
    60_000,
  );
});
