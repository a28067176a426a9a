import type { PlannedRequest, ProfileActions } from './profile.js';

/**
 * How sure we are that an IdP sends a request this way.
 * - documented: the cited source shows the request itself (method, path, body);
 * - observed: a public report of real traffic (an issue thread, a recording) shows it;
 * - inferred: no source shows it; the profile had to guess, and says so.
 */
export type EvidenceGrade = 'documented' | 'observed' | 'inferred';

export const EVIDENCE_GRADES: readonly EvidenceGrade[] = ['documented', 'observed', 'inferred'];

/** One habit of an IdP that a server has to cope with, with the evidence for it. */
export interface Quirk {
  /** Stable id within the profile, e.g. `okta.put-update`. */
  id: string;
  /** What the IdP does, in one sentence a vendor understands. */
  summary: string;
  grade: EvidenceGrade;
  /** Where it is shown: keys of SOURCES or free citations (document, section, URL, issue). */
  citations: string[];
  /** For `observed`: when the traffic was seen (ISO date), as the citation gives it. */
  observedOn?: string;
  /** Where sources disagree about this habit, what each says. */
  disagreement?: string;
}

/** What a profile had to guess: the summaries of its quirks graded `inferred`, in its own order. */
export function inferredBehaviours(quirks: readonly Quirk[]): string[] {
  return quirks.filter((quirk) => quirk.grade === 'inferred').map((quirk) => quirk.summary);
}

/** The name of an admin action, as the profile's `actions` spells it. */
export type ActionName = keyof ProfileActions;

/**
 * One request the IdP's documentation (or connector source) shows it sending, and how to
 * recognise it among the requests a profile plans. The coverage test dry-runs every built-in
 * scenario of the profile and fails when a documented operation is never sent.
 */
export interface DocumentedOperation {
  /** Stable id within the profile, e.g. `okta.user.deactivate`. */
  id: string;
  /** What the IdP does, e.g. "deactivate a user: PATCH with a path-less replace of active". */
  summary: string;
  /** The admin action that triggers it. */
  action: ActionName;
  grade: EvidenceGrade;
  citations: string[];
  /** True when `request` is this operation (method, path, query, body shape). */
  matches(request: PlannedRequest): boolean;
}
