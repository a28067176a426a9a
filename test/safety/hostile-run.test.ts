import { afterEach, describe, expect, it } from 'vitest';
import {
  createsTheRunCannotAccountFor,
  type HostileBehaviour,
  type HostileServer,
  startHostileServer,
  writesOffOneResource,
  writesToStrangers,
} from './hostile-server.js';
import {
  type CliOutcome,
  changedStrangers,
  leftBehind,
  possibleLeftoversOf,
  type RunReport,
  removeReportDirs,
  runScenario,
  STACK_TRACE,
  stepErrors,
  stepsFailing,
  strangersClaimedAsLeftovers,
} from './hostile-support.js';
import { type Snapshot, snapshot } from './support.js';

/*
 * Attacks on the safety promise of `scim-check run` (README "Safety"): pointed at a production
 * tenant, a run never PUTs, PATCHes or DELETEs anything it did not create, and every report lists
 * exactly what it may have left behind. Each test switches the hostile server (hostile-server.ts)
 * into one misbehaviour, runs a scenario in-process, then checks the proxy's log (after lenient
 * URL resolution), the data behind it byte for byte, the exit code and the JSON and pretty reports.
 *
 * Report contract asserted here: every scenario in the JSON report has `leftovers` (created,
 * could not delete: {resourceType, id, name}) and `possibleLeftovers`:
 * [{resourceType, name, search, reason}], `name` being the run-tokened userName/displayName the
 * run sent in a create it could not account for, `search` the SCIM filter that finds it.
 */

const TOKEN = 'hostile-run-token-3c9d';
let server: HostileServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  removeReportDirs();
});

/** A fresh seeded server behind the hostile proxy, its data snapshotted, then the attack switched on. */
async function underAttack(...behaviours: HostileBehaviour[]): Promise<{ hostile: HostileServer; before: Snapshot }> {
  server = await startHostileServer(TOKEN);
  const before = await snapshot(server.upstream);
  server.behave(...behaviours);
  return { hostile: server, before };
}

/** No write reached pre-existing data (per the log, resolved leniently, and byte for byte), and none went anywhere but one resource. */
async function expectNoCollateral(hostile: HostileServer, before: Snapshot): Promise<void> {
  expect(writesToStrangers(hostile), 'PUT/PATCH/DELETE that reached pre-existing data').toEqual([]);
  expect(writesOffOneResource(hostile), 'PUT/PATCH/DELETE that address no single user or group').toEqual([]);
  expect(
    changedStrangers(before, await snapshot(hostile.upstream)),
    'pre-existing resources changed or deleted',
  ).toEqual([]);
}

/** Exit 1 with a finding; a crash would print a stack trace. */
function expectAFinding(run: CliOutcome): void {
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.code, run.stderr).toBe(1);
}

/**
 * The report tells the truth about what may be left behind: no stranger among `leftovers`;
 * `possibleLeftovers` names exactly the creates whose answer the server tampered with (so the
 * run could not learn what it created), by the name sent, with a search filter and a reason;
 * everything new on the server is listed one way or the other; the pretty output names them too.
 */
function expectTruthfulReport(run: CliOutcome & { report: RunReport | undefined }, hostile: HostileServer): void {
  const report = run.report!;
  expect(report, 'the JSON report').toBeDefined();
  expect(
    strangersClaimedAsLeftovers(report, hostile),
    'pre-existing resources listed as leftovers (the run took them for its own)',
  ).toEqual([]);
  expect(
    report.scenarios.filter((scenario) => !Array.isArray(scenario.possibleLeftovers)).map((scenario) => scenario.name),
    'scenarios without a possibleLeftovers array',
  ).toEqual([]);
  const expected = createsTheRunCannotAccountFor(hostile.log);
  const listed = (possibleLeftoversOf(report) as { name: string }[]).sort((a, b) => a.name.localeCompare(b.name));
  expect(listed).toEqual(expected.map((entry) => ({ ...entry, reason: expect.stringMatching(/\w+ \w+/) })));
  const accounted = new Set([
    ...report.scenarios.flatMap((scenario) => scenario.leftovers.map((leftover) => leftover.id)),
    ...listed.map((entry) => entry.name),
  ]);
  expect(
    leftBehind(hostile).filter((resource) => !accounted.has(resource.id) && !accounted.has(resource.name)),
    'left on the server and listed nowhere',
  ).toEqual([]);
  for (const { name } of expected)
    expect(listedInPretty(run.stdout, name), `the pretty report lists ${name} as a possible leftover`).toBe(true);
}

