/*
 * The one script of the HTML reports: the filters, the search box and deep links. A constant
 * because its sha256 is in the page's Content-Security-Policy (page.ts); it reads the page and
 * never builds markup from text, so nothing a server wrote can become code through it. Without it
 * the page still works: failed steps are open in the HTML and the filter form stays `hidden`.
 *
 * Filtering sets the `hidden` attribute (not a class), so what is filtered out is gone for
 * assistive technology and for Playwright's visibility alike.
 * - show=failed: findings that fail the run (level error, not waived);
 *   warnings: also warnings and waived failures; all: every finding, info notes, and every step.
 * - IdP and check selects narrow findings to that profile or check id.
 * - The search matches, case-insensitively, the text of a finding or of its step's label; under
 *   "all" a step without findings matches on its own text.
 * A step shows when one of its findings does (under "all" also on its own); a scenario when one of
 * its steps does. Loading or changing the URL hash (`#okta-group-push/3`) shows and opens that
 * step, whatever the filter, and scrolls to it.
 */
export const PAGE_SCRIPT = `
(() => {
  'use strict';
  const form = document.getElementById('filters');
  const all = (selector, root) => Array.from((root || document).querySelectorAll(selector));
  const findings = all('article.finding');
  const steps = all('details.step');
  const scenarios = all('section.scenario');
  const causes = all('section.root-cause');
  const texts = new WeakMap();
  const textOf = (element) => {
    let text = texts.get(element);
    if (text === undefined) {
      text = (element.textContent || '').toLowerCase();
      texts.set(element, text);
    }
    return text;
  };
  const labelOf = (step) => {
    const summary = step && step.querySelector(':scope > summary');
    return summary ? textOf(summary) : '';
  };
  const levelShown = (finding, show) => {
    if (show === 'all') return true;
    const level = finding.getAttribute('data-level');
    if (show === 'warnings') return level === 'error' || level === 'warning';
    return level === 'error' && !finding.hasAttribute('data-waived');
  };

  const apply = () => {
    if (!form) return;
    const choice = form.elements.namedItem('show');
    const show = (choice && choice.value) || 'failed';
    const idp = document.getElementById('filter-idp').value;
    const check = document.getElementById('filter-check').value;
    const query = document.getElementById('search').value.trim().toLowerCase();
    const matches = (element) => query === '' || textOf(element).includes(query);
    let shown = 0;
    for (const finding of findings) {
      const step = finding.closest('details.step');
      const visible =
        levelShown(finding, show) &&
        (idp === '' || finding.getAttribute('data-idp') === idp) &&
        (check === '' || finding.getAttribute('data-check') === check) &&
        (matches(finding) || (query !== '' && labelOf(step).includes(query)));
      finding.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const cause of causes) cause.hidden = cause.querySelector('article.finding:not([hidden])') === null;
    for (const step of steps) {
      const byFinding = step.querySelector('article.finding:not([hidden])') !== null;
      const byItself =
        show === 'all' && check === '' && (idp === '' || step.getAttribute('data-idp') === idp) && matches(step);
      step.hidden = !(byFinding || byItself);
    }
    for (const scenario of scenarios) {
      const byStep = scenario.querySelector('details.step:not([hidden])') !== null;
      // A scenario without steps (skipped, or never started) shows under "all" on its own.
      const byItself =
        show === 'all' &&
        check === '' &&
        scenario.querySelector('details.step') === null &&
        (idp === '' || scenario.getAttribute('data-idp') === idp) &&
        matches(scenario);
      scenario.hidden = !(byStep || byItself);
    }
    const status = document.getElementById('filter-status');
    if (status) status.textContent = shown + ' of ' + findings.length + ' findings shown';
  };

  const reveal = () => {
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (_) {
      return;
    }
    const target = id === '' ? null : document.getElementById(id);
    if (!target) return;
    for (let element = target; element && element !== document.body; element = element.parentElement) {
      if (element.hidden) element.hidden = false;
      if (element.tagName === 'DETAILS') element.open = true;
    }
    if (target.matches('details.step')) for (const inner of all('[hidden]', target)) inner.hidden = false;
    target.scrollIntoView({ block: 'start' });
  };

  if (form) {
    form.hidden = false;
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', (event) => event.preventDefault());
  }
  apply();
  reveal();
  window.addEventListener('hashchange', reveal);
})();
`;
