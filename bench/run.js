// `npm run bench`: every benchmark in one run, side by side, with the machine description;
// writes bench/RESULTS.md. Not part of `npm test` (speed targets belong here, not in tests).
//   node bench/run.js                 all of them
//   node bench/run.js --only scale    one of: suite, load, scale, startup, server
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchHonest, benchPaddedSuite, benchWideAnswers } from './bounds.js';
import { fixed } from './lib/stats.js';
import { benchLoadVsRaw } from './load-vs-raw.js';
import { benchPatchScaling } from './patch-scaling.js';
import { benchScale } from './scale.js';
import { benchServeDurability } from './serve-durability.js';
import { benchServer } from './server.js';
import { benchStartup } from './startup.js';
import { benchSuiteVsReplay } from './suite-vs-replay.js';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const wanted = (name) => only === undefined || only === name;
const mb = (bytes) => `${Math.round(bytes / 1048576)} MB`;
const perSecond = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;

function machine() {
  let memory;
  try {
    memory = execFileSync('free', ['-h'], { encoding: 'utf8' }).trimEnd();
  } catch {
    memory = `${mb(os.totalmem())} total`;
  }
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memory,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}

const rows = [];
function row(name, measured, goal, pass) {
  rows.push({ name, measured, goal, verdict: pass === undefined ? '' : pass ? 'met' : 'MISSED' });
  console.log(`${name}: ${measured}  (goal ${goal}) ${pass === undefined ? '' : pass ? 'met' : 'MISSED'}`);
}

const before = machine();
console.log(
  `machine: ${before.cpus} CPUs (${before.cpuModel}), node ${before.node}, load average ${before.loadAverage}`,
);
const details = {};

if (wanted('suite')) {
  const result = await benchSuiteVsReplay();
  details.suite = result;
  row(
    '1. built-in suite ÷ raw undici replay',
    `${fixed(result.ratio)}× (${Math.round(result.suiteMs)} ms vs ${Math.round(result.replayMs)} ms, ${result.scenarios} scenarios, ${result.requests} requests)`,
    '≤ 1.15×',
    result.ratio <= 1.15,
  );
}
if (wanted('load')) {
  const result = await benchLoadVsRaw();
  details.load = result;
  row(
    '2. load throughput ÷ raw undici loop (10k users, c=32)',
    `${fixed(result.ratio)}× (${perSecond(result.loadPerSecond)} vs ${perSecond(result.rawPerSecond)}; runs load ${result.loadRuns.map((value) => Math.round(value)).join('/')}, raw ${result.rawRuns.map((value) => Math.round(value)).join('/')})`,
    '≥ 0.8×',
    result.ratio >= 0.8,
  );
}
if (wanted('scale')) {
  const result = await benchScale();
  details.scale = result;
  row(
    '3a. load wall time 100k ÷ 10k users',
    `${fixed(result.timeRatio)}× (${fixed(result.large.wallMs / 1000, 1)} s vs ${fixed(result.small.wallMs / 1000, 1)} s; ${result.large.requests.toLocaleString('en-US')} vs ${result.small.requests.toLocaleString('en-US')} requests)`,
    '≤ 11×',
    result.timeRatio <= 11,
  );
  row(
    '3b. load peak RSS at 100k users (client process)',
    `${mb(result.large.peakRssBytes)} (10k: ${mb(result.small.peakRssBytes)})`,
    '≤ 150 MB',
    result.large.peakRssBytes <= 150 * 1048576,
  );
}
if (wanted('startup')) {
  const result = await benchStartup();
  details.startup = result;
  row(
    '4. scim-check --version ÷ node -e 0',
    `${fixed(result.ratio)}× (${Math.round(result.versionMs)} ms vs ${Math.round(result.nodeMs)} ms, medians of 15)`,
    '≤ 3×',
    result.ratio <= 3,
  );
}
if (wanted('server')) {
  const result = await benchServer();
  details.server = result;
  row(
    '5a. reference server GET /Users/{id} ÷ node:http hello world (c=32)',
    `${fixed(result.scimGetPerSecond / result.helloGetPerSecond)}× (${perSecond(result.scimGetPerSecond)} vs ${perSecond(result.helloGetPerSecond)})`,
    'informational',
  );
  row(
    '5b. reference server POST /Users ÷ node:http hello world (c=32)',
    `${fixed(result.scimPostPerSecond / result.helloPostPerSecond)}× (${perSecond(result.scimPostPerSecond)} vs ${perSecond(result.helloPostPerSecond)})`,
    'informational',
  );
}

if (wanted('durability')) {
  const result = await benchServeDurability({ creates: 5000, passwordCreates: 0, rounds: 3 });
  details.durability = result;
  const { plain } = result;
  row(
    '6. serve --data creates/s ÷ memory only (c=32; each write fsynced before its answer)',
    `${fixed(plain.ratio)}× (${perSecond(plain.dataPerSecond)} vs ${perSecond(plain.memoryPerSecond)})`,
    'informational',
  );
}
if (wanted('patch')) {
  const result = await benchPatchScaling({ n: 5000, rounds: 3 });
  details.patch = result;
  row(
    '7. serve: one PATCH adding 4n emails ÷ n (n=5000)',
    `${fixed(result.ratio)}× (${Math.round(result.largeMs)} ms vs ${Math.round(result.smallMs)} ms)`,
    '≤ 8× (16× = quadratic)',
    result.ratio <= 8,
  );
}
if (wanted('bounds')) {
  const honest = await benchHonest();
  const padded = await benchPaddedSuite();
  const wide = await benchWideAnswers();
  details.bounds = { honest, padded, wide };
  row(
    '8a. suite peak RSS against 9.9 MiB answers ÷ against plain answers',
    `${fixed(padded.peakRssBytes / honest.suite.peakRssBytes)}× (${mb(padded.peakRssBytes)} vs ${mb(honest.suite.peakRssBytes)}; exit ${padded.code}, ${padded.requests ?? '?'} requests)`,
    'informational (bounded: completes)',
    padded.code === 1,
  );
  row(
    '8b. okta-user-lifecycle CPU with 600k-attribute reads ÷ plain',
    `${fixed(wide.cpuSeconds / honest.lifecycle.cpuSeconds)}× (${fixed(wide.cpuSeconds, 2)} s vs ${fixed(honest.lifecycle.cpuSeconds, 2)} s)`,
    '≤ 3×',
    wide.cpuSeconds / honest.lifecycle.cpuSeconds <= 3,
  );
}

const after = machine();
const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}${only ? ` (only: ${only})` : ''}.`,
  '',
  '## Machine',
  '',
  `- CPUs (nproc): ${before.cpus} × ${before.cpuModel}`,
  `- Node: ${before.node} on ${before.platform}`,
  `- Load average before / after: ${before.loadAverage} / ${after.loadAverage} (anything above the CPU count means other work competed with the benchmark)`,
  '- Memory (free -h):',
  '',
  '```',
  before.memory,
  '```',
  '',
  '## Results',
  '',
  '| Benchmark | Measured | Goal | |',
  '|---|---|---|---|',
  ...rows.map((entry) => `| ${entry.name} | ${entry.measured} | ${entry.goal} | ${entry.verdict} |`),
  '',
  ...(existsSync(new URL('./analysis.md', import.meta.url))
    ? [readFileSync(new URL('./analysis.md', import.meta.url), 'utf8').trim(), '']
    : []),
  '## Raw numbers',
  '',
  '```json',
  JSON.stringify(details, null, 2),
  '```',
  '',
];
writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'));
console.log('wrote bench/RESULTS.md');
