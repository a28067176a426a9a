import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allCatalogueRows } from '../../src/checks/catalogue.js';
import { gateAttribute } from '../../src/cli/commands/explain.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import type { LoopbackProxy } from '../support/loopback-proxy.js';
import { runMain } from '../support/run-main.js';
import { allSteps, failedIds, type Report, startHookedServer, TOKEN } from './spec-scoping-servers.js';

/*
 * Issue 12: spec steps wrote attributes the server may never have declared (nickName,
 * x509Certificates, User.groups), and `explain` promised "Runs when: schema:User.groups" although
 * nothing checked it. A step gate `when: { attribute: … }` is now decided from the server's
 * /Schemas (RFC 7643 §7), and explain's "Runs when" names exactly that gate.
 */

let server: LoopbackProxy | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const UNDECLARED = new Set(['nickname', 'x509certificates', 'groups']);
const SPEC = [
  'scenarios/spec/create-and-read.yaml',
  'scenarios/spec/groups.yaml',
  'scenarios/spec/list-and-filter.yaml',
  'scenarios/spec/patch.yaml',
  'scenarios/spec/etag.yaml',
];

async function run(files: string[], baseUrl: string): Promise<Report> {
  const result = await runMain(['run', ...files, '--base-url', baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: TOKEN },
  });
  if (result.stdout === '') throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Report;
}

