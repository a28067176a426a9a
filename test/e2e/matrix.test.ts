import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../src/engine/matrix.js';
import { renderMatrixPretty } from '../../src/report/matrix-table.js';
import { type BrokenServer, startBrokenServer } from '../support/broken-server.js';
import { runMain } from '../support/run-main.js';

let server: BrokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const cell = (result: MatrixResult, idp: string, flow: string) =>
  result.cells.find((entry) => entry.idp === idp && entry.flow === flow);

describe('scim-check matrix', () => {
  it("passes every profile × flow against the embedded server, with Google's group push skipped", async () => {
    const run = await runMain(['matrix', '--reporter', 'json']);
    expect(run.code, run.stdout.slice(0, 2000) + run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as MatrixResult;
    expect(result.target.embedded).toBe(true);
    expect(result.profiles.map((profile) => profile.name)).toEqual([
      'generic',
      'okta',
      'okta-aiw',
      'entra',
      'entra-compliant',
      'keycloak',
      'keycloak-patch',
      'google',
      'onelogin',
      'jumpcloud',
      'authentik',
      'ping',
      'rauthy',
      'entra-validator',
      'keycloak-suvera',
    ]);
    expect(result.cells).toHaveLength(30);
    expect(cell(result, 'google', 'groups')).toMatchObject({
      status: 'skipped',
      note: expect.stringMatching(/users only/),
    });
    expect(
      result.cells
        .filter((entry) => entry !== cell(result, 'google', 'groups'))
        .every((entry) => entry.status === 'passed'),
    ).toBe(true);
    expect(result.summary).toEqual({ passed: 29, failed: 0, errored: 0, skipped: 1 });
  });

  it("shows the first failing check per cell against a server that rejects Entra's legacy PATCH", async () => {
    server = await startBrokenServer({
      rewriteRequest(method, _path, body) {
        const operations = (body as { Operations?: { op?: unknown }[] } | undefined)?.Operations ?? [];
        if (
          method !== 'PATCH' ||
          !operations.some(
            (operation) => typeof operation.op === 'string' && operation.op !== operation.op.toLowerCase(),
          )
        )
          return undefined;
        return { ...(body as object), Operations: [{ op: 'refused-capitalised-op' }] };
      },
    });
    const run = await runMain(['matrix', '--base-url', server.baseUrl, '--idp', 'entra', '--idp', 'entra-compliant'], {
      env: { SCIM_CHECK_TOKEN: server.token },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/entra\s+✗ INTEROP-OP-CASE\s+✗ INTEROP-OP-CASE/);
    expect(run.stdout).toMatch(/entra-compliant\s+✓ pass\s+✓ pass/);
    expect(run.stdout).toMatch(
      /entra × User lifecycle: step \d+ \(updateUser\) INTEROP-OP-CASE: the server refused the IdP's request carrying a capitalised op.*"Replace"/,
    );
    expect(run.stdout).not.toContain(server.token);
  });

  it('json=FILE writes the document to the file and still prints the table (it was refused as an unknown reporter)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scim-check-matrix-')), 'matrix.json');
    const run = await runMain(['matrix', '--idp', 'okta', '--reporter', `json=${file}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/okta\s+✓ pass\s+✓ pass/);
    const result = JSON.parse(readFileSync(file, 'utf8')) as MatrixResult;
    expect(result.cells.map((entry) => [entry.idp, entry.flow, entry.status])).toEqual([
      ['okta', 'lifecycle', 'passed'],
      ['okta', 'groups', 'passed'],
    ]);
    expect(result.interrupted).toBe(false);
  });

  it('refuses an unknown profile with a usage error', async () => {
    const run = await runMain(['matrix', '--idp', 'okta-classic']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown IdP profile "okta-classic"/);
  });
});

describe('matrix table renderer', () => {
  it('renders pass, the first failing check and skips, with details below the table', () => {
    const result: MatrixResult = {
      tool: { name: 'scim-check', version: '0.0.0' },
      target: { baseUrl: 'https://scim.example.com/v2', embedded: false },
      flows: [
        { name: 'lifecycle', title: 'User lifecycle' },
        { name: 'groups', title: 'Group push' },
      ],
      profiles: [
        { name: 'okta', title: 'Okta', verified: true },
        { name: 'google', title: 'Google', verified: false },
      ],
      cells: [
        { idp: 'okta', flow: 'lifecycle', status: 'passed' },
        {
          idp: 'okta',
          flow: 'groups',
          status: 'failed',
          firstFailure: { id: 'PATCH-MEMBERS-ADD', message: 'the member set differs', step: 4, action: 'pushGroup' },
        },
        { idp: 'google', flow: 'lifecycle', status: 'passed' },
        { idp: 'google', flow: 'groups', status: 'skipped', note: 'pushGroup: no group push' },
      ],
      summary: { passed: 2, failed: 1, errored: 0, skipped: 1 },
      interrupted: false,
    };
    expect(renderMatrixPretty(result, false)).toBe(
      [
        'IdP × flow compatibility against https://scim.example.com/v2',
        '',
        'IDP                  USER LIFECYCLE  GROUP PUSH',
        'okta                 ✓ pass          ✗ PATCH-MEMBERS-ADD',
        'google (unverified)  ✓ pass          ○ skipped',
        '',
        'okta × Group push: step 4 (pushGroup) PATCH-MEMBERS-ADD: the member set differs',
        'google × Group push: pushGroup: no group push',
        '',
        'Cells: 2 passed, 1 failed, 1 skipped',
        'Rerun one cell with: scim-check run <scenario> --idp <profile> --verbose',
        '',
      ].join('\n'),
    );
  });
});
