import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACES_IN_FULL } from '../../src/report/html/cause-index.js';
import { DEVIATIONS, type DeviantServer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { type Element, one, parseHtml, select, textOf } from './html-dom.js';

/*
 * A server that answers every User with a 300 KB attribute (and omits Location on 201, so every
 * create is a finding): the page stays small because bodies and values are cut like the pretty
 * reporter's excerpts, the cut is said each time, and a root cause's later places are shorter still.
 */

const PADDING = 300_000;

let dir: string;
let server: DeviantServer;
let page: string;
let dom: Element;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-html-size-'));
  server = await startHookedServer([
    DEVIATIONS['no-location'],
    {
      response(_request, response) {
        const body = response.body as Record<string, unknown> | undefined;
        if (typeof body === 'object' && body !== null && JSON.stringify(body.schemas ?? []).includes(':User'))
          body.title = `padding ${'x'.repeat(PADDING)}`;
      },
    },
  ]);
  const file = join(dir, 'report.html');
  const run = await runMain(
    ['run', 'scenarios/okta-group-push.yaml', '--base-url', server.baseUrl, '--reporter', `html=${file}`],
    { env: { SCIM_CHECK_TOKEN: server.token } },
  );
  expect(run.code, run.stderr).toBe(1);
  page = readFileSync(file, 'utf8');
  dom = parseHtml(page);
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a run whose answers are huge', () => {
  it('keeps the page far smaller than the bodies it saw', () => {
    const responses = select(dom, 'article.finding .response');
    expect(responses.length).toBeGreaterThanOrEqual(4);
    // Smaller than one of the dozens of bodies the run read.
    expect(page.length).toBeLessThan(PADDING);
  });

  it('says where a body was cut, with the size of the whole', () => {
    const padded = select(dom, 'article.finding .response').filter((response) =>
      textOf(response).includes('padding x'),
    );
    expect(padded.length).toBeGreaterThan(0);
    for (const response of padded) {
      expect(textOf(one(response, 'pre')).length).toBeLessThan(8_000);
      expect(textOf(response)).toMatch(
        /body cut: showing its start, \d{6,} bytes in all|characters of \d{6,} bytes were kept/,
      );
    }
  });

  it('shortens a root cause after its first places, and says so', () => {
    const places = select(dom, 'article.finding[data-check=CREATE-201-LOCATION]');
    expect(places.length).toBeGreaterThan(PLACES_IN_FULL);
    const bodyLength = (finding: Element): number => textOf(one(finding, '.response pre')).length;
    for (const [index, finding] of places.entries()) {
      const note = textOf(one(finding, '.occurrence'));
      expect(note).toContain(`place ${index + 1} of ${places.length}`);
      expect(note.includes('bodies shortened'), `place ${index + 1}`).toBe(index >= PLACES_IN_FULL);
    }
    expect(bodyLength(places[PLACES_IN_FULL]!)).toBeLessThan(bodyLength(places[0]!) / 2);
  });
});
