import { describe, expect, it } from 'vitest';
import { ScimCheckError } from '../../src/errors.js';
import { planRun } from '../../src/plan/plan.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/model.js';

async function load(file: string): Promise<Scenario> {
  const loaded = await loadScenarioFile(new URL(`../../${file}`, import.meta.url).pathname, file);
  if (!loaded.scenario) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

describe('planRun: scenarios × profile × selection → the ordered plan, before anything is sent', () => {
  it('keeps every scenario under its own profile by default, in order', async () => {
    const scenarios = [await load('scenarios/okta-group-push.yaml'), await load('scenarios/entra-user-lifecycle.yaml')];
    const plan = planRun(scenarios);
    expect(plan.scenarios.map((entry) => [entry.scenario.file, entry.idp, entry.profile?.name])).toEqual([
      ['scenarios/okta-group-push.yaml', 'okta', 'okta'],
      ['scenarios/entra-user-lifecycle.yaml', 'entra', 'entra'],
    ]);
    expect(plan.selectCheck).toBeUndefined();
  });

  it('--grep, --idp and --only narrow and re-profile the plan; --only marks where setup ends', async () => {
    const scenarios = [await load('scenarios/okta-group-push.yaml'), await load('scenarios/entra-user-lifecycle.yaml')];
    const plan = planRun(scenarios, { grep: 'okta', idp: 'keycloak', only: 'okta-group-push:5' });
    expect(plan.scenarios).toHaveLength(1);
    expect(plan.scenarios[0]).toMatchObject({ idp: 'keycloak', targetIndex: 4 });
    expect(plan.scenarios[0]!.profile?.name).toBe('keycloak');
    expect(plan.scenarios[0]!.scenario.steps).toHaveLength(5);
  });

  it("--check and --skip-check become one predicate; the scenario author's own assertions always stay", async () => {
    const plan = planRun([await load('scenarios/okta-group-push.yaml')], {
      check: ['FILTER-*'],
      skipCheck: ['FILTER-EQ'],
    });
    expect(plan.selectCheck?.('FILTER-PRESENT')).toBe(true);
    expect(plan.selectCheck?.('FILTER-EQ')).toBe(false);
    expect(plan.selectCheck?.('CREATE-201')).toBe(false);
    expect(plan.selectCheck?.('SCENARIO-EXPECT')).toBe(true);
  });

  it.each([
    [{ idp: 'okat' }, /unknown IdP profile "okat" — did you mean okta\?/],
    [{ grep: 'nothing-matches' }, /--grep "nothing-matches" matches no scenario/],
    [{ check: ['FILTR-*'] }, /"FILTR-\*" matches no check ID/],
    [{ only: 'okta-group-push:99' }, /has \d+ steps, not 99/],
  ])('a selection that cannot be met is a usage error: %o', async (selection, message) => {
    const scenarios = [await load('scenarios/okta-group-push.yaml')];
    expect(() => planRun(scenarios, selection)).toThrow(message);
    expect(() => planRun(scenarios, selection)).toThrow(ScimCheckError);
  });
});
