import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, loadScenarioFile, type Step } from '../../src/scenario/index.js';

/** Every built-in scenario, found recursively so new folders are covered without editing this test. */
async function yamlFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat().sort();
}

const files = await yamlFiles('scenarios');

describe('built-in scenarios', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s loads without diagnostics', async (file) => {
    const result = await loadScenarioFile(file);
    // The formatted diagnostics make a failure readable in the test output.
    expect(formatDiagnostics(result.diagnostics, result.source)).toBe('');
    expect(result.scenario?.file).toBe(file);
  });

  it('reads the sibling-argument forms of okta-group-push.yaml', async () => {
    const { scenario } = await loadScenarioFile('scenarios/okta-group-push.yaml');
    expect(scenario).toBeDefined();
    const steps = scenario!.steps;
    const byAction = (action: Step['action']) => steps.filter((step) => step.action === action);
    expect(scenario!.idp).toBe('okta');
    expect(scenario!.requires).toEqual(['patch', 'filter']);
    expect(scenario!.env).toEqual([]);
    expect(scenario!.users.alice).toMatchObject({
      key: 'alice',
      userName: 'alice.{{run}}@example.com',
      givenName: 'Alice',
      span: { line: 10, column: 3 },
    });
    expect(scenario!.groups.eng).toMatchObject({
      key: 'eng',
      displayName: 'Engineering {{run}}',
      span: { line: 14, column: 3 },
    });
    expect(byAction('pushGroup')).toMatchObject([
      { group: 'eng', members: ['alice', 'bob'], span: { line: 20, column: 5 } },
    ]);
    expect(byAction('updateUser')).toMatchObject([{ user: 'alice', set: { familyName: 'Smith' } }]);
    expect(byAction('unlinkGroup')).toMatchObject([{ group: 'eng', deleteInTarget: true }]);
    expect(byAction('request')).toEqual([
      expect.objectContaining({
        name: 'look alice up the way Okta does',
        request: {
          method: 'GET',
          path: '/Users',
          query: { filter: 'userName eq "{{users.alice.userName}}"', startIndex: '1', count: '100' },
        },
        expect: { status: 200, body: { totalResults: 1 } },
        capture: { aliceId: '$.Resources[0].id' },
      }),
    ]);
    expect(steps.map((step) => step.index)).toEqual(steps.map((_, index) => index));
  });
});
