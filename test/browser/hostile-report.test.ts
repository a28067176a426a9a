import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, fileUrl, openReport, useChromium, type WatchedPage } from '../support/browser.js';
import {
  type DeviationHooks,
  type ProxiedResponse,
  scimErrorAnswer,
  startHookedServer,
} from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * A server that answers with markup meant to run in whoever opens the report: in response bodies,
 * in a header, in an Error's `detail` and in attribute values. Opened in Chromium, expanded and
 * searched, the report must show all of it as text and run none of it. The report's CSP would
 * block an inline handler that slipped through escaping, so `window.__pwned` alone proves little:
 * the test also asserts that no such element exists and that Chromium reported no CSP violation.
 */

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const SVG = '"><svg onload=window.__pwned=1>';
const DETAILS = '</details><script>window.__pwned=1</script>';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A User or Group body with the hostile attribute values first, so a body excerpt cut short still shows them. */
function withHostileValues(resource: Record<string, unknown>): Record<string, unknown> {
  const { schemas, ...rest } = resource;
  return { schemas, title: SCRIPT, nickName: SVG, ...rest };
}

const HOSTILE: DeviationHooks[] = [
  {
    // Renaming the group is refused with an Error whose detail closes the step's <details>.
    request: (request) => {
      const body = request.body as { Operations?: unknown[] } | undefined;
      if (
        request.method === 'PATCH' &&
        request.path.startsWith('/Groups/') &&
        JSON.stringify(body).includes('displayName')
      )
        return scimErrorAnswer(400, 'invalidValue', `${DETAILS} ${IMG}`);
    },
    response: (_request, response: ProxiedResponse) => {
      response.headers['x-debug'] = `${IMG} ${SVG}`;
      const body = response.body;
      if (!isRecord(body)) return;
      if (typeof body.userName === 'string') {
        // `active` as a string fails DT-BOOLEAN, so the report shows these bodies as findings.
        response.body = withHostileValues({ ...body, active: String(body.active) });
      } else if (Array.isArray(body.Resources)) {
        body.Resources = body.Resources.map((resource: unknown) =>
          isRecord(resource) && typeof resource.userName === 'string' ? withHostileValues(resource) : resource,
        );
      }
    },
  },
];

/** Opens every closed <details> the reader can see, the way a reader does: a click on its summary. */
async function expandEverything(page: Page): Promise<number> {
  let clicks = 0;
  for (;;) {
    const closed = page.locator('details:not([open]) > summary').filter({ visible: true });
    if ((await closed.count()) === 0) return clicks;
    await closed.first().click();
    clicks += 1;
    if (clicks > 2000) throw new Error('more than 2000 <details> in the report, or one that will not stay open');
  }
}

/**
 * None of the hostile markup became part of the page: no handler attribute, image or extra script
 * in the DOM, no dialog, no CSP violation (a console error), no request but the report's own.
 */
async function expectNothingRan(watched: WatchedPage, report: string): Promise<void> {
  const { page } = watched;
  expect(await page.locator('[onerror], [onload], img, svg[onload], iframe, object, embed').count()).toBe(0);
  // The page's own two: the inline script and its JSON data.
  expect(await page.locator('script').count()).toBeLessThanOrEqual(2);
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(watched.dialogs).toEqual([]);
  expect(watched.errors).toEqual([]);
  expect([...new Set(watched.requests)]).toEqual([fileUrl(report)]);
}

describe.skipIf(chromiumMissing() !== undefined)('the HTML report of a hostile server, in Chromium', () => {
  const browser = useChromium();
  let dir: string;
  let report: string;
  let watched: WatchedPage | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-check-hostile-'));
    report = join(dir, 'report.html');
    const server = await startHookedServer(HOSTILE);
    try {
      const run = await runMain(
        ['run', '--base-url', server.baseUrl, 'scenarios/okta-group-push.yaml', '--reporter', `html=${report}`],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      expect(run.code).toBe(1);
    } finally {
      await server.close();
    }
  }, 120_000);

  afterAll(async () => {
    await watched?.context.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the markup as text, expanded and searched, and runs none of it', async () => {
    watched = await openReport(browser(), report);
    const { page } = watched;
    await page.locator('#filters input[name="show"][value="all"]').check();
    expect(await expandEverything(page)).toBeGreaterThan(0);
    await expectNothingRan(watched, report);

    // Each hostile string is on screen as the characters the server sent (JSON bodies escape `"` as `\"`).
    for (const text of [SCRIPT, IMG, SVG.slice(1), DETAILS]) {
      await page.locator('#search').fill(text);
      await expect
        .poll(async () => page.locator('#filter-status').textContent())
        .toMatch(/[1-9]\d* of \d+ findings? shown/);
      expect(await page.getByText(text).first().isVisible(), `${text} is visible as text`).toBe(true);
    }

    await expectNothingRan(watched, report);
  }, 120_000);
});
