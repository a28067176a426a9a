import type { CheckResult } from '../../checks/check-result.js';
import type { ScenarioResult, StepResult } from '../../engine/results.js';
import { formatMs, plural } from '../pretty/format-duration.js';
import { formatExchangeLine } from '../pretty/format-exchange.js';
import { stepLabel } from '../pretty/step-label.js';
import { createTheme, MARK } from '../pretty/theme.js';
import { byImportance, stepErrorOf } from '../root-causes.js';
import type { Anchors } from './anchors.js';
import { type CauseIndex, PLACES_IN_FULL, type RunCause } from './cause-index.js';
import { type FindingPlace, renderCheckFinding, renderErrorFinding } from './finding.js';
import { html, type Markup } from './markup.js';

/*
 * One step as `<details class="step" id="SLUG/N">` (the DOM contract): its label in `<summary>`,
 * open in the HTML itself when it failed or errored (readable without JavaScript), then its
 * findings grouped by root cause (`<section class="root-cause">`), its requests, and the checks
 * that passed or were skipped, folded.
 */

/** What every step of a run's page shares. */
export interface StepContext {
  anchors: Anchors;
  causes: CauseIndex;
  sourceOf(file: string): string | undefined;
  baseUrl: string;
}

/** Exchange lines as the verbose pretty output prints them, without colour. */
const PLAIN = createTheme(false);

const STATUS_MARK = {
  passed: MARK.passed,
  failed: MARK.failed,
  errored: MARK.errored,
  skipped: MARK.skipped,
} as const;

interface PlacedFinding {
  cause: RunCause;
  render(place: FindingPlace): Markup;
}

export function renderStep(scenario: ScenarioResult, step: StepResult, context: StepContext): Markup {
  const id = context.anchors.step(step);
  const open = step.status === 'failed' || step.status === 'errored';
  const facts = [plural(step.exchanges.length, 'request'), formatMs(step.durationMs)].join(' · ');
  const outcome =
    step.status === 'errored'
      ? `errored${step.error === undefined ? '' : `: ${step.error.code}`}`
      : step.status === 'skipped'
        ? `skipped${step.skipReason === undefined ? '' : `: ${step.skipReason}`}`
        : step.status;
  return html`<details class="step" id="${id}" data-outcome="${step.status}" data-idp="${scenario.idp}"${open ? html` open` : ''}>
<summary><span class="${step.status}">${STATUS_MARK[step.status]}</span> <span class="label">${stepLabel(step)}</span> <span class="${step.status}">${outcome}</span> <span class="muted">${facts}</span>${
    step.setup === true ? html` <span class="badge skipped">setup for --only</span>` : ''
  } <a class="permalink" href="#${id}" title="link to this step">#</a></summary>
<div class="body">
${findingGroups(scenario, step, context)}
${exchangeList(step, context.baseUrl)}
${checkList(step.checks)}
</div>
</details>`;
}

/** The step's findings, one `section.root-cause` per root cause, failures first. */
function findingGroups(scenario: ScenarioResult, step: StepResult, context: StepContext): Markup {
  const placed: PlacedFinding[] = [];
  const error = stepErrorOf(step);
  const errorCause = error === undefined ? undefined : context.causes.ofStepError(step);
  if (error !== undefined && errorCause !== undefined)
    placed.push({ cause: errorCause, render: (place) => renderErrorFinding(error, place) });
  for (const check of step.checks) {
    if (check.status !== 'failed') continue;
    const cause = context.causes.ofCheck(check);
    if (cause !== undefined) placed.push({ cause, render: (place) => renderCheckFinding(check, place) });
  }
  const groups = new Map<
    string,
    { cause: RunCause; level: RunCause['level']; waived: boolean; items: PlacedFinding[] }
  >();
  for (const item of placed) {
    const group = groups.get(item.cause.fingerprint);
    if (group === undefined)
      groups.set(item.cause.fingerprint, {
        cause: item.cause,
        level: item.cause.level,
        waived: item.cause.waived,
        items: [item],
      });
    else group.items.push(item);
  }
  return html`${byImportance([...groups.values()]).map(
    ({ cause, items }) =>
      html`<section class="root-cause" data-fingerprint="${cause.fingerprint}">
${items.map((item) => {
  const number = context.causes.nextPlace(cause.fingerprint);
  return item.render({
    scenario,
    step,
    sourceOf: context.sourceOf,
    cause: { fingerprint: cause.fingerprint, occurrence: number, occurrences: cause.occurrences.length },
    baseline: context.causes.baselineOf(cause.fingerprint),
    size: number <= PLACES_IN_FULL ? 'full' : 'short',
  });
})}
</section>`,
  )}`;
}

function exchangeList(step: StepResult, baseUrl: string): Markup {
  if (step.exchanges.length === 0) return html``;
  return html`<details class="exchanges"><summary>${plural(step.exchanges.length, 'request')}</summary><ul class="mono">${step.exchanges.map(
    (exchange) => html`<li>#${String(exchange.id)} ${formatExchangeLine(exchange, baseUrl, PLAIN)}</li>`,
  )}</ul></details>`;
}

/**
 * Checks that passed, by id with a count, and skipped ones with their title and reason: an audit
 * trail, folded. Passed checks show their ids only: with titles, this list was most of the page
 * (2.5 of 2.9 MB for the 45 built-in scenarios), and `scim-check explain ID` has the rest.
 */
function checkList(checks: readonly CheckResult[]): Markup {
  const passed = new Map<string, { count: number }>();
  const skipped = new Map<string, { check: CheckResult; count: number }>();
  for (const check of checks) {
    if (check.status === 'passed') {
      const entry = passed.get(check.id);
      if (entry === undefined) passed.set(check.id, { count: 1 });
      else entry.count += 1;
    } else if (check.status === 'skipped') {
      const key = `${check.id}\u0000${check.message ?? ''}`;
      const entry = skipped.get(key);
      if (entry === undefined) skipped.set(key, { check, count: 1 });
      else entry.count += 1;
    }
  }
  if (passed.size === 0 && skipped.size === 0) return html``;
  const counts = [
    ...(passed.size === 0 ? [] : [`${[...passed.values()].reduce((sum, entry) => sum + entry.count, 0)} passed`]),
    ...(skipped.size === 0 ? [] : [`${[...skipped.values()].reduce((sum, entry) => sum + entry.count, 0)} skipped`]),
  ];
  return html`<details class="checks"><summary>checks: ${counts.join(', ')}</summary>${
    passed.size === 0
      ? ''
      : html`<p class="passed-checks"><span class="passed">${MARK.passed}</span> ${[...passed].map(
          ([id, entry], index) =>
            html`${index === 0 ? '' : ', '}<code>${id}</code>${entry.count > 1 ? ` ×${entry.count}` : ''}`,
        )}</p>`
  }${
    skipped.size === 0
      ? ''
      : html`<ul>${[...skipped.values()].map(
          ({ check, count }) =>
            html`<li><span class="skipped">${MARK.skipped}</span> <code>${check.id}</code> ${check.title}${count > 1 ? ` ×${count}` : ''}: skipped${check.message === undefined ? '' : ` (${check.message})`}</li>`,
        )}</ul>`
  }</details>`;
}
