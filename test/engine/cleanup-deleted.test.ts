import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoopbackProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';
import { type Report, type SeenRequest, scimError, startHookedServer, TOKEN } from './spec-scoping-servers.js';

/*
 * Issue 12: cleanup deleted again what the scenario had already deleted, and a server that answers
 * a DELETE of a deleted resource with 400 or 500 (RFC 7644 §3.6 only promises 404 to later reads)
 * then produced a false leftover. The ledger now learns of deletions made inside a Bulk request,
 * and cleanup reads a resource whose DELETE went out without a settling answer before deleting it.
 */

let server: LoopbackProxy | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-cleanup-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The reference server, except that a DELETE of something already deleted is answered `second`. */
async function startStrictDeleteServer(
  first: (request: SeenRequest) => number | undefined,
  second: number,
): Promise<{ deletes: string[] }> {
  const deleted = new Set<string>();
  const deletes: string[] = [];
  server = await startHookedServer({
    answer: (request) => {
      if (request.method === 'DELETE') deletes.push(request.path);
      return request.method === 'DELETE' && deleted.has(request.path)
        ? scimError(second, second === 400 ? 'invalidValue' : undefined, 'already deleted')
        : undefined;
    },
    after: (request, answer) => {
      if (request.method === 'DELETE' && answer.status === 204) deleted.add(request.path);
      if (request.method === 'POST' && request.path === '/Bulk') {
        for (const operation of (request.body as { Operations: { method: string; path: string }[] }).Operations)
          if (operation.method === 'DELETE') deleted.add(operation.path);
      }
      const status = first(request);
      return status === undefined ? undefined : scimError(status, undefined, 'something went wrong');
    },
  });
  return { deletes };
}

async function runScenario(yaml: string): Promise<Report> {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, yaml);
  const run = await runMain(['run', file, '--base-url', server!.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: TOKEN },
  });
  if (run.stdout === '') throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Report;
}

const CREATE = (key: string) => `
  - name: create ${key}
    request: { method: POST, path: /Users, body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "scimcheck-{{run}}-cd-${key}@example.com" } }
    expect: { status: 201 }
    capture: { ${key}: $.id }`;

describe('cleanup never reports a resource the scenario deleted as left behind', () => {
  it('a raw DELETE answered 500 although the server deleted it: cleanup reads it (404) instead of deleting again (400)', async () => {
    const { deletes } = await startStrictDeleteServer(
      (request) => (request.method === 'DELETE' ? 500 : undefined),
      400,
    );
    const report = await runScenario(`name: delete answered 500
steps:${CREATE('u1')}
  - name: delete U1
    request: { method: DELETE, path: "/Users/{{vars.u1}}" }
    expect: { status: 204 }
`);
    const [scenario] = report.scenarios;
    expect(scenario!.leftovers).toEqual([]);
    const cleanup = scenario!.steps.find((step) => step.action === 'cleanup')!;
    expect(cleanup.status).toBe('passed');
    expect(cleanup.exchanges.map((exchange) => exchange.method)).toEqual(['GET']);
    expect(deletes).toHaveLength(1);
  });

  it('a user deleted by a Bulk DELETE operation is not deleted again, so a 500 for that cannot become a leftover', async () => {
    const { deletes } = await startStrictDeleteServer(() => undefined, 500);
    const report = await runScenario(`name: bulk delete
steps:${CREATE('u2')}
  - name: delete U2 in a Bulk request
    request:
      method: POST
      path: /Bulk
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [{ method: DELETE, path: "/Users/{{vars.u2}}" }] }
    expect: { status: 200 }
`);
    const [scenario] = report.scenarios;
    expect(scenario!.leftovers).toEqual([]);
    expect(scenario!.steps.some((step) => step.action === 'cleanup')).toBe(false);
    expect(deletes).toEqual([]);
  });

  it('a resource the server really keeps is still reported, with the DELETE answer', async () => {
    // This server refuses every DELETE before acting on it: the user really stays.
    server = await startHookedServer({
      answer: (request) => (request.method === 'DELETE' ? scimError(500, undefined, 'cannot delete') : undefined),
    });
    const report = await runScenario(`name: undeletable
steps:${CREATE('u3')}
`);
    expect(report.scenarios[0]!.leftovers).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^DELETE answered 500/) }),
    ]);
  });
});
