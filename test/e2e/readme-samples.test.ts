import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrokenServer, startBrokenServer } from '../support/broken-server.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

/*
 * The README's sample outputs, produced again by the tool as it is now. Each sample is the
 * fenced block after a `<!-- sample: NAME … -->` comment; this file runs the command that
 * printed it and compares, after normalising only what differs from run to run: durations,
 * ports, ids, the per-run token and what is derived from it. Counts, check IDs, line numbers and
 * wording are compared as they are, so a sample that goes stale fails here: rerun the command
 * and paste its output.
 */

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The fenced block after `<!-- sample: NAME`, without its fences. */
function sample(name: string): string {
  const marker = README.indexOf(`<!-- sample: ${name} `);
  if (marker === -1) throw new Error(`README.md has no sample named ${name}`);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(README.slice(marker));
  if (block === null) throw new Error(`README.md: no fenced block after the sample marker ${name}`);
  return block[1]!;
}

/** What legitimately differs between two runs of the same command, replaced by placeholders. */
function normalise(text: string): string {
  // The per-run `{{run}}` token, wherever it appears (user names, group names).
  const run = /\balice\.([0-9a-z]+)@example\.com/.exec(text)?.[1];
  const withoutRun = run === undefined ? text : text.replaceAll(run, '<run>');
  return (
    withoutRun
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>')
      .replace(/\b(127\.0\.0\.1|localhost):\d+/g, '$1:<port>')
      .replace(/\b\d+(?:\.\d+)? (?:ms|s)\b/g, '<duration>')
      // Okta's externalId and the password it sends are hashed from the userName (run token).
      .replace(/\b00u[0-9a-z]{7}/g, '00u<hash>')
      .replace(/"password":"[^"]*"/g, '"password":"<password>"')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim()
  );
}

let server: BrokenServer | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('README samples are what the tool prints today', () => {
  it('readiness: the Entra gallery table of the embedded server, over OAuth client credentials', async () => {
    const run = await runMain(['readiness', 'entra-gallery']);
    expect(run.code, run.stderr).toBe(0);
    expect(normalise(`$ npx scim-check readiness entra-gallery\n${run.stdout}`)).toBe(
      normalise(sample('readiness-entra')),
    );
  });

  it('quick start: run scenarios/okta-group-push.yaml against the embedded server', async () => {
    const run = await runMain(['run', 'scenarios/okta-group-push.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(normalise(run.stdout)).toBe(normalise(sample('quick-start')));
  });

  it('a failure: the same scenario against a server that ignores active:false', async () => {
    server = await startBrokenServer({
      rewriteRequest(method, path, body) {
        if (method !== 'PATCH' || !path.startsWith('/Users/')) return undefined;
        const patch = body as { Operations?: { value?: unknown }[] };
        return {
          ...patch,
          Operations: (patch.Operations ?? []).map((operation) =>
            JSON.stringify(operation.value) === '{"active":false}'
              ? { ...operation, value: { active: true } }
              : operation,
          ),
        };
      },
    });
    const run = await runMain(['run', 'scenarios/okta-group-push.yaml', '--base-url', server.baseUrl], {
      env: { SCIM_CHECK_TOKEN: server.token },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(normalise(run.stdout)).toBe(normalise(sample('failure')));
  });

  it('dry run: the start of run okta-group-push --dry-run', async () => {
    const run = await runMain(['run', 'okta-group-push', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    const shown = normalise(sample('dry-run'));
    const printed = normalise(run.stdout).split('\n');
    expect(shown.split('\n').length).toBeGreaterThan(5);
    expect(printed.slice(0, shown.split('\n').length).join('\n')).toBe(shown);
  });

  it('GitHub Actions: the workflow excerpt is a slice of what init writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-readme-'));
    dirs.push(dir);
    const init = await runMain(['init', dir]);
    expect(init.code, init.stderr).toBe(0);
    const workflow = readFileSync(join(dir, '.github/workflows/scim-check.yml'), 'utf8');
    const excerpt = sample('init-workflow');
    expect(excerpt.split('\n').length).toBeGreaterThan(5);
    expect(workflow).toContain(excerpt);
    const starter = readFileSync(join(dir, 'scim-check/scenarios/starter.yaml'), 'utf8');
    expect(README).toContain(`(\`${starter.split('\n')[0]!.replace('# yaml-language-server: ', '')}\`)`);
  });

  it('the rows not checked yet, as list checks names them', async () => {
    const run = await runMain(['list', 'checks', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const notChecked = (JSON.parse(run.stdout) as { checks: { id: string; implemented: boolean }[] }).checks
      .filter((row) => !row.implemented)
      .map((row) => row.id);
    const said = /^Not checked \((\d+) rows, with reasons in `list checks`\): ([^.]+)\.$/m.exec(
      README.replace(/(?<=\S)\n(?=\S)/g, ' '),
    );
    expect(said, 'README: "Not checked (N rows, with reasons in `list checks`): …."').not.toBeNull();
    expect(Number(said![1])).toBe(notChecked.length);
    expect(said![2]!.split(', ').sort()).toEqual([...notChecked].sort());
  });

  it('the install instructions name the tarball this version packs', () => {
    const named = [...README.matchAll(/scim-check-(\d+\.\d+\.\d+[^\s`]*?)\.tgz/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([VERSION]));
  });

  it('cites only what a user has: no team notes outside the repository', () => {
    expect(README).not.toMatch(/\.\.\/shared|SPEC-CHECKS|IDP-NOTES/);
  });
});
