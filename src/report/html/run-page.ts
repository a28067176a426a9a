import type { RunResult, ScenarioResult } from '../../engine/results.js';
import { buildAnchors } from './anchors.js';
import { buildCauseIndex } from './cause-index.js';
import { renderFilterForm } from './filter-form.js';
import { html } from './markup.js';
import { renderPage } from './page.js';
import { renderRootCauseIndex } from './root-cause-index.js';
import { profilesOf, renderRunSummary, targetText } from './run-summary.js';
import { renderScenario } from './scenario-section.js';
import { renderStandards } from './standards-section.js';

/*
 * The HTML report of `scim-check run`: summary, root-cause index, filters, then the scenarios,
 * those with failures first, each with its steps and their findings. Pure: result in, document out.
 */

/** Failed and errored scenarios first, then passed ones with warnings, passed, skipped; run order within each. */
function rank(scenario: ScenarioResult): number {
  switch (scenario.status) {
    case 'failed':
    case 'errored':
      return 0;
    case 'passed':
      return scenario.steps.some((step) =>
        step.checks.some((check) => check.status === 'failed' && check.level === 'warning'),
      )
        ? 1
        : 2;
    case 'skipped':
      return 3;
  }
}

export function renderRunPage(result: RunResult, sourceOf: (file: string) => string | undefined): string {
  const anchors = buildAnchors(result.scenarios);
  const causes = buildCauseIndex(result);
  const ordered = [...result.scenarios].sort((a, b) => rank(a) - rank(b));
  const context = { anchors, causes, sourceOf, baseUrl: result.target.baseUrl };
  const findings = causes.causes.reduce((sum, cause) => sum + cause.occurrences.length, 0);
  const checks = [...new Set(causes.causes.map((cause) => cause.checkId))].sort();
  const idps = profilesOf(result);
  const { summary } = result;
  const main = html`${renderRunSummary(result)}
${renderRootCauseIndex(causes, anchors, result.baseline !== undefined)}
${renderStandards(result.standards)}
${renderFilterForm({ idps, checks, findings })}
<div id="scenarios">
${ordered.map((scenario) => renderScenario(scenario, context))}
</div>`;
  const verdict =
    result.notStarted !== undefined
      ? 'not started'
      : `${summary.checks.failed} failed, ${summary.checks.warnings} warnings, ${summary.checks.passed} passed`;
  return renderPage({
    title: `scim-check: ${verdict} — ${targetText(result.target)}`,
    main,
    data: {
      report: 'run',
      tool: result.tool,
      target: result.target,
      runId: result.runId,
      idps,
      checks,
      findings,
      summary: summary.checks,
    },
  });
}
