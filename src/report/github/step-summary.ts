import type { CheckResult } from '../../checks/check-result.js';
import type { BaselineEntry, BaselineReport, RunResult, ScenarioResult, StepResult } from '../../engine/results.js';
import { plainCheckDiagnostic, plainStepDiagnostic } from '../plain-diagnostic.js';
import type { FormatContext } from '../pretty/format-context.js';
import { stepLabel } from '../pretty/step-label.js';
import { rfcMarkdown } from '../rfc-link.js';
import { countedOccurrences, type Occurrence, type RootCause, rootCausesOf, stepErrorOf } from '../root-causes.js';
import { markdownText } from './markdown-text.js';
import { standardsSection } from './standards-section.js';

/** Detail blocks beyond this are listed without their diagnostic, to stay far below GitHub's 1 MiB summary limit. */
const MAX_DETAILED = 40;

/** Run text in a table cell or list item: inert, never rendered as Markdown (markdown-text.ts). */
function cell(text: string): string {
  return markdownText(text);
}

function fence(text: string): string {
  // A body containing ``` must not end the fence early.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

function where(scenario: ScenarioResult, step: StepResult): string {
  return `${cell(scenario.name)} › ${cell(stepLabel(step))} (\`${scenario.file}${step.line >= 1 ? `:${step.line}` : ''}\`)`;
}

function idpTable(result: RunResult): string[] {
  const rows = new Map<
    string,
    {
      scenarios: number;
      passed: number;
      failed: number;
      errored: number;
      skipped: number;
      checksFailed: number;
      warnings: number;
      waived: number;
    }
  >();
  for (const scenario of result.scenarios) {
    const row = rows.get(scenario.idp) ?? {
      scenarios: 0,
      passed: 0,
      failed: 0,
      errored: 0,
      skipped: 0,
      checksFailed: 0,
      warnings: 0,
      waived: 0,
    };
    row.scenarios += 1;
    row[scenario.status] += 1;
    for (const check of scenario.steps.flatMap((step) => step.checks)) {
      if (check.status !== 'failed') continue;
      if (check.waiver !== undefined) row.waived += 1;
      else if (check.level === 'error') row.checksFailed += 1;
      else if (check.level === 'warning') row.warnings += 1;
    }
    rows.set(scenario.idp, row);
  }
  const lines = [
    '| IdP | Scenarios | Passed | Failed | Errored | Skipped | Checks failed | Warnings | Waived |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [idp, row] of rows) {
    lines.push(
      `| ${cell(idp)} | ${row.scenarios} | ${row.passed} | ${row.failed} | ${row.errored} | ${row.skipped} | ${row.checksFailed} | ${row.warnings} | ${row.waived} |`,
    );
  }
  return lines;
}

interface Problem {
  line: string;
  detail: string;
}

/** Places named after a root cause's first before "and N more". */
const PLACES_NAMED = 10;

/** ` — 7 occurrences (root cause `X#…`): a › 3 …, b › 5 …, and 2 more` after a root cause's first place. */
function more(cause: RootCause<ScenarioResult>, occurrences: Occurrence<ScenarioResult>[]): string {
  if (occurrences.length < 2) return '';
  const others = occurrences.slice(1);
  const named = others.slice(0, PLACES_NAMED).map(({ scenario, step }) => where(scenario, step));
  const rest = others.length > PLACES_NAMED ? `, and ${others.length - PLACES_NAMED} more` : '';
  return ` — **${occurrences.length} occurrences** (root cause \`${cause.fingerprint}\`), also at ${named.join(', ')}${rest}`;
}

/** One entry per root cause whose first (counted) failed check `select` accepts. */
function problems(
  causes: RootCause<ScenarioResult>[],
  format: FormatContext,
  select: (check: CheckResult) => boolean,
): Problem[] {
  const found: Problem[] = [];
  for (const cause of causes) {
    const occurrences = countedOccurrences(cause);
    const first = occurrences[0];
    if (first?.check === undefined || !select(first.check)) continue;
    const { scenario, step, check } = first;
    found.push({
      line: `- **${check.id}** ${rfcMarkdown(check.rfc)} — ${where(scenario, step)}: ${cell(check.message ?? check.title)}${more(cause, occurrences)}`,
      detail: plainCheckDiagnostic(scenario, step, check, format),
    });
  }
  return found;
}

function errors(causes: RootCause<ScenarioResult>[], format: FormatContext): Problem[] {
  return causes
    .filter((cause) => cause.kind === 'error')
    .map((cause) => {
      const { scenario, step } = cause.occurrences[0]!;
      const error = stepErrorOf(step) ?? { code: 'ERROR', message: `the step ${step.status}` };
      return {
        line: `- **${error.code}** — ${where(scenario, step)}: ${cell(error.message)}${more(cause, cause.occurrences)}`,
        detail: plainStepDiagnostic(scenario, step, format),
      };
    });
}

function section(title: string, entries: Problem[], budget: { left: number }): string[] {
  if (entries.length === 0) return [];
  const lines = ['', `### ${title} (${entries.length})`, ''];
  for (const entry of entries) {
    lines.push(entry.line);
    if (budget.left > 0) {
      budget.left -= 1;
      lines.push(
        '',
        '  <details><summary>diagnostic</summary>',
        '',
        fence(entry.detail).replace(/^/gm, '  '),
        '',
        '  </details>',
        '',
      );
    }
  }
  return lines;
}

/** `--baseline`: what is new and what is fixed since that report, by root cause. */
function baselineSection(baseline: BaselineReport): string[] {
  const lines = [
    '',
    `### Since the baseline \`${cell(baseline.file)}\``,
    '',
    `${baseline.new.length} new, ${baseline.fixed.length} fixed, ${baseline.unchanged.length} still failing${baseline.notRun.length > 0 ? `, ${baseline.notRun.length} not run this time` : ''}.`,
  ];
  const list = (entries: BaselineEntry[], label: string): void => {
    if (entries.length > 0)
      lines.push(
        '',
        ...entries.map((entry) => `- ${label} **${entry.checkId}** \`${entry.fingerprint}\`: ${cell(entry.message)}`),
      );
  };
  list(baseline.new, '❌ new');
  list(baseline.fixed, '✅ fixed');
  return lines;
}

function headline(result: RunResult): string {
  const { summary } = result;
  const bad = summary.failed + summary.errored;
  const state = result.interrupted
    ? '⚠️ interrupted'
    : bad > 0
      ? `❌ ${bad} of ${summary.scenarios} scenarios failed`
      : `✅ ${summary.passed} of ${summary.scenarios} scenarios passed`;
  return `## scim-check: ${state}`;
}

/**
 * The Markdown for `$GITHUB_STEP_SUMMARY`: a per-IdP table, then every failure, runtime error
 * and warning with links to the RFC section, the uncoloured diagnostic folded underneath.
 */
export function toStepSummary(result: RunResult, format: FormatContext): string {
  const { summary } = result;
  const lines = [
    headline(result),
    '',
    `Target \`${result.target.baseUrl}\`${result.target.embedded ? ' (embedded reference server)' : ''} · run \`${result.runId}\` · ${(summary.durationMs / 1000).toFixed(1)} s · checks: ${summary.checks.passed} passed, ${summary.checks.failed} failed, ${summary.checks.warnings} warnings, ${summary.checks.skipped} skipped`,
    '',
    ...idpTable(result),
  ];
  const budget = { left: MAX_DETAILED };
  // One entry per root cause: a bug that failed 40 steps is one line naming where else it showed.
  const causes = rootCausesOf(result);
  lines.push(
    ...section(
      'Failures',
      problems(
        causes,
        format,
        (check) => check.status === 'failed' && check.level === 'error' && check.waiver === undefined,
      ),
      budget,
    ),
  );
  lines.push(...section('Runtime errors', errors(causes, format), budget));
  lines.push(
    ...section(
      'Warnings',
      problems(
        causes,
        format,
        (check) => check.status === 'failed' && check.level === 'warning' && check.waiver === undefined,
      ),
      budget,
    ),
  );
  if (result.baseline !== undefined) lines.push(...baselineSection(result.baseline));
  lines.push(...standardsSection(result.standards));
  const waived = result.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => step.checks.filter((check) => check.waiver !== undefined)),
  );
  if (waived.length > 0) {
    lines.push('', `### Waived (${waived.length})`, '');
    for (const scenario of result.scenarios) {
      for (const step of scenario.steps) {
        for (const check of step.checks.filter((candidate) => candidate.waiver !== undefined)) {
          lines.push(
            `- **${check.id}** ${rfcMarkdown(check.rfc)} — ${where(scenario, step)}: waived until ${check.waiver!.until} (${cell(check.waiver!.reason)})`,
          );
        }
      }
    }
  }
  if (result.waivers && (result.waivers.expired.length > 0 || result.waivers.stale.length > 0)) {
    lines.push('', `### Waivers file \`${result.waivers.file}\``, '');
    for (const waiver of result.waivers.expired)
      lines.push(
        `- ❌ expired on ${waiver.until}: **${waiver.check}** (line ${waiver.line}, ${cell(waiver.reason)}) — the failure counts again`,
      );
    for (const waiver of result.waivers.stale)
      lines.push(
        `- ⚠️ stale: **${waiver.check}** (line ${waiver.line}, ${cell(waiver.reason)}) matched no failure — remove it if the bug is fixed`,
      );
  }
  const hasProblems = summary.checks.failed + summary.checks.warnings + summary.errored > 0;
  if (hasProblems)
    lines.push(
      '',
      'Run `scim-check explain ID` for what a rule means and how to fix it; `--har FILE` records the exact traffic.',
    );
  return `${lines.join('\n')}\n`;
}
