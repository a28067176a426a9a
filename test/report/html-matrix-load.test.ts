import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeviantServer, startDeviantServer, startHookedServer } from '../support/deviant-server.js';
import { type RateLimitedServer, startRateLimitedServer } from '../support/rate-limited-server.js';
import { runMain } from '../support/run-main.js';
import { type Element, one, parseHtml, select, textOf } from './html-dom.js';

/*
 * `--reporter html=FILE` of `matrix` and `load`: the IdP × flow table and the latency chart with
 * the numbers of a real (small) run, written through the same redaction as their JSON reports; and
 * the usage errors of `--reporter html` without a file, for all three commands.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-html-reports-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function readPage(file: string): { text: string; dom: Element } {
  const text = readFileSync(file, 'utf8');
  return { text, dom: parseHtml(text) };
}

describe('--reporter html without a file', () => {
  it.each([
    [
      ['run', 'scenarios/okta-group-push.yaml', '--reporter', 'html'],
      'the html report needs a file',
      'html=report.html',
    ],
    [['matrix', '--reporter', 'html'], 'the html matrix report needs a file', 'html=matrix.html'],
    [['load', '--reporter', 'html'], 'the html load report needs a file', 'html=load.html'],
  ])('%j is a usage error with a hint', async (args, message, hint) => {
    const run = await runMain(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(hint);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names html among the choices of matrix and load', async () => {
    const run = await runMain(['matrix', '--reporter', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('choose pretty, json or html');
  });
});

describe('a run that could not start', () => {
  it('still writes a page that says why', async () => {
    const server = await startDeviantServer([]);
    try {
      const file = join(dir, 'not-started.html');
      const run = await runMain(
        ['run', 'scenarios/okta-group-push.yaml', '--base-url', server.baseUrl, '--reporter', `html=${file}`],
        { env: { SCIM_CHECK_TOKEN: 'not-the-token-of-this-server' } },
      );
      expect(run.code).toBe(2);
      const { dom } = readPage(file);
      expect(textOf(one(dom, 'section#summary'))).toMatch(/Not started: PREFLIGHT_FAILED: /);
      expect(one(dom, 'section.scenario').attributes.get('data-outcome')).toBe('errored');
    } finally {
      await server.close();
    }
  });
});

describe('scim-check matrix --reporter html=FILE', () => {
  let server: DeviantServer;
  afterEach(async () => {
    await server?.close();
  });

  it('renders the IdP × flow table with a verdict per cell, its failing check or note, redacted', async () => {
    const token = 'matrix-echo-token-5b1e0c77d2';
    // Only Okta's requests meet the bugs: no Location on its creates, and its group create is
    // redirected to an address that carries the token, which the cell's note quotes.
    const fromOkta = (request: { headers: Record<string, unknown> }): boolean =>
      String(request.headers['user-agent']).includes('Okta');
    server = await startHookedServer(
      [
        {
          request(request) {
            if (fromOkta(request) && request.method === 'POST' && request.path === '/Groups')
              return { respond: { status: 302, headers: { location: `http://127.0.0.1:9/moved/${token}` } } };
          },
          response(request, response) {
            if (fromOkta(request) && response.status === 201) delete response.headers.location;
          },
        },
      ],
      token,
    );
    const file = join(dir, 'matrix.html');
    const run = await runMain(
      ['matrix', '--idp', 'okta', '--idp', 'google', '--base-url', server.baseUrl, '--reporter', `html=${file}`],
      { env: { SCIM_CHECK_TOKEN: token } },
    );
    expect(run.code, run.stderr).toBe(1);
    // The table still shows on the terminal.
    expect(run.stdout).toContain('IdP × flow compatibility');
    const { text, dom } = readPage(file);
    const table = one(dom, 'table#matrix');
    const cells = select(table, 'td[data-verdict]').map((cell) => [
      cell.attributes.get('data-idp'),
      cell.attributes.get('data-flow'),
      cell.attributes.get('data-verdict'),
    ]);
    expect(cells).toEqual([
      ['okta', 'lifecycle', 'fail'],
      ['okta', 'groups', 'skip'],
      ['google', 'lifecycle', 'pass'],
      ['google', 'groups', 'skip'],
    ]);
    const failed = one(table, 'td[data-verdict=fail]');
    expect(textOf(one(failed, 'code.check'))).toBe('CREATE-201-LOCATION');
    expect(textOf(failed)).toMatch(/step \d+ \(assignUser\):/);
    const [redirected, usersOnly] = select(table, 'td[data-verdict=skip]');
    expect(textOf(redirected!)).toContain('redirecting to http://127.0.0.1:9/moved/[REDACTED]');
    expect(textOf(usersOnly!)).toMatch(/users only/);
    expect(select(table, 'thead th').map(textOf)).toEqual(['IdP', 'User lifecycle', 'Group push']);
    const counts = one(dom, 'section#summary');
    expect(textOf(one(counts, '[data-count=passed]'))).toBe('1');
    expect(textOf(one(counts, '[data-count=failed]'))).toBe('1');
    expect(textOf(one(counts, '[data-count=skipped]'))).toBe('2');
    expect(text.match(/<script/gi)).toHaveLength(2);
    expect(text).not.toContain(token);
  }, 120_000);
});

describe('scim-check load --reporter html=FILE', () => {
  let limited: RateLimitedServer;
  afterEach(async () => {
    await limited?.close();
  });

  it('charts latency per request kind and shows throughput, errors and 429s of the run', async () => {
    const token = 'load-html-token-31c9e7a0';
    limited = await startRateLimitedServer({ every: 9 }, token);
    const file = join(dir, 'load.html');
    // `load` runs its sync in a worker thread that only exists compiled (dist/).
    const run = await runMain(
      [
        'load',
        '--idp',
        'okta',
        '--users',
        '6',
        '--groups',
        '2',
        '--members-per-group',
        '3',
        '--concurrency',
        '3',
        '--changes',
        '2',
        '--base-url',
        limited.baseUrl,
        '--reporter',
        `html=${file}`,
      ],
      { env: { SCIM_CHECK_TOKEN: token }, compiled: true },
    );
    expect(run.code, run.stderr).toBe(0);
    // The summary still goes to stdout; its `total` row has the request count.
    const total = /^total\s+(\d+)/m.exec(run.stdout);
    expect(total, run.stdout).not.toBeNull();
    const { text, dom } = readPage(file);
    const load = one(dom, 'section#load');
    const metric = (name: string): number => Number(textOf(one(load, `[data-metric=${name}]`)));
    expect(metric('requests')).toBe(Number(total![1]));
    expect(metric('errors')).toBe(0);
    expect(limited.refused.length).toBeGreaterThan(0);
    expect(metric('429s')).toBe(limited.refused.length);
    expect(metric('throughput')).toBeGreaterThan(0);

    const kinds = select(load, '#request-kinds tbody tr');
    expect(kinds.map((row) => row.attributes.get('data-kind'))).toContain('createUser');
    expect(kinds.reduce((sum, row) => sum + Number(textOf(select(row, 'td')[1]!).replace(/,/g, '')), 0)).toBe(
      metric('requests'),
    );
    const chart = one(load, 'svg#latency-chart');
    const groups = select(chart, 'g.kind');
    expect(groups.map((group) => group.attributes.get('data-kind'))).toEqual(
      kinds.map((row) => row.attributes.get('data-kind')),
    );
    for (const group of groups) {
      const bars = select(group, 'rect');
      expect(bars.map((bar) => bar.attributes.get('class'))).toEqual(['p50', 'p95', 'p99']);
      const widths = bars.map((bar) => Number(bar.attributes.get('width')));
      // Percentiles never decrease, and each bar's tooltip has its value.
      expect(widths[0]!).toBeLessThanOrEqual(widths[1]!);
      expect(widths[1]!).toBeLessThanOrEqual(widths[2]!);
      expect(textOf(one(bars[2]!, 'title'))).toMatch(/ p99: \d+(\.\d+)? (ms|s)$/);
    }
    expect(text.match(/<script/gi)).toHaveLength(2);
  }, 120_000);
});
