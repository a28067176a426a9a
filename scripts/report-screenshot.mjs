#!/usr/bin/env node
// Writes docs/html-report.png, the README's picture of `--reporter html=FILE`: the report of a
// failing run (the reference server from dist/ behind a proxy that injects one bug per IdP),
// opened in headless Chromium at 1280×900 with the first failure expanded.
// Run after `npm run build`: node scripts/report-screenshot.mjs
// Chromium: Debian's /usr/bin/chromium (`apt-get install chromium`), or SCIM_CHECK_CHROMIUM.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'docs', 'html-report.png');
const chromiumPath = process.env.SCIM_CHECK_CHROMIUM ?? '/usr/bin/chromium';
// The same switches as test/support/browser.ts: no sandbox as root, no background network traffic.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!existsSync(join(root, 'dist', 'server', 'index.js'))) fail('dist/ is missing: run `npm run build` first');
if (!existsSync(chromiumPath))
  fail(`Chromium not found at ${chromiumPath}: apt-get install chromium, or set SCIM_CHECK_CHROMIUM`);

const { startReferenceServer } = await import(pathToFileURL(join(root, 'dist', 'server', 'index.js')).href);

/**
 * One bug per IdP, as a real server might have them: Okta's users (alice, bob, carol) come back
 * with `active` as the string "true" (DT-BOOLEAN), Entra's (jane, omar) with their password echoed
 * (CHAR-RETURNED-NEVER).
 */
function injectBugs(body) {
  const resources = Array.isArray(body?.Resources) ? body.Resources : [body];
  for (const user of resources) {
    if (typeof user?.userName !== 'string') continue;
    if (/^(alice|bob|carol)\./.test(user.userName) && typeof user.active === 'boolean')
      user.active = String(user.active);
    if (/^(jane|omar)\./.test(user.userName)) user.password = 'hunter2';
  }
  return body;
}

/** A loopback proxy in front of `upstream` that passes requests through and injects the bugs into JSON answers. */
async function startDeviantProxy(upstream) {
  const target = new URL(upstream.baseUrl);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const answerChunks = [];
          answer.on('data', (chunk) => answerChunks.push(chunk));
          answer.on('end', () => {
            let body = Buffer.concat(answerChunks);
            if (body.length > 0 && /json/.test(answer.headers['content-type'] ?? ''))
              body = Buffer.from(JSON.stringify(injectBugs(JSON.parse(body.toString('utf8')))));
            const headers = { ...answer.headers, 'content-length': String(body.length) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(body);
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${server.address().port}${target.pathname}` };
}

function fail(message) {
  console.error(`report-screenshot: ${message}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'scim-check-screenshot-'));
const report = join(dir, 'report.html');
const upstream = await startReferenceServer();
const proxy = await startDeviantProxy(upstream);
try {
  // The built CLI, as a user runs it; exit 1 is the expected verdict on this server.
  const run = await promisify(execFile)(
    process.execPath,
    [
      join(root, 'bin', 'scim-check.js'),
      'run',
      '--base-url',
      proxy.baseUrl,
      'scenarios/okta-group-push.yaml',
      'scenarios/entra-user-lifecycle.yaml',
      '--reporter',
      `html=${report}`,
    ],
    { cwd: root, env: { ...process.env, NO_COLOR: '1', SCIM_CHECK_TOKEN: upstream.token }, maxBuffer: 64 << 20 },
  ).catch((error) => error);
  if (run.code !== 1 || !existsSync(report))
    fail(`expected a failing run with a report (exit ${run.code}):\n${run.stderr}`);
} finally {
  await new Promise((resolve) => proxy.server.close(resolve));
  await upstream.close();
}

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  page.setDefaultTimeout(10_000);
  await page.goto(pathToFileURL(report).href);
  // The first failure: its step opened (failed steps are open already) and anything it folds away.
  const step = page.locator('details.step[data-outcome="failed"]').first();
  if ((await step.getAttribute('open')) === null) await step.locator(':scope > summary').click();
  const finding = step.locator('article.finding').first();
  for (let closed = finding.locator('details:not([open]) > summary'); (await closed.count()) > 0; )
    await closed.first().click();
  // The picture is the page as it opens: summary, root causes and filters, the first failure below them.
  await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(join(root, 'docs'), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
