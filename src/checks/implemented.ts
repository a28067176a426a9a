import { allCatalogueRows } from './catalogue.js';
import type { CatalogueRow } from './catalogue-row.js';
import { EXCHANGE_CHECKS } from './exchange-checks.js';

/** How a row is evaluated; a row can be covered more than one way. */
export type Coverage = 'passive' | 'active' | 'scenario' | 'state';

/*
 * What the code evaluates, by ID. Passive coverage is read from EXCHANGE_CHECKS itself; the
 * other kinds are declared here because their evaluators are data (scenario YAML) or return the
 * ID at run time (profiles). test/checks/coverage.test.ts keeps each list equal to what the
 * scenarios and the code actually name, so `list checks` can trust it without reading files.
 */

/** IDs the engine evaluates outside the passive table (src/checks/active/). */
export const ACTIVE_CHECK_IDS: readonly string[] = [
  'DISC-SPC-HONEST',
  // The OAuth token endpoint, when OAuth is configured (src/checks/oauth-token.ts, src/auth/token-endpoint-checks.ts).
  'TOKEN-RESPONSE-SHAPE',
  'TOKEN-LIFETIME',
  'TOKEN-ACCEPTED',
  'TOKEN-BAD-SECRET',
  'TOKEN-EXPIRED-REFUSED',
  'TOKEN-AUDIENCE',
];

/** IDs the engine judges against what the run itself recorded (what it sent, the ids it saw). */
export const RUN_STATE_CHECK_IDS: readonly string[] = [
  'CREATE-IDENTITY',
  'DISC-SPC-IDP-USES',
  'INTEROP-SINGLE-VALUE-ARRAY',
  'INTEROP-NULL-REF',
  'INTEROP-EXTENSION-BARE-NAME',
  'INTEROP-PATCH-NO-SCHEMAS',
  'INTEROP-REFUSED',
  'INTEROP-NO-RETRY-429',
  'CHAR-LASTMODIFIED',
  'VER-CHANGES',
];

/** `verifies` IDs the IdP profiles (src/idp/) and the engine's defaults (run-action.ts) attach to state read-backs. */
export const STATE_VERIFY_IDS: readonly string[] = [
  'CREATE-201',
  'READ-STATE',
  'LIST-RESPONSE',
  'LIST-EMPTY',
  'PAGE-WALK',
  'PUT-SUPPORTED',
  'PATCH-REPLACE-ACTIVE',
  'PATCH-REPLACE-COMPLEX',
  'PATCH-REPLACE-VALUEPATH',
  'PATCH-EXTENSION-PATH',
  'DEL-204',
  'DEL-GONE-404',
  'GROUP-CREATE',
  'GROUP-MEMBER-SHAPE',
  // Entra's Add for attributes a user had no value for (tutorial, "Add when unset").
  'PATCH-ADD',
  'PATCH-MEMBERS-ADD',
  'PATCH-MEMBERS-REMOVE',
  'PATCH-MEMBERS-REPLACE',
  'GROUP-RENAME',
  'GROUP-PUT-MEMBERS',
  'GROUP-DELETE',
  'INTEROP-BOOLEAN-STRINGS',
  'INTEROP-REMOVE-MEMBER-BY-VALUE',
  'INTEROP-NOPATH-DOTTED',
  'INTEROP-ADD-VALUEPATH-CREATES',
  'INTEROP-OKTA-PUT-DEACTIVATE',
  'INTEROP-UNPAGED-IMPORT',
];

