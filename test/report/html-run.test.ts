import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCatalogueRow } from '../../src/checks/catalogue.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { type DeviantServer, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { closest, type Element, elements, one, parseHtml, select, textOf } from './html-dom.js';

/*
 * `scim-check run … --reporter html=FILE` against a server with one injected bug (it ignores
 * `remove` operations with a `members[value eq …]` filter): the page follows the DOM contract the
 * browser tests rely on (test/browser), puts the failing scenario first, groups findings by the
 * root cause the JSON report names, and carries everything a triager needs on each finding.
 */

const USER_LIFECYCLE = 'scenarios/okta-user-lifecycle.yaml';
const GROUP_PUSH = 'scenarios/okta-group-push.yaml';

let dir: string;
let server: DeviantServer;
let run: { code: number; stdout: string; stderr: string };
let page: string;
let dom: Element;
let report: JsonReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-html-run-'));
  server = await startDeviantServer(['remove-by-filter-ignored']);
  // The passing scenario first on the command line: the page must still show the failing one first.
  run = await runMain(
    [
      'run',
      USER_LIFECYCLE,
      GROUP_PUSH,
      '--base-url',
      server.baseUrl,
      '--reporter',
      `html=${join(dir, 'report.html')}`,
      '--reporter',
      `json=${join(dir, 'report.json')}`,
    ],
    { env: { SCIM_CHECK_TOKEN: server.token } },
  );
  page = readFileSync(join(dir, 'report.html'), 'utf8');
  dom = parseHtml(page);
  report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the HTML report of a failing run', () => {
  it('is written next to the pretty output, which still goes to stdout', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('✗ PATCH-MEMBERS-REMOVE');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(select(dom, 'main#report')).toHaveLength(1);
    // Without --standard there is no standards section.
    expect(select(dom, 'section#standards')).toHaveLength(0);
  });

  it('summarises target, profile, version, duration and the JSON report’s check counts', () => {
    const summary = one(dom, 'main#report section#summary');
    const counts = report.summary.checks;
    for (const name of ['passed', 'failed', 'warnings', 'skipped'] as const)
      expect(textOf(one(summary, `[data-count=${name}]`)), name).toBe(String(counts[name]));
    expect(counts.failed).toBeGreaterThan(0);
    expect(textOf(one(summary, '.target'))).toBe(server.baseUrl);
    expect(textOf(one(summary, '.profiles'))).toBe('okta');
    expect(textOf(one(summary, '.version'))).toBe(report.tool.version);
    expect(textOf(one(summary, '.duration'))).toMatch(/^\d+\.\d\d s$/);
  });

  it('shows the failed scenario first, each as a section with its slug and outcome', () => {
    const scenarios = select(dom, 'section.scenario');
    expect(scenarios.map((section) => [section.attributes.get('id'), section.attributes.get('data-outcome')])).toEqual([
      ['okta-group-push', 'failed'],
      ['okta-user-lifecycle', 'passed'],
    ]);
    // The JSON report keeps the run's order: the passing scenario ran first.
    expect(report.scenarios.map((scenario) => scenario.status)).toEqual(['passed', 'failed']);
  });

  it('has a step per scenario step, numbered as the pretty reporter numbers them, open only when it failed', () => {
    for (const scenario of report.scenarios) {
      const slug = scenario.file.replace(/^scenarios\//, '').replace(/\.yaml$/, '');
      for (const step of scenario.steps.filter((entry) => !['preflight', 'cleanup'].includes(entry.action))) {
        const id = `${slug}/${step.index + 1}`;
        const [details] = select(dom, `details.step[id=${id}]`);
        expect(details, id).toBeDefined();
        expect(details!.attributes.get('data-outcome'), id).toBe(step.status);
        expect(details!.attributes.has('open'), id).toBe(step.status === 'failed' || step.status === 'errored');
        expect(closest(details!, 'section.scenario')!.attributes.get('id')).toBe(slug);
        expect(textOf(one(details!, 'summary'))).toContain(`${step.index + 1} ${step.action}`);
        expect(one(details!, 'a.permalink').attributes.get('href')).toBe(`#${id}`);
      }
    }
  });

  it('puts every finding under the root cause the JSON report gives it', () => {
    const expected: string[] = [];
    for (const scenario of report.scenarios)
      for (const step of scenario.steps)
        for (const check of step.checks)
          if (check.status === 'failed')
            expected.push(`${scenario.file}#${step.index + 1} ${check.id} ${check.fingerprint}`);
    const actual = select(dom, 'article.finding').map((finding) => {
      const slug = closest(finding, 'section.scenario')!.attributes.get('id');
      const step = closest(finding, 'details.step')!.attributes.get('id')!.split('/')[1];
      const cause = closest(finding, 'section.root-cause')!.attributes.get('data-fingerprint');
      return `scenarios/${slug}.yaml#${step} ${finding.attributes.get('data-check')} ${cause}`;
    });
    expect(actual.sort()).toEqual(expected.sort());
    // The index above the scenarios names every root cause with its places.
    const index = one(dom, 'section#root-causes');
    for (const cause of report.rootCauses) expect(textOf(index)).toContain(cause.fingerprint);
    // …and links each step it showed in once, however many findings it has there.
    for (const entry of select(index, 'li')) {
      const links = select(entry, 'a').map((link) => link.attributes.get('href'));
      expect(links.length).toBeGreaterThan(0);
      expect(new Set(links).size).toBe(links.length);
    }
  });

  it('gives the finding its rule, RFC link, scenario line, request, response, diff and fix hint', () => {
    const finding = one(dom, 'article.finding[data-check=PATCH-MEMBERS-REMOVE][data-level=error]');
    const row = findCatalogueRow('PATCH-MEMBERS-REMOVE')!;
    expect(finding.attributes.get('data-idp')).toBe('okta');
    expect(textOf(one(finding, '.rule'))).toContain(`PATCH-MEMBERS-REMOVE ${row.requirement.slice(0, 30)}`);
    const rfc = one(finding, 'a.rfc');
    expect(rfc.attributes.get('href')).toBe('https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.2');
    expect(textOf(rfc)).toBe('RFC 7644 §3.5.2.2');
    const source = readFileSync(GROUP_PUSH, 'utf8').split('\n');
    const step = report.scenarios[1]!.steps.find((entry) =>
      entry.checks.some((check) => check.id === 'PATCH-MEMBERS-REMOVE'),
    );
    const where = textOf(one(finding, '.scenario-line'));
    expect(where).toContain(`${GROUP_PUSH}:${step!.line}:${step!.column}`);
    expect(where).toContain(source[step!.line - 1]!.trim());
    // The remove the IdP sent, then the read-back that still lists the member.
    const requests = select(finding, '.request pre').map(textOf);
    expect(requests[0]).toMatch(/^PATCH http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Groups\//);
    expect(requests[0]).toContain('{"op":"remove","path":"members[value eq');
    expect(requests[0]).toContain('authorization: Bearer [REDACTED]');
    expect(requests.at(-1)).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Groups\//);
    const readBack = select(finding, '.response pre').map(textOf).at(-1)!;
    expect(readBack).toMatch(/^HTTP 200\n/);
    expect(readBack).toContain('content-type: application/scim+json');
    expect(readBack).toContain('"members": [');
    const diff = one(finding, '.diff');
    expect(textOf(one(diff, 'td.expected'))).toContain('[');
    expect(textOf(one(diff, 'td.actual')).length).toBeGreaterThan(textOf(one(diff, 'td.expected')).length);
    const hint = textOf(one(finding, '.hint'));
    expect(hint).toContain(row.fixHint!);
    for (const { fix } of row.explanation?.bugs ?? []) expect(hint).toContain(fix);
    expect(hint).toContain('scim-check explain PATCH-MEMBERS-REMOVE');
  });

  it('has the filter form, hidden until the script shows it', () => {
    const form = one(dom, 'form#filters');
    expect(form.attributes.has('hidden')).toBe(true);
    const radios = select(form, 'input[name=show]');
    expect(radios.map((radio) => [radio.attributes.get('type'), radio.attributes.get('value')])).toEqual([
      ['radio', 'failed'],
      ['radio', 'warnings'],
      ['radio', 'all'],
    ]);
    expect(radios[0]!.attributes.has('checked')).toBe(true);
    const idps = select(form, 'select#filter-idp option').map((option) => option.attributes.get('value'));
    expect(idps).toEqual(['', 'okta']);
    const checks = select(form, 'select#filter-check option').map((option) => option.attributes.get('value'));
    expect(checks[0]).toBe('');
    expect(checks).toEqual(['', ...new Set(report.rootCauses.map((cause) => cause.checkId))].sort());
    expect(one(form, 'input#search').attributes.get('type')).toBe('search');
    const findings = select(dom, 'article.finding').length;
    expect(textOf(one(dom, 'p#filter-status'))).toBe(`${findings} of ${findings} findings shown`);
  });

  it('loads nothing: one inline style and one inline script, allowed by their hashes in the CSP', () => {
    const policy = one(dom, 'meta[http-equiv=Content-Security-Policy]').attributes.get('content');
    const style = textOf(one(dom, 'style'));
    const scripts = select(dom, 'script');
    expect(scripts.map((script) => script.attributes.get('type') ?? 'classic')).toEqual([
      'application/json',
      'classic',
    ]);
    expect(scripts[0]!.attributes.get('id')).toBe('report-data');
    expect(JSON.parse(textOf(scripts[0]!))).toMatchObject({
      report: 'run',
      findings: select(dom, 'article.finding').length,
    });
    expect(policy).toBe(
      `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(textOf(scripts[1]!))}; img-src data:`,
    );
    expect(select(dom, 'style')).toHaveLength(1);
    for (const element of elements(dom)) {
      expect(element.attributes.get('src') ?? '', element.tag).not.toMatch(/^\s*(https?:)?\/\//i);
      expect(element.attributes.has('style'), `${element.tag} has a style attribute the CSP would block`).toBe(false);
      if (element.tag === 'link') expect(element.attributes.get('href')).toMatch(/^data:/);
    }
    // RFC links are plain navigation, the only http(s) URLs outside text.
    for (const anchor of select(dom, 'a'))
      expect(anchor.attributes.get('href')).toMatch(/^(#|https:\/\/www\.rfc-editor\.org\/rfc\/)/);
  });
});

describe('waivers and the baseline, as the pretty reporter shows them', () => {
  /** The group push again, with `extra` options, its page parsed. */
  async function groupPushAgain(name: string, extra: string[]): Promise<{ code: number; page: Element }> {
    const html = join(dir, `${name}.html`);
    const again = await runMain(
      ['run', GROUP_PUSH, '--base-url', server.baseUrl, '--reporter', `html=${html}`, ...extra],
      {
        env: { SCIM_CHECK_TOKEN: server.token },
      },
    );
    return { code: again.code, page: parseHtml(readFileSync(html, 'utf8')) };
  }

  it('marks a waived failure and says what the waivers did', async () => {
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(
      waivers,
      ['- check: PATCH-MEMBERS-REMOVE', '  reason: "JIRA-9: filtered removes ignored"', '  until: 2099-12-31', ''].join(
        '\n',
      ),
    );
    const { code, page } = await groupPushAgain('waived', ['--waivers', waivers]);
    expect(code).toBe(0);
    const waived = select(page, 'article.finding[data-waived]');
    expect(waived.map((finding) => finding.attributes.get('data-check'))).toEqual(['PATCH-MEMBERS-REMOVE']);
    expect(textOf(one(waived[0]!, '.rule'))).toContain('○ waived');
    expect(textOf(one(waived[0]!, '.waiver'))).toBe('waived until 2099-12-31: JIRA-9: filtered removes ignored');
    expect(textOf(one(page, '#waivers'))).toContain('1 failure waived');
  }, 60_000);

  it('marks a failure the baseline already had as known', async () => {
    const { code, page } = await groupPushAgain('baseline', ['--baseline', join(dir, 'report.json')]);
    expect(code).toBe(1);
    expect(textOf(one(page, '#baseline'))).toMatch(
      /Baseline \(since .*report\.json\): 0 new, 0 fixed, 1 still failing/,
    );
    const known = one(page, 'article.finding[data-check=PATCH-MEMBERS-REMOVE][data-level=error]');
    expect(known.attributes.get('data-baseline')).toBe('known');
    expect(textOf(one(known, '.rule'))).toContain('known: in the baseline');
  }, 60_000);
});
