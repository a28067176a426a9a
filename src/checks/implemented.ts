import { EXCHANGE_CHECKS } from './exchange-checks.js';
import { allCatalogueRows } from './catalogue.js';
import type { CatalogueRow } from './catalogue-row.js';

/** IDs the engine evaluates outside the passive table (src/checks/active/). */
const ACTIVE_CHECK_IDS = ['DISC-SPC-HONEST'] as const;

/** How a row is evaluated; a row can be covered more than one way. */
export type Coverage = 'passive' | 'active' | 'scenario' | 'state';

/** Where the IDs the code evaluates come from, gathered by the caller (the CLI reads scenarios and code). */
export interface CoverageSources {
  /** `check:` IDs on request steps of the built-in scenarios (scenarios/spec/). */
  scenarioChecks: Iterable<string>;
  /** `verifies` IDs the IdP profiles and the engine attach to state read-backs. */
  stateVerifies: Iterable<string>;
}

/**
 * Why a row has no automated check. Only reasons live here; whether a row is implemented is
 * always derived from the code and scenarios above, never from this table.
 */
export const NOT_CHECKED_BECAUSE: Readonly<Record<string, string>> = {
  'READ-ID-CASE': 'needs a case-flipped copy of a server-issued id; scenario templates have no case transform yet',
  'CHAR-RETURNED-REQUEST': 'needs the returned:request attributes of /Schemas; the core schemas declare none, so it only applies to custom schemas',
  'CHAR-UNIQUENESS-DECLARED': 'needs fixtures generated per attribute from /Schemas (uniqueness other than userName); not generated yet',
  'PUT-IMMUTABLE': 'needs an attribute the server declares immutable; the core schemas declare none',
  'PATCH-IMMUTABLE': 'needs an attribute the server declares immutable; the core schemas declare none',
  'BULK-MAX-OPERATIONS': 'needs maxOperations+1 generated operations (up to 1001); not generated yet',
  'BULK-MAX-PAYLOAD': 'needs a generated body just over maxPayloadSize (up to 8 MiB); not generated yet',
};

export interface RowCoverage {
  row: CatalogueRow;
  coverage: Coverage[];
  /** Present when nothing evaluates the row. */
  reason?: string;
}

/** Every catalogue row with how the code covers it (empty coverage = not implemented, with why). */
export function catalogueCoverage(sources: CoverageSources): RowCoverage[] {
  const passive = new Set(EXCHANGE_CHECKS.map((check) => check.id));
  const active = new Set<string>(ACTIVE_CHECK_IDS);
  const scenario = new Set(sources.scenarioChecks);
  const state = new Set(sources.stateVerifies);
  return allCatalogueRows().map((row) => {
    const coverage: Coverage[] = [];
    if (passive.has(row.id)) coverage.push('passive');
    if (active.has(row.id)) coverage.push('active');
    if (scenario.has(row.id)) coverage.push('scenario');
    if (state.has(row.id)) coverage.push('state');
    const entry: RowCoverage = { row, coverage };
    if (coverage.length === 0) entry.reason = NOT_CHECKED_BECAUSE[row.id] ?? 'not implemented yet';
    return entry;
  });
}
