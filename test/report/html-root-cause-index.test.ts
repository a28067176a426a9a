import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviantServer, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { type Element, one, parseHtml, select, textOf } from './html-dom.js';

/*
 * A server that sends `active` as a string finds DT-BOOLEAN in every answer, several times in one
 * step (the create's answer and its read-back): the root-cause index counts every place but links
 * each step once, so the list reads as where to look, not as the same link twice.
 */

let dir: string;
let server: DeviantServer;
let dom: Element;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-html-index-'));
  server = await startDeviantServer(['active-string']);
  const file = join(dir, 'report.html');
  const run = await runMain(
    ['run', 'scenarios/okta-group-push.yaml', '--base-url', server.baseUrl, '--reporter', `html=${file}`],
    { env: { SCIM_CHECK_TOKEN: server.token } },
  );
  expect(run.code, run.stderr).toBe(1);
  dom = parseHtml(readFileSync(file, 'utf8'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the root-cause index', () => {
  it('counts every place of a cause and links each step it showed in once', () => {
    const entry = select(one(dom, 'section#root-causes'), 'li').find((item) => textOf(item).includes('DT-BOOLEAN'));
    expect(entry).toBeDefined();
    const places = Number(/(\d+) places in (\d+) steps/.exec(textOf(entry!))?.[1]);
    const steps = Number(/(\d+) places in (\d+) steps/.exec(textOf(entry!))?.[2]);
    expect(places).toBeGreaterThan(steps);
    const links = select(entry!, 'a').map((link) => link.attributes.get('href'));
    expect(new Set(links).size).toBe(links.length);
    expect(links.length).toBe(Math.min(steps, 10));
  });
});
