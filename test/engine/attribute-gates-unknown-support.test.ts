import { afterEach, describe, expect, it } from 'vitest';
import type { LoopbackProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';
import { allSteps, type Report, startHookedServer, TOKEN } from './spec-scoping-servers.js';

/*
 * Issue 12: "unknown support is not supported". A feature the ServiceProviderConfig does not state
 * (RFC 7643 §5 makes each `supported` flag REQUIRED) used to count as supported, so its rows
 * failed at MUST level. The spec suite still runs them (skipping would hide what works), but a
 * failure of the row is a warning that names the missing advertisement (src/engine/step-gates.ts).
 */

let server: LoopbackProxy | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that ignores sortBy and whose ServiceProviderConfig has no `sort` entry (or a given one). */
async function startUnsortedServer(sort: { supported: boolean } | undefined): Promise<string> {
  server = await startHookedServer({
    answer: (request) => {
      request.query.delete('sortBy');
      request.query.delete('sortOrder');
      return undefined;
    },
    rewrite: (request, answer) => {
      if (request.path !== '/ServiceProviderConfig') return answer;
      const config = answer.body as Record<string, unknown>;
      if (sort === undefined) delete config.sort;
      else config.sort = sort;
      return answer;
    },
  });
  return server.baseUrl;
}

async function runSort(baseUrl: string): Promise<{ code: number | null; report: Report }> {
  const run = await runMain(['run', 'scenarios/spec/sort.yaml', '--base-url', baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: TOKEN },
  });
  if (run.stdout === '') throw new Error(run.stderr);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

describe('a feature the ServiceProviderConfig does not state', () => {
  it('runs its rows, and their failures are warnings naming the missing advertisement (exit 0)', async () => {
    const { code, report } = await runSort(await startUnsortedServer(undefined));
    expect(report.scenarios[0]!.status).not.toBe('skipped');
    const sortVerdicts = allSteps(report)
      .flatMap((step) => step.checks)
      .filter((check) => check.id.startsWith('SORT-') && check.status === 'failed');
    expect(sortVerdicts.length).toBeGreaterThan(0);
    for (const verdict of sortVerdicts) {
      expect(verdict.level).toBe('warning');
      expect(verdict.message).toContain(
        "the server's ServiceProviderConfig does not say whether sort is supported, which this scenario requires, so scim-check does not hold the server to it (RFC 7643 §5)",
      );
    }
    expect(code).toBe(0);
  });

  it('an advertised feature is still held to its rows (errors, exit 1)', async () => {
    const { code, report } = await runSort(await startUnsortedServer({ supported: true }));
    const sortVerdicts = allSteps(report)
      .flatMap((step) => step.checks)
      .filter((check) => check.id.startsWith('SORT-') && check.status === 'failed');
    expect(sortVerdicts.length).toBeGreaterThan(0);
    for (const verdict of sortVerdicts) expect(verdict.level).toBe('error');
    expect(code).toBe(1);
  });

  it('a step for servers without the feature (`supported: false`) is skipped when the server does not say', async () => {
    server = await startHookedServer({
      rewrite: (request, answer) => {
        if (request.path === '/ServiceProviderConfig') delete (answer.body as Record<string, unknown>).bulk;
        return answer;
      },
    });
    const run = await runMain(
      ['run', 'scenarios/spec/discovery.yaml', '--base-url', server.baseUrl, '--reporter', 'json'],
      { env: { SCIM_CHECK_TOKEN: TOKEN } },
    );
    const step = allSteps(JSON.parse(run.stdout) as Report).find(
      (candidate) => candidate.name === 'Bulk flagged unsupported is refused with 501',
    );
    expect(step).toMatchObject({
      status: 'skipped',
      skipReason:
        "the server's ServiceProviderConfig does not say whether bulk is supported; this step runs only when it says bulk.supported=false",
    });
  });
});
