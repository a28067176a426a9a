// Benchmark 7: how one PATCH that adds many emails scales with their number. The time of
// `{"op":"add","path":"emails","value":[…n…]}` against a `scim-check serve` process for n and
// for 4n, each on a fresh user, in the same run: about 4× when the apply step is linear, about
// 16× when it is quadratic (each new value compared with every value before it).
//   node bench/patch-scaling.js [--n 5000] [--rounds 3]
import { startServeProcess } from './lib/processes.js';
import { median } from './lib/stats.js';

function headers(token) {
  return { authorization: `Bearer ${token}`, accept: 'application/scim+json', 'content-type': 'application/scim+json' };
}

async function createUser(server, userName) {
  const response = await fetch(`${server.baseUrl}/Users`, {
    method: 'POST',
    headers: headers(server.token),
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
  });
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return (await response.json()).id;
}

/** Wall time of one PATCH adding `count` distinct work emails to a fresh user. */
async function timedPatch(server, count, label) {
  const id = await createUser(server, `${label}@example.com`);
  const value = Array.from({ length: count }, (_, i) => ({ value: `${label}.${i}@example.com`, type: 'work' }));
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'add', path: 'emails', value }],
  });
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/Users/${id}`, {
    method: 'PATCH',
    headers: headers(server.token),
    body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`PATCH of ${count} emails answered ${response.status}: ${text.slice(0, 300)}`);
  return ms;
}

export async function benchPatchScaling({ n = 5000, rounds = 3 } = {}) {
  const server = await startServeProcess();
  try {
    await timedPatch(server, n, 'warm'); // JIT
    const small = [];
    const large = [];
    for (let round = 0; round < rounds; round++) {
      small.push(await timedPatch(server, n, `small${round}`));
      large.push(await timedPatch(server, 4 * n, `large${round}`));
    }
    return {
      n,
      smallMs: median(small),
      largeMs: median(large),
      ratio: median(large) / median(small),
      smallRuns: small,
      largeRuns: large,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name, fallback) =>
    process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
  console.log(
    JSON.stringify(await benchPatchScaling({ n: option('--n', 5000), rounds: option('--rounds', 3) }), null, 2),
  );
}