describe('steps gated on an attribute /Schemas declares', () => {
  it('are skipped, with the reason, when /Schemas leaves out nickName, x509Certificates and groups; nothing else changes', async () => {
    server = await startHookedServer({
      rewrite: (request, answer) => {
        if (request.path !== '/Schemas') return answer;
        const list = answer.body as { Resources: { id: string; attributes: { name: string }[] }[] };
        for (const schema of list.Resources)
          if (schema.id.endsWith(':core:2.0:User'))
            schema.attributes = schema.attributes.filter((attribute) => !UNDECLARED.has(attribute.name.toLowerCase()));
        return answer;
      },
    });
    const report = await run(SPEC, server.baseUrl);
    expect(failedIds(report)).toEqual([]);
    const gated = allSteps(report).filter((step) =>
      /does not declare User\.(nickName|x509Certificates|groups)/.test(step.skipReason ?? ''),
    );
    const names = gated.map((step) => step.name);
    for (const name of [
      'base64 binary values round-trip',
      'read-only groups in a POST are ignored',
      'User.groups lists the membership',
      'User.groups is read-only',
      'create U5 with a quoted nickName',
      'escaped quotes and apostrophes',
      'PATCH with the current If-Match',
      'the version changed with the data',
      'a successful PATCH answers 200 with the resource or 204',
      'nickName is set',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(gated.find((step) => step.name === 'User.groups lists the membership')?.skipReason).toBe(
      "the server's /Schemas does not declare User.groups, which this step needs (an optional attribute a server may leave out, RFC 7643 §7)",
    );
    // Gated steps send nothing: no x509Certificates went out.
    const sent = allSteps(report).flatMap((step) => step.exchanges.map((exchange) => exchange.url));
    expect(gated.every((step) => step.exchanges.length === 0)).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
  });

  it('run when /Schemas cannot be read, and a failure is a warning saying the attribute was not declared', async () => {
    server = await startHookedServer({
      answer: (request) =>
        request.path === '/Schemas'
          ? { status: 404, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' } }
          : undefined,
      // A server that quietly drops x509Certificates: the step runs and its row fails, as a warning.
      rewrite: (_request, answer) => {
        const body = answer.body as Record<string, unknown> | undefined;
        if (body && typeof body === 'object' && 'x509Certificates' in body) delete body.x509Certificates;
        return answer;
      },
    });
    const report = await run(['scenarios/spec/create-and-read.yaml'], server.baseUrl);
    const binary = allSteps(report).find((step) => step.name === 'base64 binary values round-trip')!;
    expect(binary.status).toBe('passed');
    expect(binary.checks.find((check) => check.id === 'DT-BINARY')).toMatchObject({
      status: 'failed',
      level: 'warning',
      message: expect.stringContaining(
        "the server's /Schemas could not be read to see whether it declares User.x509Certificates, so scim-check does not hold the server to it (RFC 7643 §5)",
      ),
    });
    expect(failedIds(report)).toEqual(['DT-BINARY']);
  });
});

describe('the attribute a gate names', () => {
  it('a sub-attribute and an extension attribute by URN: declared runs, left out of /Schemas skips', async () => {
    server = await startHookedServer({
      rewrite: (request, answer) => {
        if (request.path !== '/Schemas') return answer;
        const list = answer.body as { Resources: { id: string; attributes: { name: string }[] }[] };
        for (const schema of list.Resources)
          if (schema.id.endsWith(':enterprise:2.0:User'))
            schema.attributes = schema.attributes.filter((attribute) => attribute.name !== 'manager');
        return answer;
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'scim-check-gates-'));
    try {
      const file = join(dir, 'gates.yaml');
      writeFileSync(
        file,
        `name: attribute gates
steps:
  - name: givenName is declared
    when: { attribute: User.name.givenName }
    request: { method: GET, path: /Users, query: { count: 1 } }
    expect: { status: 200 }
  - name: manager is not
    when: { attribute: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager" }
    request: { method: GET, path: /Users, query: { count: 1 } }
    expect: { status: 200 }
`,
      );
      const report = await run([file], server.baseUrl);
      expect(report.scenarios[0]!.steps.map((step) => [step.name, step.status, step.skipReason])).toEqual([
        ['givenName is declared', 'passed', undefined],
        [
          'manager is not',
          'skipped',
          "the server's /Schemas does not declare urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager, which this step needs (an optional attribute a server may leave out, RFC 7643 §7)",
        ],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('explain says exactly the gate a run applies', () => {
  it('GROUP-USER-GROUPS runs when /Schemas declares User.groups, the step gate the spec suite uses', async () => {
    const explained = await runMain(['explain', 'GROUP-USER-GROUPS']);
    expect(explained.stdout).toMatch(
      /Runs when: the server's \/Schemas declares User\.groups \(step gate `when: \{\s+attribute:\s+User\.groups\s+\}`\)/,
    );
    expect(explained.stdout).not.toContain('schema:User.groups');
  });

  it('an IPSIE group row runs when /ResourceTypes names Group, the schema gate its steps carry', async () => {
    const explained = await runMain(['explain', 'IPSIE-GROUP-SCHEMA']);
    expect(explained.stdout).toMatch(
      /Runs when: the server's \/ResourceTypes names Group \(step gate `when: \{\s+schema:\s+urn:ietf:params:scim:schemas:core:2\.0:Group\s+\}`\)/,
    );
  });

  it('every spec and readiness step proving a row gated on an attribute carries that attribute gate', async () => {
    const rows = allCatalogueRows().filter((row) => row.gate !== undefined && gateAttribute(row.gate) !== undefined);
    expect(rows.map((row) => row.id).sort()).toEqual(['DT-BINARY', 'ENTRA-MANAGER', 'GROUP-USER-GROUPS']);
    const files = ['scenarios/spec', 'scenarios/readiness'].flatMap((folder) =>
      readdirSync(folder)
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => `${folder}/${file}`),
    );
    let proving = 0;
    for (const file of files) {
      const { scenario } = await loadScenarioFile(file);
      for (const step of scenario?.steps ?? []) {
        if (step.action !== 'request') continue;
        const row = rows.find((candidate) => candidate.id === step.check);
        if (row === undefined || (step.request.method !== 'GET' && step.request.method !== 'POST')) continue;
        proving++;
        expect(step.when?.attribute, `${file} step ${step.index + 1}`).toBe(gateAttribute(row.gate!));
      }
    }
    expect(proving).toBeGreaterThanOrEqual(4);
  });
});
