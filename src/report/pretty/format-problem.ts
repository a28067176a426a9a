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
 * Every block worth a human's attention in a scenario, in step order: runtime errors first
 * within a step (we could not get an answer), then failed checks (the target broke a rule) and
 * warnings. Info-level results never make a block; verbose mode lists them per step.
 */
export function formatProblems(scenario: ScenarioResult, context: FormatContext): string[][] {
  const blocks: string[][] = [];
  // Identical failures (same check, same message) are one block with a count: a server that
  // sends the wrong Content-Type fails MEDIA-RESP-TYPE on every exchange, and 200 copies of
  // the same block would bury everything else.
  const groups = new Map<string, { block: string[]; repeats: { step: StepResult; check: CheckResult }[] }>();
  for (const step of scenario.steps) {
    // A step can also fail on its own error with no failed check (ACTION_FAILED: the IdP could not
    // apply its update to what the server returned): that reason must show, not just the ✗.
    if ((step.status === 'errored' || step.status === 'failed') && step.error !== undefined) blocks.push(formatStepError(scenario, step, context));
    for (const check of step.checks) {
      if (!isReportable(check)) continue;
      const key = `${check.id}\u0000${check.level}\u0000${check.message ?? ''}\u0000${check.waiver === undefined ? '' : 'waived'}`;
      const group = groups.get(key);
      if (group) {
        group.repeats.push({ step, check });
        continue;
      }
      const block = formatCheckProblem(scenario, step, check, context);
      groups.set(key, { block, repeats: [] });
      blocks.push(block);
    }
  }
  for (const { block, repeats } of groups.values()) if (repeats.length > 0) block.push(...formatRepeats(scenario, repeats, context.theme));
  return blocks;
}

/** How many repeats of a grouped failure are listed by place before "… and N more". */
const REPEATS_SHOWN = 3;

/** `  same failure 41 more times in this scenario:` and the first few places it happened. */
function formatRepeats(scenario: ScenarioResult, repeats: { step: StepResult; check: CheckResult }[], theme: Theme): string[] {
  const lines = [`  ${theme.bold(`same failure ${repeats.length} more time${repeats.length === 1 ? '' : 's'} in this scenario`)}:`];
  for (const { step, check } of repeats.slice(0, REPEATS_SHOWN)) {
    const exchange = check.exchangeId === undefined ? undefined : findExchange(scenario, step, check.exchangeId);
    const request = exchange === undefined ? '' : `  ${exchange.request.method} ${inertText(exchange.request.url)}${exchange.response ? ` → ${exchange.response.status}` : ''}`;
    lines.push(`    ${theme.dim(`${scenario.file}:${step.line}:${step.column}`)} ${stepLabel(step)}${theme.dim(request)}`);
  }
  if (repeats.length > REPEATS_SHOWN) lines.push(`    ${theme.dim(`… and ${repeats.length - REPEATS_SHOWN} more (--reporter json lists every one)`)}`);
  return lines;
}

/** A failed check at level error or warning. */
function isReportable(check: CheckResult): boolean {
  return check.status === 'failed' && (check.level === 'error' || check.level === 'warning');
}

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
  const mark = waived ? theme.skip(`${MARK.skipped} waived`) : check.level === 'warning' ? theme.warn(`${MARK.warning} warning`) : theme.fail(MARK.failed);
  const idText = waived ? theme.bold(check.id) : check.level === 'warning' ? theme.warn(theme.bold(check.id)) : theme.fail(theme.bold(check.id));
  const lines = [`${mark} ${idText}  ${theme.dim(check.rfc)}  ${check.title}`];
  if (check.waiver !== undefined) lines.push(`  ${theme.dim(`waived until ${check.waiver.until}: ${check.waiver.reason}`)}`);
  lines.push(...locate(scenario, step, context));
  // Messages and values can quote the server: shown inert (terminal-text.ts).
  if (check.message !== undefined && check.message !== '') lines.push(`  ${inertText(check.message)}`);
  for (const finding of check.findings ?? []) lines.push(...formatFinding(finding, check.message, theme));
  if (check.hint !== undefined) lines.push(`  ${theme.dim('fix:')} ${check.hint}`);
  const cause = check.causeExchangeId === undefined ? undefined : findExchange(scenario, step, check.causeExchangeId);
  if (cause !== undefined) lines.push(`  ${theme.dim('sent by the IdP:')}`, ...formatExchangeDetail(cause, theme), `  ${theme.dim('then read back:')}`);
  const exchange = check.exchangeId === undefined ? undefined : findExchange(scenario, step, check.exchangeId);
  const focus = (check.findings ?? []).flatMap((finding) => (finding.path === undefined ? [] : [finding.path]));
  if (exchange !== undefined) lines.push(...formatExchangeDetail(exchange, theme, focus));
  return lines;
}

/** error: TIMEOUT: no response within 5000 ms — Hurl's runtime error, as opposed to a failed check. */
export function formatStepError(scenario: ScenarioResult, step: StepResult, context: FormatContext): string[] {
  const { theme } = context;
  const error = step.error ?? { code: 'ERROR', message: 'the step errored' };
  const lines = [`${theme.fail(theme.bold(step.status === 'failed' ? 'failed' : 'error'))}: ${theme.bold(error.code)}: ${inertText(error.message)}`];
  lines.push(...locate(scenario, step, context));
  const exchange = [...step.exchanges].reverse().find((candidate) => candidate.response === undefined) ?? step.exchanges.at(-1);
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
  if (finding.expected !== undefined) lines.push(`  ${theme.dim('expected')}${where}: ${theme.pass(showValue(finding.expected))}`);
  if (finding.actual !== undefined) lines.push(`    ${theme.dim('actual')}${where}: ${theme.fail(showValue(finding.actual))}`);
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
function findExchange(scenario: ScenarioResult, step: StepResult, id: number): Exchange | undefined {
  return (
    step.exchanges.find((exchange) => exchange.id === id) ??
    scenario.steps.flatMap((other) => other.exchanges).find((exchange) => exchange.id === id)
  );
}
