import type { MatrixCell, MatrixResult } from '../../engine/matrix.js';
import { MARK } from '../pretty/theme.js';
import { html, type Markup } from './markup.js';
import { renderPage } from './page.js';
import { targetText } from './run-summary.js';
import { renderStandards } from './standards-section.js';

/*
 * The HTML report of `scim-check matrix`: the IdP × flow table (`<table id="matrix">`, one
 * `<td data-verdict>` per cell, the DOM contract), coloured per verdict, each cell with what the
 * matrix result carries for it: the first failing check or runtime error with its step, or the
 * note of a skip. The same content as src/report/matrix-table.ts, for a browser.
 */

/** The contract's verdict words for the matrix result's cell statuses. */
const VERDICT: Readonly<Record<MatrixCell['status'], 'pass' | 'fail' | 'error' | 'skip'>> = {
  passed: 'pass',
  failed: 'fail',
  errored: 'error',
  skipped: 'skip',
};

const CELL_MARK: Readonly<Record<MatrixCell['status'], string>> = {
  passed: MARK.passed,
  failed: MARK.failed,
  errored: MARK.errored,
  skipped: MARK.skipped,
};

function renderCell(cell: MatrixCell | undefined, idp: string, flow: string): Markup {
  if (cell === undefined)
    return html`<td data-verdict="skip" data-idp="${idp}" data-flow="${flow}"><span class="skipped">${MARK.skipped} not run</span></td>`;
  const word =
    cell.status === 'passed' ? `pass${cell.note === undefined ? '' : '*'}` : cell.status === 'skipped' ? 'skipped' : '';
  const failure = cell.firstFailure;
  return html`<td data-verdict="${VERDICT[cell.status]}" data-idp="${idp}" data-flow="${flow}"><span class="${cell.status}">${CELL_MARK[cell.status]} ${word}</span>${
    failure === undefined
      ? ''
      : html`<code class="check">${failure.id}</code><br><span class="muted">step ${String(failure.step)} (${failure.action}):</span> ${failure.message}`
  }${cell.note === undefined ? '' : html`<br><span class="muted">${cell.status === 'passed' ? '* ' : ''}${cell.note}</span>`}</td>`;
}

export function renderMatrixPage(result: MatrixResult): string {
  const find = (idp: string, flow: string): MatrixCell | undefined =>
    result.cells.find((cell) => cell.idp === idp && cell.flow === flow);
  const { summary } = result;
  const main = html`<section id="summary">
<h1>IdP × flow compatibility</h1>
${
  result.interrupted
    ? html`<p class="banner warning"><strong>Interrupted:</strong> the table shows the profiles that ran.</p>`
    : summary.failed + summary.errored > 0
      ? html`<p class="banner failed"><strong>Failed:</strong> ${summary.failed + summary.errored} cells failed.</p>`
      : html`<p class="banner passed"><strong>Passed:</strong> no cell failed.</p>`
}
<dl>
<dt>Target</dt><dd class="target">${targetText(result.target)}</dd>
<dt>IdP profiles</dt><dd class="profiles">${result.profiles.map((profile) => profile.name).join(', ')}</dd>
<dt>scim-check</dt><dd class="version">${result.tool.version}</dd>
</dl>
<div class="counts">
<p class="count passed"><span data-count="passed">${String(summary.passed)}</span> cells passed</p>
<p class="count failed"><span data-count="failed">${String(summary.failed)}</span> failed</p>
<p class="count errored"><span data-count="errored">${String(summary.errored)}</span> errored</p>
<p class="count skipped"><span data-count="skipped">${String(summary.skipped)}</span> skipped</p>
</div>
</section>
<section id="matrix-table">
<table id="matrix" class="data">
<thead><tr><th scope="col">IdP</th>${result.flows.map((flow) => html`<th scope="col" data-flow="${flow.name}">${flow.title}</th>`)}</tr></thead>
<tbody>
${result.profiles.map(
  (profile) =>
    html`<tr><th scope="row" title="${profile.title}">${profile.name}${profile.verified ? '' : html` <span class="muted">(unverified)</span>`}</th>${result.flows.map(
      (flow) => renderCell(find(profile.name, flow.name), profile.name, flow.name),
    )}</tr>
`,
)}</tbody>
</table>
<p class="muted">Rerun one cell with: <code>scim-check run &lt;scenario&gt; --idp &lt;profile&gt; --verbose</code></p>
</section>
${renderStandards(result.standards)}`;
  return renderPage({
    title: `scim-check matrix: ${summary.passed} passed, ${summary.failed + summary.errored} failed — ${targetText(result.target)}`,
    main,
    data: { report: 'matrix', tool: result.tool, target: result.target, summary },
  });
}
