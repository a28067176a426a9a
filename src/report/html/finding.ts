import type { CheckResult, Finding } from '../../checks/check-result.js';
import type { ScenarioResult, StepResult } from '../../engine/results.js';
import { findExchange } from '../pretty/format-problem.js';
import { isScenarioStep, stepLabel } from '../pretty/step-label.js';
import { rfcLinks } from '../rfc-link.js';
import { causeAnchor } from './anchors.js';
import { type ExcerptSize, renderExchange } from './exchange-block.js';
import { renderFixHint } from './fix-hint.js';
import { html, type Markup } from './markup.js';

/*
 * One finding as an `<article class="finding">` (the DOM contract): a failed check, or a step's own
 * runtime error (Hurl's two failure classes). The same parts, in the same order, as the pretty
 * reporter's block (src/report/pretty/format-problem.ts): rule, RFC section, where in the
 * scenario, what is wrong, expected against actual, the fix, and the exchanges it is about.
 */

/** Longest expected/actual value shown in the diff table. */
const MAX_VALUE_CHARS = 2000;

/** What a finding needs to know about the run around it. */
export interface FindingPlace {
  scenario: ScenarioResult;
  step: StepResult;
  sourceOf(file: string): string | undefined;
  /** The root cause it belongs to, and its place among the cause's occurrences (1-based), when it has company. */
  cause: { fingerprint: string; occurrence: number; occurrences: number };
  /** `new` or `known` against `--baseline`; undefined without one (or for info and waived findings). */
  baseline: 'new' | 'known' | undefined;
  /** `short` once the root cause has been shown in full a few times: the bodies are cut sooner. */
  size: ExcerptSize;
}

const LEVEL_WORD = { error: '✗ error', warning: '! warning', info: 'i info' } as const;

/** A failed check: rule, RFC link, location, message, diff, hint, and its exchanges. */
export function renderCheckFinding(check: CheckResult, place: FindingPlace): Markup {
  const { scenario, step } = place;
  const links = rfcLinks(check.rfc);
  const cause = check.causeExchangeId === undefined ? undefined : findExchange(scenario, step, check.causeExchangeId);
  const exchange = check.exchangeId === undefined ? undefined : findExchange(scenario, step, check.exchangeId);
  const proof = check.proofExchangeId === undefined ? undefined : findExchange(scenario, step, check.proofExchangeId);
  const focus = (check.findings ?? []).flatMap((finding) => (finding.path === undefined ? [] : [finding.path]));
  const waived = check.waiver !== undefined;
  return html`<article class="finding" data-check="${check.id}" data-level="${check.level}" data-idp="${scenario.idp}"${
    waived ? html` data-waived="true"` : ''
  }${place.baseline === undefined ? '' : html` data-baseline="${place.baseline}"`}>
<p class="rule"><span class="${waived ? 'skipped' : check.level === 'error' ? 'failed' : check.level}">${
    waived ? '○ waived' : LEVEL_WORD[check.level]
  }</span> <code>${check.id}</code> <span class="title">${check.title}</span> ${
    links.length === 0
      ? html`<span class="muted">${check.rfc}</span>`
      : links.map((link) => html`<a class="rfc" href="${link.url}" rel="noreferrer">${link.text}</a> `)
  }${badges(place)}</p>
${check.waiver === undefined ? '' : html`<p class="waiver muted">waived until ${check.waiver.until}: ${check.waiver.reason}</p>`}
${location(place)}
${check.message === undefined || check.message === '' ? '' : html`<p class="message">${check.message}</p>`}
${diff(check.findings ?? [], check.message)}
${renderFixHint(check, place.size === 'short') ?? ''}
${occurrenceNote(place)}
${cause === undefined ? '' : renderExchange(cause, { label: 'sent by the IdP', size: place.size })}
${exchange === undefined ? '' : renderExchange(exchange, { label: cause === undefined ? 'the exchange' : 'then read back', size: place.size, focus })}
${proof === undefined || proof === exchange ? '' : renderExchange(proof, { label: 'the same request with that habit in RFC form', size: place.size })}
</article>`;
}

