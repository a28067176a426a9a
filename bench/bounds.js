// Benchmark 6 (issue 11, "nothing leaks, nothing hangs"): what a hostile server costs a `run`.
//   a. Peak RSS of the whole built-in suite (`scim-check run`, no scenario: every built-in one)
//      against a server that pads every JSON answer to 9.9 MiB, just under the 10 MiB read cap,
//      with the json, junit and HAR reporters on (the HAR holds what the run kept).
//   b. CPU of `run scenarios/okta-user-lifecycle.yaml` against a server answering every read of a
//      user with 600,000 extra attributes (7 MiB).
// Each server is a `scim-check serve` process behind a rewriting proxy in this process, so the
// CLI's own process is what /usr/bin/time measures (maxrss, user + system CPU).
//   node bench/bounds.js                   both, with bin/scim-check.js (dist/)
//   node bench/bounds.js --only rss|cpu    one of them
//   node bench/bounds.js --bin DIR/bin/scim-check.js   another build (e.g. a checkout of the commit before)
//   node bench/bounds.js --heap-mb 256     run the CLI with --max-old-space-size=256: it completes only if
//                                          what it keeps is bounded (the default heap hides a slow leak)
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServeProcess, timedRun } from './lib/processes.js';
import { startRewritingProxy, withMember } from './lib/rewriting-proxy.js';

const GNU_TIME = '/usr/bin/time';
const READ_CAP = 10 * 1024 * 1024;
/** Every padded answer's size: 9.9 MiB. */
const PADDED_SIZE = Math.floor(9.9 * 1024 * 1024);

function option(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Runs the CLI under /usr/bin/time; resolves with its exit code, wall time, peak RSS and CPU seconds. */
async function measured(bin, args, env = {}, heapMb = undefined) {
  if (!existsSync(GNU_TIME)) throw new Error('bench/bounds.js needs GNU time at /usr/bin/time (apt-get install time)');
  const node = heapMb === undefined ? [process.execPath] : [process.execPath, `--max-old-space-size=${heapMb}`];
  const run = await timedRun(GNU_TIME, ['-f', 'bounds-time maxrss-kb=%M user=%U system=%S', ...node, bin, ...args], {
    env,
  });
  const line = /bounds-time maxrss-kb=(\d+) user=([\d.]+) system=([\d.]+)/.exec(run.stderr);
  if (!line) throw new Error(`no /usr/bin/time line in: ${run.stderr.slice(-2000)}`);
  return {
    code: run.code,
    wallMs: run.wallMs,
    peakRssBytes: Number(line[1]) * 1024,
    cpuSeconds: Number(line[2]) + Number(line[3]),
    stderrTail: run.stderr.replace(/bounds-time.*\n?/, '').slice(-600),
  };
}

function requestsIn(reportFile) {
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    return report.scenarios.reduce(
      (sum, scenario) => sum + scenario.steps.reduce((steps, step) => steps + step.exchanges.length, 0),
      0,
    );
  } catch {
    return undefined;
  }
}

/** a. The built-in suite against answers padded to 9.9 MiB. */
export async function benchPaddedSuite({ bin = BIN, heapMb = undefined } = {}) {
  const serve = await startServeProcess();
  let padded = 0;
  const proxy = await startRewritingProxy(serve.baseUrl, (_method, _path, text) => {
    padded++;
    const padding = PADDED_SIZE - Buffer.byteLength(text) - 40;
    return padding > 0 ? withMember(text, 'urn:example:bench:padding', JSON.stringify('x'.repeat(padding))) : undefined;
  });
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-bounds-'));
  const files = { json: join(dir, 'report.json'), junit: join(dir, 'junit.xml'), har: join(dir, 'trace.har') };
  try {
    const run = await measured(
      bin,
      [
        'run',
        '--base-url',
        proxy.baseUrl,
        '--reporter',
        `json=${files.json}`,
        '--reporter',
        `junit=${files.junit}`,
        '--har',
        files.har,
      ],
      { SCIM_CHECK_TOKEN: serve.token },
      heapMb,
    );
    return {
      ...run,
      ...(heapMb === undefined ? {} : { heapMb }),
      paddedAnswers: padded,
      paddedAnswerBytes: PADDED_SIZE,
      readCapBytes: READ_CAP,
      requests: requestsIn(files.json),
      harBytes: existsSync(files.har) ? statSync(files.har).size : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await proxy.close();
    await serve.close();
  }
}

/**
 * The baselines, measured in the same run: the whole suite, and okta-user-lifecycle, against the
 * same `serve` behind a proxy that changes nothing.
 */
export async function benchHonest({ bin = BIN } = {}) {
  const serve = await startServeProcess();
  const proxy = await startRewritingProxy(serve.baseUrl, () => undefined);
  try {
    const suite = await measured(bin, ['run', '--base-url', proxy.baseUrl], { SCIM_CHECK_TOKEN: serve.token });
    const lifecycle = await measured(bin, ['run', 'scenarios/okta-user-lifecycle.yaml', '--base-url', proxy.baseUrl], {
      SCIM_CHECK_TOKEN: serve.token,
    });
    return { suite, lifecycle };
  } finally {
    await proxy.close();
    await serve.close();
  }
}

/** b. One scenario against reads of a user answered with 600,000 extra attributes. */
export async function benchWideAnswers({ bin = BIN, attributes = 600_000 } = {}) {
  const serve = await startServeProcess();
  const members = [];
  for (let index = 0; index < attributes; index++) members.push(`"x${index}":${index % 10}`);
  const extra = `,${members.join(',')}`;
  let widened = 0;
  const proxy = await startRewritingProxy(serve.baseUrl, (method, path, text) => {
    if (method !== 'GET' || !/\/Users\/[^/?]+$/.test(path)) return undefined;
    widened++;
    return `${text.trimEnd().slice(0, -1)}${extra}}`;
  });
  try {
    const run = await measured(bin, ['run', 'scenarios/okta-user-lifecycle.yaml', '--base-url', proxy.baseUrl], {
      SCIM_CHECK_TOKEN: serve.token,
    });
    return { ...run, attributes, answerBytes: extra.length, widenedAnswers: widened };
  } finally {
    await proxy.close();
    await serve.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = option('--bin') ?? BIN;
  const only = option('--only');
  const heapMb = option('--heap-mb') === undefined ? undefined : Number(option('--heap-mb'));
  const result = { bin };
  if (only === undefined || only === 'cpu') result.wide = await benchWideAnswers({ bin });
  if (only === undefined || only === 'rss') result.padded = await benchPaddedSuite({ bin, heapMb });
  console.log(JSON.stringify(result, null, 2));
}
