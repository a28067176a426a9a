import type { CheckResult } from '../../checks/check-result.js';
import type { RunResult, ScenarioResult, StepResult, WaiverRef } from '../../engine/results.js';
import { stepLabel } from '../pretty/step-label.js';
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

function stepAnnotations(scenario: ScenarioResult, step: StepResult): Annotation[] {
  const where = location(scenario, step);
  const all: Annotation[] = [];
  if (step.status === 'errored' || (step.status === 'failed' && step.error !== undefined)) {
    const error = step.error ?? { code: 'ERROR', message: `the step ${step.status}` };
    all.push({ level: 'error', ...where, title: `${stepLabel(step)}: ${error.code}`, message: `${scenario.name} › ${stepLabel(step)}: ${error.message}` });
  }
  for (const check of step.checks) {
    if (check.status !== 'failed' || check.waiver !== undefined) continue;
    if (check.level !== 'error' && check.level !== 'warning') continue;
    all.push({ level: check.level, ...where, title: `${check.id} (${check.rfc})`, message: checkMessage(scenario, step, check) });
  }
  if (all.length <= MAX_ANNOTATIONS_PER_STEP) return all;
  const shown = all.slice(0, MAX_ANNOTATIONS_PER_STEP);
  const more = all.length - shown.length;
  shown.push({ level: 'notice', ...where, title: `${stepLabel(step)}: ${more} more`, message: `${more} more finding${more === 1 ? '' : 's'} in ${scenario.name} › ${stepLabel(step)}; the job summary lists them all` });
  return shown;
}

function waiverAnnotation(file: string, waiver: WaiverRef, kind: 'stale' | 'expired'): Annotation {
  return kind === 'expired'
    ? { level: 'error', file, line: waiver.line, title: `waiver for ${waiver.check} expired`, message: `The waiver for ${waiver.check} expired on ${waiver.until} (${waiver.reason}); the failure counts again.` }
    : { level: 'warning', file, line: waiver.line, title: `stale waiver for ${waiver.check}`, message: `The waiver for ${waiver.check} matched no failure in this run: remove it if the bug is fixed (${waiver.reason}).` };
}

/** Every annotation of a run, in scenario and step order, capped per step. */
export function runAnnotations(result: RunResult): Annotation[] {
  const annotations = result.scenarios.flatMap((scenario) => scenario.steps.flatMap((step) => stepAnnotations(scenario, step)));
  if (result.waivers) {
    for (const waiver of result.waivers.expired) annotations.push(waiverAnnotation(result.waivers.file, waiver, 'expired'));
    for (const waiver of result.waivers.stale) annotations.push(waiverAnnotation(result.waivers.file, waiver, 'stale'));
  }
  return annotations;
}
