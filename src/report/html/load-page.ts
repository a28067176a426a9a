import { type LoadVerdict, percent } from '../../load/load-report.js';
import type { LoadResult } from '../../load/load-result.js';
import { latencyText, renderLatencyChart } from './latency-chart.js';
import { html, type Markup } from './markup.js';
import { renderPage } from './page.js';
import { targetText } from './run-summary.js';

/*
 * The HTML report of `scim-check load` (`<section id="load">`, the DOM contract): the verdict and
 * why, throughput, errors and 429s as `[data-metric]` elements whose text is the number, latency
 * per request kind as an inline SVG chart and as a table, then the phases, the read-back sample
 * and what cleanup did. The same figures as src/load/format-load-summary.ts.
 */

const integer = new Intl.NumberFormat('en-US');

/** Requests per second over the whole run, one decimal, as the JSON report's `summary.throughputPerSecond`. */
function throughput(result: LoadResult): number {
  return result.durationMs > 0 ? Number(((result.totals.requests * 1000) / result.durationMs).toFixed(1)) : 0;
}

function errorsText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? '-' : entries.map(([status, count]) => `${status}×${integer.format(count)}`).join(' ');
}

export function renderLoadPage(result: LoadResult, verdict: LoadVerdict, toolVersion: string): string {
  const totals = result.totals;
  const main = html`<section id="load">
<h1>scim-check load report</h1>
${
  verdict.passed
    ? html`<p class="banner passed"><strong>PASSED</strong></p>`
    : html`<div class="banner failed"><p><strong>FAILED</strong></p><ul>${verdict.reasons.map((reason) => html`<li>${reason}</li>`)}</ul></div>`
}
<dl>
<dt>Target</dt><dd class="target">${targetText({ baseUrl: result.baseUrl, embedded: result.embedded })}</dd>
<dt>IdP profile</dt><dd class="profiles">${result.idp}</dd>
<dt>Scale</dt><dd>${integer.format(result.users)} users, ${integer.format(result.groups)} groups × ${integer.format(result.membersPerGroup)} members, concurrency ${String(result.concurrency)}${result.ratePerSecond === undefined ? '' : `, rate ${result.ratePerSecond}/s`}</dd>
<dt>scim-check</dt><dd class="version">${toolVersion}</dd>
<dt>Wall time</dt><dd class="duration">${latencyText(result.durationMs)}</dd>
<dt>Peak RSS</dt><dd>${String(Math.round(result.peakRssBytes / 1048576))} MB <span class="muted">(this process${result.embedded ? ', embedded server included' : ''})</span></dd>
</dl>
<div class="metrics">
<p class="metric"><span data-metric="throughput">${String(throughput(result))}</span> requests/s</p>
<p class="metric"><span data-metric="requests">${String(totals.requests)}</span> requests</p>
<p class="metric"><span data-metric="errors">${String(totals.errors)}</span> failed requests <span class="muted">(${percent(verdict.errorRate)})</span></p>
<p class="metric"><span data-metric="429s">${String(totals.retried429)}</span> 429s retried</p>
</div>
<h2>Latency per request kind</h2>
${renderLatencyChart(result.requests)}
${kindTable(result)}
<h2>Phases</h2>
${phaseTable(result)}
<h2>Sample and cleanup</h2>
${sampleAndCleanup(result)}
</section>`;
  return renderPage({
    title: `scim-check load: ${verdict.passed ? 'passed' : 'failed'} — ${targetText({ baseUrl: result.baseUrl, embedded: result.embedded })}`,
    main,
    data: {
      report: 'load',
      tool: { name: 'scim-check', version: toolVersion },
      target: { baseUrl: result.baseUrl, embedded: result.embedded },
      passed: verdict.passed,
      totals,
      throughputPerSecond: throughput(result),
    },
  });
}

function kindTable(result: LoadResult): Markup {
  return html`<table class="data" id="request-kinds"><thead><tr><th>request</th><th>count</th><th>errors</th><th>429 retried</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>req/s</th></tr></thead><tbody>${result.requests.map(
    (kind) =>
      html`<tr data-kind="${kind.kind}"><td>${kind.kind}</td><td class="num">${integer.format(kind.count)}</td><td>${errorsText(kind.errors)}</td><td class="num">${integer.format(kind.retried429)}</td><td class="num">${latencyText(kind.latencyMs.p50)}</td><td class="num">${latencyText(kind.latencyMs.p95)}</td><td class="num">${latencyText(kind.latencyMs.p99)}</td><td class="num">${latencyText(kind.latencyMs.max)}</td><td class="num">${String(kind.throughputPerSecond)}</td></tr>`,
  )}</tbody></table>`;
}

function phaseTable(result: LoadResult): Markup {
  return html`<table class="data" id="phases"><thead><tr><th>phase</th><th>actions</th><th>failed</th><th>time</th><th>first failure</th></tr></thead><tbody>${result.phases.map(
    (phase) =>
      html`<tr data-phase="${phase.name}"><td>${phase.name}</td><td class="num">${integer.format(phase.actions)}</td><td class="num${phase.failed > 0 ? ' failed' : ''}">${integer.format(phase.failed)}</td><td class="num">${latencyText(phase.durationMs)}</td><td>${
        phase.firstFailure ??
        (phase.skipped > 0 ? `${integer.format(phase.skipped)} skipped: ${phase.skipReason ?? ''}` : '')
      }</td></tr>`,
  )}</tbody></table>`;
}

function sampleAndCleanup(result: LoadResult): Markup {
  const { sampling: sample, cleanup } = result;
  return html`<p>Sample: ${integer.format(sample.users)} users and ${integer.format(sample.groups)} groups read back, ${
    sample.mismatches === 0 ? 'all as sent' : `${integer.format(sample.mismatches)} mismatched`
  }.</p>${sample.examples.length === 0 ? '' : html`<ul>${sample.examples.map((example) => html`<li>${example}</li>`)}</ul>`}
<p>Cleanup: ${
    cleanup.skipped
      ? 'skipped (--keep)'
      : `${integer.format(cleanup.deleted)} deleted, ${integer.format(cleanup.leftovers)} left behind`
  }${cleanup.possibleLeftoverCount > 0 ? `, ${integer.format(cleanup.possibleLeftoverCount)} possibly left behind` : ''}.</p>${
    cleanup.leftBehind.length === 0
      ? ''
      : html`<ul>${cleanup.leftBehind.map(
          (resource) =>
            html`<li>${resource.resourceType} ${resource.name} <code>${resource.id}</code>: ${resource.reason}</li>`,
        )}</ul>`
  }${
    cleanup.possibleLeftovers.length === 0
      ? ''
      : html`<p>Search for what may exist without an id:</p><ul>${cleanup.possibleLeftovers.map(
          (entry) =>
            html`<li>${entry.resourceType} <code>${entry.search}</code> <span class="muted">(${entry.reason})</span></li>`,
        )}</ul>`
  }`;
}
