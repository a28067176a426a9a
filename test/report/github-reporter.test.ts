import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/check-result.js';
import type { RunResult } from '../../src/engine/results.js';
import { MAX_ANNOTATIONS_PER_STEP } from '../../src/report/github/annotations.js';
import { workflowCommand } from '../../src/report/github/workflow-command.js';
import { createReporter } from '../../src/report/registry.js';
import { rfcLinks } from '../../src/report/rfc-link.js';
import {
  failingScenario,
  passingScenario,
  renderReporter,
  runResult,
  skippedScenario,
  sourceOf,
  step,
} from './fixtures.js';
import { MemoryStream } from './memory-stream.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function githubOf(result: RunResult): Promise<{ annotations: string; summary: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-gh-'));
  dirs.push(dir);
  const summaryPath = join(dir, 'summary.md');
  const { out } = await renderReporter('github', result, { stepSummaryPath: summaryPath });
  let summary = '';
  try {
    summary = readFileSync(summaryPath, 'utf8');
  } catch {
    summary = '';
  }
  return { annotations: out, summary };
}

const mixedRun = () => runResult([passingScenario(), failingScenario(), skippedScenario()]);

/** Six different problems (numbers in a message are counts to a fingerprint, so letters tell them apart). */
function failed(id: string, n: number): CheckResult {
  return {
    id,
    title: `title ${n}`,
    rfc: 'RFC 7644 §3.5.2.1',
    level: 'error',
    status: 'failed',
    message: `problem ${'abcdefgh'[n]}`,
  };
}

describe('github reporter', () => {
  it('annotates each problem at its scenario step (snapshot)', async () => {
    const { annotations } = await githubOf(mixedRun());
    await expect(annotations).toMatchFileSnapshot('__snapshots__/github-annotations.txt');
    const lines = annotations.trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^::error file=scenarios\/okta-group-push\.yaml,line=13,col=5,title=PATCH-MEMBERS-REPLACE \(RFC 7644 §3\.5\.2\.3\)::Okta group push › 4 removeMembers eng: bob is still a member/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^::warning file=scenarios\/okta-group-push\.yaml,line=11,col=5,title=META-LOCATION/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^::error file=scenarios\/okta-group-push\.yaml,line=14,col=5,title=5 renameGroup eng%3A TIMEOUT::/,
      ),
    );
    // Info-level findings never annotate; every annotation is one line.
    expect(annotations).not.toContain('PATCH-RETURN-200');
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) /);
  });

  it('appends a Markdown summary with a per-IdP table and RFC links (snapshot)', async () => {
    const { summary } = await githubOf(mixedRun());
    await expect(summary).toMatchFileSnapshot('__snapshots__/github-summary.md');
    expect(summary).toContain(
      '| IdP | Scenarios | Passed | Failed | Errored | Skipped | Checks failed | Warnings | Waived |',
    );
    expect(summary).toContain('| okta | 2 | 1 | 0 | 1 | 0 | 1 | 1 | 0 |');
    expect(summary).toContain('| entra | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 |');
    expect(summary).toContain('[RFC 7644 §3.5.2.3](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3)');
    expect(summary).toContain('### Runtime errors (2)');
  });

  it('caps annotations per step with a notice', async () => {
    const scenario = passingScenario();
    scenario.status = 'failed';
    scenario.steps.push(
      step({
        index: 2,
        action: 'pushGroup',
        line: 12,
        status: 'failed',
        checks: [1, 2, 3, 4, 5, 6].map((n) => failed('PATCH-MEMBERS-ADD', n)),
      }),
    );
    const { annotations, summary } = await githubOf(runResult([scenario]));
    const lines = annotations.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error'))).toHaveLength(MAX_ANNOTATIONS_PER_STEP);
    expect(lines.at(-1)).toBe(
      '::notice file=scenarios/okta-user-lifecycle.yaml,line=12,col=5,title=3 pushGroup%3A 3 more::3 more findings in Okta user lifecycle › 3 pushGroup; the job summary lists them all',
    );
    // The summary still lists all six.
    expect(summary.match(/^- \*\*PATCH-MEMBERS-ADD\*\*/gm)).toHaveLength(6);
  });

  it('writes no annotations for a passing run, and no summary without a summary path', async () => {
    const out = new MemoryStream();
    const reporter = createReporter('github', {
      out,
      err: new MemoryStream(),
      color: false,
      interactive: false,
      verbose: false,
      sourceOf,
    });
    await reporter.finish(runResult([passingScenario()]));
    expect(out.text()).toBe('');
    const { summary } = await githubOf(runResult([passingScenario()]));
    expect(summary).toMatch(/^## scim-check: ✅ 1 of 1 scenarios passed/);
  });

  it('escapes workflow-command data and properties', () => {
    expect(
      workflowCommand({
        level: 'error',
        file: 'a,b:c.yaml',
        line: 3,
        title: 'x: y, z',
        message: '100% sure\nnext line\r',
      }),
    ).toBe('::error file=a%2Cb%3Ac.yaml,line=3,title=x%3A y%2C z::100%25 sure%0Anext line%0D');
  });

  it('links every RFC reference of a catalogue rfc field', () => {
    expect(rfcLinks('RFC 7643 §5; RFC 7644 §3.12 (Table 8)')).toEqual([
      { text: 'RFC 7643 §5', url: 'https://www.rfc-editor.org/rfc/rfc7643#section-5' },
      { text: 'RFC 7644 §3.12', url: 'https://www.rfc-editor.org/rfc/rfc7644#section-3.12' },
    ]);
    expect(rfcLinks('RFC 7235')).toEqual([{ text: 'RFC 7235', url: 'https://www.rfc-editor.org/rfc/rfc7235' }]);
  });
});
