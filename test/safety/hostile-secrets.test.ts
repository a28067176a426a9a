import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';
import { tokenEncodings } from './hostile-secrets-encodings.js';
import { type SecretEchoServer, startSecretEchoServer } from './hostile-secrets-server.js';

/*
 * Issue 11: a server that echoes the bearer token in every spelling it can think of, and fills its
 * text with terminal escapes, GitHub workflow commands and Markdown. Every output of every reporter
 * (stdout, stderr, each file, the job summary) is searched for every spelling of the token, for raw
 * escape bytes, and for workflow commands the runner would execute.
 */

/** Header-name safe (RFC 9110 tchar only), and its base64 holds `+` at some offsets. */
const TOKEN_A = 'Sentinel-9d2f7a41c0~Tok_en.Xy~Zq';
/** With `/` and `?`, so JSON `\/` escaping and base64 `/` both occur. */
const TOKEN_B = 'Sentinel/9d2f+7a41?c0~Zq/x';

/** Any escape byte, C1 control or bidi embedding, override or isolate. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Our own annotations: `::error file=…` etc., as src/report/github/workflow-command.ts writes them. */
const OWN_ANNOTATION = /^::(?:error|warning|notice) (?:file|title)=[^\r\n]*$/;

interface Outputs {
  code: number;
  texts: Record<string, string>;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-hostile-secrets-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `scim-check run` with `stdoutReporter` on stdout and every other reporter to a file; returns every output. */
async function runEveryReporter(
  server: SecretEchoServer,
  name: string,
  stdoutReporter: 'pretty' | 'json' | 'junit' | 'har',
): Promise<Outputs> {
  const files: Record<string, string> = {
    pretty: join(dir, `${name}.txt`),
    json: join(dir, `${name}.json`),
    junit: join(dir, `${name}.xml`),
    har: join(dir, `${name}.har`),
    summary: join(dir, `${name}.md`),
  };
  const reporters = ['pretty', 'json', 'junit', 'har'].flatMap((reporter) => [
    '--reporter',
    reporter === stdoutReporter ? reporter : `${reporter}=${files[reporter]}`,
  ]);
  const run = await runMain(
    [
      'run',
      'scenarios/okta-group-push.yaml',
      '--base-url',
      server.baseUrl,
      '--verbose',
      '--timeout',
      '5000',
      ...reporters,
    ],
    {
      env: { SCIM_CHECK_TOKEN: server.token, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: files.summary! },
    },
  );
  const texts: Record<string, string> = { stdout: run.stdout, stderr: run.stderr };
  for (const [output, file] of Object.entries(files)) {
    if (output === stdoutReporter) continue;
    expect(existsSync(file), `${output} was written`).toBe(true);
    texts[output] = readFileSync(file, 'utf8');
  }
  return { code: run.code, texts };
}

/** `where: encoding name` for every spelling of the token found in any output. */
function leaks(token: string, texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [output, text] of Object.entries(texts)) {
    for (const encoding of tokenEncodings(token))
      if (text.includes(encoding.text)) found.push(`${output}: ${encoding.name} (${encoding.text})`);
  }
  return found;
}

/** Lines the GitHub runner would run as workflow commands that scim-check did not write itself. */
function foreignWorkflowCommands(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => (/^\s*::/.test(line) && !OWN_ANNOTATION.test(line)) || line.includes('##['));
}

