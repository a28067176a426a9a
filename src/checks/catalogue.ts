import { familyOf, type IdpName } from '../idp/profile-names.js';
import { ASYNC_REQUESTS } from './catalogue/async-requests.js';
import { AUTHENTICATION } from './catalogue/authentication.js';
import { BULK } from './catalogue/bulk.js';
import { CHARACTERISTICS } from './catalogue/characteristics.js';
import { CREATE } from './catalogue/create.js';
import { CURSOR_PAGING } from './catalogue/cursor-paging.js';
import { DATA_TYPES } from './catalogue/data-types.js';
import { DELETE } from './catalogue/delete.js';
import { DISCOVERY } from './catalogue/discovery.js';
import { ENTRA_GALLERY } from './catalogue/entra-gallery.js';
import { ERRORS } from './catalogue/errors.js';
import { FILTER } from './catalogue/filter.js';
import { GROUPS } from './catalogue/groups.js';
import { INTEROP } from './catalogue/interop.js';
import { INTEROP_PROFILE } from './catalogue/interop-profile.js';
import { IPSIE } from './catalogue/ipsie.js';
import { LIST } from './catalogue/list.js';
import { ME } from './catalogue/me.js';
import { MEDIA_TYPE } from './catalogue/media-type.js';
import { MODIFY } from './catalogue/modify.js';
import { OAUTH_TOKEN } from './catalogue/oauth-token.js';
import { OKTA_OIN } from './catalogue/okta-oin.js';
import { PAGING } from './catalogue/paging.js';
import { REPLACE } from './catalogue/replace.js';
import { RETRIEVE } from './catalogue/retrieve.js';
import { VERSIONING } from './catalogue/versioning.js';
import type { CatalogueArea, CatalogueRow } from './catalogue-row.js';
import type { CheckLevel } from './check-result.js';

/** The area modules in catalogue order: the order `list checks` and `explain` show. */
const AREAS: readonly CatalogueArea[] = [
  DISCOVERY,
  AUTHENTICATION,
  OAUTH_TOKEN,
  MEDIA_TYPE,
  CREATE,
  RETRIEVE,
  LIST,
  FILTER,
  PAGING,
  CURSOR_PAGING,
  REPLACE,
  MODIFY,
  DELETE,
  GROUPS,
  VERSIONING,
  BULK,
  ASYNC_REQUESTS,
  ME,
  ERRORS,
  DATA_TYPES,
  CHARACTERISTICS,
  INTEROP,
  // Standard packs (src/standards/): draft profiles, run with --standard.
  INTEROP_PROFILE,
  IPSIE,
  // Vendor gates (src/readiness/): run with `scim-check readiness`.
  ENTRA_GALLERY,
  OKTA_OIN,
];

const ROWS: readonly CatalogueRow[] = AREAS.flatMap(({ area, rows }) => rows.map((row) => ({ ...row, area })));

const BY_ID = new Map(ROWS.map((row) => [row.id, row]));

/** The catalogue row for an ID; throws on an unknown ID, which is a programming error. */
export function catalogueRow(id: string): CatalogueRow {
  const row = BY_ID.get(id);
  if (!row) throw new Error(`unknown check catalogue id ${id}`);
  return row;
}

/** The catalogue row for an ID, or undefined for IDs that are not rows (SCENARIO-EXPECT, STATE-*). */
export function findCatalogueRow(id: string): CatalogueRow | undefined {
  return BY_ID.get(id);
}

export function allCatalogueRows(): readonly CatalogueRow[] {
  return ROWS;
}

/**
 * The severity of a failed row under a profile (see RequirementLevel): MUST and MUST* → error,
 * SHOULD → warning, MAY → info, INTEROP → error (or the row's interopSeverity) under a profile of a family the row names
 * (so `okta` also covers `okta-aiw`), info otherwise.
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
      return (row.interopFamilies ?? []).includes(familyOf(idp)) ? (row.interopSeverity ?? 'error') : 'info';
  }
}
