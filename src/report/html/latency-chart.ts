import type { LoadKindReport } from '../../load/load-result.js';
import { html, type Markup } from './markup.js';

/*
 * Latency per request kind as an inline SVG (`<svg id="latency-chart">`, the DOM contract): one
 * group of bars per kind, p50, p95 and p99, and a mark at the maximum. The scale runs to the
 * largest p99, so one slow outlier cannot flatten every bar; a maximum beyond it is drawn at the
 * edge with its value. Colours come from the stylesheet by class (the page's CSP forbids `style`
 * attributes); every bar has a `<title>` with its exact value, and the table under the chart has
 * the same numbers for a screen reader.
 */

const LABEL_WIDTH = 180;
const PLOT_WIDTH = 560;
const RIGHT_MARGIN = 200;
const BAR_HEIGHT = 10;
const ROW_GAP = 16;
const TOP = 34;
const AXIS_HEIGHT = 28;
const TICKS = 4;

const PERCENTILES = ['p50', 'p95', 'p99'] as const;

/** `0.42 ms`, `7.5 ms`, `183 ms`, `2.4 s`: the precision a reader needs at each size. */
export function latencyText(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(ms < 1 ? 2 : 1)} ms`;
}

/** Two decimals for SVG coordinates: enough for a screen, short in the file. */
function at(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function renderLatencyChart(kinds: readonly LoadKindReport[]): Markup {
  const rowHeight = BAR_HEIGHT * PERCENTILES.length + ROW_GAP;
  const height = TOP + Math.max(1, kinds.length) * rowHeight + AXIS_HEIGHT;
  const width = LABEL_WIDTH + PLOT_WIDTH + RIGHT_MARGIN;
  const scale = Math.max(
    ...kinds.map((kind) => kind.latencyMs.p99),
    ...(kinds.every((kind) => kind.latencyMs.p99 === 0) ? kinds.map((kind) => kind.latencyMs.max) : []),
    0.001,
  );
  const x = (ms: number): number => LABEL_WIDTH + (Math.min(ms, scale) / scale) * PLOT_WIDTH;
  const axisY = TOP + Math.max(1, kinds.length) * rowHeight;
  const legend = PERCENTILES.map(
    (name, index) =>
      html`<rect class="${name}" x="${at(LABEL_WIDTH + index * 70)}" y="8" width="12" height="12"></rect><text x="${at(LABEL_WIDTH + index * 70 + 16)}" y="19">${name}</text>`,
  );
  const rows = kinds.map((kind, row) => {
    const y0 = TOP + row * rowHeight;
    const bars = PERCENTILES.map((name, index) => {
      const value = kind.latencyMs[name];
      const y = y0 + index * BAR_HEIGHT;
      return html`<rect class="${name}" x="${String(LABEL_WIDTH)}" y="${at(y)}" width="${at(Math.max(0.5, x(value) - LABEL_WIDTH))}" height="${String(BAR_HEIGHT - 1)}"><title>${kind.kind} ${name}: ${latencyText(value)}</title></rect>`;
    });
    const max = kind.latencyMs.max;
    const maxX = x(max);
    const beyond = max > scale;
    return html`<g class="kind" data-kind="${kind.kind}">
<text x="${String(LABEL_WIDTH - 8)}" y="${at(y0 + BAR_HEIGHT * 2)}" text-anchor="end">${kind.kind}</text>
${bars}
<line class="max" x1="${at(maxX)}" x2="${at(maxX)}" y1="${at(y0 - 2)}" y2="${at(y0 + BAR_HEIGHT * PERCENTILES.length + 1)}"><title>${kind.kind} max: ${latencyText(max)}</title></line>
<text x="${at(Math.max(maxX, x(kind.latencyMs.p99)) + 6)}" y="${at(y0 + BAR_HEIGHT * 2)}">p99 ${latencyText(kind.latencyMs.p99)} · max ${latencyText(max)}${beyond ? ' ›' : ''}</text>
</g>`;
  });
  const ticks = Array.from({ length: TICKS + 1 }, (_, index) => {
    const value = (scale * index) / TICKS;
    const tickX = x(value);
    return html`<line class="axis" x1="${at(tickX)}" x2="${at(tickX)}" y1="${String(TOP - 4)}" y2="${at(axisY + 4)}"></line><text x="${at(tickX)}" y="${at(axisY + 18)}" text-anchor="middle">${latencyText(value)}</text>`;
  });
  return html`<svg id="latency-chart" viewBox="0 0 ${String(width)} ${String(height)}" width="${String(width)}" height="${String(height)}" role="img" aria-labelledby="latency-chart-title">
<title id="latency-chart-title">Latency per request kind: p50, p95 and p99, with the maximum marked</title>
${legend}
${ticks}
${kinds.length === 0 ? html`<text x="${String(LABEL_WIDTH)}" y="${String(TOP + 14)}">no requests were sent</text>` : rows}
</svg>`;
}
