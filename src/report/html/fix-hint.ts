import { findCatalogueRow } from '../../checks/catalogue.js';
import type { CheckResult } from '../../checks/check-result.js';
import { fixHint } from '../../checks/fix-hints.js';
import { SCENARIO_EXPECT_ID } from '../../checks/scenario-expectation.js';
import { html, type Markup } from './markup.js';

/*
 * The fix hint under a finding, from the same source `scim-check explain ID` and the pretty
 * reporter read: the catalogue row (src/checks/catalogue/). Its one-line `fixHint`, then the
 * typical server bugs and their fixes that explain prints for rows with a written explanation.
 * Rows without either point at `explain`, which derives its advice from the row.
 */

/**
 * `.hint` of a failed check; undefined only for ids `explain` does not know (e.g. STATE-*) that
 * carry no hint. `brief`: the one line and the pointer only, for a root cause's later places,
 * which repeat its first place.
 */
export function renderFixHint(check: Pick<CheckResult, 'id' | 'hint'>, brief = false): Markup | undefined {
  const row = findCatalogueRow(check.id);
  const oneLine = check.hint ?? fixHint(check.id);
  const bugs = brief ? [] : (row?.explanation?.bugs ?? []);
  const explainable = row !== undefined || check.id === SCENARIO_EXPECT_ID;
  if (oneLine === undefined && bugs.length === 0 && !explainable) return undefined;
  return html`<div class="hint">${oneLine === undefined ? '' : html`<p><strong>fix:</strong> ${oneLine}</p>`}${
    bugs.length === 0
      ? ''
      : html`<p>Typical server bugs and their fixes:</p><ul>${bugs.map(
          ({ bug, fix }) => html`<li>${bug} <em>fix:</em> ${fix}</li>`,
        )}</ul>`
  }${explainable ? html`<p class="muted">More: <code>scim-check explain ${check.id}</code></p>` : ''}</div>`;
}
