import type { BaselineEntry, BaselineReport, RunResult, ScenarioResult } from '../../engine/results.js';
import { byImportance, countedOccurrences, type Occurrence, type RootCause, rootCausesOf } from '../root-causes.js';
import { inertText } from '../terminal-text.js';
import type { FormatContext } from './format-context.js';
import { findExchange, formatCheckProblem, formatStepError } from './format-problem.js';
import { stepLabel } from './step-label.js';
import { MARK, type Theme } from './theme.js';

/** Places listed under a root cause before "… and N more". */
const OCCURRENCES_SHOWN = 5;

/** Baseline entries listed by name per kind (new, fixed) before "… and N more". */
const BASELINE_SHOWN = 20;

type RunCause = RootCause<ScenarioResult>;

/** Runtime errors always show; failed checks at error or warning level (waived or not); info never makes a block. */
function isShown(cause: RunCause): boolean {
  return cause.kind === 'error' || cause.level === 'error' || cause.level === 'warning';
}

/**
 * One block per root cause, failures first, then warnings, then waived ones: the first place it
 * showed in full (source line, findings, exchange), then every place it showed, so a server bug
 * that failed 40 read-backs across 6 scenarios reads as one finding with 40 occurrences.
 */
export function formatRootCauses(result: RunResult, context: FormatContext): string[][] {
  const fresh = new Set(result.baseline?.new.map((entry) => entry.fingerprint));
  return byImportance(rootCausesOf(result).filter(isShown)).map((cause) =>
    formatRootCause(cause, context, fresh.has(cause.fingerprint)),
  );
}

function formatRootCause(cause: RunCause, context: FormatContext, isNew: boolean): string[] {
  const { theme } = context;
  const occurrences = countedOccurrences(cause);
  const first = occurrences[0] ?? cause.occurrences[0]!;
  const block =
    first.check === undefined
      ? formatStepError(first.scenario, first.step, context)
      : formatCheckProblem(first.scenario, first.step, first.check, context);
  if (isNew) block.splice(1, 0, `  ${theme.fail(theme.bold('new'))} ${theme.dim('since the baseline')}`);
  if (occurrences.length > 1) block.push(...formatOccurrences(cause.fingerprint, occurrences, theme));
  return block;
}

/** `  7 occurrences (root cause CREATE-201#1a2b3c4d):` and the first few places, with their request. */
function formatOccurrences(fingerprint: string, occurrences: Occurrence<ScenarioResult>[], theme: Theme): string[] {
  const lines = [`  ${theme.bold(`${occurrences.length} occurrences`)} ${theme.dim(`(root cause ${fingerprint})`)}:`];
  // "… and 1 more" would take the line the one place needs.
  const shown = occurrences.length <= OCCURRENCES_SHOWN + 1 ? occurrences : occurrences.slice(0, OCCURRENCES_SHOWN);
  for (const { scenario, step, check } of shown) {
    const exchange =
      check?.exchangeId === undefined ? step.exchanges.at(-1) : findExchange(scenario, step, check.exchangeId);
    const request =
      exchange === undefined
        ? ''
        : `  ${exchange.request.method} ${inertText(exchange.request.url)}${exchange.response ? ` → ${exchange.response.status}` : ''}`;
    const where = step.line >= 1 ? `${scenario.file}:${step.line}:${step.column}` : scenario.file;
    lines.push(`    ${theme.dim(where)} ${stepLabel(step)}${theme.dim(request)}`);
  }
  if (shown.length < occurrences.length)
    lines.push(`    ${theme.dim(`… and ${occurrences.length - shown.length} more (--reporter json lists every one)`)}`);
  return lines;
}

/**
 * `--baseline`: what changed since that report, above the summary.
 *
 *   Baseline:  1 new, 1 fixed, 3 still failing (since previous.json)
 *     new    ✗ CREATE-201#1a2b3c4d  status 400 is not the expected 201
 *     fixed  ✓ PATCH-RESPONSE#9f8e7d6c  a successful PATCH answers 200 with the resource or 204
 */
export function formatBaseline(baseline: BaselineReport, theme: Theme): string[] {
  const counts = [
    theme.fail(`${baseline.new.length} new`),
    theme.pass(`${baseline.fixed.length} fixed`),
    `${baseline.unchanged.length} still failing`,
    ...(baseline.notRun.length > 0 ? [theme.skip(`${baseline.notRun.length} not run this time`)] : []),
  ];
  const lines = [
    `${theme.bold('Baseline:')}  ${counts.join(', ')} ${theme.dim(`(since ${inertText(baseline.file)})`)}`,
  ];
  const list = (entries: BaselineEntry[], label: string, mark: (entry: BaselineEntry) => string): void => {
    for (const entry of entries.slice(0, BASELINE_SHOWN))
      lines.push(`  ${label} ${mark(entry)} ${theme.bold(entry.fingerprint)}  ${inertText(entry.message)}`);
    if (entries.length > BASELINE_SHOWN)
      lines.push(`  ${theme.dim(`… and ${entries.length - BASELINE_SHOWN} more (--reporter json lists every one)`)}`);
  };
  list(baseline.new, theme.fail('new  '), (entry) =>
    entry.level === 'error' ? theme.fail(MARK.failed) : theme.warn(MARK.warning),
  );
  list(baseline.fixed, theme.pass('fixed'), () => theme.pass(MARK.passed));
  return lines;
}