/** A step that errored (or whose action failed with no check to say why): its code, message and last exchange. */
export function renderErrorFinding(error: { code: string; message: string }, place: FindingPlace): Markup {
  const { scenario, step } = place;
  const exchange =
    [...step.exchanges].reverse().find((candidate) => candidate.response === undefined) ?? step.exchanges.at(-1);
  const word = step.status === 'failed' ? 'failed' : 'runtime error';
  return html`<article class="finding" data-check="${error.code}" data-level="error" data-idp="${scenario.idp}" data-kind="error"${
    place.baseline === undefined ? '' : html` data-baseline="${place.baseline}"`
  }>
<p class="rule"><span class="failed">✗ ${word}</span> <code>${error.code}</code> <span class="title">${
    step.status === 'failed' ? 'the step failed' : 'no usable answer: the step could not be judged'
  }</span>${badges(place)}</p>
${location(place)}
<p class="message">${error.message}</p>
${occurrenceNote(place)}
${exchange === undefined ? '' : renderExchange(exchange, { label: 'the last exchange', size: place.size })}
</article>`;
}

function badges(place: FindingPlace): Markup {
  if (place.baseline === 'new') return html` <span class="badge failed">new since the baseline</span>`;
  if (place.baseline === 'known') return html` <span class="badge skipped">known: in the baseline</span>`;
  return html``;
}

/** `file:line:col` and the source line, as Hurl and rustc point at code; steps without a line name the file. */
function location(place: FindingPlace): Markup {
  const { scenario, step } = place;
  if (!isScenarioStep(step) || step.line < 1)
    return html`<div class="scenario-line"><span class="mono">${scenario.file}</span> <span class="muted">(${stepLabel(step)})</span></div>`;
  const text = place.sourceOf(scenario.file)?.split(/\r?\n/)[step.line - 1];
  return html`<div class="scenario-line"><span class="mono">${scenario.file}:${step.line}:${step.column}</span>${
    text === undefined ? '' : html`<pre>${String(step.line)} | ${text.trimEnd()}</pre>`
  }</div>`;
}

/** Expected against actual per finding that has them; findings with only a message are listed. */
function diff(findings: readonly Finding[], checkMessage: string | undefined): Markup {
  const compared = findings.filter((finding) => finding.expected !== undefined || finding.actual !== undefined);
  const said = findings.filter(
    (finding) => finding.expected === undefined && finding.actual === undefined && finding.message !== checkMessage,
  );
  return html`${
    compared.length === 0
      ? ''
      : html`<div class="diff"><table><thead><tr><th>where</th><th>expected</th><th>actual</th></tr></thead><tbody>${compared.map(
          (finding) =>
            html`<tr><td><code>${finding.path ?? ''}</code>${
              finding.message === checkMessage ? '' : html`<br><span class="muted">${finding.message}</span>`
            }</td><td class="expected"><pre>${shown(finding.expected)}</pre></td><td class="actual"><pre>${shown(finding.actual)}</pre></td></tr>`,
        )}</tbody></table></div>`
  }${said.length === 0 ? '' : html`<ul class="finding-messages">${said.map((finding) => html`<li>${finding.path === undefined ? '' : html`<code>${finding.path}</code> `}${finding.message}</li>`)}</ul>`}`;
}

function shown(value: unknown): string {
  if (value === undefined) return '(absent)';
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (cut: ${text.length} characters)` : text;
}

function occurrenceNote(place: FindingPlace): Markup {
  const { cause, size } = place;
  if (cause.occurrences <= 1) return html``;
  return html`<p class="occurrence muted">Root cause <a href="#${causeAnchor(cause.fingerprint)}"><code>${cause.fingerprint}</code></a>: place ${String(cause.occurrence)} of ${String(cause.occurrences)}${
    size === 'short' ? ' (bodies shortened here; the first places of this root cause show them in full)' : ''
  }.</p>`;
}
