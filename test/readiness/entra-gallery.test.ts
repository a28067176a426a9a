import { describe, expect, it } from 'vitest';
import { type ProxiedRequest, scimErrorAnswer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/* `scim-check readiness entra-gallery` in-process: the embedded server passes, broken servers get the right row "not ready". */

interface Row {
  test: string;
  verdict: string;
  citation: string;
  finding?: { check: string; message: string; at: string };
  reason?: string;
  fix?: string;
  optional?: string;
}

const rowsOf = (stdout: string): Row[] => (JSON.parse(stdout) as { rows: Row[] }).rows;
const row = (rows: Row[], name: string): Row => {
  const found = rows.find((candidate) => candidate.test === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

/** Runs the suite against a hooked reference server (static token: Validate_Credentials_Test is not ready there). */
async function againstHooked(hooks: Parameters<typeof startHookedServer>[0]): Promise<{ code: number; rows: Row[] }> {
  const server = await startHookedServer(hooks);
  try {
    const run = await runMain(['readiness', 'entra-gallery', '--reporter', 'json'], {
      env: { SCIM_CHECK_BASE_URL: server.baseUrl, SCIM_CHECK_TOKEN: server.token },
    });
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    return { code: run.code, rows: rowsOf(run.stdout) };
  } finally {
    await server.close();
  }
}

const isUserList = (request: ProxiedRequest): boolean => request.method === 'GET' && /^\/Users\/?$/.test(request.path);

describe('readiness entra-gallery', () => {
  it('the embedded reference server passes every offline test over OAuth client credentials', async () => {
    const run = await runMain(['readiness', 'entra-gallery']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ SCIM_User_Pagination_Test');
    expect(run.stdout).toMatch(/ready: \d+, not ready: 0, not testable offline: \d+/);
    const json = await runMain(['readiness', 'entra-gallery', '--reporter', 'json']);
    const rows = rowsOf(json.stdout);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    for (const judged of rows) {
      expect(judged.citation).toMatch(/SCIMReferenceCode|Microsoft Learn/);
      expect(judged.verdict, `${judged.test}: ${judged.reason ?? ''}`).not.toBe('not ready');
    }
    expect(row(rows, 'POD_User_Test')).toMatchObject({ verdict: 'not testable offline' });
    // Both OAuth flows ran against the embedded token endpoint: a secret, and an assertion signed by a key made for the run.
    expect(row(rows, 'Validate_Credentials_Test')).toMatchObject({ verdict: 'ready' });
    expect(row(rows, 'Federated_Identity_Test')).toMatchObject({ verdict: 'ready' });
  });

  it('a server that echoes startIndex 1 on every page: SCIM_User_Pagination_Test is not ready, exit 1', async () => {
    const { code, rows } = await againstHooked([
      {
        response(request, response) {
          if (isUserList(request) && request.query.has('startIndex'))
            (response.body as Record<string, unknown>).startIndex = 1;
        },
      },
    ]);
    expect(code).toBe(1);
    const pagination = row(rows, 'SCIM_User_Pagination_Test');
    expect(pagination.verdict).toBe('not ready');
    expect(pagination.finding).toMatchObject({ check: 'ENTRA-PAGINATION' });
    expect(pagination.finding?.at).toMatch(/SCIM_User_Pagination_Test page 1$/);
    expect(pagination.fix).toMatch(/startIndex/);
    expect(row(rows, 'SCIM_User_Create_Test').verdict).toBe('ready');
  });

  it('a server that ignores count: SCIM_User_Pagination_Test is not ready', async () => {
    const { rows } = await againstHooked([
      {
        request(request) {
          if (isUserList(request)) request.query.delete('count');
        },
      },
    ]);
    const pagination = row(rows, 'SCIM_User_Pagination_Test');
    expect(pagination.verdict).toBe('not ready');
    // The first failed error-level check of the page decides: RFC 7644's own count rule or the gallery's.
    expect(['PAGE-COUNT-MAX', 'ENTRA-PAGINATION']).toContain(pagination.finding?.check);
    expect(pagination.finding?.at).toMatch(/SCIM_User_Pagination_Test page 0$/);
  });

  it('a server whose zero-result filter answers 404: the filter row and Create_User_Test are not ready', async () => {
    const { code, rows } = await againstHooked([
      {
        request(request) {
          const filter = request.query.get('filter') ?? '';
          if (request.method === 'GET' && /^(userName|displayName) eq "scnobody-/.test(filter))
            return scimErrorAnswer(404, 'invalidValue', 'no such user');
          return undefined;
        },
      },
    ]);
    expect(code).toBe(1);
    expect(row(rows, 'Onboarding: filter with no match answers 200')).toMatchObject({
      verdict: 'not ready',
      finding: { check: 'LIST-EMPTY' },
    });
    expect(row(rows, 'SCIM_User_Pagination_Test').verdict).toBe('ready');
  });

  it('a static bearer token: Validate_Credentials_Test is not ready, as the gallery requires OAuth', async () => {
    const { rows } = await againstHooked([]);
    expect(row(rows, 'Validate_Credentials_Test')).toMatchObject({
      verdict: 'not ready',
      reason: expect.stringMatching(/requires OAuth client credentials or workload identity federation/),
    });
  });

  it('an unknown suite is a usage error with a suggestion', async () => {
    const run = await runMain(['readiness', 'entra-galery']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown readiness suite "entra-galery" — did you mean entra-gallery?');
    expect(run.stdout).toBe('');
  });
});
