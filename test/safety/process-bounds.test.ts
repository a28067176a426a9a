import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WAIVERS_BYTES } from '../../src/waivers/load-waivers.js';
import { forwardToUpstream, readBody, startProxy } from '../support/loopback-proxy.js';
import { type RecordingServer, startRecordingServer } from '../support/recording-server.js';
import { REPO_ROOT, spawnCli, until } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';
import { STACK_TRACE } from './hostile-support.js';

/*
 * A CI job must never hang on scim-check, and every way a run ends must carry its documented exit
 * code. Each case here hung, crashed or exited with the wrong code before its fix (issue 11);
 * they spawn the CLI where the process boundary is the point (a hang, a signal, a terminal).
 */

const TOKEN = 'process-bounds-token-5c1e';
const UNWRITABLE = '/nonexistent-dir-for-scim-check/report.json';
let dir: string | undefined;
let server: RecordingServer | undefined;

afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = dir = undefined;
});

function tempDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'scim-check-bounds-'));
  return dir;
}

/** A scripted loopback server for one test (closed after it); base path '/scim/v2'. */
async function startServer(handle: Parameters<typeof startRecordingServer>[0]): Promise<RecordingServer> {
  server = await startRecordingServer(handle, '/scim/v2');
  return server;
}

describe('an output that cannot be written is refused before the run starts', () => {
  it('run: exit 2 at once naming the path, with the embedded server started and stopped (it hung, ignoring SIGTERM)', async () => {
    const cli = spawnCli(['run', 'scenarios/okta-user-lifecycle.yaml', '--reporter', `json=${UNWRITABLE}`], {
      timeoutMs: 20_000,
    });
    const exit = await cli.exited;
    expect(exit, cli.stderr()).toEqual({ code: 2, signal: null });
    expect(cli.stderr()).toContain(`cannot write the json report to ${UNWRITABLE}`);
    expect(cli.stderr()).not.toMatch(STACK_TRACE);
  });

  it('load: exit 2 before the first request, not after the whole load (it crashed with a stack trace and lost the results)', async () => {
    const target = await startServer((_request, response) => response.writeHead(503).end());
    const result = await runMain(
      ['load', '--users', '3', '--groups', '0', '--base-url', target.baseUrl, '--reporter', `json=${UNWRITABLE}`],
      { env: { SCIM_CHECK_TOKEN: TOKEN }, compiled: true },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot write the json report to ${UNWRITABLE}`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(target.seen).toEqual([]);
  });
});

describe('a waivers file is read within a bound', () => {
  it('a file past the cap is a usage error before anything is sent (18 MB took 20 s and 2 GB)', async () => {
    const file = join(tempDir(), 'waivers.yaml');
    const entry = '- { check: CREATE-201, reason: "known", until: 2999-01-01 }\n';
    writeFileSync(file, entry.repeat(Math.ceil((MAX_WAIVERS_BYTES * 1.5) / entry.length)));
    const result = await runMain(['run', 'scenarios/okta-user-lifecycle.yaml', '--waivers', file]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/waivers file .* is larger than the 1 MiB limit/);
    expect(result.stdout).toBe('');
  });
});

describe('Ctrl-C during the preflight', () => {
  it('exits 130 with a complete JSON report saying it was interrupted (it exited 2 with a 0-byte report)', async () => {
    // A server that never answers: the preflight waits for its --timeout while the user presses Ctrl-C.
    const target = await startServer(() => undefined);
    const report = join(tempDir(), 'report.json');
    const cli = spawnCli(
      [
        'run',
        'scenarios/okta-user-lifecycle.yaml',
        '--base-url',
        target.baseUrl,
        '--timeout',
        '1500',
        '--reporter',
        `json=${report}`,
      ],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    await until(() => target.seen.length > 0, 'the preflight request');
    cli.child.kill('SIGINT');
    const exit = await cli.exited;
    expect(exit, cli.stderr()).toEqual({ code: 130, signal: null });
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.interrupted).toBe(true);
    expect(
      json.scenarios.map((scenario: { status: string; skipReason: string }) => [scenario.status, scenario.skipReason]),
    ).toEqual([['skipped', 'the run was interrupted']]);
    expect(cli.stderr()).not.toMatch(STACK_TRACE);
  });
});

describe('a terminal that reports 0 columns', () => {
  // `script` gives the CLI a real pseudo-terminal; `stty cols 0` is what some CI runners' PTYs
  // and `docker run -t` before a resize report. util-linux's `script` is on every Debian.
  const hasScript = existsSync('/usr/bin/script');

  it.runIf(hasScript)(
    'gets plain output and the quick-start run ends (the spinner erased forever and the run never exited)',
    async () => {
      const out = join(tempDir(), 'stdout.txt');
      const command = `stty cols 0 rows 0; exec "${process.execPath}" bin/scim-check.js run scenarios/okta-user-lifecycle.yaml > "${out}"`;
      const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let terminal = 0;
      child.stdout!.on('data', (chunk: Buffer) => (terminal += chunk.length));
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      clearTimeout(killer);
      expect(code).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/Checks: +\d+ passed/);
      // Before the fix the spinner wrote megabytes of cursor movements in these seconds.
      expect(terminal).toBeLessThan(64 * 1024);
    },
  );
});

describe('a reader that goes away', () => {
  it('`run | head`: the run goes on to its cleanup and its own exit code (it was an "internal error", EPIPE, exit 1)', async () => {
    const cli = spawnCli(['run', 'scenarios/okta-user-lifecycle.yaml', 'scenarios/okta-group-push.yaml']);
    // What `head -1` does: read the first line, then close the pipe.
    await until(() => cli.stdout().includes('\n'), 'the first line');
    cli.child.stdout!.destroy();
    const exit = await cli.exited;
    expect(exit, cli.stderr()).toEqual({ code: 0, signal: null });
    expect(cli.stderr()).not.toContain('internal error');
    expect(cli.stderr()).not.toMatch(STACK_TRACE);
  });
});

describe('Ctrl-C while a read hangs', () => {
  it('ends the read at once instead of waiting out --timeout, then cleans up and exits 130 (it waited the whole --timeout)', async () => {
    let lookups = 0;
    const proxy = await startProxy({
      reference: { token: TOKEN },
      async onRequest(req, res, { upstreamUrl, path }) {
        const body = await readBody(req);
        // The first lookup by userName never gets an answer.
        if (req.method === 'GET' && path.includes('filter=') && ++lookups === 1) return;
        const answer = await forwardToUpstream(
          upstreamUrl,
          { method: req.method, path: req.url, headers: req.headers },
          body,
        );
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      },
    });
    try {
      // --timeout far beyond the CLI's kill timer: only an interrupted read lets it exit in time.
      const cli = spawnCli(
        ['run', 'scenarios/okta-user-lifecycle.yaml', '--base-url', proxy.baseUrl, '--timeout', '600000'],
        { env: { SCIM_CHECK_TOKEN: TOKEN }, timeoutMs: 20_000 },
      );
      await until(() => lookups === 1, 'the hanging lookup');
      cli.child.kill('SIGINT');
      const exit = await cli.exited;
      expect(exit, cli.stderr()).toEqual({ code: 130, signal: null });
      expect(proxy.upstream.store.count('User')).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