/**
 * Whether the pretty report lists `name`, not merely quotes it: in a paragraph that is not a
 * failed check's block (those carry a `--> file:line` pointer and request excerpts, where the
 * sent userName shows up anyway), or on a line of such a block that calls it a leftover.
 */
function listedInPretty(pretty: string, name: string): boolean {
  return pretty.split(/\n[ \t]*\n/).some((paragraph) => {
    if (!paragraph.includes(name)) return false;
    if (!paragraph.includes('-->')) return true;
    return paragraph.split('\n').some((line) => line.includes(name) && /leftover|left behind/i.test(line));
  });
}

/** The names the run sent in creates the server answered with a lie (what possibleLeftovers must list). */
function namesSent(hostile: HostileServer): string[] {
  return createsTheRunCannotAccountFor(hostile.log).map((entry) => entry.name);
}

describe('control: the same checks behind an honest proxy (passes today too)', () => {
  it.each(['okta-group-push', 'test/safety/hostile-fixtures/bulk-create-user'])(
    '%s: every write addresses one resource the run created, nothing is left behind',
    async (scenario) => {
      const { hostile, before } = await underAttack();
      const run = await runScenario(
        hostile,
        scenario.includes('/') ? `${scenario}.yaml` : `scenarios/${scenario}.yaml`,
      );
      await expectNoCollateral(hostile, before);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.code, run.stdout).toBe(0);
      expect(createsTheRunCannotAccountFor(hostile.log)).toEqual([]);
      expect(leftBehind(hostile)).toEqual([]);
      // The log did see the run's own writes, so the helpers above had something to judge.
      expect(hostile.log.filter((entry) => entry.method === 'DELETE').length).toBeGreaterThan(0);
    },
  );
});

describe('upsertOnPost: POST answers 201 with a resource that already existed', () => {
  it.each(['okta-user-lifecycle', 'entra-user-lifecycle', 'keycloak-user-lifecycle'])(
    '%s: a 201 carrying a stranger user is not adopted, changed or deleted',
    async (scenario) => {
      const { hostile, before } = await underAttack({ attack: 'upsertOnPost', endpoint: 'Users', answer: 'stranger' });
      const run = await runScenario(hostile, `scenarios/${scenario}.yaml`);
      await expectNoCollateral(hostile, before);
      expectAFinding(run);
      expect(
        stepsFailing(run.report!, 'CREATE-IDENTITY').filter((step) => step.startsWith('assignUser')),
        'assignUser steps failing CREATE-IDENTITY',
      ).not.toEqual([]);
      // Nothing was created, but the run cannot know that: what it meant to create may exist.
      expect(namesSent(hostile).length).toBeGreaterThan(0);
      expectTruthfulReport(run, hostile);
    },
  );

  it('a 201 with our userName and externalId but the id of a user the preflight listed is not adopted', async () => {
    const { hostile, before } = await underAttack({
      attack: 'upsertOnPost',
      endpoint: 'Users',
      answer: 'strangerIdWithSentIdentity',
    });
    const run = await runScenario(hostile, 'scenarios/okta-user-lifecycle.yaml');
    // The run had seen this id as someone else's before it created anything (the preflight's and Okta's test-connection listing).
    const firstCreate = hostile.log.findIndex((entry) => entry.method === 'POST');
    expect(
      hostile.log
        .slice(0, firstCreate)
        .some((entry) => entry.method === 'GET' && entry.answer?.includes(hostile.seenUser.id)),
    ).toBe(true);
    await expectNoCollateral(hostile, before);
    expectAFinding(run);
    expect(stepsFailing(run.report!, 'CREATE-IDENTITY')).toContain('assignUser dana');
    expectTruthfulReport(run, hostile);
  });

  it.each(['okta-group-push', 'entra-group-push', 'keycloak-group-push'])(
    '%s: a 201 carrying the stranger group "Existing Engineering" is not adopted, changed or deleted',
    async (scenario) => {
      const { hostile, before } = await underAttack({ attack: 'upsertOnPost', endpoint: 'Groups', answer: 'stranger' });
      const run = await runScenario(hostile, `scenarios/${scenario}.yaml`);
      await expectNoCollateral(hostile, before);
      expectAFinding(run);
      expect(
        stepsFailing(run.report!, 'CREATE-IDENTITY').filter((step) => step.startsWith('pushGroup')),
        'pushGroup steps failing CREATE-IDENTITY',
      ).not.toEqual([]);
      expect(namesSent(hostile).length).toBeGreaterThan(0);
      expectTruthfulReport(run, hostile);
    },
  );
});

