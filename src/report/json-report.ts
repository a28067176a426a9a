import type { CheckLevel, CheckResult, CheckStatus, Finding } from '../checks/check-result.js';
import type { Outcome, RunResult, ScenarioResult, StepResult } from '../engine/results.js';
import type { Exchange } from '../http/exchange.js';
import type { IdpName } from '../scenario/model.js';
import type { StandardReport } from '../standards/report.js';
import { waiverRef } from '../waivers/waiver.js';
import { type CauseContext, checkFingerprint, stepErrorFingerprint } from './fingerprint.js';
import {
  type JsonBaselineEntry,
  type JsonRootCause,
  toJsonBaselineEntry,
  toJsonRootCauses,
} from './json-root-causes.js';
import { stepErrorOf } from './root-causes.js';

/*
 * The JSON report is a contract other tools read (DESIGN.md "JSON report"). Keys are built
 * in a fixed order, optional keys are omitted rather than set to null (except an exchange's
 * `status`, which is null when no response arrived), durations are whole milliseconds, and
 * exchange bodies are left out (the HAR reporter carries them). Add keys; never rename or remove.
 */

/** One HTTP exchange, without headers or bodies. */
export interface JsonExchange {
  id: number;
  method: string;
  url: string;
  /** null when no response arrived; `error` then says why. */
  status: number | null;
  durationMs: number;
  error?: { code: string; message: string };
  /** Earlier tries of this request that were retried (429, reset), oldest first; absent when none. */
  attempts?: { status: number | null; error?: { code: string; message: string }; waitMs: number; reason: string }[];
  /** Why a 429 or reset on the last try was not retried. */
  retryNote?: string;
}

