import { describe, expect, it } from 'vitest';
import { readUserStatus, type UserStanding } from '../../src/checks/state-expectation.js';
import { loadScenarioText } from '../../src/scenario/index.js';

/*
 * `expectState` speaks in the admin's terms (`status: unassigned`); each IdP carries it out its own
 * way, recorded in the run's model. This table reads a status against what the IdP did.
 */

const OKTA_NO_DELETE = 'Okta never sends DELETE for users';

describe("readUserStatus: a status in the admin's terms, read as the IdP left the user", () => {
  const cases: [string, Parameters<typeof readUserStatus>[1], UserStanding, ReturnType<typeof readUserStatus>][] = [
    ['active', 'active', { idp: 'okta' }, { exists: true, active: true }],
    ['deactivated', 'deactivated', { idp: 'okta' }, { exists: true, active: false }],
    [
      'unassigned where the IdP deletes',
      'unassigned',
      { idp: 'generic', removal: { action: 'unassignUser', effect: 'deleted' } },
      { exists: false, because: 'generic deletes a user it unassigns' },
    ],
    [
      'unassigned where the IdP deactivates',
      'unassigned',
      { idp: 'okta', removal: { action: 'unassignUser', effect: 'deactivated' } },
      { exists: true, active: false, because: 'okta keeps a user it unassigns, with active false' },
    ],
    [
      'deleted after a deleting unassign',
      'deleted',
      { idp: 'keycloak', removal: { action: 'unassignUser', effect: 'deleted' } },
      { exists: false, because: 'keycloak deletes a user it unassigns' },
    ],
    [
      'deleted where the IdP sends no DELETE',
      'deleted',
      {
        idp: 'okta',
        removal: { action: 'unassignUser', effect: 'deactivated' },
        notDone: { action: 'deleteUser', reason: OKTA_NO_DELETE },
      },
      { skipped: `okta did not delete user omar: ${OKTA_NO_DELETE}` },
    ],
  ];
  for (const [label, status, standing, reading] of cases) {
    it(label, () => expect(readUserStatus('omar', status, standing)).toEqual(reading));
  }

  it('a user no step removed is not "unassigned": the scenario is wrong, and says so', () => {
    expect(readUserStatus('omar', 'unassigned', { idp: 'okta' })).toEqual({
      finding: expect.objectContaining({
        message: 'user omar was not unassigned in this run (no unassignUser or deleteUser step removed it)',
      }),
    });
  });
});

describe('status: in a scenario file', () => {
  const scenario = (status: string) =>
    `name: s\nidp: okta\nusers:\n  omar: { givenName: Omar }\nsteps:\n  - assignUser: omar\n  - unassignUser: omar\n  - expectState:\n      users: { omar: { status: ${status} } }\n`;

  it('loads the four statuses, and refuses another word at its line', () => {
    for (const status of ['active', 'deactivated', 'unassigned', 'deleted']) {
      const loaded = loadScenarioText(scenario(status), 's.yaml');
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.scenario?.steps[2]).toMatchObject({
        action: 'expectState',
        state: { users: { omar: { status } } },
      });
    }
    const refused = loadScenarioText(scenario('gone'), 's.yaml');
    expect(refused.scenario).toBeUndefined();
    expect(refused.diagnostics[0]).toMatchObject({ span: { line: 9 } });
  });
});
