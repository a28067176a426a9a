import { html, type Markup } from './markup.js';

/*
 * `<form id="filters">` (the DOM contract): show failed / warnings / all, one IdP, one check id,
 * and a search box. It is `hidden` in the HTML and the page script un-hides it, so a reader
 * without JavaScript never sees controls that do nothing. Its options are the run's own.
 */

/** `findings`: how many the page holds; without the script every one of them shows. */
export function renderFilterForm(options: {
  idps: readonly string[];
  checks: readonly string[];
  findings: number;
}): Markup {
  return html`<form id="filters" hidden>
<fieldset><legend class="muted">Show</legend>
<label><input type="radio" name="show" value="failed" checked> failed</label>
<label><input type="radio" name="show" value="warnings"> warnings</label>
<label><input type="radio" name="show" value="all"> all</label>
</fieldset>
<label>IdP <select id="filter-idp"><option value="">any</option>${options.idps.map(
    (idp) => html`<option value="${idp}">${idp}</option>`,
  )}</select></label>
<label>Check <select id="filter-check"><option value="">any</option>${options.checks.map(
    (check) => html`<option value="${check}">${check}</option>`,
  )}</select></label>
<label>Search <input id="search" type="search" placeholder="text of a finding or step" autocomplete="off"></label>
</form>
<p id="filter-status" class="muted">${String(options.findings)} of ${String(options.findings)} findings shown</p>`;
}
