import { describe, expect, it } from 'vitest';
import { DEVIATIONS, type DeviationHooks, type ProxiedRequest, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * `scim-check readiness okta-oin` end to end (in-process): the embedded server passes, and a
 * broken feature turns the vendor test that covers it "not ready" with exit 1. The Entitlements
 * test pages every endpoint /ResourceTypes lists with Okta's Role or Entitlement schema
 * (okta-developer-docs guides/scim-with-entitlements, "Endpoint call sequence"), wherever it is.
 */

interface Row {
  test: string;
  verdict: string;
  finding?: { check: string; message: string; at: string };
}

const rowsOf = (stdout: string): Row[] => (JSON.parse(stdout) as { rows: Row[] }).rows;
const row = (rows: Row[], name: string): Row => {
  const found = rows.find((candidate) => candidate.test === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

const ENTITLEMENT_SCHEMA = 'urn:okta:scim:schemas:core:1.0:Entitlement';
const ENTITLEMENTS_ROW = 'Okta Entitlements: Duplicate the request for multiple Entitlement Endpoints';

async function againstHooked(hooks: readonly DeviationHooks[]): Promise<{ code: number; rows: Row[] }> {
  const server = await startHookedServer(hooks);
  try {
    const run = await runMain(['readiness', 'okta-oin', '--reporter', 'json'], {
      env: { SCIM_CHECK_BASE_URL: server.baseUrl, SCIM_CHECK_TOKEN: server.token },
    });
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    return { code: run.code, rows: rowsOf(run.stdout) };
  } finally {
    await server.close();
  }
}

/**
 * A vendor whose entitlements live at /Licenses: /ResourceTypes lists the Entitlement resource
 * type there, /Licenses answers what the reference server's /Entitlements holds but ignores
 * `count` (every value on the page), and /Entitlements does not exist.
 */
function licensesEndpoint(asked: string[]): DeviationHooks {
  const licenses = new WeakSet<ProxiedRequest>();
  return {
    request(request) {
      asked.push(request.path);
      if (request.path === '/Entitlements' || request.path.startsWith('/Entitlements/'))
        return {
          respond: {
            status: 404,
            headers: { 'content-type': 'application/scim+json' },
            body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'Not found' },
          },
        };
      if (request.path === '/Licenses') {
        licenses.add(request);
        request.path = '/Entitlements';
        request.query.delete('count');
      }
      return undefined;
    },
    response(request, response) {
      const body = response.body as { Resources?: { schema?: string; endpoint?: string }[] } | undefined;
      if (request.path === '/ResourceTypes')
        for (const type of body?.Resources ?? []) if (type.schema === ENTITLEMENT_SCHEMA) type.endpoint = '/Licenses';
    },
  };
}

describe('readiness okta-oin', () => {
  it('the embedded reference server is ready, exit 0', async () => {
    const run = await runMain(['readiness', 'okta-oin']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ready: \d+, not ready: 0, not testable offline: \d+/);
    expect(run.stdout).toContain(`✓ ${ENTITLEMENTS_ROW}`);
  });

  it('a case-sensitive userName filter: "Okta SPEC: Required Test: Username Case Sensitivity Check" is not ready, exit 1', async () => {
    const { code, rows } = await againstHooked([DEVIATIONS['case-sensitive-filter']]);
    expect(row(rows, 'Okta SPEC: Required Test: Username Case Sensitivity Check')).toMatchObject({
      verdict: 'not ready',
      finding: { check: 'FILTER-CASE-INSENSITIVE' },
    });
    expect(code).toBe(1);
  });

  it('entitlements at /Licenses with broken paging: the Entitlements test reads /Licenses and is not ready', async () => {
    const asked: string[] = [];
    const { code, rows } = await againstHooked([licensesEndpoint(asked)]);
    // The endpoint came from /ResourceTypes: /Licenses was paged, the absent /Entitlements never asked.
    expect(asked).toContain('/Licenses');
    expect(asked).not.toContain('/Entitlements');
    expect(row(rows, ENTITLEMENTS_ROW)).toMatchObject({
      verdict: 'not ready',
      finding: {
        check: 'OKTA-ENTITLEMENT-PAGE',
        at: expect.stringMatching(/Entitlements test: Entitlement endpoints$/),
      },
    });
    expect(code).toBe(1);
  });
});
