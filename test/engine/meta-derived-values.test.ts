import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type DeviantServer, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * A member's `display` follows the user's name (RFC 7643 §4.2): renaming a member changes what a
 * group read-back shows without modifying the group. CHAR-LASTMODIFIED and VER-CHANGES judged that
 * as "the group changed and its meta did not", next to the one real cause (a removal the server
 * ignored), so one bug was reported three times.
 */

let server: DeviantServer | undefined;
const dir = mkdtempSync(join(tmpdir(), 'scim-check-meta-'));
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a member renamed elsewhere does not make an unchanged group a meta finding', async () => {
  server = await startDeviantServer(['remove-by-filter-ignored']);
  const file = join(dir, 'renamed-member.yaml');
  writeFileSync(
    file,
    [
      'name: renamed member',
      'idp: okta',
      'users:',
      '  ada: { givenName: Ada, familyName: King, email: "ada.{{run}}@example.com" }',
      '  ivo: { givenName: Ivo, familyName: Marsh, email: "ivo.{{run}}@example.com" }',
      'groups:',
      '  team: { displayName: "Team {{run}}" }',
      'steps:',
      '  - assignUser: ada',
      '  - assignUser: ivo',
      '  - pushGroup: team',
      '    members: [ada, ivo]',
      '  - updateUser: ada',
      '    set: { familyName: Lovelace }',
      '  - removeMembers: { group: team, users: [ivo] }',
      '',
    ].join('\n'),
  );
  const run = await runMain(['run', file, '--base-url', server.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: server.token },
  });
  const report = JSON.parse(run.stdout) as { rootCauses: { checkId: string; level: string }[] };
  expect(report.rootCauses.filter((cause) => cause.level !== 'info').map((cause) => cause.checkId)).toEqual([
    'PATCH-MEMBERS-REMOVE',
  ]);
});
