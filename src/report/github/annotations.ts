import type { CheckResult } from '../../checks/check-result.js';
import type { RunResult, ScenarioResult, StepResult, WaiverRef } from '../../engine/results.js';
import { stepLabel } from '../pretty/step-label.js';
import { countedOccurrences, type Occurrence, type RootCause, rootCausesOf, stepErrorOf } from '../root-causes.js';
import type { Annotation } from './workflow-command.js';

/** Annotations per step before the rest is folded into one notice: a broken server can fail 40 checks in one step. */
export const MAX_ANNOTATIONS_PER_STEP = 3;

function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function checkMessage(scenario: ScenarioResult, step: StepResult, check: CheckResult): string {
  const lines = [`${scenario.name} › ${stepLabel(step)}: ${check.message ?? check.title}`];
  for (const finding of (check.findings ?? []).slice(0, 3)) {
    const where = finding.path === undefined ? '' : ` ${finding.path}`;
    if (finding.expected !== undefined) lines.push(`expected${where}: ${showValue(finding.expected)}`);
    if (finding.actual !== undefined) lines.push(`  actual${where}: ${showValue(finding.actual)}`);
  }
  lines.push(`Explain: scim-check explain ${check.id}`);
  return lines.join('\n');
}

function location(scenario: ScenarioResult, step: StepResult): Pick<Annotation, 'file' | 'line' | 'col'> {
  return step.line >= 1 ? { file: scenario.file, line: step.line, col: step.column } : { file: scenario.file };
}

/** Places listed by name in a root cause's annotation before "and N more". */
const PLACES_NAMED = 5;

/** `and 6 more (root cause CREATE-201#1a2b3c4d): Okta group push › 4 removeMembers eng, …` */
function moreText(cause: RootCause<ScenarioResult>, occurrences: Occurrence<ScenarioResult>[]): string {
  const others = occurrences.slice(1);
  const named = others.slice(0, PLACES_NAMED).map(({ scenario, step }) => `${scenario.name} › ${stepLabel(step)}`);
  const rest = others.length > PLACES_NAMED ? `, and ${others.length - PLACES_NAMED} more in the job summary` : '';
  return `and ${others.length} more (root cause ${cause.fingerprint}): ${named.join(', ')}${rest}`;
}

/** One annotation per root cause, at its first occurrence, saying where else it showed. */
function causeAnnotation(cause: RootCause<ScenarioResult>): { step: StepResult; annotation: Annotation } | undefined {
  if (cause.waived || (cause.kind === 'check' && cause.level === 'info')) return undefined;
  const occurrences = countedOccurrences(cause);
  const first = occurrences[0];
  if (first === undefined) return undefined;
  const { scenario, step, check } = first;
  const where = location(scenario, step);
  const more = occurrences.length > 1 ? `\n${moreText(cause, occurrences)}` : '';
  if (check === undefined) {
    const error = stepErrorOf(step) ?? { code: 'ERROR', message: `the step ${step.status}` };
    return {
      step,
      annotation: {
        level: 'error',
        ...where,
        title: `${stepLabel(step)}: ${error.code}`,
        message: `${scenario.name} › ${stepLabel(step)}: ${error.message}${more}`,
      },
    };
  }
  const level = cause.level === 'error' ? 'error' : 'warning';
  return {
    step,
    annotation: {
      level,
      ...where,
      title: `${check.id} (${check.rfc})`,
      message: `${checkMessage(scenario, step, check)}${more}`,
    },
  };
}

/** A step's annotations, capped: a broken server can fail 40 checks in one step. */
function capped(scenario: ScenarioResult, step: StepResult, all: Annotation[]): Annotation[] {
  if (all.length <= MAX_ANNOTATIONS_PER_STEP) return all;
  const where = location(scenario, step);
  const shown = all.slice(0, MAX_ANNOTATIONS_PER_STEP);
  const more = all.length - shown.length;
  shown.push({
    level: 'notice',
    ...where,
    title: `${stepLabel(step)}: ${more} more`,
    message: `${more} more finding${more === 1 ? '' : 's'} in ${scenario.name} › ${stepLabel(step)}; the job summary lists them all`,
  });
  return shown;
}

function waiverAnnotation(file: string, waiver: WaiverRef, kind: 'stale' | 'expired'): Annotation {
  return kind === 'expired'
    ? {
        level: 'error',
        file,
        line: waiver.line,
        title: `waiver for ${waiver.check} expired`,
        message: `The waiver for ${waiver.check} expired on ${waiver.until} (${waiver.reason}); the failure counts again.`,
      }
    : {
        level: 'warning',
        file,
        line: waiver.line,
        title: `stale waiver for ${waiver.check}`,
        message: `The waiver for ${waiver.check} matched no failure in this run: remove it if the bug is fixed (${waiver.reason}).`,
      };
}

/**
 * Every annotation of a run: one per root cause, at the step it first showed (GitHub shows only
 * the first ten errors of a step, so one bug must not take them all), in scenario and step
 * order, capped per step.
 */
export function runAnnotations(result: RunResult): Annotation[] {
  const byStep = new Map<StepResult, Annotation[]>();
  for (const cause of rootCausesOf(result)) {
    const placed = causeAnnotation(cause);
    if (placed === undefined) continue;
    byStep.set(placed.step, [...(byStep.get(placed.step) ?? []), placed.annotation]);
  }
  const annotations = result.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => capped(scenario, step, byStep.get(step) ?? [])),
  );
  if (result.waivers) {
    for (const waiver of result.waivers.expired)
      annotations.push(waiverAnnotation(result.waivers.file, waiver, 'expired'));
    for (const waiver of result.waivers.stale) annotations.push(waiverAnnotation(result.waivers.file, waiver, 'stale'));
  }
  return annotations;
}
