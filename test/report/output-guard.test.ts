import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/engine/results.js';
import { markdownText } from '../../src/report/github/markdown-text.js';
import { neutraliseWorkflowCommands } from '../../src/report/github/workflow-command.js';
import { createOutputGuard, guardStream, writeOwnWorkflowCommands } from '../../src/report/output-guard.js';
import { createReporter } from '../../src/report/registry.js';
import { inertText, terminalText } from '../../src/report/terminal-text.js';
import { eventsOf, exchange, failingScenario, renderReporter, runResult, sourceOf, step } from './fixtures.js';
import { FakeTerminal, MemoryStream } from './memory-stream.js';

/*
 * Issue 11, the sink side: the output guard every stream and report file goes through, and the
 * rules that make server text inert (terminal escapes, GitHub workflow commands, Markdown).
 */

const TOKEN = 'Sentinel-9d2f7a41c0~Tok_en.Xy~Zq';
const ESCAPES = '\u001b]0;title\u0007\u001b[2J\u001b]52;c;UFdORUQ=\u0007\u009b2J\u202eevil\rCR';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('inert text', () => {
  it('shows escape sequences, C1 controls, CR and bidi overrides as \\u escapes; keeps tab and newline', () => {
    expect(inertText(`${ESCAPES}\tTAB\nNL`)).toBe(
      '\\u001b]0;title\\u0007\\u001b[2J\\u001b]52;c;UFdORUQ=\\u0007\\u009b2J\\u202eevil\\u000dCR\tTAB\nNL',
    );
  });

  it("lets scim-check's own colours through on a terminal, and nothing else that moves the cursor", () => {
    const coloured = '\u001b[31m\u001b[1mfail\u001b[22m\u001b[39m';
    expect(terminalText(coloured, { progress: false })).toBe(coloured);
    expect(terminalText('\u001b[8mhidden\u001b[2K\r', { progress: false })).toBe('\\u001b[8mhidden\\u001b[2K\\u000d');
    // A spinner on an interactive stderr erases its own line.
    expect(terminalText('\r\u001b[2K\u001b[?25l', { progress: true })).toBe('\r\u001b[2K\u001b[?25l');
    expect(terminalText('\u001b]0;title\u0007', { progress: true })).toBe('\\u001b]0;title\\u0007');
  });
});

