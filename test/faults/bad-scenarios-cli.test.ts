import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

/*
 * The golden diagnostics (test/scenario/golden-diagnostics.test.ts) pin the loader's messages;
 * this pins what a user sees from `scim-check run` on the same files: exit 2, the position of
 * the problem, nothing sent, no stack trace.
 */

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('scim-check run refuses bad scenario files with exit 2 and a position', () => {
  it.each([
    ['yaml-tab-indent', /yaml-tab-indent\.yaml:4:1/],
    ['yaml-unclosed-quote', /yaml-unclosed-quote\.yaml:\d+:\d+/],
    ['yaml-duplicate-key', /yaml-duplicate-key\.yaml:\d+:\d+/],
    ['wrong-type-boolean', /wrong-type-boolean\.yaml:\d+:\d+/],
    ['unknown-action', /did you mean "assignUser"\?/],
    ['unknown-user-ref', /unknown-user-ref\.yaml:\d+:\d+/],
    ['alias-bomb', /too many alias expansions/],
    ['non-utf8', /not valid UTF-8/],
    ['empty-file', /empty-file\.yaml:1:1/],
  ])('%s', async (name, expected) => {
    const run = await runMain(['run', `fixtures/bad-scenarios/${name}.yaml`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).toMatch(/nothing was run/);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.stdout).toBe('');
  });

  it('a huge file is refused without being parsed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scim-check-huge-'));
    try {
      const file = join(dir, 'huge.yaml');
      await writeFile(file, `name: Huge\nsteps:\n${'  - testConnection\n'.repeat(400_000)}`);
      const run = await runMain(['run', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/huge\.yaml:1:1/);
      expect(run.stderr).not.toMatch(NO_STACK);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing path, and a directory without scenarios', async () => {
    const missing = await runMain(['run', 'no/such/scenario.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/scenario not found: no\/such\/scenario\.yaml/);
    // A typo next to real files, and a typo of a built-in name, each get the name they meant.
    const typo = await runMain(['run', 'scenarios/okta-grup-push.yaml']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      'scenario not found: scenarios/okta-grup-push.yaml — did you mean scenarios/okta-group-push.yaml?',
    );
    const builtIn = await runMain(['run', 'okta-usr-lifecycle'], { cwd: tmpdir() });
    expect(builtIn.stderr).toContain('— did you mean okta-user-lifecycle?');
    const dir = await mkdtemp(join(tmpdir(), 'scim-check-empty-'));
    try {
      const empty = await runMain(['run', dir]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/no scenario files/);
      for (const run of [missing, empty]) expect(run.stderr).not.toMatch(NO_STACK);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a whole directory of bad files: every problem listed, exit 2', async () => {
    const run = await runMain(['run', 'fixtures/bad-scenarios/']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\d+ errors in scenario files; nothing was run/);
    expect(run.stderr).not.toMatch(NO_STACK);
  });
});
