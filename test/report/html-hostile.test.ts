import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, scriptJson } from '../../src/report/html/markup.js';
import { tokenEncodings } from '../safety/hostile-secrets-encodings.js';
import { ATTACK_TEXT, type SecretEchoServer, startSecretEchoServer } from '../safety/hostile-secrets-server.js';
import { type DeviantServer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { type Element, elements, one, parseHtml, select, textOf } from './html-dom.js';

/*
 * The HTML report of a run against servers that attack it: one whose bodies, headers, Error
 * `detail` and resource attributes are markup meant to run in the reader's browser (and a scenario
 * whose own name and values are), one that echoes the bearer token in every spelling the
 * redactor knows (test/safety/hostile-secrets-server.ts). The page is parsed the way a browser
 * tokenises it: what escaped would show up as an element or an attribute.
 */

/** Markup that would run script or load something if it reached the page as markup. */
const ATTACKS = [
  '<script>window.__pwned=1</script>',
  '</script><script>window.__pwned=2</script>',
  '<img src=x onerror="window.__pwned=3">',
  '"><svg onload=window.__pwned=4>',
  "'><iframe src=https://evil.example/></iframe>",
  '</details></section></main><script>window.__pwned=5</script>',
  '<!-- <style>body{display:none}</style>',
];
const HOSTILE = ATTACKS.join(' ');
const SCIM_JSON = 'application/scim+json; charset=utf-8';

const isUser = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' &&
  body !== null &&
  JSON.stringify((body as { schemas?: unknown }).schemas).includes(':User');

/**
 * A reference server that answers every response with the attack in a header, refuses PATCH on a
 * group with an Error whose `detail` is the attack, and reads users back with the attack as their
 * title and, changed, their family name (so a state check quotes it as `actual`).
 */
function startMarkupServer(): Promise<DeviantServer> {
  return startHookedServer(
    [
      {
        request(request) {
          if (request.method === 'PATCH' && request.path.startsWith('/Groups/'))
            return {
              respond: {
                status: 400,
                headers: { 'content-type': SCIM_JSON, 'x-hostile': HOSTILE },
                body: {
                  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
                  status: '400',
                  scimType: 'invalidValue',
                  detail: HOSTILE,
                },
              },
            };
        },
        response(request, response) {
          response.headers['x-hostile'] = HOSTILE;
          if (request.method === 'GET' && /^\/Users\/[^/]+$/.test(request.path) && isUser(response.body)) {
            response.body.name = { ...(response.body.name as object), familyName: `${HOSTILE} (server)` };
            response.body.title = HOSTILE;
          }
        },
      },
    ],
    'html-hostile-token-7f3a9c21e5',
  );
}

/** A scenario whose own strings are the attack: its name, a user's family name, a step's label, the file name. */
function writeHostileScenario(dir: string): string {
  const file = join(dir, '"><img src=x onerror=alert(7)>.yaml');
  writeFileSync(
    file,
    [
      `name: ${JSON.stringify(`hostile ${HOSTILE}`)}`,
      'idp: okta',
      'users:',
      `  alice: { givenName: Alice, familyName: ${JSON.stringify(HOSTILE)}, email: "alice.{{run}}@example.com" }`,
      'groups:',
      '  eng: { displayName: "Engineering {{run}}" }',
      'steps:',
      '  - testConnection',
      '  - assignUser: alice',
      '  - pushGroup: eng',
      '    members: [alice]',
      '  - removeMembers: { group: eng, users: [alice] }',
      `  - name: ${JSON.stringify(HOSTILE)}`,
      '    request: { method: GET, path: /Users, query: { count: "1" } }',
      '    expect: { status: 299 }',
      '  - unlinkGroup: eng',
      '    deleteInTarget: true',
      '',
    ].join('\n'),
  );
  return file;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-html-hostile-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The attribute names and tags a page of ours may have; anything else got in from outside. */
function unexpectedMarkup(page: Element): string[] {
  const found: string[] = [];
  for (const element of elements(page)) {
    if (['img', 'svg', 'iframe', 'object', 'embed', 'base', 'frame'].includes(element.tag))
      found.push(`<${element.tag}>`);
    for (const name of element.attributes.keys()) if (/^on/i.test(name)) found.push(`${element.tag} ${name}=`);
  }
  return found;
}

describe('a server and a scenario that send markup', () => {
  let server: DeviantServer;
  let page: string;
  let dom: Element;

  beforeAll(async () => {
    server = await startMarkupServer();
    const html = join(dir, 'markup.html');
    const run = await runMain(
      [
        'run',
        writeHostileScenario(dir),
        '--base-url',
        server.baseUrl,
        '--reporter',
        `html=${html}`,
        '--timeout',
        '5000',
      ],
      { env: { SCIM_CHECK_TOKEN: server.token } },
    );
    expect(run.code, run.stderr).toBe(1);
    page = readFileSync(html, 'utf8');
    dom = parseHtml(page);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('keeps to the two script elements of the page shell, and no markup of theirs', () => {
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(select(dom, 'script')).toHaveLength(2);
    expect(page).not.toMatch(/<(img|svg|iframe|!--)/i);
    expect(unexpectedMarkup(dom)).toEqual([]);
    // The structure the attack tried to close is intact: every step is inside its scenario, in main.
    for (const step of select(dom, 'details.step'))
      expect(select(dom, 'main#report section.scenario details.step')).toContain(step);
    expect(select(dom, 'section.scenario')).toHaveLength(1);
  });

  it('shows the attack as text where it came: Error detail, headers, attribute values, the scenario', () => {
    const visible = (selector: string): string => select(dom, selector).map(textOf).join('\n');
    const responses = visible('article.finding .response pre');
    expect(responses).toContain(`"detail": ${JSON.stringify(HOSTILE)}`);
    expect(responses).toContain(`x-hostile: ${HOSTILE}`);
    expect(visible('article.finding .diff td.actual')).toContain(JSON.stringify(`${HOSTILE} (server)`));
    expect(visible('article.finding .diff td.expected')).toContain(JSON.stringify(HOSTILE));
    expect(visible('section.scenario header h2')).toContain(`hostile ${HOSTILE}`);
    expect(visible('details.step summary')).toContain(HOSTILE);
    expect(visible('.scenario-line')).toContain('"><img src=x onerror=alert(7)>.yaml');
    // And in the script's data, with no `<` to close the element.
    const data = select(dom, 'script#report-data')[0]!;
    expect(textOf(data)).not.toMatch(/[<>&]/);
  });

  it('escapes data for the page script so no text can close its element', () => {
    const json = scriptJson({ name: HOSTILE, separator: '\u2028' }).text;
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ name: HOSTILE, separator: '\u2028' });
  });

  it('gives the scenario an id a fragment can name', () => {
    expect(select(dom, 'section.scenario')[0]!.attributes.get('id')).toBe('-img-src-x-onerror-alert-7-');
  });
});

describe('a server that echoes the token in every spelling', () => {
  const TOKEN = 'Sentinel/9d2f+7a41?c0~Zq/x';
  let server: SecretEchoServer;
  let page: string;

  beforeAll(async () => {
    server = await startSecretEchoServer(TOKEN);
    const html = join(dir, 'secrets.html');
    const run = await runMain(
      [
        'run',
        'scenarios/okta-group-push.yaml',
        '--base-url',
        server.baseUrl,
        '--reporter',
        `html=${html}`,
        '--timeout',
        '5000',
      ],
      { env: { SCIM_CHECK_TOKEN: server.token } },
    );
    expect(run.code, run.stderr).toBe(1);
    page = readFileSync(html, 'utf8');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('writes no spelling of the token, HTML-escaped or not', () => {
    expect(server.made.size).toBeGreaterThan(5);
    expect(page).toContain('[REDACTED]');
    const leaks = tokenEncodings(TOKEN).flatMap((encoding) =>
      [encoding.text, escapeHtml(encoding.text)]
        .filter((text) => page.includes(text))
        .map((text) => `${encoding.name}: ${text}`),
    );
    expect(leaks).toEqual([]);
  });

  it('shows a step that errored as a finding of its own, under its error code', () => {
    const dom = parseHtml(page);
    const errored = select(dom, 'details.step[data-outcome=errored]');
    expect(errored.length).toBeGreaterThan(0);
    for (const step of errored) {
      expect(step.attributes.has('open')).toBe(true);
      const [finding] = select(step, 'article.finding[data-kind=error]');
      expect(finding?.attributes.get('data-level')).toBe('error');
      const code = finding!.attributes.get('data-check')!;
      expect(textOf(one(step, 'summary'))).toContain(`errored: ${code}`);
      expect(textOf(one(finding!, '.message')).length).toBeGreaterThan(0);
    }
  });

  it('shows the server’s Markdown and terminal attacks as text', () => {
    const dom = parseHtml(page);
    expect(unexpectedMarkup(dom)).toEqual([]);
    expect(page.match(/<script/gi)).toHaveLength(2);
    // Control characters are written as visible escapes (bidi overrides reorder what a reader sees).
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // The Markdown attack's `<img src=x>` is there, as text.
    expect(textOf(dom)).toContain(ATTACK_TEXT.slice(0, ATTACK_TEXT.indexOf('<a href=y>')));
  });
});
