import { afterEach, describe, expect, it } from 'vitest';
import { forwardToUpstream, type LoopbackProxy, readBody, startProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';

/*
 * Each scenario gets its own names. Scenarios reuse user keys (`alice`), and with one `{{run}}`
 * token for the whole run a server that keeps a userName reserved after DELETE (soft delete)
 * refused every later scenario's create with 409: one server trait, a cascade of failures.
 */

const TOKEN = 'scenario-names-token';
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe('names per scenario', () => {
  it('two scenarios that both assign alice pass against a server that never frees a deleted userName', async () => {
    const reserved = new Set<string>();
    const names = new Map<string, string>();
    proxy = await startProxy({
      reference: { token: TOKEN },
      async onRequest(req, res, { upstreamUrl, path }) {
        const body = await readBody(req);
        const userName =
          req.method === 'POST' && path === '/Users'
            ? (JSON.parse(body.toString('utf8')) as { userName?: string }).userName?.toLowerCase()
            : undefined;
        if (userName !== undefined && reserved.has(userName)) {
          res.writeHead(409, { 'content-type': 'application/scim+json' });
          return void res.end(
            JSON.stringify({
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: '409',
              scimType: 'uniqueness',
              detail: 'userName was used by a deleted user',
            }),
          );
        }
        const answer = await forwardToUpstream(
          upstreamUrl,
          { method: req.method, path: req.url, headers: req.headers },
          body,
        );
        if (userName !== undefined && answer.status === 201)
          names.set((JSON.parse(answer.body.toString('utf8')) as { id: string }).id, userName);
        const deleted = req.method === 'DELETE' ? /^\/Users\/([^/?]+)$/.exec(path)?.[1] : undefined;
        if (deleted !== undefined && answer.status === 204 && names.has(deleted)) reserved.add(names.get(deleted)!);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      },
    });
    const run = await runMain(
      ['run', 'scenarios/okta-group-push.yaml', 'scenarios/okta-aiw-group-push.yaml', '--base-url', proxy.baseUrl],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    expect(run.stdout).toMatch(/Scenarios: 2 passed/);
    expect(reserved.size).toBeGreaterThan(0);
  });
});
