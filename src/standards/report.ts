import type { StandardDocument, StandardName } from './pack.js';

/*
 * What a run with `--standard` adds to its result, for the reporters (pretty, JSON, JUnit, GitHub,
 * matrix): each selected pack with its rows judged and its conflicts with the IdP profiles. Plain
 * data: the reporters only read it.
 */

/**
 * A server row's verdict: `follows` (every verdict of its check passed), `deviates` (one failed,
 * at any level: the draft asks it), `not checked` (nothing judged it: not run here, or nothing
 * scim-check can observe). Client rules bind IdPs, not the server, and get `client rule`.
 */
export type StandardVerdict = 'follows' | 'deviates' | 'not checked' | 'client rule';

export interface JudgedRow {
  id: string;
  section: string;
  requirement: string;
  strength: 'MUST' | 'SHOULD';
  verdict: StandardVerdict;
  /** Why, in one line: the first failure, the skip reason, what is not checked. */
  message?: string;
}

/** An IdP profile whose planned requests a rule refuses, with the admin actions that send them. */
export interface ConflictingIdp {
  idp: string;
  /** Admin actions, in first-seen order (`deactivateUser`, `updateUser`). */
  actions: string[];
  /** The offending part of the first such request, e.g. `{"op":"replace","value":{"active":false}}`. */
  example: string;
}

/**
 * What a rule's verdict means for the IdPs it names:
 * - `breaks here`: this server refuses what they send (it follows a server rule, or refuses what a client rule forbids);
 * - `needs this deviation`: this server accepts what the rule refuses, which is what keeps them working;
 * - `breaks where enforced`: this server accepts it (or was not judged); a server that enforces the rule refuses them.
 */
export type ConflictEffect = 'breaks here' | 'needs this deviation' | 'breaks where enforced';

export interface ConflictEntry {
  /** The pack row the rule belongs to. */
  rule: string;
  section: string;
  requirement: string;
  /** The requests the rule refuses, e.g. "PATCH operations without path". */
  refuses: string;
  verdict: StandardVerdict;
  /** For a client rule judged by a catalogue row: whether this server accepts such requests. */
  serverAccepts?: boolean;
  /** The catalogue row that says so (`PUT-SUPPORTED`). */
  acceptedWhen?: string;
  effect: ConflictEffect;
  /** Empty when no profile's requests break the rule. */
  idps: ConflictingIdp[];
}

export interface StandardReport {
  name: StandardName;
  title: string;
  document: StandardDocument;
  /** Always true: every pack follows a draft, which may change. */
  draft: true;
  /** The sentence every report prints. */
  draftNote: string;
  requires: StandardName[];
  notes: string[];
  rows: JudgedRow[];
  summary: { follows: number; deviates: number; notChecked: number; clientRules: number };
  conflicts: ConflictEntry[];
}
