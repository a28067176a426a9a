import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, fileUrl, openReport, useChromium, type WatchedPage } from '../support/browser.js';
import { type ProxiedResponse, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * The HTML report (`--reporter html=FILE`) as a person triaging a failing run sees it in Chromium:
 * opened from file://, filtered, searched, deep-linked, and with JavaScript off. Selectors are the
 * report's DOM contract (the `html` reporter in src/report/html/). The filters mark what they hide
 * with the `hidden` attribute, so "shown" below means no `hidden` on the element or an ancestor;
 * whether a shown element is on screen also depends on which <details> the reader opened.
 */

/** Users of the Okta scenario and of the Entra one (the `users:` keys, which start their userName). */
const OKTA_USER = /^(alice|bob|carol)\./;
const ENTRA_USER = /^(jane|omar)\./;

/** Every User in a response: the body itself or the elements of a ListResponse. */
function usersIn(response: ProxiedResponse): Record<string, unknown>[] {
  const body = response.body as { userName?: unknown; Resources?: unknown } | undefined;
  if (typeof body !== 'object' || body === null) return [];
  const resources = Array.isArray(body.Resources) ? (body.Resources as unknown[]) : [body];
  return resources.filter(
    (resource): resource is Record<string, unknown> =>
      typeof (resource as { userName?: unknown } | null)?.userName === 'string',
  );
}

/**
 * One bug per IdP, so the filters have something to tell apart: Okta's users come back with
 * `active` as a string (DT-BOOLEAN), Entra's with their password echoed (CHAR-RETURNED-NEVER).
 */
const ONE_BUG_PER_IDP = [
  {
    response: (_request: unknown, response: ProxiedResponse) => {
      for (const user of usersIn(response))
        if (OKTA_USER.test(user.userName as string) && typeof user.active === 'boolean')
          user.active = String(user.active);
    },
  },
  {
    response: (_request: unknown, response: ProxiedResponse) => {
      for (const user of usersIn(response)) if (ENTRA_USER.test(user.userName as string)) user.password = 'hunter2';
    },
  },
];

const OKTA_SCENARIO = 'okta-group-push';
/** Step 5 of scenarios/okta-group-push.yaml (pushGroup eng): passes, so the default filter hides it. */
const PASSED_STEP = `${OKTA_SCENARIO}/5`;
/** Step 1 (testConnection) passes too. */
const FIRST_PASSED_STEP = `${OKTA_SCENARIO}/1`;
/** A word of CHAR-RETURNED-NEVER's message ("password is returned "never" and must not appear…"). */
const SEARCH_WORD = 'never';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

interface JsonSummary {
  checks: { passed: number; failed: number; warnings: number; skipped: number };
}

/** Findings the filters leave shown: no `hidden` on the finding or any ancestor. */
function shownFindings(page: Page): Promise<{ check: string; idp: string; level: string; text: string }[]> {
  return page.$$eval('article.finding', (articles) =>
    articles
      .filter((article) => article.closest('[hidden]') === null)
      .map((article) => ({
        check: article.getAttribute('data-check') ?? '',
        idp: article.getAttribute('data-idp') ?? '',
        level: article.getAttribute('data-level') ?? '',
        text: article.textContent ?? '',
      })),
  );
}

function allFindings(page: Page): Promise<{ check: string; idp: string; level: string }[]> {
  return page.$$eval('article.finding', (articles) =>
    articles.map((article) => ({
      check: article.getAttribute('data-check') ?? '',
      idp: article.getAttribute('data-idp') ?? '',
      level: article.getAttribute('data-level') ?? '',
    })),
  );
}

/** `#filter-status` as numbers: "N of M findings shown". */
async function filterStatus(page: Page): Promise<{ shown: number; total: number } | string> {
  const text = (await page.locator('#filter-status').textContent()) ?? '';
  const match = /(\d+) of (\d+) findings? shown/.exec(text);
  return match === null ? text : { shown: Number(match[1]), total: Number(match[2]) };
}

/** The element with this id (step ids contain `/`, which a `#id` selector would need escaped). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** Whether the element with this id is within the viewport (some of it on screen). */
async function inViewport(page: Page, id: string): Promise<boolean> {
  const box = await byId(page, id).boundingBox();
  const viewport = page.viewportSize();
  return box !== null && viewport !== null && box.y + box.height > 0 && box.y < viewport.height;
}

/** Nothing went wrong in the page: no console error (a CSP violation is one), and nothing but the report loaded. */
function expectQuietPage(watched: WatchedPage, report: string): void {
  expect(watched.errors).toEqual([]);
  expect(watched.dialogs).toEqual([]);
  expect([...new Set(watched.requests.map((url) => url.replace(/#.*$/, '')))]).toEqual([fileUrl(report)]);
}

describe.skipIf(chromiumMissing() !== undefined)('the HTML report of a failing run, in Chromium', () => {
  const browser = useChromium();
  let dir: string;
  let report: string;
  let summary: JsonSummary;
  let baseUrl: string;
  const pages: WatchedPage[] = [];

  async function open(options: Parameters<typeof openReport>[2] = {}): Promise<WatchedPage> {
    const watched = await openReport(browser(), report, options);
    pages.push(watched);
    return watched;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-check-html-'));
    report = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const server = await startHookedServer(ONE_BUG_PER_IDP);
    baseUrl = server.baseUrl;
    try {
      const run = await runMain(
        [
          'run',
          '--base-url',
          server.baseUrl,
          `scenarios/${OKTA_SCENARIO}.yaml`,
          'scenarios/entra-user-lifecycle.yaml',
          '--reporter',
          `html=${report}`,
          '--reporter',
          `json=${json}`,
        ],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
    } finally {
      await server.close();
    }
    summary = (JSON.parse(readFileSync(json, 'utf8')) as { summary: JsonSummary }).summary;
  }, 120_000);

  afterAll(async () => {
    for (const watched of pages) await watched.context.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the target, the IdP profiles, the version and the counts of the JSON report of the same run', async () => {
    const watched = await open();
    const { page } = watched;
    expect(await page.locator('main#report #summary').isVisible()).toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
    const text = (await page.locator('#summary').innerText()).toLowerCase();
    for (const shown of [baseUrl, 'okta', 'entra', VERSION]) expect(text).toContain(shown.toLowerCase());
    for (const count of ['passed', 'failed', 'warnings', 'skipped'] as const) {
      const element = page.locator(`#summary [data-count="${count}"]`);
      expect(await element.isVisible(), `[data-count="${count}"] is visible`).toBe(true);
      expect((await element.textContent())?.trim(), count).toBe(String(summary.checks[count]));
    }
    expect(summary.checks.failed).toBeGreaterThan(0);
    expectQuietPage(watched, report);
  });

  it('shows the failed findings and hides the passed steps by default; a failure shows its request, response and hint', async () => {
    const watched = await open();
    const { page } = watched;
    const all = await allFindings(page);
    const errors = all.filter((finding) => finding.level === 'error');
    expect(new Set(errors.map((finding) => finding.check))).toEqual(new Set(['DT-BOOLEAN', 'CHAR-RETURNED-NEVER']));
    expect((await shownFindings(page)).filter((finding) => finding.level === 'error')).toHaveLength(errors.length);
    expect(await byId(page, PASSED_STEP).isVisible()).toBe(false);
    expect(await byId(page, FIRST_PASSED_STEP).isVisible()).toBe(false);

    // The first failed step is open; closing and reopening it the way a reader does toggles its findings.
    const step = page.locator('details.step[data-outcome="failed"]').first();
    const finding = step.locator('article.finding').first();
    expect(await step.getAttribute('open')).not.toBeNull();
    expect(await finding.locator('.rule').isVisible()).toBe(true);
    await step.locator(':scope > summary').click();
    expect(await finding.locator('.rule').isVisible()).toBe(false);
    await step.locator(':scope > summary').click();
    // Anything the finding folds away (its own <details>) is opened too.
    for (let i = 0; i < 20; i += 1) {
      const closed = finding.locator('details:not([open]) > summary');
      if ((await closed.count()) === 0) break;
      await closed.first().click();
    }
    for (const part of ['.rule', 'a.rfc', '.scenario-line', '.request', '.response', '.hint'])
      expect(await finding.locator(part).first().isVisible(), `${part} is visible`).toBe(true);
    expect(await finding.locator('.request pre').first().textContent()).toMatch(/\b(GET|POST|PUT|PATCH|DELETE)\b/);
    expect(await finding.locator('.request').textContent()).toContain('/scim/v2/');
    expect(await finding.locator('.response').textContent()).toContain('"schemas"');
    expect((await finding.locator('.hint').textContent())?.trim().length).toBeGreaterThan(10);
    expect(await finding.locator('a.rfc').getAttribute('href')).toMatch(
      /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc764[34]/,
    );
    expectQuietPage(watched, report);
  });

  it('shows the passed steps under "all"', async () => {
    const watched = await open();
    const { page } = watched;
    await page.locator('#filters input[name="show"][value="all"]').check();
    await expect.poll(() => byId(page, PASSED_STEP).isVisible()).toBe(true);
    expect(await byId(page, FIRST_PASSED_STEP).isVisible()).toBe(true);
    // Back to the default, they are hidden again.
    await page.locator('#filters input[name="show"][value="failed"]').check();
    await expect.poll(() => byId(page, PASSED_STEP).isVisible()).toBe(false);
    expectQuietPage(watched, report);
  });

  it('narrows to one check id and to one IdP, and #filter-status says how many are shown', async () => {
    const watched = await open();
    const { page } = watched;
    const all = await allFindings(page);
    const failed = all.filter((finding) => finding.level === 'error');
    expect(await filterStatus(page)).toEqual({ shown: failed.length, total: all.length });

    await page.locator('#filter-check').selectOption('CHAR-RETURNED-NEVER');
    const entraOnly = failed.filter((finding) => finding.check === 'CHAR-RETURNED-NEVER');
    await expect.poll(() => filterStatus(page)).toEqual({ shown: entraOnly.length, total: all.length });
    const byCheck = await shownFindings(page);
    expect(byCheck).toHaveLength(entraOnly.length);
    expect(new Set(byCheck.map((finding) => `${finding.check} ${finding.idp}`))).toEqual(
      new Set(['CHAR-RETURNED-NEVER entra']),
    );
    expect(await page.locator('#filter-status').isVisible()).toBe(true);

    await page.locator('#filter-check').selectOption('');
    await page.locator('#filter-idp').selectOption('okta');
    const oktaOnly = failed.filter((finding) => finding.idp === 'okta');
    await expect.poll(() => filterStatus(page)).toEqual({ shown: oktaOnly.length, total: all.length });
    const byIdp = await shownFindings(page);
    expect(new Set(byIdp.map((finding) => `${finding.check} ${finding.idp}`))).toEqual(new Set(['DT-BOOLEAN okta']));
    // Only Okta's scenario is left on the page.
    expect(await byId(page, 'entra-user-lifecycle').isVisible()).toBe(false);
    expect(await byId(page, OKTA_SCENARIO).isVisible()).toBe(true);
    expectQuietPage(watched, report);
  });

  it('finds a finding by a word of its message and hides the rest', async () => {
    const watched = await open();
    const { page } = watched;
    const total = (await allFindings(page)).length;
    await page.locator('#search').fill(SEARCH_WORD.toUpperCase());
    await expect.poll(async () => (await shownFindings(page)).length).toBeLessThan(total);
    const shown = await shownFindings(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.map((finding) => finding.check)).toContain('CHAR-RETURNED-NEVER');
    for (const finding of shown) expect(finding.text.toLowerCase()).toContain(SEARCH_WORD);
    expect(await filterStatus(page)).toEqual({ shown: shown.length, total });
    // A shown finding is on screen once its step is open.
    const first = page.locator('article.finding[data-check="CHAR-RETURNED-NEVER"]').first();
    expect(await first.locator('.rule').isVisible()).toBe(true);

    await page.locator('#search').fill('no finding says this: zqxj');
    await expect.poll(() => filterStatus(page)).toEqual({ shown: 0, total });
    expectQuietPage(watched, report);
  });

  it('opens a deep-linked step even when the filter hides it, and on a hash change too', async () => {
    const watched = await open({ hash: PASSED_STEP });
    const { page } = watched;
    const step = byId(page, PASSED_STEP);
    await expect.poll(() => step.isVisible()).toBe(true);
    expect(await step.getAttribute('open')).not.toBeNull();
    expect(await step.locator('summary').first().textContent()).toContain('pushGroup');
    await expect.poll(() => inViewport(page, PASSED_STEP)).toBe(true);
    // The filter is still the default: the other passed step stays hidden.
    expect(await page.locator('#filters input[name="show"][value="failed"]').isChecked()).toBe(true);
    expect(await byId(page, FIRST_PASSED_STEP).isVisible()).toBe(false);

    // A permalink followed in the page (the hash changes, no reload).
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = id;
    }, FIRST_PASSED_STEP);
    await expect.poll(() => byId(page, FIRST_PASSED_STEP).isVisible()).toBe(true);
    expect(await byId(page, FIRST_PASSED_STEP).getAttribute('open')).not.toBeNull();
    await expect.poll(() => inViewport(page, FIRST_PASSED_STEP)).toBe(true);
    expect(await page.locator(`[id="${FIRST_PASSED_STEP}"] a.permalink`).first().getAttribute('href')).toBe(
      `#${FIRST_PASSED_STEP}`,
    );
    expectQuietPage(watched, report);
  });

  it('is readable with JavaScript off: failed steps open, no dead filter controls', async () => {
    const watched = await open({ javaScriptEnabled: false });
    const { page } = watched;
    const failedSteps = page.locator('details.step[data-outcome="failed"]');
    expect(await failedSteps.count()).toBeGreaterThan(0);
    expect(await failedSteps.evaluateAll((steps) => steps.filter((step) => !step.hasAttribute('open')).length)).toBe(0);
    const finding = failedSteps.first().locator('article.finding').first();
    expect(await finding.locator('.rule').isVisible()).toBe(true);
    expect(await finding.locator('.rule').textContent()).toMatch(/DT-BOOLEAN|CHAR-RETURNED-NEVER/);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('#search').isVisible()).toBe(false);
    expect(await page.locator('#summary [data-count="failed"]').textContent()).toContain(String(summary.checks.failed));
    expectQuietPage(watched, report);
  });
});
