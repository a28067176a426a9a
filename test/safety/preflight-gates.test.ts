import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RecordingServer, startRecordingServer } from '../support/recording-server.js';
import { runMain } from '../support/run-main.js';
import { STACK_TRACE } from './hostile-support.js';

/*
 * The preflight is what stands between a mistaken --base-url or token and a run that reports
 * dozens of failures for one mistake. `run` had it; `load` did not, and a web app's catch-all
 * page passed it.
 */

const TOKEN = 'preflight-gates-token-91b2';
let server: RecordingServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A single-page web app: every path answers its HTML shell with 200. */
const catchAll = (_request: IncomingMessage, response: ServerResponse): void => {
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end('<!doctype html><html><body><div id="root"></div></body></html>');
};

/** A scripted loopback server for one test (closed after it); base path '/app'. */
async function startServer(handle: Parameters<typeof startRecordingServer>[0]): Promise<RecordingServer> {
  server = await startRecordingServer(handle, '/app');
  return server;
}

describe('the preflight', () => {
  it('run: a web app that answers every path with its HTML page is "not a SCIM base URL", exit 2 (it ran and reported 23 RFC failures)', async () => {
    const target = await startServer(catchAll);
    const result = await runMain(['run', 'scenarios/okta-user-lifecycle.yaml', '--base-url', target.baseUrl], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /does not look like a SCIM base URL: GET \/Users answered 200 with text\/html; charset=utf-8, not JSON/,
    );
    expect(result.stderr).toMatch(/hint: point --base-url at the SCIM root/);
    expect(target.seen.every((line) => line.startsWith('GET '))).toBe(true);
  });

  it('load: a refused token is exit 2 after two reads, not a whole load of failures (it ran the load and exited 1)', async () => {
    const target = await startServer((_request, response) =>
      response
        .writeHead(401, { 'content-type': 'application/scim+json' })
        .end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401"}'),
    );
    const result = await runMain(['load', '--users', '20', '--groups', '2', '--base-url', target.baseUrl], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
      compiled: true,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/the server refused the token: GET \/Users answered 401/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(target.seen).toEqual(['GET /app/ServiceProviderConfig', 'GET /app/Users?startIndex=1&count=1']);
  });

  it('load: a catch-all web app is refused the same way', async () => {
    const target = await startServer(catchAll);
    const result = await runMain(['load', '--users', '20', '--groups', '0', '--base-url', target.baseUrl], {
      env: { SCIM_CHECK_TOKEN: TOKEN },
      compiled: true,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/does not look like a SCIM base URL/);
    expect(target.seen).toHaveLength(2);
  });

  it('a run that cannot start still writes a JSON and a JUnit report saying why (they were 0-byte files CI parsers choked on)', async () => {
    const target = await startServer((_request, response) =>
      response
        .writeHead(401, { 'content-type': 'application/scim+json' })
        .end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401"}'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-preflight-'));
    try {
      const [json, junit] = [join(dir, 'report.json'), join(dir, 'junit.xml')];
      const result = await runMain(
        [
          'run',
          'scenarios/okta-user-lifecycle.yaml',
          'scenarios/okta-group-push.yaml',
          '--base-url',
          target.baseUrl,
          '--reporter',
          `json=${json}`,
          '--reporter',
          `junit=${junit}`,
        ],
        { env: { SCIM_CHECK_TOKEN: TOKEN } },
      );
      expect(result.code, result.stderr).toBe(2);
      const report = JSON.parse(readFileSync(json, 'utf8'));
      expect(report.notStarted).toEqual({
        code: 'PREFLIGHT_FAILED',
        message: 'the server refused the token: GET /Users answered 401',
        hint: expect.stringMatching(/--token/),
      });
      expect(report.summary).toMatchObject({ scenarios: 2, errored: 2, passed: 0 });
      expect(report.scenarios.map((scenario: { status: string }) => scenario.status)).toEqual(['errored', 'errored']);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(/<testsuites name="scim-check" tests="2" failures="0" errors="2" skipped="0"/);
      expect(xml).toContain('message="the run could not start: the server refused the token: GET /Users answered 401"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
