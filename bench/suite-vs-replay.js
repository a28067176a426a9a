// Benchmark 1: the full built-in suite (engine, checks, read-back verification, cleanup) against
// a raw undici replay of exactly the requests it sent, in order, on one connection, against the
// same reference server process. The ratio is what scim-check's own work costs on top of HTTP.
import { Pool } from 'undici';
import { loadScenarios } from '../dist/cli/load-scenarios.js';
import { resolveScenarioPaths } from '../dist/cli/scenario-paths.js';
import { newRunId } from '../dist/engine/run-id.js';
import { runSuite } from '../dist/engine/run-suite.js';
import { Executor } from '../dist/executor/executor.js';
import { RunLedger } from '../dist/executor/ledger.js';
import { createHttpTransport } from '../dist/http/http-transport.js';
import { createRedactor } from '../dist/http/redactor.js';
import { planRun } from '../dist/plan/plan.js';
import { REPO_ROOT, startServeProcess } from './lib/processes.js';
import { median } from './lib/stats.js';

const silentIo = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: REPO_ROOT };

/** The executor the CLI would build, plus a record of each request as sent (URL, headers, body) and the id a create got. */
function recordingExecutor(server) {
  const redact = createRedactor([server.token]);
  const executor = new Executor({
    transport: createHttpTransport({ baseUrl: server.baseUrl, token: server.token, timeoutMs: 30_000, redact }),
    ledger: new RunLedger(newRunId()),
    redact,
  });
  const recorded = [];
  // A subscriber like any other (checks, reporters): the recorded request is redacted, so the real token goes back in.
  executor.subscribe(({ exchange }) => {
    const url = new URL(exchange.request.url);
    const headers = { ...exchange.request.headers };
    if (headers.authorization !== undefined) headers.authorization = `Bearer ${server.token}`;
    const id = exchange.response?.json?.id;
    recorded.push({
      method: exchange.request.method,
      path: url.pathname + url.search,
      headers,
      body: exchange.request.body,
      createdId: exchange.request.method === 'POST' && typeof id === 'string' ? id : undefined,
    });
  });
  return { executor, recorded };
}

async function runSuiteOnce(scenarios, server) {
  const { executor, recorded } = recordingExecutor(server);
  const started = performance.now();
  const result = await runSuite(planRun(scenarios), {
    executor,
    target: { baseUrl: server.baseUrl, embedded: false },
    runId: executor.ledger.runId,
    toolVersion: 'bench',
    env: {},
    bail: false,
    keep: false,
  });
  const wallMs = performance.now() - started;
  await executor.close();
  return { wallMs, requests: recorded, summary: result.summary };
}

/** Sends the recorded requests in order on one keep-alive connection, mapping old ids to the new ones. */
async function replayOnce(requests, server) {
  const pool = new Pool(new URL(server.baseUrl).origin, { connections: 1 });
  const idMap = new Map();
  const started = performance.now();
  for (const request of requests) {
    let { path, body } = request;
    for (const [oldId, newId] of idMap) {
      if (path.includes(oldId)) path = path.split(oldId).join(newId);
      if (body?.includes(oldId)) body = body.split(oldId).join(newId);
    }
    const response = await pool.request({ method: request.method, path, headers: request.headers, body: body ?? null });
    const text = await response.body.text();
    if (request.createdId !== undefined) {
      try {
        const id = JSON.parse(text).id;
        if (typeof id === 'string') idMap.set(request.createdId, id);
      } catch {
        // The original create had an id; this one did not: later requests keep the old id.
      }
    }
  }
  const wallMs = performance.now() - started;
  await pool.close();
  return wallMs;
}

export async function benchSuiteVsReplay({ rounds = 5 } = {}) {
  const loaded = await loadScenarios(resolveScenarioPaths([], REPO_ROOT), silentIo);
  const server = await startServeProcess();
  try {
    await runSuiteOnce(loaded.scenarios, server); // warm-up: JIT, ajv compilation, server caches
    const suite = [];
    const replay = [];
    let requests = 0;
    let summary;
    for (let round = 0; round < rounds; round++) {
      const run = await runSuiteOnce(loaded.scenarios, server);
      suite.push(run.wallMs);
      replay.push(await replayOnce(run.requests, server));
      requests = run.requests.length;
      summary = run.summary;
    }
    return {
      scenarios: loaded.scenarios.length,
      skippedFiles: loaded.errorCount,
      requests,
      suiteMs: median(suite),
      replayMs: median(replay),
      ratio: median(suite) / median(replay),
      summary,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchSuiteVsReplay());
