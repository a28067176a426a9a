import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecording } from '../../src/cli/commands/record.js';
import { readEnvironment } from '../../src/cli/environment.js';
import { guardIo } from '../../src/cli/io.js';
import type { HarLog } from '../../src/report/har/har-types.js';
import { MemoryStream } from '../report/memory-stream.js';
import { type DeviantServer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { runOktaScript } from '../support/scripted-idp.js';
import { idpRequests, recordScenario, writeHar } from './har-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-from-har-'));
const at = (name: string): string => join(dir, name);

/** from-har → the draft's file; the draft must also pass `scim-check validate`. */
async function draftOf(har: string, name: string, extra: string[] = []): Promise<string> {
  const drafted = await runMain(['scenario', 'from-har', har, '-o', at(name), ...extra]);
  expect(drafted.code, drafted.stderr).toBe(0);
  const validated = await runMain(['validate', at(name)]);
  expect(validated.code, validated.stderr).toBe(0);
  return readFileSync(at(name), 'utf8');
}

describe.each([
  ['okta', 'scenarios/okta-user-lifecycle.yaml'],
  ['entra', 'scenarios/entra-user-lifecycle.yaml'],
  ['okta', 'scenarios/okta-group-push.yaml'],
])('a recording of %s (%s), drafted and run again', (idp, scenario) => {
  it('sends the recorded requests again: method, path, query, filter form, body keys and op shapes, headers', async () => {
    const base = scenario.replace(/\W+/g, '-');
    const recording = await recordScenario(scenario, at(`${base}.har`));
    const draft = await draftOf(at(`${base}.har`), `${base}.yaml`);
    expect(draft).toContain(`idp: ${idp}`);
    const rerun = await runMain(['run', at(`${base}.yaml`), '--har', at(`${base}-again.har`)]);
    // The draft passes and fails where the recorded run did (the same server, the same requests).
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(recording.code);
    const recorded = await idpRequests(at(`${base}.har`), { headers: true });
    const again = await idpRequests(at(`${base}-again.har`), { headers: true });
    expect(again).toEqual(recorded);
    expect(recorded.length).toBeGreaterThan(8);
  });
});

