import type { BaselineEntry, RunResult } from '../../engine/results.js';
import { formatRunTime } from '../pretty/format-duration.js';
import { failsRun, rootCausesOf } from '../root-causes.js';
import { html, type Markup } from './markup.js';

/*
 * `<section id="summary">` (the DOM contract): what was run against what, by which scim-check,
 * how long it took, and the check counts as `[data-count]` elements whose text is the number,
 * the same numbers as the JSON report's `summary.checks`. Then what the pretty reporter's closing
 * block and notes say: an interrupted or not-started run, waivers, the baseline comparison.
 */

/** Baseline entries listed by name per kind before "… and N more", as in the pretty reporter. */
const BASELINE_SHOWN = 20;

/** The target as a reader names it. */
export function targetText(target: { baseUrl: string; embedded: boolean }): string {
  return target.embedded ? `embedded reference server (${target.baseUrl})` : target.baseUrl;
}

/** The IdP profiles the run replayed, in the order scenarios ran. */
export function profilesOf(result: RunResult): string[] {
  return [...new Set(result.scenarios.map((scenario) => scenario.idp))];
}

export function renderRunSummary(result: RunResult): Markup {
  const { summary } = result;
  const causes =
    summary.checks.failed === 0
      ? 0
      : rootCausesOf(result).filter((cause) => cause.kind === 'check' && failsRun(cause)).length;
  const verdict =
    result.notStarted !== undefined
      ? html`<p class="banner failed"><strong>Not started:</strong> ${result.notStarted.code}: ${result.notStarted.message}${
          result.notStarted.hint === undefined ? '' : html`<br>hint: ${result.notStarted.hint}`
        }</p>`
      : summary.failed + summary.errored > 0
        ? html`<p class="banner failed"><strong>Failed:</strong> ${summary.failed + summary.errored} of ${summary.scenarios} scenarios; ${causes} root ${causes === 1 ? 'cause' : 'causes'} of failed checks.</p>`
        : html`<p class="banner passed"><strong>Passed</strong>${summary.checks.warnings > 0 ? ', with warnings' : ''}.</p>`;
  return html`<section id="summary">
<h1>scim-check report</h1>
${verdict}
${result.interrupted ? html`<p class="banner warning"><strong>Interrupted:</strong> the run was stopped early; results are partial.</p>` : ''}
<dl>
<dt>Target</dt><dd class="target">${targetText(result.target)}</dd>
<dt>IdP ${profilesOf(result).length === 1 ? 'profile' : 'profiles'}</dt><dd class="profiles">${profilesOf(result).join(', ') || 'none'}</dd>
<dt>scim-check</dt><dd class="version">${result.tool.version}</dd>
<dt>Started</dt><dd>${result.startedAt} <span class="muted">(run ${result.runId})</span></dd>
<dt>Duration</dt><dd class="duration">${formatRunTime(summary.durationMs)}</dd>
<dt>Scenarios</dt><dd class="scenario-counts">${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored, ${summary.skipped} skipped (${summary.scenarios})</dd>
</dl>
<div class="counts">
<p class="count passed"><span data-count="passed">${String(summary.checks.passed)}</span> checks passed</p>
<p class="count failed"><span data-count="failed">${String(summary.checks.failed)}</span> failed</p>
<p class="count warning"><span data-count="warnings">${String(summary.checks.warnings)}</span> warnings</p>
<p class="count skipped"><span data-count="skipped">${String(summary.checks.skipped)}</span> skipped</p>
</div>
${waiverBlock(result)}
${baselineBlock(result)}
</section>`;
}

/** What `--waivers` did: how many failures it accepted, and entries that matched nothing or expired. */
function waiverBlock(result: RunResult): Markup {
  const waivers = result.waivers;
  if (waivers === undefined) return html``;
  const entry = (ref: { check: string; scenario?: string; reason: string; until: string; line: number }): Markup =>
    html`<li><code>${ref.check}</code>${ref.scenario === undefined ? '' : ` in ${ref.scenario}`} until ${ref.until}: ${ref.reason} <span class="muted">(${waivers.file}:${String(ref.line)})</span></li>`;
  return html`<div class="banner ${waivers.stale.length + waivers.expired.length > 0 ? 'warning' : ''}" id="waivers"><p><strong>Waivers</strong> (${waivers.file}): ${waivers.waived} ${waivers.waived === 1 ? 'failure' : 'failures'} waived.</p>${
    waivers.expired.length === 0
      ? ''
      : html`<p>Expired (the failure counts again):</p><ul>${waivers.expired.map(entry)}</ul>`
  }${waivers.stale.length === 0 ? '' : html`<p>Stale (matched no failure: fixed, or the entry is wrong):</p><ul>${waivers.stale.map(entry)}</ul>`}</div>`;
}

/** `--baseline`: new, fixed, still failing and not run, with the new and fixed ones named. */
function baselineBlock(result: RunResult): Markup {
  const baseline = result.baseline;
  if (baseline === undefined) return html``;
  const list = (entries: readonly BaselineEntry[], kind: string): Markup =>
    entries.length === 0
      ? html``
      : html`<p>${kind}:</p><ul>${entries
          .slice(0, BASELINE_SHOWN)
          .map(
            (entry) => html`<li><code>${entry.fingerprint}</code> ${entry.message}</li>`,
          )}${entries.length > BASELINE_SHOWN ? html`<li class="muted">… and ${entries.length - BASELINE_SHOWN} more (--reporter json lists every one)</li>` : ''}</ul>`;
  return html`<div class="banner ${baseline.new.length > 0 ? 'failed' : ''}" id="baseline"><p><strong>Baseline</strong> (since ${baseline.file}): <span class="failed">${baseline.new.length} new</span>, <span class="passed">${baseline.fixed.length} fixed</span>, ${baseline.unchanged.length} still failing${
    baseline.notRun.length > 0 ? `, ${baseline.notRun.length} not run this time` : ''
  }.</p>${list(baseline.new, 'New')}${list(baseline.fixed, 'Fixed')}</div>`;
}
