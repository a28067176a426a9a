// Benchmark 3: `scim-check load` at 10k and at 100k users (groups of 50, one group per 50 users,
// the default burst of changes, cleanup) against a fresh reference server process each time.
// Compared: wall time of the CLI process, and its peak RSS (the client only: the server has its
// own process). On Linux the peak is the kernel's (`/usr/bin/time -f %M`), else the tool's own sample.
import { existsSync } from 'node:fs';
import { BIN, startServeProcess, timedRun } from './lib/processes.js';

const GNU_TIME = '/usr/bin/time';

async function loadRun(users) {
  const server = await startServeProcess();
  const args = [
    BIN,
    'load',
    '--idp',
    'okta',
    '--users',
    String(users),
    '--groups',
    String(Math.ceil(users / 50)),
    '--members-per-group',
    '50',
    '--concurrency',
    '32',
    '--base-url',
    server.baseUrl,
    '--token',
    server.token,
    '--reporter',
    'json',
  ];
  const useTime = existsSync(GNU_TIME);
  const run = useTime
    ? await timedRun(GNU_TIME, ['-f', 'maxrss-kb=%M', process.execPath, ...args])
    : await timedRun(process.execPath, args);
  await server.close();
  if (run.code !== 0) throw new Error(`load --users ${users} exited ${run.code}: ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(run.stdout);
  const kernelPeak = /maxrss-kb=(\d+)/.exec(run.stderr);
  return {
    users,
    wallMs: run.wallMs,
    requests: report.summary.requests,
    errors: report.summary.errors,
    peakRssBytes: kernelPeak ? Number(kernelPeak[1]) * 1024 : report.summary.peakRssBytes,
    sampledPeakRssBytes: report.summary.peakRssBytes,
    phases: Object.fromEntries(report.phases.map((phase) => [phase.name, phase.durationMs])),
  };
}

export async function benchScale({ small = 10_000, large = 100_000 } = {}) {
  const smallRun = await loadRun(small);
  const largeRun = await loadRun(large);
  return { small: smallRun, large: largeRun, timeRatio: largeRun.wallMs / smallRun.wallMs, sizeRatio: large / small };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchScale(), null, 2));