describe('personal data and unmapped requests', () => {
  let har: HarLog;
  const personal: string[] = [];

  beforeAll(async () => {
    har = await recordScenario('scenarios/okta-user-lifecycle.yaml', at('personal.har'));
    // Give dana a phone number on create, and add a read of her (which no IdP action sends) and an
    // unknown endpoint after the create: both must become raw steps that still run.
    const create = har.log.entries.find((entry) => entry.request.method === 'POST')!;
    const body = JSON.parse(create.request.postData!.text) as Record<string, unknown>;
    body.phoneNumbers = [{ value: '+1 415 555 2671', type: 'work' }];
    create.request.postData!.text = JSON.stringify(body);
    const danaId = (JSON.parse(create.response.content.text!) as { id: string }).id;
    const read = structuredClone(har.log.entries.find((entry) => entry._scimCheck.action === 'testConnection')!);
    read.request.url = read.request.url.replace(/\/Users\?.*$/, `/Users/${danaId}`);
    read.request.queryString = [];
    read._scimCheck = { ...read._scimCheck, action: 'request', step: null };
    const schemas = structuredClone(read);
    schemas.request.url = schemas.request.url.replace(/\/Users\/.*$/, '/Schemas');
    const after = har.log.entries.indexOf(create) + 2;
    har.log.entries.splice(after, 0, read, schemas);
    writeHar(at('personal.har'), har);
    for (const text of [
      create.request.postData!.text,
      ...har.log.entries.map((entry) => entry.request.postData?.text ?? ''),
    ]) {
      const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const name = (parsed.name ?? {}) as Record<string, string>;
      for (const value of [
        parsed.userName,
        parsed.externalId,
        name.givenName,
        name.familyName,
        parsed.displayName,
        parsed.title,
      ])
        if (typeof value === 'string') personal.push(value);
    }
    personal.push('415 555 2671', '+14155552671');
  });

  it('never writes a userName, name, email, phone number or externalId of the recording', async () => {
    const draft = await draftOf(at('personal.har'), 'personal.yaml');
    expect(personal.length).toBeGreaterThan(8);
    for (const value of personal) expect(draft, value).not.toContain(value);
    // Keys from the traffic; values generated.
    expect(draft).toMatch(/^ {2}dana:$/m);
    expect(draft).toContain('email: dana.{{run}}@example.com');
    expect(draft).toMatch(/phoneNumbers:\n\s+- value: \+1 555 010 \d{4}\n\s+type: work/);
  });

  it('keeps what it cannot map as raw request steps, ids as references, that run against the reference server', async () => {
    const draft = await draftOf(at('personal.har'), 'unmapped.yaml');
    expect(draft).toContain('path: /Users/{{users.dana.id}}');
    expect(draft).toContain('path: /Schemas');
    expect(draft).toMatch(/# Not mapped to an IdP action[^\n]*\n#\s+step 3: GET \/Users\/\{id\}/);
    const run = await runMain(['run', at('unmapped.yaml'), '--har', at('unmapped-again.har')]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const again = JSON.parse(readFileSync(at('unmapped-again.har'), 'utf8')) as HarLog;
    const raw = again.log.entries
      .filter((entry) => entry._scimCheck.action === 'request')
      .map((entry) => entry.request.url);
    expect(raw.some((url) => /\/Users\/[0-9a-f-]{36}$/.test(url))).toBe(true);
    expect(raw.some((url) => url.endsWith('/Schemas'))).toBe(true);
  });

  it('refuses to overwrite an existing draft without --force', async () => {
    await draftOf(at('personal.har'), 'twice.yaml');
    const again = await runMain(['scenario', 'from-har', at('personal.har'), '-o', at('twice.yaml')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; nothing was written');
    expect((await runMain(['scenario', 'from-har', at('personal.har'), '-o', at('twice.yaml'), '--force'])).code).toBe(
      0,
    );
  });
});

describe('a recording made by `scim-check record` of the scripted Okta client', () => {
  let upstream: DeviantServer;
  beforeAll(async () => {
    upstream = await startHookedServer([], 'okta-org-secret-token-7c1d');
  });
  afterAll(() => upstream.close());

  it("drafts the documented requests as the okta profile's actions, and the draft runs", async () => {
    const stdout = new MemoryStream();
    const io = guardIo({ stdout, stderr: new MemoryStream(), env: readEnvironment({ NO_COLOR: '1' }), cwd: dir });
    const recording = await startRecording(
      { target: upstream.baseUrl, har: 'scripted.har', port: '0', listenHost: '127.0.0.1', timeout: '5000' },
      io,
    );
    try {
      await runOktaScript(recording.url, upstream.token);
    } finally {
      await recording.close();
    }
    const draft = await draftOf(at('scripted.har'), 'scripted.yaml');
    expect(draft).toContain('idp: okta');
    // Every documented request (test/support/scripted-idp.ts) maps to the action the okta profile sends it for.
    // Stand-ins valid for their attribute (locale en-US, never "locale 1"); a group DELETE is
    // Okta's unlink with "Delete the group in the target app"; a membership change and "Push now"
    // are what a push of the linked group sends.
    expect(draft.slice(draft.indexOf('users:'))).toBe(
      [
        'users:',
        ...['alice', 'bob'].flatMap((key, index) => [
          `  ${key}:`,
          '    givenName: Test',
          `    familyName: User ${index + 1}`,
          `    displayName: Test User ${index + 1}`,
          `    email: ${key}.{{run}}@example.com`,
          '    attributes:',
          '      locale: en-US',
        ]),
        'groups:',
        '  engineering:',
        '    displayName: Engineering {{run}}',
        'steps:',
        '  - testConnection',
        '  - assignUser: alice',
        '  - assignUser: bob',
        '  - updateUser: alice',
        '    set:',
        '      givenName: Test 1',
        '      displayName: Test User 2',
        '  - deactivateUser: alice',
        '  - reactivateUser: alice',
        ...[['alice'], ['bob'], ['bob']].flatMap((members) => [
          '  - pushGroup: engineering',
          '    members:',
          ...members.map((key) => `      - ${key}`),
        ]),
        '  - removeMembers:',
        '      group: engineering',
        '      users:',
        '        - bob',
        '  - renameGroup:',
        '      group: engineering',
        '      to: Engineering renamed {{run}}',
        '  - unlinkGroup:',
        '      group: engineering',
        '      deleteInTarget: true',
        '',
      ].join('\n'),
    );
    expect(draft).not.toContain('not mapped');
    expect(draft).not.toContain(upstream.token);
    const run = await runMain(['run', at('scripted.yaml')]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });
});
