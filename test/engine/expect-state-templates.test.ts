import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

// An `expectState` value with `{{run}}` in it (a renamed group's name, an attribute) is resolved as
// the step that set it was; comparing the template text itself failed every renamed-group check.
it('expectState resolves templates in expected names and attributes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-expect-'));
  const file = join(dir, 'renamed.yaml');
  writeFileSync(
    file,
    [
      'name: renamed group',
      'idp: okta',
      'users:',
      '  ana: { givenName: Ana, email: "ana.{{run}}@example.com", attributes: { title: "Lead {{run}}" } }',
      'groups:',
      '  ops: { displayName: "Ops {{run}}" }',
      'steps:',
      '  - assignUser: ana',
      '  - pushGroup: ops',
      '    members: [ana]',
      '  - renameGroup: { group: ops, to: "Operations {{run}}" }',
      '  - expectState:',
      '      users: { ana: { attributes: { title: "Lead {{run}}" } } }',
      '      groups: { ops: { displayName: "Operations {{run}}" } }',
      '',
    ].join('\n'),
  );
  const run = await runMain(['run', file, '--reporter', 'json']);
  const report = JSON.parse(run.stdout) as {
    scenarios: { steps: { action: string; checks: { id: string; status: string; message?: string }[] }[] }[];
  };
  const verdicts = report.scenarios[0]!.steps.find((step) => step.action === 'expectState')!.checks;
  const expectations = verdicts.filter((check) => check.id === 'SCENARIO-EXPECT');
  expect(expectations.map((check) => [check.id, check.status, check.message])).toEqual([
    ['SCENARIO-EXPECT', 'passed', undefined],
    ['SCENARIO-EXPECT', 'passed', undefined],
  ]);
  expect(run.code).toBe(0);
});
