import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCatalogueRows } from '../../src/checks/catalogue.js';
import { runCli } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

describe('scim-check usage errors', () => {
  it('rejects an invalid scenario with file:line:col and exit 2, without running anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scim-check-'));
    const file = join(dir, 'typo.yaml');
    await writeFile(
      file,
      'name: typo\nidp: okta\nusers:\n  alice: { email: a@example.com }\nsteps:\n  - asignUser: alice\n',
    );
    const run = await runMain(['run', 'typo.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('typo.yaml:6:5');
    expect(run.stderr).toContain('assignUser');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('says when the server cannot be reached (exit 2)', async () => {
    const run = await runMain([
      'run',
      'okta-group-push',
      '--base-url',
      'http://127.0.0.1:9/scim/v2',
      '--token',
      'a-realistic-token-value',
      '--timeout',
      '2000',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/scim\/v2/);
    expect(run.stderr).toContain('hint:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('asks for a token when --base-url is given without one (exit 2)', async () => {
    const run = await runMain(['run', 'okta-group-push', '--base-url', 'http://127.0.0.1:9/scim/v2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no token/);
    expect(run.stderr).toMatch(/SCIM_CHECK_TOKEN/);
  });

  it('refuses a token pasted with its "Bearer " prefix, saying to drop it (it went out as "Bearer Bearer …" and got a bare 401)', async () => {
    for (const env of [{ SCIM_CHECK_TOKEN: 'Bearer abc.def.ghi' }, { SCIM_CHECK_TOKEN: 'bearer  abc' }]) {
      const run = await runMain(['run', 'scenarios/okta-group-push.yaml', '--base-url', 'http://127.0.0.1:9/scim/v2'], {
        env,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/the token starts with "[Bb]earer ": pass the token alone/);
      expect(run.stderr).not.toContain('abc');
    }
  });

  it('names unknown scenarios, reporters, profiles and options (exit 2)', async () => {
    for (const args of [
      ['run', 'no-such-scenario'],
      ['run', 'okta-group-push', '--reporter', 'xml'],
      ['run', 'okta-group-push', '--idp', 'octa'],
      ['run', '--no-such-flag'],
    ]) {
      const run = await runMain(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/scim-check: error/);
    }
  });

  it('validates scenario files', async () => {
    const ok = await runMain(['validate', 'scenarios/okta-group-push.yaml', 'scenarios/okta-user-lifecycle.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok  scenarios/okta-group-push.yaml');
  });

  it('lists scenarios and profiles, as text and JSON', async () => {
    const text = await runMain(['list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('okta-group-push');
    expect(text.stdout).toContain('Okta (OIN template app)');
    const json = await runMain(['list', 'checks', '--json']);
    expect(JSON.parse(json.stdout).checks).toHaveLength(allCatalogueRows().length);
  });

  it('prints help that teaches, and the version', async () => {
    const help = await runMain(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--base-url');
    expect(help.stdout).toContain('Exit codes');
    // Repeatable options have no declared default: commander printed "(default: [])" after each.
    for (const command of ['run', 'matrix'])
      expect((await runMain([command, '--help'])).stdout).not.toContain('(default: [])');
    const version = await runMain(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

// Everything above runs main() in-process; this is the one check that bin/scim-check.js hands
// main's exit code to the real process (run-embedded.test.ts covers exit 0 and the stream split).
describe('the real process', () => {
  it('exits 2 on a usage error, with the message on stderr', async () => {
    const run = await runCli(['run', '--no-such-flag']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/scim-check: error: unknown option '--no-such-flag'/);
    expect(run.stdout).toBe('');
  });
});
