import type { PlannedIdpRequest } from './planned-request.js';

/** The standard packs `--standard` accepts, in the order `list standards` shows them. */
export const STANDARD_NAMES = ['interop-01', 'ipsie-al1', 'ipsie-al2'] as const;
export type StandardName = (typeof STANDARD_NAMES)[number];

/** The document a pack follows: always a draft here, cited by name, version and date. */
export interface StandardDocument {
  /** Its identifier, e.g. `draft-zollner-scim-interop-profile-01`. */
  name: string;
  title: string;
  /** The revision the pack follows, e.g. `-01` or `Draft 00`. */
  version: string;
  /** Publication date of that revision, YYYY-MM-DD. */
  date: string;
  publisher: string;
  url: string;
}

/**
 * How a pack row is judged. One place for each rule: a row that asks what a catalogue row asks
 * takes that row's verdicts (`check`: new rows of src/checks/catalogue/interop-profile.ts and
 * ipsie.ts, or the RFC rows the spec suite already runs), never a second check of its own.
 */
export type RowVerification =
  /** The row's `id` is a catalogue row; its verdicts in the run decide. */
  | { kind: 'check' }
  /** Holds when another pack's server rows hold (IPSIE §4.2 builds on the interop profile). */
  | { kind: 'pack'; pack: StandardName }
  /** Nothing scim-check can observe over SCIM verifies it; why. */
  | { kind: 'not-checked'; reason: string }
  /** A rule for IdPs (SCIM clients): no server verdict, it feeds the conflict report. */
  | { kind: 'client' };

/**
 * What a rule refuses, as a predicate over a request an IdP profile plans (src/standards/planned-requests.ts).
 * The conflict report evaluates it over every request each profile sends in its built-in scenarios.
 */
export interface ConflictRule {
  /** The requests it refuses, as the table names them: "PATCH operations without `path`". */
  refuses: string;
  /** The offending part of the request in a few words (what the table quotes), or undefined when it complies. */
  matches(request: PlannedIdpRequest): string | undefined;
  /**
   * For a client rule, which the draft lets a server refuse without requiring it: the catalogue
   * row whose verdict says whether this server still accepts such requests.
   */
  acceptedWhen?: string;
}

/** One requirement of a draft, with its section and how scim-check judges it. */
export interface PackRow {
  /** A catalogue id (kind `check`), or the pack's own id for rows no check covers. */
  id: string;
  /** The draft's section, e.g. `§6.5.1.1`. */
  section: string;
  /** One line, in our words. */
  requirement: string;
  /** The draft's keyword: a SHOULD row that deviates is reported as such. */
  strength: 'MUST' | 'SHOULD';
  verification: RowVerification;
  /** For rules that make a server refuse what some IdPs send. */
  conflict?: ConflictRule;
}

/** A standard pack: the rows of one draft, what they rely on, and where its own scenarios live. */
export interface StandardPack {
  name: StandardName;
  title: string;
  document: StandardDocument;
  /** Every pack here follows a draft, which may change; every report says so. */
  draft: true;
  /** Packs this one builds on; selecting it selects them too. */
  requires: readonly StandardName[];
  /** Its scenarios, relative to the built-in scenarios folder (`standards/interop-01.yaml`). */
  scenarios: readonly string[];
  /** What the pack knows about its sources: a later revision, text it could not read. */
  notes: readonly string[];
  rows: readonly PackRow[];
}

/** A row judged by the catalogue row of the same id (the common case): one line per row in a pack. */
export function checkedRow(
  id: string,
  section: string,
  requirement: string,
  strength: PackRow['strength'] = 'MUST',
): PackRow {
  return { id, section, requirement, strength, verification: { kind: 'check' } };
}
