import { afterEach, describe, expect, it } from 'vitest';
import { forwardToUpstream, type LoopbackProxy, readBody, startProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';

/*
 * Proven causes (issue 12). A refused IdP write names the habit whose RFC form the server
 * accepts, once, with both requests; a refusal no habit explains quotes the server's detail. The
 * servers are the reference server behind a proxy that refuses (or ignores) one thing. Measured
 * by counting error-level failures per root cause: the goal is one.
 */

const TOKEN = 'proven-causes-token';
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

type Operation = { op?: unknown; path?: unknown; value?: unknown };
/** What a hostile server does with one request: refuse it (the detail), ignore it, or pass it on. */
type Verdict = { refuse: string } | 'ignore' | undefined;

/** The reference server, refusing with a SCIM 400 (or answering 200 without applying) what `judge` picks. */
async function startHostileServer(
  judge: (method: string, path: string, operations: Operation[]) => Verdict,
): Promise<LoopbackProxy> {
  return startProxy({
    reference: { token: TOKEN },
    async onRequest(req, res, { upstreamUrl, path }) {
      const body = await readBody(req);
      let operations: Operation[] = [];
      try {
        operations = (JSON.parse(body.toString('utf8')) as { Operations?: Operation[] }).Operations ?? [];
      } catch {
        // not JSON: passed on as it is
      }
      const verdict = judge(req.method ?? 'GET', path, Array.isArray(operations) ? operations : []);
      if (verdict !== undefined && verdict !== 'ignore') {
        const error = {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '400',
          scimType: 'invalidValue',
          detail: verdict.refuse,
        };
        res.writeHead(400, { 'content-type': 'application/scim+json' });
        return void res.end(JSON.stringify(error));
      }
      // "ignore": answer 200 with the resource as it stands, changing nothing.
      const answer =
        verdict === 'ignore'
          ? await forwardToUpstream(
              upstreamUrl,
              {
                method: 'GET',
                path: req.url,
                headers: { authorization: req.headers.authorization, accept: 'application/scim+json' },
              },
              Buffer.alloc(0),
            )
          : await forwardToUpstream(upstreamUrl, { method: req.method, path: req.url, headers: req.headers }, body);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    },
  });
}

interface Check {
  id: string;
  status: string;
  level: string;
  message?: string;
  exchangeId?: number;
  causeExchangeId?: number;
  findings?: { message: string; path?: string; expected?: any; actual?: any }[];
}
interface Step {
  index: number;
  action: string;
  status: string;
  checks: Check[];
}
interface Report {
  scenarios: { name: string; status: string; steps: Step[] }[];
}

async function run(server: LoopbackProxy, ...scenarios: string[]): Promise<{ code: number; report: Report }> {
  const result = await runMain(['run', ...scenarios, '--base-url', server.baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: TOKEN },
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

/** Every error-level failure, as `step N action: ID`. */
function errors(report: Report): string[] {
  return report.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) =>
      step.checks
        .filter((check) => check.status === 'failed' && check.level === 'error')
        .map((check) => `step ${step.index + 1} ${step.action}: ${check.id}`),
    ),
  );
}

function checks(report: Report, id: string): (Check & { step: number })[] {
  return report.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) =>
      step.checks.filter((check) => check.id === id).map((check) => ({ ...check, step: step.index + 1 })),
    ),
  );
}

const isCapitalised = (operation: Operation): boolean =>
  typeof operation.op === 'string' && operation.op !== operation.op.toLowerCase();
const isStringBoolean = (value: unknown): boolean => typeof value === 'string' && /^(true|false)$/i.test(value);

