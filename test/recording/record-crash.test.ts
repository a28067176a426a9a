import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordingHar } from '../../src/recording/recorded-har.js';
import { spawnCli, until } from '../support/run-cli.js';
import { runOktaScript } from '../support/scripted-idp.js';

/*
 * The process boundary is the point here: a recording proxy killed with SIGKILL (no handler runs)
 * must leave a HAR a reader can load, holding every request it had answered. Uses dist/ (npm run build).
 */
describe('scim-check record killed mid-recording', () => {
  it('leaves a loadable HAR with every answered request after SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-record-kill-'));
    const file = join(dir, 'killed.har');
    const cli = spawnCli(['record', '--har', file, '--port', '0'], { timeoutMs: 60_000 });
    try {
      await until(() => /recording on (\S+)/.test(cli.stdout()), 'the recording banner');
      const url = /recording on (\S+)/.exec(cli.stdout())![1]!;
      const token = /token: (\S+)/.exec(cli.stdout())![1]!;
      const session = await runOktaScript(url, token, 'killed');
      await until(
        () =>
          cli
            .stdout()
            .split('\n')
            .filter((line) => / okta /.test(line)).length === session.exchanges.length,
        'every console line',
      );
      cli.child.kill('SIGKILL');
      const { signal } = await cli.exited;
      expect(signal).toBe('SIGKILL');
      const har = JSON.parse(readFileSync(file, 'utf8')) as RecordingHar;
      expect(har.log.version).toBe('1.2');
      expect(har.log.entries.map((entry) => `${entry.request.method} ${entry.response.status}`)).toEqual(
        session.exchanges.map((exchange) => `${exchange.method} ${exchange.status}`),
      );
      // The embedded server's token was shown once on stdout, and is in no entry.
      expect(readFileSync(file, 'utf8')).not.toContain(token);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('closes the HAR and reports the count on Ctrl-C', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-record-int-'));
    const file = join(dir, 'interrupted.har');
    const cli = spawnCli(['record', '--har', file, '--port', '0', '--listen-host', '0.0.0.0'], { timeoutMs: 60_000 });
    await until(() => /recording on (\S+)/.test(cli.stdout()), 'the recording banner');
    expect(cli.stderr()).toContain('warning: listening on 0.0.0.0');
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code).toBe(0);
    expect(cli.stderr()).toContain('recorded 0 requests to');
    expect((JSON.parse(readFileSync(file, 'utf8')) as RecordingHar).log.entries).toEqual([]);
  });
});
