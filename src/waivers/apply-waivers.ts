import { basename } from 'node:path';
import type { CheckResult } from '../checks/check-result.js';
import {
  isScenarioStep,
  type RunEvent,
  type RunResult,
  type ScenarioResult,
  type StepResult,
} from '../engine/results.js';
import { summarize } from '../engine/run-suite.js';
import { scenarioOutcome } from '../engine/step-outcome.js';
import { type Waiver, waiverRef } from './waiver.js';

export interface ApplyWaiversOptions {
  /** The waivers file as the user named it, for messages. */
  file: string;
  /** Today as YYYY-MM-DD (UTC); a waiver is in force through the whole of its `until` day. */
  today: string;
}

function scenarioMatches(waiver: Waiver, scenario: ScenarioResult): boolean {
  if (!waiver.scenarioPattern) return true;
  const file = basename(scenario.file);
  return [scenario.name, scenario.file, file, file.replace(/\.ya?ml$/i, '')].some((candidate) =>
    waiver.scenarioPattern!.test(candidate),
  );
}

function stepMatches(waiver: Waiver, step: StepResult): boolean {
  if (waiver.step === undefined) return true;
  if (typeof waiver.step === 'number') return isScenarioStep(step) && step.index + 1 === waiver.step;
  const wanted = waiver.step.toLowerCase();
  const label = `${step.action}${step.name === undefined ? '' : ` ${step.name}`}`.toLowerCase();
  return step.name?.toLowerCase() === wanted || step.action.toLowerCase() === wanted || label === wanted;
}

/** Only failures that count can be waived: a failed check at level error or warning. */
function isWaivable(check: CheckResult): boolean {
  return check.status === 'failed' && (check.level === 'error' || check.level === 'warning');
}

/** A failed step whose only error-level failures are now waived passes; runtime errors never do. */
function restatus(step: StepResult, checks: CheckResult[]): StepResult['status'] {
  if (step.status !== 'failed' || step.error !== undefined) return step.status;
  return checks.some((check) => check.status === 'failed' && check.level === 'error' && check.waiver === undefined)
    ? 'failed'
    : 'passed';
}

/**
 * Applies waivers to a finished run as a pure transform, before any reporter sees it. A failure
 * matched by a waiver in force keeps `status: failed` but carries `waiver` and stops failing its
 * step; one matched only by an expired waiver still fails, and its message says the waiver
 * expired; a waiver that matched nothing is listed as stale. The summary is recomputed.
 */
export function applyWaivers(result: RunResult, waivers: readonly Waiver[], options: ApplyWaiversOptions): RunResult {
  const usage: WaiverUsage = { used: new Set(), expired: new Set(), waived: 0 };
  const scenarios = result.scenarios.map((scenario) => waiveScenario(scenario, waivers, options, usage));
  return {
    ...result,
    scenarios,
    summary: summarize(scenarios, result.summary.durationMs),
    waivers: {
      file: options.file,
      waived: usage.waived,
      stale: waivers.filter((waiver) => !usage.used.has(waiver) && !usage.expired.has(waiver)).map(waiverRef),
      expired: waivers.filter((waiver) => usage.expired.has(waiver)).map(waiverRef),
    },
  };
}

/** Which waivers matched what, across the scenarios of a run. */
interface WaiverUsage {
  used: Set<Waiver>;
  expired: Set<Waiver>;
  waived: number;
}

function waiveScenario(
  scenario: ScenarioResult,
  waivers: readonly Waiver[],
  options: ApplyWaiversOptions,
  usage: WaiverUsage,
): ScenarioResult {
  if (scenario.steps.length === 0) return scenario;
  const candidates = waivers.filter((waiver) => scenarioMatches(waiver, scenario));
  const steps = scenario.steps.map((step): StepResult => {
    const stepWaivers = candidates.filter((waiver) => stepMatches(waiver, step));
    if (stepWaivers.length === 0) return step;
    const checks = step.checks.map((check): CheckResult => {
      if (!isWaivable(check)) return check;
      const matching = stepWaivers.filter((waiver) => waiver.checkPattern.test(check.id));
      const inForce = matching.find((waiver) => waiver.until >= options.today);
      if (inForce) {
        usage.used.add(inForce);
        usage.waived += 1;
        return { ...check, waiver: { reason: inForce.reason, until: inForce.until } };
      }
      const expired = matching[0];
      if (!expired) return check;
      usage.expired.add(expired);
      const note = `the waiver for ${expired.check} (${options.file}:${expired.line}) expired on ${expired.until}: ${expired.reason}`;
      return {
        ...check,
        message: check.message === undefined || check.message === '' ? note : `${check.message} — ${note}`,
      };
    });
    return { ...step, checks, status: restatus(step, checks) };
  });
  return { ...scenario, steps, status: scenarioOutcome(steps) };
}

/**
 * The same transform on a live event, so reporters that print as scenarios end (pretty) show
 * waived failures as waived too. Stale and expired entries are only known at the end.
 */
export function waiveEvent(event: RunEvent, waivers: readonly Waiver[], options: ApplyWaiversOptions): RunEvent {
  if (event.type === 'scenarioEnd')
    return {
      ...event,
      result: waiveScenario(event.result, waivers, options, { used: new Set(), expired: new Set(), waived: 0 }),
    };
  if (event.type === 'runEnd') return { ...event, result: applyWaivers(event.result, waivers, options) };
  return event;
}

/** Today in UTC as YYYY-MM-DD, the form `until` is written in. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