describe('bulkStrangerLocation: a BulkResponse names a stranger as the created user', () => {
  it.each([
    ['seen', 'the user the preflight listed'],
    ['unseen', 'a user the run never listed'],
  ] as const)(
    'location names a stranger (%s: %s): it is not adopted, changed or cleaned up; the user really created is a possible leftover',
    async (stranger, _who) => {
      const { hostile, before } = await underAttack({ attack: 'bulkStrangerLocation', stranger });
      const run = await runScenario(hostile, 'test/safety/hostile-fixtures/bulk-create-user.yaml');
      await expectNoCollateral(hostile, before);
      expectAFinding(run);
      expectTruthfulReport(run, hostile);
      // The bulk create did happen, under the name the run sent.
      expect(leftBehind(hostile).map((resource) => resource.name)).toEqual(namesSent(hostile));
    },
  );
});

describe('dotDotId: a create answers an id that resolves to someone else, or to no single resource', () => {
  const variants: [string, (strangerId: string) => string][] = [
    ['x/../<stranger>', (id) => `x/../${id}`],
    ['x\\..\\<stranger>', (id) => `x\\..\\${id}`],
    ['x%2F..%2F<stranger>', (id) => `x%2F..%2F${id}`],
    ['..', () => '..'],
    ['.', () => '.'],
    ['"" (empty)', () => ''],
  ];
  it.each(variants)('id %s: no write reaches a stranger, the collection or the base URL', async (_label, id) => {
    const { hostile, before } = await underAttack({ attack: 'dotDotId', id });
    const run = await runScenario(hostile, 'scenarios/okta-user-lifecycle.yaml');
    await expectNoCollateral(hostile, before);
    expectAFinding(run);
    // Either the id was refused when it came back (a failed check on the create), or every write to it was refused, saying so.
    const notAdopted = [
      ...stepsFailing(run.report!, 'CREATE-IDENTITY'),
      ...stepsFailing(run.report!, 'CREATE-ID'),
    ].filter((step) => step.startsWith('assignUser'));
    const refusals = stepErrors(run.report!, 'UNSAFE_WRITE');
    expect(
      notAdopted.length + refusals.length,
      'a failed CREATE-IDENTITY/CREATE-ID on assignUser, or an UNSAFE_WRITE',
    ).toBeGreaterThan(0);
    for (const message of refusals) expect(message).toMatch(/refus/i);
    expect(strangersClaimedAsLeftovers(run.report!, hostile)).toEqual([]);
  });
});

describe('upsertOnPut: a PUT to an unknown id creates the user', () => {
  it('the user the PUT created is listed as a possible leftover', async () => {
    const { hostile, before } = await underAttack({ attack: 'upsertOnPut' });
    const run = await runScenario(hostile, 'test/safety/hostile-fixtures/put-to-unknown-id.yaml');
    await expectNoCollateral(hostile, before);
    expectAFinding(run);
    expect(stepsFailing(run.report!, 'PUT-NO-CREATE')).not.toEqual([]);
    expect(namesSent(hostile)).toEqual([expect.stringMatching(/^scimcheck-\w+-p-ghost@example\.com$/)]);
    expectTruthfulReport(run, hostile);
  });
});

describe('lateCreate: the server creates the user but answers after --timeout', () => {
  it('users created upstream after the client gave up are possible leftovers, by name', async () => {
    const { hostile, before } = await underAttack({ attack: 'lateCreate', holdMs: 1500 });
    const run = await runScenario(hostile, 'scenarios/okta-user-lifecycle.yaml', { timeoutMs: 300 });
    await expectNoCollateral(hostile, before);
    expectAFinding(run);
    expectTruthfulReport(run, hostile);
    // A truthful list: each name really is on the server.
    expect(namesSent(hostile).length).toBeGreaterThan(0);
    expect(
      leftBehind(hostile)
        .map((resource) => resource.name)
        .sort(),
    ).toEqual(namesSent(hostile));
  });
});

describe('unusableCreate: the server creates the user but its 201 cannot be used', () => {
  it.each(['notJson', 'jsonWithoutId'] as const)(
    '201 body %s: the created user is a possible leftover, by name',
    async (body) => {
      const { hostile, before } = await underAttack({ attack: 'unusableCreate', body });
      const run = await runScenario(hostile, 'scenarios/okta-user-lifecycle.yaml');
      await expectNoCollateral(hostile, before);
      expectAFinding(run);
      expectTruthfulReport(run, hostile);
      expect(namesSent(hostile).length).toBeGreaterThan(0);
      expect(
        leftBehind(hostile)
          .map((resource) => resource.name)
          .sort(),
      ).toEqual(namesSent(hostile));
    },
  );
});
