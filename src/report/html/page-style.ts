/*
 * The one stylesheet of the HTML reports. It is a constant because its sha256 is in the page's
 * Content-Security-Policy (page.ts): nothing run-specific may go in here, and no element may carry
 * a `style` attribute (the policy blocks those). System fonts only: a web font would be a network
 * request. Colours carry no meaning on their own; every verdict also has a word or a mark.
 */
export const PAGE_STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --warn: #9a6700; --warn-bg: #fff8c5; --skip: #59636e; --skip-bg: #eff2f5; --info: #0969da; --info-bg: #ddf4ff;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214;
    --warn: #d29922; --warn-bg: #272115; --skip: #9198a1; --skip-bg: #1f242b; --info: #4493f8; --info-bg: #121d2f;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 12px; }
h2 { font-size: 18px; margin: 0; }
h3 { font-size: 15px; margin: 16px 0 6px; }
a { color: var(--info); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { margin: 4px 0; padding: 8px 10px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.passed, [data-verdict="pass"] { color: var(--pass); }
.failed, .errored, [data-verdict="fail"], [data-verdict="error"] { color: var(--fail); }
.warning, [data-verdict="partial"] { color: var(--warn); }
.skipped, [data-verdict="skip"] { color: var(--skip); }
.info { color: var(--info); }
.banner { padding: 8px 12px; border-radius: 6px; margin: 8px 0; border: 1px solid var(--line); }
.banner.failed { background: var(--fail-bg); }
.banner.warning { background: var(--warn-bg); }
.banner.passed { background: var(--pass-bg); }
#summary dl, #load dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
#summary dt, #load dt { font-weight: 600; }
#summary dd, #load dd { margin: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.count { padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
.count [data-count] { font-size: 20px; font-weight: 700; margin-right: 4px; }
#root-causes ol { padding-left: 20px; }
#root-causes li { margin: 4px 0; }
#filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 12px; margin: 12px 0; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); position: sticky; top: 0; z-index: 1; }
#filters[hidden] { display: none; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 8px; }
#search { min-width: 220px; }
#filter-status { margin: 0 0 8px; }
.scenario { border: 1px solid var(--line); border-radius: 8px; margin: 12px 0; padding: 10px 12px; }
.scenario > header { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }
.scenario[data-outcome="failed"], .scenario[data-outcome="errored"] { border-left: 4px solid var(--fail); }
.scenario[data-outcome="passed"] { border-left: 4px solid var(--pass); }
.scenario[data-outcome="skipped"] { border-left: 4px solid var(--skip); }
.step { margin: 6px 0; border: 1px solid var(--line); border-radius: 6px; }
.step > summary { cursor: pointer; padding: 4px 8px; display: flex; gap: 8px; align-items: baseline; }
.step[open] > summary { border-bottom: 1px solid var(--line); }
.step[data-outcome="failed"] > summary, .step[data-outcome="errored"] > summary { background: var(--fail-bg); }
.step > .body { padding: 6px 10px; }
.permalink { margin-left: auto; text-decoration: none; color: var(--muted); }
.root-cause { margin: 8px 0; }
.root-cause > h4 { margin: 4px 0; font-size: 13px; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.finding[data-level="error"] { border-left: 4px solid var(--fail); }
.finding[data-level="warning"] { border-left: 4px solid var(--warn); }
.finding[data-level="info"] { border-left: 4px solid var(--info); }
.finding[data-waived] { border-left-color: var(--skip); }
.finding .rule { font-weight: 600; }
.finding .rule code { font-size: 13px; }
.diff table { border-collapse: collapse; width: 100%; }
.diff th, .diff td { text-align: left; vertical-align: top; border: 1px solid var(--line); padding: 3px 6px; }
.diff td.expected { background: var(--pass-bg); }
.diff td.actual { background: var(--fail-bg); }
.hint { padding: 6px 10px; background: var(--info-bg); border-radius: 6px; margin: 6px 0; }
.hint ul { margin: 4px 0; padding-left: 20px; }
.exchange-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
@media (max-width: 800px) { .exchange-pair { grid-template-columns: 1fr; } }
.cut { color: var(--warn); font-style: italic; }
table.data { border-collapse: collapse; margin: 8px 0; }
table.data th, table.data td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
#matrix td[data-verdict="pass"] { background: var(--pass-bg); }
#matrix td[data-verdict="fail"], #matrix td[data-verdict="error"] { background: var(--fail-bg); }
#matrix td[data-verdict="partial"] { background: var(--warn-bg); }
#matrix td[data-verdict="skip"] { background: var(--skip-bg); }
.metrics { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.metric { padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
.metric [data-metric] { font-size: 20px; font-weight: 700; margin-right: 4px; }
#latency-chart { max-width: 100%; height: auto; }
#latency-chart text { fill: var(--fg); font: 12px system-ui, sans-serif; }
#latency-chart .axis { stroke: var(--line); }
#latency-chart .p50 { fill: #54aeff; }
#latency-chart .p95 { fill: #d4a72c; }
#latency-chart .p99 { fill: #e16f24; }
#latency-chart .max { stroke: var(--fail); stroke-width: 2; }
`;
