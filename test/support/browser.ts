import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/*
 * Chromium for the browser tests of the HTML report (test/browser/**). playwright-core ships no
 * browser and Playwright's own download is not reachable from CI, so the tests drive the
 * distribution's Chromium (Debian: `apt-get install chromium`; .ci/run installs it).
 */

/** The Chromium binary: SCIM_CHECK_CHROMIUM when set, else Debian's. .ci/run reads the same variable. */
export const CHROMIUM_PATH = process.env.SCIM_CHECK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Chromium's own network traffic (component updates, sync, safe-browsing lists, QUIC probes) is
 * switched off: on a closed network those connections are refused and would show up as failed
 * requests, and a test of "the report loads nothing" must see only the report's own requests.
 */
const CHROMIUM_ARGS = [
  // CI runs as root, where Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT =
  'install it with `apt-get install chromium` (Debian/Ubuntu), or point SCIM_CHECK_CHROMIUM at a Chromium binary';

/**
 * Why the browser tests cannot run here, or undefined when they can. Outside CI a missing Chromium
 * skips them (the message says how to install it); under CI (`CI` set) it throws, so the test file
 * fails instead of passing with nothing run: .ci/run installs Chromium, so missing means broken.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const message = `Chromium not found at ${CHROMIUM_PATH}: ${INSTALL_HINT}`;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') throw new Error(message);
  console.warn(`${message}. Skipping the browser tests.`);
  return message;
}

/**
 * Launches headless Chromium. Playwright gives every launch a fresh temporary profile (user-data
 * dir) and deletes it on close, so no state carries over between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * One browser for the test file (call inside the `describe` that chromiumMissing may skip):
 * launched in beforeAll, closed in afterAll. Returns a getter for it.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium is not running: call useChromium() inside a describe');
    return browser;
  };
}

/** A page and what it did: console errors, uncaught exceptions, requests, dialogs. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console messages of type error (a CSP violation is one), and uncaught page errors. */
  errors: string[];
  /** Every URL the page requested, navigations included. */
  requests: string[];
  /** Every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
}

/**
 * Opens `file` (a local path) with `hash` in a new context of `browser`, recording what the page
 * does. `javaScriptEnabled: false` shows the page as a reader with scripts off sees it.
 */
export async function openReport(
  browser: Browser,
  file: string,
  options: { hash?: string; javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  // Playwright waits for an element without limit by default; a report missing one should fail
  // with the selector named, well before the test's own timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watched: WatchedPage = { context, page, errors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => watched.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => undefined);
  });
  const url = pathToFileURL(file);
  if (options.hash !== undefined) url.hash = options.hash;
  await page.goto(url.href);
  return watched;
}

/** The file:// URL of `file` without a hash: the only request a self-contained report makes. */
export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}
