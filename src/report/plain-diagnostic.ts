import type { CheckResult } from '../checks/check-result.js';
import type { ScenarioResult, StepResult } from '../engine/results.js';
import type { FormatContext } from './pretty/format-context.js';
import { formatCheckProblem, formatStepError } from './pretty/format-problem.js';
import { createTheme } from './pretty/theme.js';

/**
 * The pretty reporter's problem blocks without colour: CI systems show JUnit `<failure>` text and
 * job summaries verbatim, so they get the same words the terminal shows, and no ANSI escapes.
 */
export function plainContext(
  sourceOf: (file: string) => string | undefined,
  baseUrl: string | undefined,
): FormatContext {
  return { theme: createTheme(false), sourceOf, baseUrl, verbose: false };
}

/** The uncoloured diagnostic of a failed (or warning) check. */
export function plainCheckDiagnostic(
  scenario: ScenarioResult,
  step: StepResult,
  check: CheckResult,
  context: FormatContext,
): string {
  return formatCheckProblem(scenario, step, check, context).join('\n');
}

/** The uncoloured diagnostic of a step that errored (timeout, reset) or whose action failed. */
export function plainStepDiagnostic(scenario: ScenarioResult, step: StepResult, context: FormatContext): string {
  return formatStepError(scenario, step, context).join('\n');
}
