import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCatalogueRows } from '../../src/checks/catalogue.js';
import {
  ACTIVE_CHECK_IDS,
  catalogueCoverage,
  RUN_STATE_CHECK_IDS,
  SCENARIO_CHECK_IDS,
  STATE_VERIFY_IDS,
} from '../../src/checks/implemented.js';
import { BUILT_IN_SCENARIOS, scenarioFilesIn } from '../../src/cli/scenario-paths.js';
import { loadScenarioFile } from '../../src/scenario/index.js';

/*
 * `list checks` trusts the declared lists of src/checks/implemented.ts instead of reading
 * scenarios and source files. These tests are what makes that safe: each list must say exactly
 * what the scenarios and the code name, so adding a `check:` step or a `verifies` without
 * declaring it (or declaring one nothing evaluates) fails here, with the IDs to fix.
 */

const catalogueIds = new Set(allCatalogueRows().map((row) => row.id));

/** Quoted catalogue IDs in TypeScript sources: how the code names the rows it judges. */
function catalogueIdsIn(files: string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"]([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)['"]/g))
      if (catalogueIds.has(match[1]!)) ids.add(match[1]!);
  }
  return ids;
}

function tsFilesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return tsFilesIn(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

describe('declared coverage agrees with what runs', () => {
  it('names only catalogue rows, each once per list', () => {
    for (const list of [ACTIVE_CHECK_IDS, RUN_STATE_CHECK_IDS, STATE_VERIFY_IDS, SCENARIO_CHECK_IDS]) {
      expect(list.filter((id) => !catalogueIds.has(id))).toEqual([]);
      expect(list.length).toBe(new Set(list).size);
    }
  });

  it('SCENARIO_CHECK_IDS is exactly the `check:` IDs of the built-in scenarios', async () => {
    const found: string[] = [];
    for (const file of scenarioFilesIn(BUILT_IN_SCENARIOS)) {
      const loaded = await loadScenarioFile(file, file);
      for (const step of loaded.scenario?.steps ?? [])
        if (step.action === 'request' && step.check !== undefined) found.push(step.check);
    }
    expect(sorted(SCENARIO_CHECK_IDS)).toEqual(sorted(found));
  });

  it('STATE_VERIFY_IDS is exactly the IDs profiles and the engine attach to read-backs', () => {
    // Every catalogue ID a profile or run-action.ts names is a `verifies` (directly, through a
    // ternary or a helper's argument), so the quoted IDs are the set, without parsing TypeScript.
    const files = [...tsFilesIn('src/idp'), 'src/engine/run-action.ts'];
    expect(sorted(STATE_VERIFY_IDS)).toEqual(sorted(catalogueIdsIn(files)));
  });

  it('every ID the engine is declared to judge itself is named by code outside the catalogue', () => {
    const code = catalogueIdsIn(
      tsFilesIn('src').filter(
        (file) => !file.startsWith(join('src', 'checks', 'catalogue')) && !file.endsWith('implemented.ts'),
      ),
    );
    for (const id of [...ACTIVE_CHECK_IDS, ...RUN_STATE_CHECK_IDS]) expect(code.has(id), id).toBe(true);
  });
});

describe('catalogue coverage', () => {
  const rows = catalogueCoverage();
  const byId = new Map(rows.map((row) => [row.row.id, row]));

  it('covers every row, in catalogue order, with how the code evaluates it', () => {
    expect(rows.map((row) => row.row.id)).toEqual(allCatalogueRows().map((row) => row.id));
    expect(byId.get('FILTER-EQ')?.coverage).toEqual(['scenario']);
    expect(byId.get('DT-BOOLEAN')?.coverage).toEqual(['passive']);
    expect(byId.get('DISC-SPC-HONEST')?.coverage).toEqual(['active', 'scenario']);
    expect(byId.get('PATCH-MEMBERS-ADD')?.coverage).toEqual(['scenario', 'state']);
    expect(byId.get('CREATE-IDENTITY')?.coverage).toEqual(['state']);
  });

  it("gives the row's own reason exactly when nothing evaluates it", () => {
    expect(byId.get('BULK-MAX-OPERATIONS')).toMatchObject({
      coverage: [],
      reason: expect.stringMatching(/maxOperations/),
    });
    for (const { row, coverage, reason } of rows) {
      // A reason on an evaluated row is stale; an unevaluated row without one leaves users guessing.
      if (coverage.length > 0)
        expect(row.notCheckedBecause, `${row.id} is evaluated; delete its notCheckedBecause`).toBeUndefined();
      else expect(row.notCheckedBecause, `${row.id} is not evaluated; say why in notCheckedBecause`).toBe(reason);
    }
  });
});
