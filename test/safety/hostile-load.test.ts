import { afterEach, describe, expect, it } from 'vitest';
import {
  createsTheRunCannotAccountFor,
  type HostileBehaviour,
  type HostileServer,
  startHostileServer,
  writesOffOneResource,
  writesToStrangers,
} from './hostile-server.js';
import { changedStrangers, leftBehind, removeReportDirs, runLoad, STACK_TRACE } from './hostile-support.js';
import { snapshot } from './support.js';

/*
 * Attacks on the safety promise of `scim-check load` (README "Safety"): an initial sync as
 * OneLogin, JumpCloud or authentik runs it, against a server whose lookups find someone else's
 * users and groups. Those IdPs push by name: OneLogin and JumpCloud look a user up by userName
 * and a group up by displayName and take over what they find; authentik adopts the group its
 * lookup finds when a create answers 409. A load run must never PUT, PATCH or DELETE what that
 * lookup finds, and its report (`cleanup.possibleLeftovers`, same shape as `run`'s) and summary
 * must say what it may have left behind.
 *
 * `load` syncs in a worker thread started from compiled code: these tests run dist/ in-process
 * (`npm run build` first; `npm test` does).
 */

const TOKEN = 'hostile-load-token-8e1b';
let server: HostileServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  removeReportDirs();
});

const IGNORE_FILTER: HostileBehaviour = { attack: 'ignoreFilter' };

describe.each<[idp: string, attacks: string, behaviours: HostileBehaviour[]]>([
  ['onelogin', 'ignoreFilter: userName and displayName lookups find strangers', [IGNORE_FILTER]],
  ['jumpcloud', 'ignoreFilter: userName and displayName lookups find strangers', [IGNORE_FILTER]],
  [
    'authentik',
    'ignoreFilter + conflictOnCreate: POST /Groups answers 409, the adopt-on-conflict lookup finds a stranger group',
    [IGNORE_FILTER, { attack: 'conflictOnCreate' }],
  ],
])('load --idp %s, %s', (idp, _attacks, behaviours) => {
  it('nothing pre-existing is touched, the run fails, and cleanup.possibleLeftovers says what may be left', async () => {
    server = await startHostileServer(TOKEN);
    const before = await snapshot(server.upstream);
    server.behave(...behaviours);
    const run = await runLoad(server, idp);

    expect(writesToStrangers(server), 'PUT/PATCH/DELETE that reached pre-existing data').toEqual([]);
    expect(writesOffOneResource(server), 'PUT/PATCH/DELETE that address no single user or group').toEqual([]);
    expect(
      changedStrangers(before, await snapshot(server.upstream)),
      'pre-existing resources changed or deleted',
    ).toEqual([]);
    // The attack was live: the lookups really were answered with strangers.
    expect(server.log.filter((entry) => entry.tampered === 'ignoreFilter').length).toBeGreaterThan(0);

    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code, `exit code of a run whose lookups found strangers; it printed:\n${run.stdout}${run.stderr}`).toBe(
      1,
    );
    const cleanup = run.report!.cleanup;
    expect(Array.isArray(cleanup.possibleLeftovers), 'cleanup.possibleLeftovers is an array').toBe(true);
    const listed = (cleanup.possibleLeftovers as { name: string }[]).sort((a, b) => a.name.localeCompare(b.name));
    expect(listed).toEqual(
      createsTheRunCannotAccountFor(server.log).map((entry) => ({
        ...entry,
        reason: expect.stringMatching(/\w+ \w+/),
      })),
    );
    // Whatever is still on the server was created by the run: the report accounts for each one.
    const named = new Set(listed.map((entry) => entry.name));
    expect(
      leftBehind(server).filter((resource) => !named.has(resource.name)).length,
      'left on the server and not listed',
    ).toBeLessThanOrEqual(cleanup.leftovers);
    if (listed.length > 0) expect(run.stdout).not.toMatch(/\b0 left behind/);
  });
});

describe('load --idp okta: lateCreate, the server creates each user but answers after --timeout', () => {
  it('every user created after the client gave up is a possible leftover, and the summary never says "0 left behind"', async () => {
    server = await startHostileServer(TOKEN);
    const before = await snapshot(server.upstream);
    server.behave({ attack: 'lateCreate', holdMs: 1500 });
    const run = await runLoad(server, 'okta', { timeoutMs: 300 });

    expect(writesToStrangers(server)).toEqual([]);
    expect(changedStrangers(before, await snapshot(server.upstream))).toEqual([]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code, run.stdout + run.stderr).toBe(1);

    const expected = createsTheRunCannotAccountFor(server.log);
    expect(expected.map((entry) => entry.resourceType)).toEqual(['User', 'User', 'User', 'User', 'User']);
    // A truthful list: each of them really is on the server, under the name the run sent.
    expect(
      leftBehind(server)
        .map((resource) => resource.name)
        .sort(),
    ).toEqual(expected.map((entry) => entry.name));
    const listed = ((run.report!.cleanup.possibleLeftovers ?? []) as { name: string }[]).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    expect(run.stdout, 'the summary of a run that may have left 5 users').not.toMatch(/\b0 left behind/);
    expect(listed).toEqual(expected.map((entry) => ({ ...entry, reason: expect.stringMatching(/\w+ \w+/) })));
  });
});
