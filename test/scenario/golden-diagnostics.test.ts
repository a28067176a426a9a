import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics, hasErrors, loadScenarioFile, MAX_SCENARIO_BYTES } from '../../src/scenario/index.js';

/**
 * Golden diagnostics: every broken scenario in fixtures/bad-scenarios/NAME.yaml must produce
 * exactly NAME.expected.txt. `UPDATE_GOLDEN=1 npx vitest run test/scenario` rewrites the
 * expectations; read every changed file before committing it.
 */
const FIXTURES = 'fixtures/bad-scenarios';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Inputs too big to keep in the repository, generated into a temporary folder instead. */
const GENERATED: Record<string, () => string> = {
  'huge-file': () => `name: Huge\nsteps:\n${'  - testConnection\n'.repeat(Math.ceil(MAX_SCENARIO_BYTES / 19) + 1)}`,
};

const fixtureNames = (await readdir(FIXTURES))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.slice(0, -'.yaml'.length));
const cases = [...fixtureNames, ...Object.keys(GENERATED)].sort();

let generatedDir = '';
beforeAll(async () => {
  generatedDir = await mkdtemp(join(tmpdir(), 'scim-check-golden-'));
  for (const [name, generate] of Object.entries(GENERATED))
    await writeFile(join(generatedDir, `${name}.yaml`), generate());
});
afterAll(async () => {
  await rm(generatedDir, { recursive: true, force: true });
});

describe('golden diagnostics', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', async (name) => {
    const displayPath = `${FIXTURES}/${name}.yaml`;
    const path = name in GENERATED ? join(generatedDir, `${name}.yaml`) : displayPath;
    const result = await loadScenarioFile(path, displayPath);
    expect(hasErrors(result.diagnostics), 'a bad scenario must produce at least one error').toBe(true);
    expect(result.scenario).toBeUndefined();
    const actual = `${formatDiagnostics(result.diagnostics, result.source)}\n`;
    const expectedPath = `${FIXTURES}/${name}.expected.txt`;
    if (UPDATE) {
      await writeFile(expectedPath, actual);
      return;
    }
    const expected = await readFile(expectedPath, 'utf8').catch(() => undefined);
    expect(expected, `${expectedPath} is missing; run with UPDATE_GOLDEN=1 to create it`).toBeDefined();
    expect(actual).toBe(expected);
  });
});
