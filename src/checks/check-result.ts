/**
 * Severity of a check (SPEC-CHECKS "How to read a row"): MUST/MUST* → error,
 * SHOULD → warning, MAY → info; INTEROP → error under the named IdP's profile, info otherwise.
 */
export type CheckLevel = 'error' | 'warning' | 'info';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One concrete difference between what the RFC (or the model) expects and what came back. */
export interface Finding {
  message: string;
  /** JSON path into the response body or resource, e.g. `$.members[0].value`. */
  path?: string;
  expected?: unknown;
  actual?: unknown;
}

/** The verdict of one check on one exchange or one state read-back. */
export interface CheckResult {
  /** SPEC-CHECKS ID, e.g. `CREATE-201`, or `STATE-*` for state diffs against the model. */
  id: string;
  title: string;
  /** e.g. `RFC 7644 §3.3`. */
  rfc: string;
  level: CheckLevel;
  status: CheckStatus;
  /** One line; for failures, what is wrong. For skips, why. */
  message?: string;
  findings?: Finding[];
  /** The exchange this verdict is about, when there is one. */
  exchangeId?: number;
  /** For a verdict on state read back: the last write of the step, whose effect was read (the request to look at). */
  causeExchangeId?: number;
  /**
   * For a cause scim-check proved by re-sending (src/engine/isolate-refusal.ts): the exchange of
   * the same request with one IdP habit in RFC form, whose answer differed from the IdP's own
   * (`exchangeId`). Absent when nothing was proved.
   */
  proofExchangeId?: number;
  /** For a failure: how a server author usually fixes it (src/checks/fix-hints.ts). */
  hint?: string;
  /**
   * Set on a failure a `--waivers` entry accepts until `until` (YYYY-MM-DD): the check stays
   * `failed` (the server still breaks the rule) but no longer fails its step or the run.
   */
  waiver?: { reason: string; until: string };
}