describe('a refused IdP write names the habit the server refuses, once', () => {
  it("the issue's manager update: one INTEROP-SINGLE-VALUE-ARRAY, no INTEROP-OP-CASE, no PATCH rule failed, nothing repeated later", async () => {
    // Refuses an array for single-valued manager; capitalised ops, Replace and Remove are fine.
    proxy = await startHostileServer((method, _path, operations) =>
      method === 'PATCH' &&
      operations.some((operation) => /manager$/i.test(String(operation.path)) && Array.isArray(operation.value))
        ? { refuse: 'manager is single-valued' }
        : undefined,
    );
    const { code, report } = await run(proxy, 'scenarios/entra-user-lifecycle.yaml');
    expect(code).toBe(1);
    expect(errors(report)).toEqual(['step 6 updateUser: INTEROP-SINGLE-VALUE-ARRAY']);
    const [verdict] = checks(report, 'INTEROP-SINGLE-VALUE-ARRAY');
    // Both requests: the IdP's (one-element array) and the re-send that was accepted (the element itself).
    expect(verdict!.findings![0]!.actual).toMatchObject({
      request: expect.stringMatching(/^PATCH \/.*Users\//),
      answer: '400 invalidValue: manager is single-valued',
      body: { Operations: [{ op: 'Add', value: [{ value: expect.any(String) }] }] },
    });
    expect(verdict!.findings![0]!.expected).toMatchObject({
      answer: 200,
      body: { Operations: [{ op: 'Add', value: { value: expect.any(String) } }] },
    });
    expect(verdict!.message).toMatch(/one-element array for a single-valued attribute.*exchange #\d+.*exchange #\d+/);
    expect(checks(report, 'INTEROP-OP-CASE').filter((check) => check.status === 'failed')).toEqual([]);
    expect(checks(report, 'PATCH-RESPONSE').filter((check) => check.status === 'failed')).toEqual([]);
    expect(checks(report, 'PATCH-EXTENSION-PATH').map((check) => check.status)).toEqual(['skipped']);
    // Later read-backs (deactivate, reactivate, unassign) are not failed again for the manager.
    expect(checks(report, 'INTEROP-BOOLEAN-STRINGS').filter((check) => check.status === 'failed')).toEqual([]);
  });

  it('a server refusing capitalised ops only: INTEROP-OP-CASE once with both requests, later refusals as info notes', async () => {
    proxy = await startHostileServer((method, _path, operations) =>
      method === 'PATCH' && operations.some(isCapitalised)
        ? { refuse: 'op must be one of add, replace, remove' }
        : undefined,
    );
    const { report } = await run(proxy, 'scenarios/entra-user-lifecycle.yaml');
    expect(errors(report)).toEqual(['step 4 updateUser: INTEROP-OP-CASE']);
    const verdicts = checks(report, 'INTEROP-OP-CASE').filter((check) => check.status === 'failed');
    expect(verdicts[0]!.findings![0]).toMatchObject({
      actual: {
        body: { Operations: [{ op: 'Replace', path: 'name.familyName' }] },
        answer: '400 invalidValue: op must be one of add, replace, remove',
      },
      expected: { body: { Operations: [{ op: 'replace', path: 'name.familyName' }] }, answer: 200 },
    });
    // Every later Entra PATCH is refused for the same reason: noted, never a second error.
    expect(
      verdicts.slice(1).every((check) => check.level === 'info' && /again, as proven at step 4/.test(check.message!)),
    ).toBe(true);
    expect(verdicts.length).toBeGreaterThan(3);
  });

  it('a server refusing "True"/"False" strings: INTEROP-BOOLEAN-STRINGS, not the op case', async () => {
    proxy = await startHostileServer((method, _path, operations) =>
      method === 'PATCH' && operations.some((operation) => isStringBoolean(operation.value))
        ? { refuse: 'active must be a boolean' }
        : undefined,
    );
    const { report } = await run(proxy, 'scenarios/entra-user-lifecycle.yaml');
    expect(errors(report)).toEqual(['step 7 deactivateUser: INTEROP-BOOLEAN-STRINGS']);
    const [verdict] = checks(report, 'INTEROP-BOOLEAN-STRINGS').filter((check) => check.status === 'failed');
    expect(verdict!.findings![0]!.expected).toMatchObject({
      body: { Operations: [{ op: 'Replace', path: 'active', value: false }] },
    });
    expect(checks(report, 'INTEROP-OP-CASE').filter((check) => check.status === 'failed')).toEqual([]);
  });

  it('a server refusing both habits of one request: each named once, as each is needed', async () => {
    proxy = await startHostileServer((method, _path, operations) =>
      method === 'PATCH' && operations.some((operation) => isCapitalised(operation) || isStringBoolean(operation.value))
        ? { refuse: 'not RFC 7644' }
        : undefined,
    );
    const { report } = await run(proxy, 'scenarios/entra-quirks.yaml');
    // The email Add is the first PATCH (op case proven there); the deactivation then proves the string.
    expect(errors(report)).toEqual([
      'step 3 updateUser: INTEROP-OP-CASE',
      'step 5 deactivateUser: INTEROP-BOOLEAN-STRINGS',
    ]);
    expect(checks(report, 'INTEROP-REFUSED')).toEqual([]);
  });

  it('a refusal no habit explains: one INTEROP-REFUSED quoting the detail, no PATCH rule failed', async () => {
    proxy = await startHostileServer((method, _path, operations) =>
      method === 'PATCH' && operations.some((operation) => /familyName/.test(String(operation.path)))
        ? { refuse: 'familyName is owned by the HR system' }
        : undefined,
    );
    const { report } = await run(proxy, 'scenarios/entra-user-lifecycle.yaml');
    expect(errors(report)).toEqual(['step 4 updateUser: INTEROP-REFUSED']);
    const [verdict] = checks(report, 'INTEROP-REFUSED');
    expect(verdict!.message).toMatch(
      /for a reason scim-check could not isolate.*The server said: familyName is owned by the HR system/,
    );
    expect(checks(report, 'INTEROP-OP-CASE').filter((check) => check.status === 'failed')).toEqual([]);
    expect(checks(report, 'PATCH-RESPONSE').filter((check) => check.status === 'failed')).toEqual([]);
  });

  it('a server answering 200 to capitalised group ops without applying them: the read-back names the op case, once', async () => {
    proxy = await startHostileServer((method, path, operations) =>
      method === 'PATCH' && path.startsWith('/Groups/') && operations.some(isCapitalised) ? 'ignore' : undefined,
    );
    const { report } = await run(proxy, 'scenarios/entra-group-push.yaml');
    expect(errors(report)).toEqual(['step 5 pushGroup: INTEROP-OP-CASE']);
    const [verdict] = checks(report, 'INTEROP-OP-CASE').filter((check) => check.status === 'failed');
    expect(verdict!.message).toMatch(/answered 200 but did not apply the IdP's request carrying a capitalised op/);
    expect(verdict!.findings![0]!.expected).toMatchObject({ body: { Operations: [{ op: 'add', path: 'members' }] } });
    // The membership verdict is not failed a second time for the same cause.
    expect(checks(report, 'PATCH-MEMBERS-ADD').filter((check) => check.status === 'failed')).toEqual([]);
  });
});