describe('workflow commands from a server', () => {
  it('are broken at line starts (after whitespace, after CR or LF) and wherever ##[ occurs', () => {
    const text = '::error::a\n  ::add-mask::b\r::stop-commands::c\nsay ##[error]d\nx::not-at-start::e';
    const shown = neutraliseWorkflowCommands(text);
    expect(shown.split(/\r|\n/).filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
    expect(shown.replace(/\u200b/g, '')).toBe(text);
    expect(shown).toContain('x::not-at-start::e');
  });

  it("leave scim-check's own annotations commands", () => {
    expect(neutraliseWorkflowCommands('::error file=a.yaml::msg ##[x]\n', true)).toBe(
      '::error file=a.yaml::msg #\u200b#[x]\n',
    );
  });
});

describe('Markdown from a server', () => {
  it('renders as text: no link, image, HTML, autolink, code span or table cell break', () => {
    expect(markdownText('[x](http://e.example) ![i](u) <img src=x> `code` a|b www.e.example *em* &amp;\nnext')).toBe(
      '\\[x\\](http\\://e.example) \\!\\[i\\](u) \\<img src=x\\> \\`code\\` a\\|b www\\.e.example \\*em\\* \\&amp; next',
    );
  });
});

describe('the output guard', () => {
  it('redacts every spelling of a protected secret in everything written afterwards', async () => {
    const guard = createOutputGuard({ githubActions: false });
    const file = new MemoryStream();
    const out = guardStream(file, guard, { kind: 'file' });
    out.write(`before ${TOKEN}\n`);
    guard.protect([TOKEN, undefined]);
    out.write(`after ${TOKEN} ${Buffer.from(TOKEN).toString('base64')} ${TOKEN.toLowerCase()}\n`);
    await new Promise<void>((resolve) => out.end(resolve));
    expect(file.text()).toBe(`before ${TOKEN}\nafter [REDACTED] [REDACTED] [REDACTED]\n`);
  });

  it('makes stdout and stderr inert, and under GitHub Actions lets only its own annotations run', async () => {
    const guard = createOutputGuard({ githubActions: true });
    const stdout = new MemoryStream();
    const out = guardStream(stdout, guard, { kind: 'terminal' });
    out.write(`server says: ${ESCAPES}\n::error::pwned\n`);
    await writeOwnWorkflowCommands(out, '::error file=a.yaml::ours\n');
    expect(stdout.text()).toBe(
      'server says: \\u001b]0;title\\u0007\\u001b[2J\\u001b]52;c;UFdORUQ=\\u0007\\u009b2J\\u202eevil\\u000dCR\n:\u200b:error::pwned\n::error file=a.yaml::ours\n',
    );
  });

  it("is the stream otherwise: isTTY, cursor methods and listeners are the real stream's, and it wraps only once", () => {
    const guard = createOutputGuard({ githubActions: false });
    const terminal = new FakeTerminal();
    const out = guardStream(terminal, guard, { kind: 'terminal', progress: true });
    expect(out.isTTY).toBe(true);
    expect(out.cursorTo(0)).toBe(true);
    const listener = (): void => {};
    out.on('error', listener);
    expect(terminal.listenerCount('error')).toBe(1);
    out.off('error', listener);
    expect(terminal.listenerCount('error')).toBe(0);
    expect(guardStream(out, guard, { kind: 'file' })).toBe(out);
  });

  it('lets a spinner draw on an interactive stderr behind it', async () => {
    const terminal = new FakeTerminal();
    const err = guardStream(terminal, createOutputGuard({ githubActions: false }), {
      kind: 'terminal',
      progress: true,
    });
    const reporter = createReporter('pretty', {
      out: new MemoryStream(),
      err,
      color: true,
      interactive: true,
      verbose: false,
      sourceOf,
    });
    const result = runResult([failingScenario()]);
    for (const event of eventsOf(result)) reporter.onEvent?.(event);
    await expect.poll(() => terminal.text(), { timeout: 5_000 }).toContain('okta-group-push');
    await reporter.finish(result);
    // ora's cursor and colour sequences pass; had the guard escaped them they would show as text.
    expect(terminal.text()).not.toContain('\\u001b');
  });
});

describe('reporters behind the guard', () => {
  /** A failing scenario whose server echoed the token (base64) and escapes into a check's actual value and a body. */
  function echoingScenario(): ScenarioResult {
    const scenario = failingScenario();
    scenario.steps.push(
      step({
        index: 9,
        action: 'request',
        line: 14,
        status: 'failed',
        exchanges: [
          exchange(90, 'GET', '/Users/1', {
            status: 200,
            responseBody: { userName: Buffer.from(TOKEN).toString('base64'), note: `${ESCAPES}\n::warning::pwned` },
          }),
        ],
        checks: [
          {
            id: 'READ-200',
            title: 'read back',
            rfc: 'RFC 7644 §3.4.1',
            level: 'error',
            status: 'failed',
            message: `got ${ESCAPES}`,
            exchangeId: 90,
            findings: [{ message: 'differs', path: '$.userName', expected: 'alice', actual: TOKEN }],
          },
        ],
      }),
    );
    return scenario;
  }

  it.each(['pretty', 'json', 'junit', 'github'] as const)(
    '%s: the output is redacted through the guard the context carries',
    async (name) => {
      const guard = createOutputGuard({ githubActions: false });
      guard.protect([TOKEN]);
      const dir = mkdtempSync(join(tmpdir(), 'scim-check-guard-'));
      dirs.push(dir);
      const stepSummaryPath = join(dir, 'summary.md');
      const { out } = await renderReporter(name, runResult([echoingScenario()]), { guard, stepSummaryPath });
      const summary = name === 'github' ? readFileSync(stepSummaryPath, 'utf8') : '';
      for (const text of [out, summary]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
      }
      expect(`${out}${summary}`).toContain('[REDACTED]');
    },
  );

  it("pretty: server escapes are shown even with colour on, between scim-check's own colour codes", async () => {
    const { out } = await renderReporter('pretty', runResult([echoingScenario()]), { color: true });
    expect(out).toContain('\u001b[31m');
    expect(out).toContain('got \\u001b]0;title\\u0007');
    expect(out.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u001b\u009b\u202e\r]/);
  });

  it('github: server text in the job summary is escaped Markdown, outside and inside the fenced diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-guard-'));
    dirs.push(dir);
    const stepSummaryPath = join(dir, 'summary.md');
    await renderReporter('github', runResult([echoingScenario()]), { stepSummaryPath });
    const summary = readFileSync(stepSummaryPath, 'utf8');
    expect(summary).toContain('READ-200');
    expect(summary).not.toMatch(/[\u001b\u009b\u202e\r]/);
  });
});
