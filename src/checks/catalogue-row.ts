import type { IdpFamily } from '../idp/profile-names.js';

/**
 * Normative strength of a row, reported as a check level (see levelOf in catalogue.ts):
 * - `MUST` covers MUST, SHALL, REQUIRED, MUST NOT and SHALL NOT: an error.
 * - `MUST*` is a normative statement without a BCP 14 keyword (the RFC describes the behaviour
 *   as fact, or leaves a server no other correct answer): an error whose message says the RFC
 *   wording is descriptive.
 * - `SHOULD` covers SHOULD, RECOMMENDED and SHOULD NOT: a warning.
 * - `MAY`: info; the behaviour is recorded, never failed.
 * - `INTEROP`: the RFC is silent or permissive but a named IdP relies on it: an error under a
 *   profile of that IdP family, info under the others.
 */
export type RequirementLevel = 'MUST' | 'MUST*' | 'SHOULD' | 'MAY' | 'INTEROP';

/** Hand-written context for `scim-check explain ID`, for the rows servers fail most. */
export interface Explanation {
  /** What goes wrong in the IdP, for its admin, when a server breaks this rule. */
  why: string;
  /** Typical server bugs behind a failure, each followed by its fix. */
  bugs: { bug: string; fix: string }[];
}

/**
 * One catalogue row: a requirement a SCIM client can observe over HTTP (in a response, or in the
 * server's state read back later), under a stable ID. Rows are written in
 * src/checks/catalogue/<area>.ts; each is paraphrased, never quoted from the RFC.
 *
 * Notation in `how`: `{base}` is the SCIM base URL and `{run}` the per-run token; `U1`…`U7` are
 * users the checker creates (userNames `scimcheck-{run}-u1@example.com`, mixed-case externalIds
 * `X1`…), `G1`/`G2` groups named `scimcheck-{run}-g1`; `{id}`/`U1.id` is an id the server
 * returned and `{ghost}` a random UUID it never issued. "`scimType` X" means the SCIM Error body
 * has that `scimType`. Every check touches only resources the run created, and deletes them.
 */
export interface CatalogueRow {
  /** Stable key used by checks, reports, waivers and `--check`. Never renumber or reuse one. */
  id: string;
  /** The catalogue section, e.g. "Create"; set from the area module the row is written in. */
  area: string;
  /** One line, in our words. */
  requirement: string;
  /** The section(s) it comes from, e.g. `RFC 7644 §3.3`; "Table 8/9" are RFC 7644's status-code and `scimType` tables. */
  rfc: string;
  level: RequirementLevel;
  /** For INTEROP rows: the IdP families under which a failure is an error. */
  interopFamilies?: IdpFamily[];
  /**
   * For INTEROP rows about behaviour the RFCs allow but the IdP mishandles (a 429 the IdP never
   * retries): a warning under those families instead of an error, since the server is compliant;
   * a note (info) where even the IdP's habit is only inferred.
   */
  interopSeverity?: 'warning' | 'info';
  /** How a client checks it: the request to send → what to assert. */
  how: string;
  /**
   * When the row runs; absent when it always does. `SPC:x` runs only if ServiceProviderConfig
   * `x.supported` is true (`SPC:x=false` only if false); `schema:…` only if /Schemas or
   * /ResourceTypes declare the thing named; `probe` marks an optional feature advertised nowhere,
   * tried once, where a 404 or 501 turns the row into skipped (unsupported).
   */
  gate?: string;
  /** How a server author usually fixes a failure, in one line; the pretty reporter prints it under the finding. */
  fixHint?: string;
  /** Why IdPs care and the usual server bugs; rows without one get text derived from the row. */
  explanation?: Explanation;
  /**
   * Why nothing evaluates this row yet. Only the reason lives here: whether a row is evaluated
   * is derived from the code (src/checks/implemented.ts), and a test fails when a row has a
   * reason but is evaluated, or is not evaluated and has no reason.
   */
  notCheckedBecause?: string;
}

/** One area module of src/checks/catalogue/: rows as written there, without their area. */
export interface CatalogueArea {
  area: string;
  rows: readonly Omit<CatalogueRow, 'area'>[];
}