export interface JsonFinding {
  path?: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export interface JsonCheck {
  id: string;
  title: string;
  status: CheckStatus;
  level: CheckLevel;
  rfc: string;
  message?: string;
  findings?: JsonFinding[];
  exchangeId?: number;
  causeExchangeId?: number;
  /** The re-sent request (one IdP habit in RFC form) that proved which habit the server refused (src/engine/isolate-refusal.ts). */
  proofExchangeId?: number;
  /** Present when a `--waivers` entry accepts this failure; the check then does not fail the run. */
  waiver?: { reason: string; until: string };
  /** On a failed check: its root cause (src/report/fingerprint.ts), the same in every run that hits the same bug. */
  fingerprint?: string;
}

export interface JsonStep {
  /** The step's 0-based position in the scenario's `steps` (as in the scenario model). */
  index: number;
  action: StepResult['action'];
  name?: string;
  /** The user or group key the step acts on, e.g. `alice`. */
  subject?: string;
  line: number;
  column: number;
  status: Outcome;
  error?: { code: string; message: string };
  skipReason?: string;
  durationMs: number;
  exchanges: JsonExchange[];
  checks: JsonCheck[];
  /** `--only`: this step ran only to set up the selected one. */
  setup?: true;
  /** On a step whose own error is a finding (it errored, or its action failed): that error's root cause. */
  fingerprint?: string;
}

export interface JsonScenario {
  file: string;
  name: string;
  idp: IdpName;
  /** Present (true) when no public source shows this profile's wire format. */
  unverifiedProfile?: true;
  status: Outcome;
  skipReason?: string;
  durationMs: number;
  /** Created by the run and not deleted: `reason` says why (a failed DELETE, `--keep`). */
  leftovers: { resourceType: 'User' | 'Group'; id: string; name: string; reason?: string }[];
  /** May exist although the run holds no id for it (a create that got no usable answer, a PUT answered 201): find it with `search`. */
  possibleLeftovers: { resourceType: 'User' | 'Group'; name: string; search: string; reason: string }[];
  steps: JsonStep[];
}

/** The whole document written by `--reporter json`. */
export interface JsonReport {
  tool: { name: 'scim-check'; version: string };
  target: { baseUrl: string; embedded: boolean };
  runId: string;
  startedAt: string;
  interrupted: boolean;
  summary: {
    scenarios: number;
    passed: number;
    failed: number;
    skipped: number;
    errored: number;
    checks: { passed: number; failed: number; warnings: number; skipped: number };
    durationMs: number;
  };
  scenarios: JsonScenario[];
  /**
   * Every failure (checks at any level, and runtime errors) grouped by fingerprint: failures
   * first, then warnings, waived ones and info. Always present; empty when nothing failed.
   */
  rootCauses: JsonRootCause[];
  /** Present when the run used `--waivers`: how many failures were waived, and stale or expired entries. */
  waivers?: {
    file: string;
    waived: number;
    stale: JsonWaiver[];
    expired: JsonWaiver[];
  };
  /** Present when the run could not start (exit 2): why, and what to do. Every scenario is then `errored`. */
  notStarted?: { code: string; message: string; hint?: string };
  /** Present with `--baseline FILE`: root causes (errors and warnings no waiver accepts) against that report's. */
  baseline?: {
    file: string;
    new: JsonBaselineEntry[];
    fixed: JsonBaselineEntry[];
    unchanged: JsonBaselineEntry[];
    /** Failing in the baseline in steps this run did not run: neither fixed nor still failing. */
    notRun: JsonBaselineEntry[];
  };
  /**
   * Present with `--standard`: each selected pack (and the packs it builds on). Every pack follows
   * a draft (`draft: true`, `draftNote`), which may change; `conflicts` names the IdP profiles whose
   * planned requests each rule refuses.
   */
  standards?: JsonStandard[];
}

/** One standard pack as the report carries it (src/standards/report.ts). */
export interface JsonStandard {
  name: string;
  title: string;
  /** The draft's identifier, e.g. `draft-zollner-scim-interop-profile-01`. */
  document: string;
  version: string;
  /** YYYY-MM-DD. */
  date: string;
  url: string;
  draft: true;
  draftNote: string;
  requires: string[];
  notes: string[];
  summary: { follows: number; deviates: number; notChecked: number; clientRules: number };
  /** `verdict`: follows, deviates, not checked, or client rule (a rule for IdPs, with no server verdict). */
  rows: { id: string; section: string; requirement: string; strength: string; verdict: string; message?: string }[];
  conflicts: {
    rule: string;
    section: string;
    requirement: string;
    refuses: string;
    verdict: string;
    serverAccepts?: boolean;
    acceptedWhen?: string;
    /** breaks here, needs this deviation, or breaks where enforced. */
    effect: string;
    idps: { idp: string; actions: string[]; example: string }[];
  }[];
}

/** A waivers-file entry as the report cites it. */
export interface JsonWaiver {
  check: string;
  scenario?: string;
  step?: number | string;
  reason: string;
  until: string;
  line: number;
}

/** Builds the JSON report from a run result; pure, so tools and tests can call it directly. */
export function toJsonReport(result: RunResult): JsonReport {
  const { summary } = result;
  const context: CauseContext = { runId: result.runId, baseUrl: result.target.baseUrl };
  return {
    tool: { name: result.tool.name, version: result.tool.version },
    target: { baseUrl: result.target.baseUrl, embedded: result.target.embedded },
    runId: result.runId,
    startedAt: result.startedAt,
    interrupted: result.interrupted,
    summary: {
      scenarios: summary.scenarios,
      passed: summary.passed,
      failed: summary.failed,
      skipped: summary.skipped,
      errored: summary.errored,
      checks: {
        passed: summary.checks.passed,
        failed: summary.checks.failed,
        warnings: summary.checks.warnings,
        skipped: summary.checks.skipped,
      },
      durationMs: wholeMs(summary.durationMs),
    },
    scenarios: result.scenarios.map((scenario) => toJsonScenario(scenario, context)),
    rootCauses: toJsonRootCauses(result),
    ...(result.waivers === undefined
      ? {}
      : {
          waivers: {
            file: result.waivers.file,
            waived: result.waivers.waived,
            stale: result.waivers.stale.map(waiverRef),
            expired: result.waivers.expired.map(waiverRef),
          },
        }),
    ...(result.notStarted === undefined ? {} : { notStarted: { ...result.notStarted } }),
    ...(result.baseline === undefined
      ? {}
      : {
          baseline: {
            file: result.baseline.file,
            new: result.baseline.new.map(toJsonBaselineEntry),
            fixed: result.baseline.fixed.map(toJsonBaselineEntry),
            unchanged: result.baseline.unchanged.map(toJsonBaselineEntry),
            notRun: result.baseline.notRun.map(toJsonBaselineEntry),
          },
        }),
    ...(result.standards === undefined ? {} : { standards: result.standards.map(toJsonStandard) }),
  };
}

/** Which pack, from which draft: the same keys in a run's report and in `list standards --json`. */
export function jsonPackIdentity(
  pack: Pick<StandardReport, 'name' | 'title' | 'document'> & { requires: readonly string[] },
): Pick<JsonStandard, 'name' | 'title' | 'document' | 'version' | 'date' | 'url' | 'draft' | 'requires'> {
  return {
    name: pack.name,
    title: pack.title,
    document: pack.document.name,
    version: pack.document.version,
    date: pack.document.date,
    url: pack.document.url,
    draft: true,
    requires: [...pack.requires],
  };
}

/** A standard pack as the JSON contract carries it (the run report and `matrix --reporter json`). */
export function toJsonStandard(report: StandardReport): JsonStandard {
  return {
    ...jsonPackIdentity(report),
    draftNote: report.draftNote,
    notes: [...report.notes],
    summary: { ...report.summary },
    rows: report.rows.map((row) => ({
      id: row.id,
      section: row.section,
      requirement: row.requirement,
      strength: row.strength,
      verdict: row.verdict,
      ...(row.message === undefined ? {} : { message: row.message }),
    })),
    conflicts: report.conflicts.map((entry) => ({
      rule: entry.rule,
      section: entry.section,
      requirement: entry.requirement,
      refuses: entry.refuses,
      verdict: entry.verdict,
      ...(entry.serverAccepts === undefined ? {} : { serverAccepts: entry.serverAccepts }),
      ...(entry.acceptedWhen === undefined ? {} : { acceptedWhen: entry.acceptedWhen }),
      effect: entry.effect,
      idps: entry.idps.map((idp) => ({ idp: idp.idp, actions: [...idp.actions], example: idp.example })),
    })),
  };
}

function toJsonScenario(scenario: ScenarioResult, context: CauseContext): JsonScenario {
  return {
    file: scenario.file,
    name: scenario.name,
    idp: scenario.idp,
    ...(scenario.unverifiedProfile ? { unverifiedProfile: true as const } : {}),
    status: scenario.status,
    ...(scenario.skipReason === undefined ? {} : { skipReason: scenario.skipReason }),
    durationMs: wholeMs(scenario.durationMs),
    leftovers: scenario.leftovers.map((leftover) => ({
      resourceType: leftover.resourceType,
      id: leftover.id,
      name: leftover.name,
      ...(leftover.reason === undefined ? {} : { reason: leftover.reason }),
    })),
    possibleLeftovers: (scenario.possibleLeftovers ?? []).map((entry) => ({
      resourceType: entry.resourceType,
      name: entry.name,
      search: entry.search,
      reason: entry.reason,
    })),
    steps: scenario.steps.map((step) => toJsonStep(step, scenario.idp, context)),
  };
}

function toJsonStep(step: StepResult, idp: IdpName, context: CauseContext): JsonStep {
  const ownError = stepErrorOf(step);
  return {
    index: step.index,
    action: step.action,
    ...(step.name === undefined ? {} : { name: step.name }),
    ...(step.subject === undefined ? {} : { subject: step.subject }),
    line: step.line,
    column: step.column,
    status: step.status,
    ...(step.error === undefined ? {} : { error: toJsonError(step.error) }),
    ...(step.skipReason === undefined ? {} : { skipReason: step.skipReason }),
    durationMs: wholeMs(step.durationMs),
    exchanges: step.exchanges.map(toJsonExchange),
    checks: step.checks.map((check) =>
      toJsonCheck(check, check.status === 'failed' ? checkFingerprint(check, idp, context) : undefined),
    ),
    ...(step.setup === true ? { setup: true as const } : {}),
    ...(ownError === undefined ? {} : { fingerprint: stepErrorFingerprint(ownError, context) }),
  };
}

function toJsonExchange(exchange: Exchange): JsonExchange {
  return {
    id: exchange.id,
    method: exchange.request.method,
    url: exchange.request.url,
    status: exchange.response?.status ?? null,
    durationMs: wholeMs(exchange.durationMs),
    ...(exchange.error === undefined || exchange.response !== undefined ? {} : { error: toJsonError(exchange.error) }),
    ...(exchange.attempts === undefined
      ? {}
      : {
          attempts: exchange.attempts.map((attempt) => ({
            status: attempt.status ?? null,
            ...(attempt.error === undefined ? {} : { error: toJsonError(attempt.error) }),
            waitMs: wholeMs(attempt.waitMs),
            reason: attempt.reason,
          })),
        }),
    ...(exchange.retryNote === undefined ? {} : { retryNote: exchange.retryNote }),
  };
}

function toJsonCheck(check: CheckResult, fingerprint: string | undefined): JsonCheck {
  return {
    id: check.id,
    title: check.title,
    status: check.status,
    level: check.level,
    rfc: check.rfc,
    ...(check.message === undefined ? {} : { message: check.message }),
    ...(check.findings === undefined || check.findings.length === 0
      ? {}
      : { findings: check.findings.map(toJsonFinding) }),
    ...(check.exchangeId === undefined ? {} : { exchangeId: check.exchangeId }),
    ...(check.causeExchangeId === undefined ? {} : { causeExchangeId: check.causeExchangeId }),
    ...(check.proofExchangeId === undefined ? {} : { proofExchangeId: check.proofExchangeId }),
    ...(check.waiver === undefined ? {} : { waiver: { reason: check.waiver.reason, until: check.waiver.until } }),
    ...(fingerprint === undefined ? {} : { fingerprint }),
  };
}

function toJsonFinding(finding: Finding): JsonFinding {
  return {
    ...(finding.path === undefined ? {} : { path: finding.path }),
    ...(finding.expected === undefined ? {} : { expected: finding.expected }),
    ...(finding.actual === undefined ? {} : { actual: finding.actual }),
    message: finding.message,
  };
}

/** A runtime error as the contract carries it: its stable code and message, never its cause or stack. */
function toJsonError(error: { code: string; message: string }): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** Durations are integers in the contract; a missing or negative timing reads as 0. */
function wholeMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0;
}
