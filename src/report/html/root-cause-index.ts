import { countedOccurrences } from '../root-causes.js';
import type { Anchors } from './anchors.js';
import { causeAnchor } from './anchors.js';
import type { CauseIndex, RunCause } from './cause-index.js';
import { html, type Markup } from './markup.js';

/*
 * The root causes at a glance, above the scenarios: one line per server bug, however many steps
 * and scenarios it failed (the pretty reporter's root-cause blocks, as an index), failures first,
 * each with links to the steps where it showed. The findings themselves sit in their steps.
 */

/** Places linked per root cause before "… and N more". */
const PLACES_LINKED = 10;

/** Longest message shown in the index; the finding has the whole text. */
const MAX_MESSAGE_CHARS = 300;

export function renderRootCauseIndex(causes: CauseIndex, anchors: Anchors, baselineKnown: boolean): Markup {
  if (causes.causes.length === 0) return html``;
  return html`<section id="root-causes"><h2>Root causes <span class="muted">(${String(causes.causes.length)})</span></h2>
<ol>${causes.causes.map((cause) => entry(cause, causes, anchors, baselineKnown))}</ol>
</section>`;
}

function entry(cause: RunCause, causes: CauseIndex, anchors: Anchors, baselineKnown: boolean): Markup {
  const places = countedOccurrences(cause);
  // A cause can show several times in one step (one finding per attribute): link each step once.
  const steps = [...new Set(places.map((occurrence) => anchors.step(occurrence.step)))];
  const linked = steps.slice(0, PLACES_LINKED);
  const baseline = baselineKnown ? causes.baselineOf(cause.fingerprint) : undefined;
  const mark = cause.waived
    ? html`<span class="skipped">○ waived</span>`
    : cause.level === 'error'
      ? html`<span class="failed">✗ error</span>`
      : cause.level === 'warning'
        ? html`<span class="warning">! warning</span>`
        : html`<span class="info">i info</span>`;
  const message =
    cause.message.length > MAX_MESSAGE_CHARS ? `${cause.message.slice(0, MAX_MESSAGE_CHARS)}…` : cause.message;
  return html`<li id="${causeAnchor(cause.fingerprint)}" data-level="${cause.level}">${mark} <code>${cause.checkId}</code> ${message} ${
    baseline === 'new'
      ? html`<span class="badge failed">new</span> `
      : baseline === 'known'
        ? html`<span class="badge skipped">known</span> `
        : ''
  }<span class="muted">${places.length === 1 ? '1 place' : `${places.length} places`}${steps.length === places.length ? '' : ` in ${steps.length === 1 ? '1 step' : `${steps.length} steps`}`} · <code>${cause.fingerprint}</code> ·</span> ${linked.map(
    (step, index) => html`${index === 0 ? '' : ', '}<a href="#${step}">${step}</a>`,
  )}${steps.length > linked.length ? html` <span class="muted">… and ${steps.length - linked.length} more steps</span>` : ''}</li>`;
}
