/** Normative strength as SPEC-CHECKS writes it ("How to read a row"). */
export type RequirementLevel = 'MUST' | 'MUST*' | 'SHOULD' | 'MAY' | 'INTEROP';

/** One SPEC-CHECKS row: a requirement a client can observe, under a stable ID. */
export interface CatalogueRow {
  id: string;
  /** The catalogue section, e.g. "Create". */
  area: string;
  requirement: string;
  /** e.g. `RFC 7644 §3.3`. */
  rfc: string;
  level: RequirementLevel;
  /** For INTEROP rows: the IdP profiles under which a failure is an error (e.g. `okta`, `entra`). */
  interopProfiles?: string[];
  /** How a client checks it, as the catalogue describes. */
  how: string;
  /** e.g. `SPC:patch`, `schema:extension`, `probe`; absent when the row always runs. */
  gate?: string;
}
