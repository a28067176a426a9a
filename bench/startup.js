// Benchmark 4: `scim-check --version` against `node -e 0`: what the CLI costs before it does
// anything (main.ts lazy-imports every command, so only commander and main load).
import { BIN, timedRun } from './lib/processes.js';
import { median } from './lib/stats.js';

async function medianWall(args, times) {
  await timedRun(process.execPath, args); // warm the file cache
  const walls = [];
  for (let i = 0; i < times; i++) walls.push((await timedRun(process.execPath, args)).wallMs);
  return median(walls);
}

export async function benchStartup({ times = 15 } = {}) {
  const versionMs = await medianWall([BIN, '--version'], times);
  const nodeMs = await medianWall(['-e', '0'], times);
  return { versionMs, nodeMs, ratio: versionMs / nodeMs };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchStartup());
