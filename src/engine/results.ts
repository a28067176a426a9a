import type { CheckResult } from '../checks/check-result.js';
import type { PossibleLeftover } from '../executor/ledger.js';
import type { Exchange } from '../http/exchange.js';
import type { StandardReport } from '../standards/report.js';

export type { PossibleLeftover };

import type { ActionName, IdpName } from '../scenario/model.js';

/**
 * passed: every check passed (warnings allowed); failed: a check at level error failed;
 * errored: we could not get an answer (timeout, reset, template error) — Hurl's "runtime error"
 * as opposed to the target breaking a rule; skipped: not run, with a reason.
 */
export type Outcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface StepResult {
  index: number;
  action: ActionName | 'preflight' | 'cleanup';
  name?: string;
  /** Who the step acts on, by scenario key (`alice`, `eng`), so unnamed steps still read well. */
  subject?: string;
  /** 1-based position of the step in its scenario file. */
  line: number;
  column: number;
  status: Outcome;
  exchanges: Exchange[];
  checks: CheckResult[];
  /** Runtime trouble (status `errored`) or the skip reason. */
  error?: { code: string; message: string };
  skipReason?: string;
  durationMs: number;
  /** `--only`: an earlier step run only to set up the selected one. */
  setup?: boolean;
}

export interface ScenarioResult {
  file: string;
  name: string;
  idp: IdpName;
  /** Set when no public source shows the profile's wire format (Google): every report says so. */
  unverifiedProfile?: true;
  status: Outcome;
  skipReason?: string;
  steps: StepResult[];
  /** Resources the run created and could not delete (or kept, `--keep`); listed so a human can clean up. */
  leftovers: { resourceType: 'User' | 'Group'; id: string; name: string; reason?: string }[];
  /**
   * What may exist although the run holds no id for it: a create that got no answer, an answer
   * that did not identify what was sent, a PUT the server answered 201. Found by `search`.
   */
  possibleLeftovers?: PossibleLeftover[];
  durationMs: number;
}

export interface RunSummary {
  scenarios: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  checks: { passed: number; failed: number; warnings: number; skipped: number };
  durationMs: number;
}

export interface RunResult {
  tool: { name: 'scim-check'; version: string };
  target: { baseUrl: string; embedded: boolean };
  runId: string;
  startedAt: string;
  interrupted: boolean;
  summary: RunSummary;
  scenarios: ScenarioResult[];
  /** What `--waivers` did: entries that matched nothing (stale) and entries past their date (expired). */
  waivers?: WaiverReport;
  /**
   * Present when the run could not start (preflight: unreachable, token refused, not a SCIM base
   * URL): why. Every scenario is then `errored` with no steps, so no report reads as a pass.
   */
  notStarted?: { code: string; message: string; hint?: string };
  /** What `--baseline FILE` found (src/report/baseline.ts): root causes new, fixed or unchanged since that report. */
  baseline?: BaselineReport;
  /** With `--standard`: each selected draft pack, its rows judged and its conflicts with the IdP profiles (src/standards/). */
  standards?: StandardReport[];
}

/** One root cause as `--baseline` lists it, by its fingerprint (src/report/fingerprint.ts). */
export interface BaselineEntry {
  fingerprint: string;
  checkId: string;
  level: CheckResult['level'];
  message: string;
  occurrences: number;
}

/** This run's failing root causes against those of an earlier JSON report. */
export interface BaselineReport {
  file: string;
  /** Failing now, not in the baseline. */
  new: BaselineEntry[];
  /** Failing in the baseline, passing now in a scenario that ran again. */
  fixed: BaselineEntry[];
  /** Failing in both. */
  unchanged: BaselineEntry[];
  /** Failing in the baseline, in scenarios this run did not run: neither fixed nor still failing. */
  notRun: BaselineEntry[];
}

/** One `--waivers` entry as reports cite it. */
export interface WaiverRef {
  check: string;
  scenario?: string;
  step?: number | string;
  reason: string;
  until: string;
  /** 1-based line of the entry in the waivers file. */
  line: number;
}

export interface WaiverReport {
  file: string;
  /** Failures accepted by a waiver still in force. */
  waived: number;
  /** Entries that matched no failure in this run: the bug may be fixed, or the entry is wrong. */
  stale: WaiverRef[];
  /** Entries past their `until` date that matched a failure: the failure counts again. */
  expired: WaiverRef[];
}

/** What the engine tells reporters as the run goes; reporters only listen (DESIGN.md). */
export type RunEvent =
  | { type: 'runStart'; target: RunResult['target']; runId: string; scenarioCount: number }
  | { type: 'scenarioStart'; file: string; name: string; idp: IdpName; stepCount: number }
  | { type: 'stepStart'; scenario: string; index: number; action: StepResult['action']; name?: string }
  | { type: 'stepEnd'; scenario: string; step: StepResult }
  /** Every exchange as the executor finishes it, preflight included (the HAR reporter records them all). */
  | { type: 'exchange'; exchange: Exchange }
  | { type: 'scenarioEnd'; result: ScenarioResult }
  | { type: 'runEnd'; result: RunResult };

/** Steps the engine adds around a scenario's own steps (preflight, cleanup); they have no number or source line. */
export function isScenarioStep(step: Pick<StepResult, 'action'>): boolean {
  return step.action !== 'preflight' && step.action !== 'cleanup';
}
