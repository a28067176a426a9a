import type { StandardReport, StandardVerdict } from '../../standards/report.js';
import { conflictEffectLabel, conflictIdps, conflictStance } from '../pretty/format-standards.js';
import { MARK } from '../pretty/theme.js';
import { html, type Markup } from './markup.js';

/*
 * The `--standard` packs on the HTML report (run and matrix), as every other report shows them:
 * each pack says first that it follows a draft which may change, then its rows with their
 * verdicts and the conflict table with the IdP profiles. The words come from the pretty
 * reporter's formatters, so the two reports never say a conflict differently.
 */

const VERDICT_CLASS: Readonly<Record<StandardVerdict, string>> = {
  follows: 'passed',
  deviates: 'failed',
  'not checked': 'skipped',
  'client rule': 'muted',
};

const VERDICT_MARK: Readonly<Record<StandardVerdict, string>> = {
  follows: MARK.passed,
  deviates: MARK.failed,
  'not checked': MARK.skipped,
  'client rule': '·',
};

/** `<section id="standards">`, or nothing for a run without `--standard`. */
export function renderStandards(reports: readonly StandardReport[] | undefined): Markup {
  if (reports === undefined || reports.length === 0) return html``;
  return html`<section id="standards"><h2>Standards profiles <span class="badge warning">draft</span></h2>
${reports.map(renderPack)}
</section>`;
}

function renderPack(report: StandardReport): Markup {
  const { follows, deviates, notChecked, clientRules } = report.summary;
  const clashing = report.conflicts.filter((entry) => entry.idps.length > 0);
  return html`<section class="standard" id="standard-${report.name}" data-standard="${report.name}">
<h3>Standard ${report.name}: ${report.title}</h3>
<p class="banner warning draft"><strong>DRAFT:</strong> ${report.draftNote}</p>
<p class="standard-counts"><span class="passed">${String(follows)} follow</span>, <span class="failed">${String(deviates)} deviate</span>, <span class="skipped">${String(notChecked)} not checked</span>, <span class="muted">${String(clientRules)} client rules</span> (${String(report.rows.length)})</p>
<table class="data standard-rows">
<thead><tr><th scope="col">Row</th><th scope="col">Section</th><th scope="col">Rule</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${report.rows.map(
  (row) =>
    html`<tr data-row="${row.id}" data-verdict="${row.verdict}"><td><code>${row.id}</code></td><td>${row.section}</td><td>${row.requirement}${row.strength === 'SHOULD' ? html` <span class="muted">(SHOULD)</span>` : ''}</td><td><span class="${VERDICT_CLASS[row.verdict]}">${VERDICT_MARK[row.verdict]} ${row.verdict}</span>${row.message === undefined ? '' : html`<br><span class="muted">${row.message}</span>`}</td></tr>
`,
)}</tbody>
</table>
${report.notes.map((note) => html`<p class="muted">note: ${note}</p>`)}
${
  clashing.length === 0
    ? html`<p class="muted">No rule of this pack refuses a request an IdP profile sends.</p>`
    : html`<h4>Conflicts with the IdP profiles</h4>
<p class="muted">From the requests each profile sends in its built-in scenarios, planned offline.</p>
<table class="data conflicts">
<thead><tr><th scope="col">Section</th><th scope="col">Requests the rule refuses</th><th scope="col">This server</th><th scope="col">IdP profiles</th></tr></thead>
<tbody>
${clashing.map(
  (entry) =>
    html`<tr data-rule="${entry.rule}" data-effect="${entry.effect}"><td>${entry.section}</td><td>${entry.refuses}</td><td>${conflictStance(entry)}</td><td><strong>${conflictEffectLabel(entry)}:</strong> ${conflictIdps(entry)}</td></tr>
`,
)}</tbody>
</table>`
}
</section>`;
}
