import type { Outcome, ScenarioResult } from '../../engine/results.js';
import { scenarioFacts } from '../pretty/format-scenario.js';
import { MARK } from '../pretty/theme.js';
import { html, type Markup } from './markup.js';
import { renderStep, type StepContext } from './step-section.js';

/*
 * One scenario as `<section class="scenario" id="SLUG">` (the DOM contract): the facts the pretty
 * reporter's scenario line carries, what it left behind, and its steps in file order.
 */

const STATUS_MARK: Readonly<Record<Outcome, string>> = {
  passed: MARK.passed,
  failed: MARK.failed,
  errored: MARK.errored,
  skipped: MARK.skipped,
};

export function renderScenario(scenario: ScenarioResult, context: StepContext): Markup {
  const facts = scenarioFacts(scenario);
  const possible = scenario.possibleLeftovers ?? [];
  return html`<section class="scenario" id="${context.anchors.scenario(scenario)}" data-outcome="${scenario.status}" data-idp="${scenario.idp}">
<header><h2><span class="${scenario.status}">${STATUS_MARK[scenario.status]}</span> ${scenario.name}</h2> <span class="badge ${scenario.status}">${scenario.status}</span> <span class="mono muted">${scenario.file}</span> <span class="muted">${facts}</span></header>
${scenario.skipReason === undefined ? '' : html`<p class="skipped">skipped: ${scenario.skipReason}</p>`}
${
  scenario.leftovers.length === 0
    ? ''
    : html`<div class="banner warning"><p>Left behind; remove by hand:</p><ul>${scenario.leftovers.map(
        (leftover) =>
          html`<li>${leftover.resourceType} <code>${leftover.id}</code> ${leftover.name}${leftover.reason === undefined ? '' : html` <span class="muted">(${leftover.reason})</span>`}</li>`,
      )}</ul></div>`
}
${
  possible.length === 0
    ? ''
    : html`<div class="banner warning"><p>Possibly left behind (the run got no usable id); search for:</p><ul>${possible.map(
        (entry) =>
          html`<li>${entry.resourceType} <code>${entry.search}</code> <span class="muted">(${entry.reason})</span></li>`,
      )}</ul></div>`
}
${scenario.steps.map((step) => renderStep(scenario, step, context))}
</section>`;
}
