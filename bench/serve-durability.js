// Benchmark 6: what durable writes cost `scim-check serve --data FILE`. Creates per second over
// loopback (raw undici loop, concurrency 32 by default) against a `serve --data` process, compared with a
// `serve` process that keeps its data in memory only, measured in the same run: interleaved
// rounds, a fresh process and a fresh data file each round, medians. A second pair of rounds
// sends a password with every create (as Okta does), which `--data` stores as a scrypt hash.
//   node bench/serve-durability.js [--creates 5000] [--password-creates 300] [--rounds 3] [--concurrency 32]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServeProcess } from './lib/processes.js';
import { median } from './lib/stats.js';
import { rawLoop } from './lib/undici-loop.js';

const WARM_UP = 500;

function createRequest(basePath, token, prefix, n, password) {
  const body = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${prefix}.${n}@example.com`,
    name: { givenName: 'Bench', familyName: `User${n}` },
    emails: [{ value: `${prefix}.${n}@example.com`, type: 'work', primary: true }],
    active: true,
  };
  if (password) body.password = `pw-${prefix}-${n}-${Math.random().toString(36).slice(2)}`;
  return {
    method: 'POST',
    path: `${basePath}/Users`,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/scim+json',
      'content-type': 'application/scim+json',
    },
    body: JSON.stringify(body),
  };
}

/** Creates/s of one fresh `serve` process, after a warm-up; every answer must be a 201. */
async function createRate(extraArgs, creates, password, concurrency) {
  const server = await startServeProcess(extraArgs);
  const basePath = new URL(server.baseUrl).pathname;
  let failures = 0;
  const run = async (prefix, total) => {
    let sent = 0;
    return rawLoop({
      baseUrl: server.baseUrl,
      concurrency,
      next: () => (sent < total ? createRequest(basePath, server.token, prefix, sent++, password) : undefined),
      onResponse: (_request, status) => {
        if (status !== 201) failures += 1;
      },
    });
  };
  try {
    await run('warm', Math.min(WARM_UP, creates));
    const measured = await run('bench', creates);
    if (failures > 0) throw new Error(`${failures} creates were not answered 201`);
    return measured.perSecond;
  } finally {
    await server.close();
  }
}

async function interleaved({ creates, rounds, password, directory, concurrency }) {
  const memory = [];
  const durable = [];
  for (let round = 0; round < rounds; round++) {
    memory.push(await createRate([], creates, password, concurrency));
    const dataFile = join(directory, `round-${password ? 'pw' : 'plain'}-${round}.json`);
    durable.push(await createRate(['--data', dataFile], creates, password, concurrency));
  }
  return {
    memoryPerSecond: median(memory),
    dataPerSecond: median(durable),
    ratio: median(durable) / median(memory),
    memoryRuns: memory,
    dataRuns: durable,
  };
}

export async function benchServeDurability({
  creates = 5000,
  rounds = 3,
  passwordCreates = 300,
  concurrency = 32,
} = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'scim-check-bench-durability-'));
  try {
    const plain = await interleaved({ creates, rounds, password: false, directory, concurrency });
    const withPassword =
      passwordCreates > 0
        ? await interleaved({ creates: passwordCreates, rounds, password: true, directory, concurrency })
        : undefined;
    return { concurrency, creates, passwordCreates, rounds, plain, withPassword };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name, fallback) =>
    process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
  console.log(
    JSON.stringify(
      await benchServeDurability({
        creates: option('--creates', 5000),
        passwordCreates: option('--password-creates', 300),
        rounds: option('--rounds', 3),
        concurrency: option('--concurrency', 32),
      }),
      null,
      2,
    ),
  );
}
