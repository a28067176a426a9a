import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecording } from '../../src/cli/commands/record.js';
import { readEnvironment } from '../../src/cli/environment.js';
import { guardIo } from '../../src/cli/io.js';
import type { RecordingHar } from '../../src/recording/recorded-har.js';
import { MemoryStream } from '../report/memory-stream.js';
import { type DeviantServer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { runEntraScript, runOktaScript, type ScriptedSession } from '../support/scripted-idp.js';
import { writeHar } from './har-fixtures.js';

/*
 * The strongest check of the profiles this feature allows: the scripted IdPs send exactly the
 * documented requests (test/support/scripted-idp.ts, one per documentedOperation), `record`
 * captures them, and `scenario drift` finds the okta and entra profiles predicting every one.
 */

const dir = mkdtempSync(join(tmpdir(), 'scim-check-documented-drift-'));
const at = (name: string): string => join(dir, name);

type Script = (baseUrl: string, token: string, prefix: string) => Promise<ScriptedSession>;

let upstream: DeviantServer;
beforeAll(async () => {
  upstream = await startHookedServer([], 'documented-drift-token-51e0');
});
afterAll(() => upstream.close());

/** Records a scripted session through `scim-check record` and returns the HAR's path. */
async function recordScript(script: Script, name: string, prefix: string): Promise<string> {
  const io = guardIo({
    stdout: new MemoryStream(),
    stderr: new MemoryStream(),
    env: readEnvironment({ NO_COLOR: '1' }),
    cwd: dir,
  });
  const recording = await startRecording(
    { target: upstream.baseUrl, har: name, port: '0', listenHost: '127.0.0.1', timeout: '5000' },
    io,
  );
  try {
    const session = await script(recording.url, upstream.token, prefix);
    for (const exchange of session.exchanges) expect(exchange.status, exchange.label).toBeLessThan(300);
  } finally {
    await recording.close();
  }
  return at(name);
}

/** The HAR with one request body edited: a copy, so the recording itself stays as the IdP sent it. */
function editedCopy(har: string, name: string, find: RegExp, edit: (body: Record<string, unknown>) => void): string {
  const copy = JSON.parse(readFileSync(har, 'utf8')) as RecordingHar;
  const entry = copy.log.entries.find((candidate) => find.test(candidate.request.postData?.text ?? ''))!;
  const body = JSON.parse(entry.request.postData!.text) as Record<string, unknown>;
  edit(body);
  entry.request.postData!.text = JSON.stringify(body);
  return writeHar(at(name), copy);
}

describe.each<[string, Script, number]>([
  ['okta', runOktaScript, 12],
  ['entra', runEntraScript, 10],
])('a recording of the documented %s sequence', (idp, script, actions) => {
  let har: string;
  beforeAll(async () => {
    har = await recordScript(script, `${idp}.har`, idp);
  });

  it(`shows no drift against the ${idp} profile (--fail-on-drift exits 0)`, async () => {
    const drift = await runMain(['scenario', 'drift', har, '--fail-on-drift']);
    expect(drift.stdout + drift.stderr).toContain(`against profile ${idp}:`);
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    expect(drift.stdout).toContain(`no drift: all ${actions} recognised actions send what the profile predicts`);
    expect(drift.stdout).not.toContain('not compared');
  });
});

describe('a request edited away from the documented shape', () => {
  it('makes drift fail: an Okta create without locale', async () => {
    // Another user prefix: the scripts share one server (`test.alice` is still keyed `alice`).
    const har = await recordScript(runOktaScript, 'okta-edit.har', 'test');
    const edited = editedCopy(har, 'okta-no-locale.har', /"password"/, (body) => {
      delete body.locale;
    });
    const drift = await runMain(['scenario', 'drift', edited, '--fail-on-drift']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/step 2 assignUser alice: Okta sent .*POST \/Users \{[^}]*\}/);
    expect(drift.stdout).toMatch(/body keys at request 2 \(body\): recorded \[[^\]]*\], profile \[[^\]]*"locale"/);
    expect(drift.stdout).toContain('1 of 12 actions drift');
  });

  it('makes drift fail: an Entra member removal by filter instead of a value array', async () => {
    const har = await recordScript(runEntraScript, 'entra-edit.har', 'scim');
    const edited = editedCopy(har, 'entra-remove-filter.har', /"Remove"/, (body) => {
      const [operation] = body.Operations as { path: string; value?: { value: string }[] }[];
      operation!.path = `members[value eq "${operation!.value![0]!.value}"]`;
      delete operation!.value;
    });
    const drift = await runMain(['scenario', 'drift', edited, '--fail-on-drift']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(
      /step 7 removeMembers staff: Entra ID sent PATCH \/Groups\/\{id\} \[\{"op":"Remove","path":"members\[value eq/,
    );
    expect(drift.stdout).toContain(
      'body at request 1 Operations[0].path: recorded "members[value eq \\"…\\"]", profile "members"',
    );
    expect(drift.stdout).toContain('1 of 10 actions drift');
  });
});

describe('drift pairs requests by what they are', () => {
  it("compares a removal without the re-sent rename with the profile's removal, and names the rename missing", async () => {
    const har = await recordScript(runOktaScript, 'okta-pairing.har', 'idp');
    const copy = JSON.parse(readFileSync(har, 'utf8')) as RecordingHar;
    // The rename Okta re-sends before the removal (scripted-idp.ts 'remove member: rename'): gone.
    const removal = copy.log.entries.findIndex((entry) =>
      /"op":"remove","path":"members\[value eq [^\]]+\]"\}\]/.test(entry.request.postData?.text ?? ''),
    );
    const rename = copy.log.entries[removal - 1]!;
    expect(rename.request.postData?.text).toContain('"displayName"');
    copy.log.entries.splice(removal - 1, 1);
    const drift = await runMain(['scenario', 'drift', writeHar(at('okta-no-rename.har'), copy), '--fail-on-drift']);
    expect(drift.code).toBe(1);
    const lines = drift.stdout.split('\n');
    const step = lines.findIndex((line) => / removeMembers engineering: Okta sent PATCH /.test(line));
    expect(step, drift.stdout).toBeGreaterThan(-1);
    // The one difference: the rename, missing; the two removals agree (no body or op difference).
    expect(lines.slice(step + 2, step + 4)).toEqual([
      '      missing at request 1: the profile sends PATCH /Groups/{id} [{"op":"replace","value":{"displayName":"<string>","id":"<string>"}}]; the recording has no such request',
      '  1 of 12 actions drift; 11 match the profile',
    ]);
  });
});
