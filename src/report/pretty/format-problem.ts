import type { CheckResult, Finding } from '../../checks/check-result.js';
import type { ScenarioResult, StepResult } from '../../engine/results.js';
import type { Exchange } from '../../http/exchange.js';
import { inertText } from '../terminal-text.js';
import type { FormatContext } from './format-context.js';
import { formatExchangeDetail } from './format-exchange.js';
import { formatLocation } from './source-excerpt.js';
import { isScenarioStep, stepLabel } from './step-label.js';
import { MARK, type Theme } from './theme.js';

/** Longest value shown inline after `expected`/`actual`. */
const MAX_VALUE_CHARS = 200;

/**
 * ✗ PATCH-MEMBERS-REPLACE  RFC 7644 §3.5.2.3  Group membership after "removeMembers"
 *   --> file:line:col, source line, message, expected/actual per finding, the exchange.
 */
export function formatCheckProblem(
  scenario: ScenarioResult,
  step: StepResult,
  check: CheckResult,
  context: FormatContext,
): string[] {
  const { theme } = context;
  // A failure accepted by --waivers is still shown, marked as waived, so nobody forgets it.
  const waived = check.waiver !== undefined;
  const mark = waived
    ? theme.skip(`${MARK.skipped} waived`)
    : check.level === 'warning'
      ? theme.warn(`${MARK.warning} warning`)
      : theme.fail(MARK.failed);
  const idText = waived
    ? theme.bold(check.id)
    : check.level === 'warning'
      ? theme.warn(theme.bold(check.id))
      : theme.fail(theme.bold(check.id));
  const lines = [`${mark} ${idText}  ${theme.dim(check.rfc)}  ${check.title}`];
  if (check.waiver !== undefined)
    lines.push(`  ${theme.dim(`waived until ${check.waiver.until}: ${check.waiver.reason}`)}`);
  lines.push(...locate(scenario, step, context));
  // Messages and values can quote the server: shown inert (terminal-text.ts).
  if (check.message !== undefined && check.message !== '') lines.push(`  ${inertText(check.message)}`);
  for (const finding of check.findings ?? []) lines.push(...formatFinding(finding, check.message, theme));
  if (check.hint !== undefined) lines.push(`  ${theme.dim('fix:')} ${check.hint}`);
  const cause = check.causeExchangeId === undefined ? undefined : findExchange(scenario, step, check.causeExchangeId);
  if (cause !== undefined)
    lines.push(
      `  ${theme.dim('sent by the IdP:')}`,
      ...formatExchangeDetail(cause, theme),
      `  ${theme.dim('then read back:')}`,
    );
  const exchange = check.exchangeId === undefined ? undefined : findExchange(scenario, step, check.exchangeId);
  const proof = check.proofExchangeId === undefined ? undefined : findExchange(scenario, step, check.proofExchangeId);
  const focus = (check.findings ?? []).flatMap((finding) => (finding.path === undefined ? [] : [finding.path]));
  if (exchange !== undefined) lines.push(...formatExchangeDetail(exchange, theme, focus));
  if (proof !== undefined && proof !== exchange)
    lines.push(
      `  ${theme.dim('the same request with that habit in RFC form:')}`,
      ...formatExchangeDetail(proof, theme),
    );
  return lines;
}

/** error: TIMEOUT: no response within 5000 ms — Hurl's runtime error, as opposed to a failed check. */
export function formatStepError(scenario: ScenarioResult, step: StepResult, context: FormatContext): string[] {
  const { theme } = context;
  const error = step.error ?? { code: 'ERROR', message: 'the step errored' };
  const lines = [
    `${theme.fail(theme.bold(step.status === 'failed' ? 'failed' : 'error'))}: ${theme.bold(error.code)}: ${inertText(error.message)}`,
  ];
  lines.push(...locate(scenario, step, context));
  const exchange =
    [...step.exchanges].reverse().find((candidate) => candidate.response === undefined) ?? step.exchanges.at(-1);
  if (exchange !== undefined) lines.push(...formatExchangeDetail(exchange, theme));
  return lines;
}

function locate(scenario: ScenarioResult, step: StepResult, context: FormatContext): string[] {
  const label = isScenarioStep(step) ? undefined : stepLabel(step);
  const line = isScenarioStep(step) ? step.line : Math.min(step.line, 0);
  return formatLocation(scenario.file, line, step.column, context.sourceOf(scenario.file), context.theme, label);
}

/** `expected $.members: [...]` over `  actual $.members: [...]`, aligned on the colon's word. */
function formatFinding(finding: Finding, checkMessage: string | undefined, theme: Theme): string[] {
  const lines: string[] = [];
  if (finding.message !== checkMessage) lines.push(`  ${inertText(finding.message)}`);
  const where = finding.path === undefined ? '' : ` ${inertText(finding.path)}`;
  if (finding.expected !== undefined)
    lines.push(`  ${theme.dim('expected')}${where}: ${theme.pass(showValue(finding.expected))}`);
  if (finding.actual !== undefined)
    lines.push(`    ${theme.dim('actual')}${where}: ${theme.fail(showValue(finding.actual))}`);
  return lines;
}

function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return inertText(text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text);
}

/** The exchange a check names; normally in its own step, but state read-backs may cite another. */
export function findExchange(scenario: ScenarioResult, step: StepResult, id: number): Exchange | undefined {
  return (
    step.exchanges.find((exchange) => exchange.id === id) ??
    scenario.steps.flatMap((other) => other.exchanges).find((exchange) => exchange.id === id)
  );
}