/** `check:` IDs on request steps of the built-in scenarios (scenarios/, all folders). */
export const SCENARIO_CHECK_IDS: readonly string[] = [
  // Discovery, authentication, media type
  'DISC-SPC-GET',
  'DISC-SPC-PUBLIC',
  'DISC-SPC-HONEST',
  'DISC-RT-LIST',
  'DISC-RT-SCHEMA-LINK',
  'DISC-SINGLE',
  'DISC-RT-ENDPOINTS-LIVE',
  'DISC-SCHEMAS-LIST',
  'DISC-SCHEMAS-COMMON',
  'DISC-NO-FILTER',
  'DISC-NO-PAGING',
  'AUTH-401-MISSING',
  'AUTH-401-INVALID',
  'AUTH-WWW-AUTHENTICATE',
  'MEDIA-RESP-TYPE',
  'MEDIA-ACCEPT-JSON',
  'MEDIA-NO-ACCEPT',
  'MEDIA-REQ-SCIM-JSON',
  'MEDIA-REQ-JSON',
  'MEDIA-UTF8',
  // Create, retrieve
  'CREATE-201',
  'CREATE-ID-IGNORED',
  'CREATE-READONLY-IGNORED',
  'CREATE-UNIQUENESS-409',
  'CREATE-UNIQUENESS-CASE',
  'CREATE-UNIQUENESS-PRECIS',
  'CREATE-REQUIRED-MISSING',
  'CREATE-EXTENSION',
  'CREATE-ATTRIBUTES-PARAM',
  'READ-200',
  'READ-STATE',
  'READ-404',
  'READ-ATTRIBUTES',
  'READ-EXCLUDED',
  'READ-ATTR-NOTATION',
  // List and query
  'LIST-RESPONSE',
  'LIST-RESOURCES',
  'LIST-EMPTY',
  'LIST-PAGE-FIELDS',
  'LIST-UNKNOWN-PARAM',
  'FILTER-EQ',
  'FILTER-NE',
  'FILTER-CO',
  'FILTER-SW',
  'FILTER-EW',
  'FILTER-PR',
  'FILTER-ORDER',
  'FILTER-LOGICAL',
  'FILTER-NOT',
  'FILTER-PRECEDENCE',
  'FILTER-MULTIVALUED',
  'FILTER-VALUEPATH',
  'FILTER-ATTR-CASE',
  'FILTER-CASE-INSENSITIVE',
  'FILTER-CASE-EXACT',
  'FILTER-COMPVALUE',
  'FILTER-INVALID',
  'FILTER-UNKNOWN-ATTR',
  'FILTER-NOT-IGNORED',
  'PAGE-ONE-BASED',
  'PAGE-START-BELOW-ONE',
  'PAGE-COUNT-MAX',
  'PAGE-COUNT-ZERO',
  'PAGE-TOTAL',
  'PAGE-WALK',
  'SORT-ORDER',
  'SORT-MISSING-LAST',
  'SEARCH-POST',
  'SEARCH-ROOT',
  // Replace, modify, delete
  'PUT-SUPPORTED',
  'PUT-OMITTED',
  'PUT-NULL-CLEARS',
  'PUT-READONLY-IGNORED',
  'PUT-ID-STABLE',
  'PUT-REQUIRED',
  'PUT-UNIQUENESS',
  'PUT-NO-CREATE',
  'PATCH-BODY-VALIDATED',
  'PATCH-RESPONSE',
  'PATCH-ATTRIBUTES-200',
  'PATCH-ADD',
  'PATCH-ADD-DUPLICATE',
  'PATCH-REPLACE-NOPATH',
  'PATCH-REPLACE-ACTIVE',
  'PATCH-REPLACE-MULTI',
  'PATCH-REPLACE-COMPLEX',
  'PATCH-REPLACE-VALUEPATH',
  'PATCH-REPLACE-NOTARGET',
  'PATCH-REPLACE-ABSENT',
  'PATCH-REMOVE-NOPATH',
  'PATCH-REMOVE',
  'PATCH-REMOVE-VALUEPATH',
  'PATCH-REMOVE-REQUIRED',
  'PATCH-READONLY',
  'PATCH-INVALID-PATH',
  'PATCH-ATOMIC',
  'PATCH-ORDERED',
  'PATCH-PRIMARY-UNIQUE',
  'PATCH-EXTENSION-PATH',
  'PATCH-PATH-CASE',
  'PATCH-UNIQUENESS',
  'DEL-204',
  'DEL-GONE-404',
  'DEL-NOT-LISTED',
  'DEL-NAME-REUSABLE',
  // Groups and membership
  'GROUP-CREATE',
  'GROUP-DISPLAYNAME-REQUIRED',
  'GROUP-MEMBER-SHAPE',
  'GROUP-FILTER-DISPLAYNAME',
  'GROUP-EXCLUDE-MEMBERS',
  'PATCH-MEMBERS-ADD',
  'PATCH-MEMBERS-ADD-EXISTING',
  'PATCH-MEMBERS-REMOVE',
  'PATCH-MEMBERS-REMOVE-ABSENT',
  'PATCH-MEMBERS-REMOVE-ALL',
  'PATCH-MEMBERS-REPLACE',
  'GROUP-RENAME',
  'GROUP-PUT-MEMBERS',
  'GROUP-USER-GROUPS',
  'GROUP-DELETE',
  // Versioning, bulk, /Me, errors, data types, characteristics
  'VER-ETAG-HEADER',
  'VER-META-VERSION',
  'VER-CHANGES',
  'VER-IF-NONE-MATCH',
  'VER-IF-MATCH',
  'VER-PROTOCOL',
  'BULK-200',
  'BULK-RESULTS',
  'BULK-BULKID-RESOLVED',
  'BULK-ERROR-DETAIL',
  'BULK-CONTINUE',
  'BULK-FAILONERRORS',
  'BULK-CIRCULAR',
  'ME-UNSUPPORTED',
  'ME-REDIRECT',
  'ME-DIRECT',
  'ERR-NOT-FOUND-ENDPOINT',
  'ERR-INVALID-JSON',
  'ERR-INVALID-VALUE',
  'ERR-NO-5XX',
  'DT-BINARY',
  'DT-KEY-ORDER',
  'CHAR-RETURNED-ALWAYS',
  'CHAR-RETURNED-NEVER',
  'CHAR-CASE-PRESERVED',
  'CHAR-REQUIRED',
  'CHAR-CANONICAL',
  'CHAR-NAME-CASE',
  'CHAR-LASTMODIFIED',
  // Interop
  'INTEROP-OP-CASE',
  'INTEROP-BOOLEAN-STRINGS',
  'INTEROP-REMOVE-MEMBER-BY-VALUE',
  'INTEROP-NOPATH-DOTTED',
  'INTEROP-ADD-VALUEPATH-CREATES',
  'INTEROP-FILTER-CORRELATION',
  'INTEROP-OKTA-PUT-DEACTIVATE',
  'INTEROP-PASSWORD-PLACEHOLDER',
  // Issue 12, "close the gaps": extension data across PUT, nested groups, POST /.search offered
  'PUT-EXTENSION-KEPT',
  'GROUP-NESTED',
  'SEARCH-POST-OFFERED',
  // Issue 14: RFC 9967 asynchronous requests (scenarios/spec/async-requests.yaml)
  'ASYNC-ANSWER',
  'ASYNC-EFFECT-VISIBLE',
  // Issue 14: RFC 9865 cursor paging (scenarios/spec/cursor-paging.yaml)
  'CURSOR-ADVERTISED',
  'CURSOR-FIRST-PAGE',
  'CURSOR-WALK',
  'CURSOR-LAST-PAGE',
  'CURSOR-COUNT-MAX',
  'CURSOR-COUNT-ABOVE-MAX',
  'CURSOR-INVALID',
  'INTEROP-INDEX-WITH-CURSOR',
  // Issue 14, standard packs (scenarios/standards/, run with --standard): interop-01, IPSIE AL1/AL2
  'INTEROP01-SPC-CONFORMANT',
  'INTEROP01-REQUIRED-FEATURES',
  'INTEROP01-RT-ID-NAME',
  'INTEROP01-UNDECLARED-REFUSED',
  'INTEROP01-FILTER-UNKNOWN-400',
  'INTEROP01-COUNT-100',
  'INTEROP01-PATCH-PATH-REQUIRED',
  'INTEROP01-REPLACE-COMPLEX-WHOLE',
  'IPSIE-BULK-SUPPORTED',
  'IPSIE-FILTER-EMAILS',
  'IPSIE-USER-SCHEMA',
  'IPSIE-NO-PASSWORD',
  'IPSIE-GROUP-SCHEMA',
  'IPSIE-GROUP-NAME-UNIQUE',
  'IPSIE-FILTER-GROUPS',
  'IPSIE-GROUP-PATCH-50',
  // Entra gallery readiness (scenarios/readiness/entra-gallery-scim.yaml)
  'ENTRA-NULL-UPDATE',
  'ENTRA-DIRECT-UPDATE',
  'ENTRA-MANAGER',
  'ENTRA-PAGINATION',
  // Okta OIN readiness (scenarios/readiness/okta-oin-*.yaml)
  'OKTA-ENTITLEMENT-PAGE',
  'OKTA-IMPORT-USER-SCHEMA',
];

export interface RowCoverage {
  row: CatalogueRow;
  coverage: Coverage[];
  /** Present when nothing evaluates the row: the row's `notCheckedBecause`. */
  reason?: string;
}

const EVALUATED: readonly [Coverage, ReadonlySet<string>][] = [
  ['passive', new Set(EXCHANGE_CHECKS.map((check) => check.id))],
  ['active', new Set(ACTIVE_CHECK_IDS)],
  ['scenario', new Set(SCENARIO_CHECK_IDS)],
  ['state', new Set([...STATE_VERIFY_IDS, ...RUN_STATE_CHECK_IDS])],
];

/** How the code covers one row; empty when nothing evaluates it. */
export function coverageOf(id: string): Coverage[] {
  return EVALUATED.filter(([, ids]) => ids.has(id)).map(([coverage]) => coverage);
}

/** Every catalogue row with how the code covers it (empty coverage = not implemented, with why). */
export function catalogueCoverage(): RowCoverage[] {
  return allCatalogueRows().map((row) => {
    const coverage = coverageOf(row.id);
    return coverage.length > 0
      ? { row, coverage }
      : { row, coverage, reason: row.notCheckedBecause ?? 'not implemented yet' };
  });
}