/** The Markdown outside fenced code blocks (inside a fence, nothing renders). */
function outsideFences(markdown: string): string {
  return markdown.replace(/^( *)(`{3,})[^\n]*\n[\s\S]*?^\1\2\s*$/gm, '');
}

describe.each([
  ['a header-name-safe token', TOKEN_A],
  ['a token with / and ?', TOKEN_B],
])('a server echoing %s in every spelling', (_label, token) => {
  let server: SecretEchoServer;
  const runs: Record<string, Outputs> = {};

  beforeAll(async () => {
    server = await startSecretEchoServer(token);
    for (const stdoutReporter of ['pretty', 'json', 'junit', 'har'] as const)
      runs[stdoutReporter] = await runEveryReporter(server, `${token.length}-${stdoutReporter}`, stdoutReporter);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('made every attack, and the runs got far enough to report on it', () => {
    expect([...server.made].sort()).toEqual(
      [
        'chunked',
        'errorDetail',
        'json',
        'location',
        'textBody',
        'userReadBack',
        'redirect',
        'headerValues',
        'headerNames',
      ].sort(),
    );
    for (const [name, run] of Object.entries(runs)) expect(run.code, `${name}: ${run.texts.stderr}`).toBe(1);
    const pretty = runs.pretty!.texts;
    expect(pretty.stdout).toContain('[REDACTED]');
    expect(pretty.stdout).toMatch(/^::error file=scenarios\/okta-group-push\.yaml/m);
    expect(pretty.summary).toContain('### Failures');
    expect(pretty.junit).toContain('<failure');
    const har = JSON.parse(pretty.har!) as {
      log: { entries: { response: { headers: { name: string; value: string }[] } }[] };
    };
    expect(har.log.entries.length).toBeGreaterThan(10);
  });

  it('no output holds the token in any spelling', () => {
    for (const [name, run] of Object.entries(runs))
      expect(leaks(token, run.texts).join('\n'), `stdout reporter ${name}`).toBe('');
  });

  it('documents on stdout stay parseable after redaction and escaping', () => {
    expect(() => JSON.parse(runs.json!.texts.stdout!)).not.toThrow();
    expect(() => JSON.parse(runs.har!.texts.stdout!)).not.toThrow();
    expect(runs.junit!.texts.stdout).toMatch(/^<\?xml[\s\S]*<\/testsuites>\n$/);
  });

  it('stdout and stderr carry no raw escape, C1 or bidi control characters', () => {
    for (const [name, run] of Object.entries(runs)) {
      for (const output of ['stdout', 'stderr'])
        expect(run.texts[output]!.match(RAW_CONTROL) ?? [], `${name} run, ${output}`).toEqual([]);
    }
    // Shown, escaped: the reader can still see what the server sent.
    expect(runs.pretty!.texts.stdout).toContain('\\u001b]0;PWNED-TITLE');
  });

  it('the job summary, the JUnit report and a pretty report file carry no raw escape or bidi characters', () => {
    for (const run of Object.values(runs)) {
      for (const output of ['summary', 'junit', 'pretty'])
        if (run.texts[output] !== undefined) expect(run.texts[output]!.match(RAW_CONTROL) ?? [], output).toEqual([]);
    }
  });

  it('under GitHub Actions, no server text runs as a workflow command; our own annotations still do', () => {
    for (const [name, run] of Object.entries(runs)) {
      expect(foreignWorkflowCommands(run.texts.stdout!).join('\n'), `${name} run, stdout`).toBe('');
      expect(foreignWorkflowCommands(run.texts.stderr!).join('\n'), `${name} run, stderr`).toBe('');
    }
    // Annotations go to stdout next to pretty text, to stderr when stdout carries a document.
    expect(runs.pretty!.texts.stdout).toMatch(/^::error file=/m);
    expect(runs.json!.texts.stderr).toMatch(/^::error file=/m);
  });

  it('the job summary renders no link, image or HTML from the server', () => {
    const markdown = outsideFences(runs.pretty!.texts.summary!);
    expect(markdown).toContain('evil.example');
    // Each may appear backslash-escaped (`\[x\]\(…`, `\<img`), which Markdown shows as text.
    expect(markdown).not.toMatch(/(?<!\\)\]\([^)]*evil/);
    expect(markdown).not.toMatch(/(?<!\\)!\[/);
    expect(markdown).not.toMatch(/(?<!\\)<(?:img|a)\b/);
    expect(markdown).not.toMatch(/(?<!\\):\/\/evil/);
  });
});
