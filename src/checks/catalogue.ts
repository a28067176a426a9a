import type { IdpName } from '../scenario/model.js';
import { CATALOGUE_ROWS } from './catalogue-data.js';
import type { CatalogueRow } from './catalogue-row.js';
import type { CheckLevel } from './check-result.js';

const BY_ID = new Map(CATALOGUE_ROWS.map((row) => [row.id, row]));

/** The SPEC-CHECKS row for an ID; throws on an unknown ID, which is a programming error. */
export function catalogueRow(id: string): CatalogueRow {
  const row = BY_ID.get(id);
  if (!row) throw new Error(`unknown SPEC-CHECKS id ${id}`);
  return row;
}

export function allCatalogueRows(): readonly CatalogueRow[] {
  return CATALOGUE_ROWS;
}

/**
 * The severity of a failed row under a profile (SPEC-CHECKS "How to read a row"):
 * MUST and MUST* → error, SHOULD → warning, MAY → info, INTEROP → error only under the
 * IdP it names (`okta` also covers `okta-aiw`; `entra` covers `entra-compliant`), info otherwise.
 */
export function levelOf(row: CatalogueRow, idp: IdpName): CheckLevel {
  switch (row.level) {
    case 'MUST':
    case 'MUST*':
      return 'error';
    case 'SHOULD':
      return 'warning';
    case 'MAY':
      return 'info';
    case 'INTEROP':
      return (row.interopProfiles ?? []).some((profile) => idp === profile || idp.startsWith(`${profile}-`)) ? 'error' : 'info';
  }
}
