// Benchmark 2: `scim-check load` (10k users, concurrency 32, Okta's lookup-then-create) against a
// raw undici loop sending the same requests, each against a fresh reference server process.
// Compared: requests per second of the user-provisioning phase.
import { oktaProfile } from '../dist/idp/okta.js';
import { SyntheticDirectory } from '../dist/load/synthetic-directory.js';
import { BIN, startServeProcess, timedRun } from './lib/processes.js';
import { median } from './lib/stats.js';
import { rawLoop } from './lib/undici-loop.js';

const CONCURRENCY = 32;

/** The two requests Okta sends per user (lookup, then create), built by the profile itself. */
function oktaUserRequests(directory, index, basePath, token) {
  const program = oktaProfile.actions.assignUser(directory.user(index));
  const lookup = program.next().value;
  const create = program.next({
    id: 0,
    request: {},
    response: { status: 200, headers: {}, body: '', json: { Resources: [], totalResults: 0 } },
    startedAt: '',
    durationMs: 0,
  }).value;
  return [lookup, create].map((request) => {
    const headers = { ...oktaProfile.headers, authorization: `Bearer ${token}` };
    if (request.method === 'GET') delete headers['content-type'];
    const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
    return {
      method: request.method,
      path: `${basePath}${request.path}${query}`,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    };
  });
}

async function rawRun(users) {
  const server = await startServeProcess();
  const basePath = new URL(server.baseUrl).pathname;
  const directory = new SyntheticDirectory(`raw${Date.now().toString(36)}`, users, 0, 0);
  const requests = [];
  for (let i = 0; i < users; i++) requests.push(...oktaUserRequests(directory, i, basePath, server.token));
  // Each worker sends one user's lookup and then its create, as the IdP (and `load`) does.
  let nextUser = 0;
  const pending = [];
  const result = await rawLoop({
    baseUrl: server.baseUrl,
    concurrency: CONCURRENCY,
    next: () => {
      if (pending.length > 0) return pending.pop();
      if (nextUser >= users) return undefined;
      const [lookup, create] = [requests[2 * nextUser], requests[2 * nextUser + 1]];
      nextUser += 1;
      pending.push(create);
      return lookup;
    },
  });
  await server.close();
  return result.perSecond;
}

async function loadRun(users) {
  const server = await startServeProcess();
  const run = await timedRun(process.execPath, [
    BIN,
    'load',
    '--idp',
    'okta',
    '--users',
    String(users),
    '--groups',
    '0',
    '--changes',
    '0',
    '--sample',
    '0',
    '--keep',
    '--concurrency',
    String(CONCURRENCY),
    '--base-url',
    server.baseUrl,
    '--token',
    server.token,
    '--reporter',
    'json',
  ]);
  await server.close();
  if (run.code !== 0) throw new Error(`load exited ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const phase = report.phases.find((entry) => entry.name === 'users');
  const requests = report.requests
    .filter((entry) => entry.kind === 'lookupUser' || entry.kind === 'createUser')
    .reduce((sum, entry) => sum + entry.count, 0);
  return (requests * 1000) / phase.durationMs;
}

export async function benchLoadVsRaw({ users = 10_000, rounds = 3 } = {}) {
  const load = [];
  const raw = [];
  // Interleaved, so drift on a shared machine hits both sides alike.
  for (let round = 0; round < rounds; round++) {
    raw.push(await rawRun(users));
    load.push(await loadRun(users));
  }
  return {
    users,
    concurrency: CONCURRENCY,
    loadPerSecond: median(load),
    rawPerSecond: median(raw),
    ratio: median(load) / median(raw),
    loadRuns: load,
    rawRuns: raw,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchLoadVsRaw());
