import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretSpellings } from '../../src/http/secret-spellings.js';
import type { HarLog } from '../../src/report/har/har-types.js';
import { runMain } from '../support/run-main.js';
import { recordScenario, writeHar } from './har-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-drift-'));
const at = (name: string): string => join(dir, name);

describe('scenario drift', () => {
  let har: HarLog;
  beforeAll(async () => {
    har = await recordScenario('scenarios/okta-user-lifecycle.yaml', at('okta.har'));
    // Okta's deactivation sent as a PUT of the whole user with active:false instead of its PATCH.
    const patch = har.log.entries.find(
      (entry) => entry._scimCheck.action === 'deactivateUser' && entry.request.method === 'PATCH',
    )!;
    // The user as the last update left it (the answer to the PUT of step 5).
    const before = har.log.entries
      .slice(0, har.log.entries.indexOf(patch))
      .filter((entry) => entry.request.method === 'PUT');
    const body = JSON.parse(before.at(-1)!.response.content.text!) as Record<string, unknown>;
    patch.request.method = 'PUT';
    patch.request.postData!.text = JSON.stringify({ ...body, active: false });
    writeHar(at('okta-put.har'), har);
  });

  it('finds no drift in a recording of what the profile itself sends, and exits 0', async () => {
    const drift = await runMain(['scenario', 'drift', at('okta.har'), '--fail-on-drift']);
    expect(drift.code, drift.stderr).toBe(0);
    expect(drift.stdout).toContain('no drift: all 8 recognised actions send what the profile predicts');
  });

  it('shows a deactivation sent as PUT against the okta profile, with observed evidence in JSON', async () => {
    const drift = await runMain(['scenario', 'drift', at('okta-put.har'), '--idp', 'okta']);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toMatch(
      /step 6 deactivateUser dana: Okta sent PUT \/Users\/\{id\} \{[^}]*active[^}]*\}\n\s+where the profile predicts PATCH \/Users\/\{id\} \[\{"op":"replace","value":\{"active":false\}\}\]/,
    );
    expect(drift.stdout).toContain('method at request 1 method: recorded "PUT", profile "PATCH"');
    expect(drift.stdout).toContain('1 of 8 actions drift');
    expect((await runMain(['scenario', 'drift', at('okta-put.har'), '--fail-on-drift'])).code).toBe(1);
    const json = await runMain(['scenario', 'drift', at('okta-put.har'), '--reporter', 'json']);
    const report = JSON.parse(json.stdout) as {
      drift: boolean;
      actions: { action: string; differences: unknown[]; evidence?: unknown; quirk?: { grade: string } }[];
    };
    expect(report.drift).toBe(true);
    const deactivate = report.actions.find((action) => action.action === 'deactivateUser')!;
    expect(deactivate.evidence).toEqual({
      grade: 'observed',
      observedOn: har.log.entries[0]!.startedDateTime.slice(0, 10),
      citation: at('okta-put.har'),
    });
    expect(deactivate.quirk).toMatchObject({ grade: 'observed', citations: [at('okta-put.har')] });
    expect(report.actions.filter((action) => action.differences.length > 0)).toHaveLength(1);
  });

  it('shows Entra\'s "False" against the compliant profile\'s boolean as a value type and op casing', async () => {
    await recordScenario('scenarios/entra-user-lifecycle.yaml', at('entra.har'));
    const drift = await runMain(['scenario', 'drift', at('entra.har'), '--idp', 'entra-compliant']);
    expect(drift.stdout).toMatch(/value types at request 1 Operations\[0\]\.value: recorded "False", profile false/);
    expect(drift.stdout).toMatch(/op casing at request 1 Operations\[0\]\.op: recorded "Replace", profile "replace"/);
  });
});

describe('credentials in a HAR that no tool redacted', () => {
  const token = 'tok-9f8e7d6c5b4a39281706';
  const cookie = 'sessid-55aa77cc99ee11';
  beforeAll(async () => {
    const har = await recordScenario('scenarios/okta-user-lifecycle.yaml', at('secret.har'));
    const encoded = Buffer.from(`Bearer ${token}`).toString('base64');
    for (const [index, entry] of har.log.entries.entries()) {
      entry.request.headers = entry.request.headers.map((header) =>
        header.name === 'authorization' ? { name: 'Authorization', value: `Bearer ${token}` } : header,
      );
      entry.request.headers.push({ name: 'Cookie', value: `sid=${cookie}; theme=dark` });
      entry.request.url += `${entry.request.url.includes('?') ? '&' : '?'}access_token=${token}`;
      // A parameter no list knows as a credential, on a request kept as a raw step: redaction must catch it.
      if (entry._scimCheck.action === 'request') entry.request.url += `&state=${token}`;
      if (index % 3 === 0 && entry.request.postData) {
        const body = JSON.parse(entry.request.postData.text) as Record<string, unknown>;
        // The token echoed into bodies: as is, JSON-escaped, and base64 of the header.
        body.nickName = token;
        body.profileUrl = `https://idp.example/x?t=${token.replace('-', '\\u002d')}&h=${encoded}`;
        entry.request.postData.text = JSON.stringify(body);
      }
      if (entry.response.content.text)
        entry.response.content.text = entry.response.content.text.replace('"schemas"', `"echo":"${token}","schemas"`);
    }
    writeHar(at('secret.har'), har);
  });

  it('keeps every spelling of the token and the cookie out of the draft and the drift reports', async () => {
    const outputs = [
      await runMain(['scenario', 'from-har', at('secret.har')]),
      await runMain(['scenario', 'drift', at('secret.har')]),
      await runMain(['scenario', 'drift', at('secret.har'), '--reporter', 'json']),
    ];
    const spellings = [...secretSpellings(token), ...secretSpellings(cookie)].map((spelling) => spelling.text);
    for (const output of outputs) {
      expect(output.code, output.stderr).toBe(0);
      for (const spelling of spellings) expect(output.stdout + output.stderr, spelling).not.toContain(spelling);
      expect(output.stdout).not.toMatch(/authorization|cookie|access_token/i);
    }
    expect(outputs[0]!.stdout).toContain('assignUser: dana');
  });
});

describe('bad HAR input', () => {
  const cases: [string, string, RegExp][] = [
    ['missing.har', '', /cannot read .*missing\.har: no such file/],
    ['not-json.har', '{"log": ', /not-json\.har: not JSON/],
    ['not-har.har', '{"entries": []}', /not-har\.har: not a HAR: it has no log\.entries array/],
    ['empty.har', '{"log": {"version": "1.2", "entries": []}}', /empty\.har: the HAR holds no requests/],
    [
      'no-request.har',
      '{"log": {"entries": [{"response": {"status": 200}}]}}',
      /no-request\.har: entry 1 has no request/,
    ],
  ];
  it.each(cases)('%s: a clear error, exit 2, no stack trace', async (name, text, message) => {
    if (text !== '') writeFileSync(at(name), text);
    for (const command of ['from-har', 'drift']) {
      const run = await runMain(['scenario', command, at(name)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('hint:');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    }
  });

  it('asks for --idp when nothing in the recording names the IdP', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2026-01-02T03:04:05Z',
            request: { method: 'GET', url: 'https://app.example/scim/v2/Schemas', headers: [] },
            response: { status: 200, content: {} },
          },
        ],
      },
    };
    const run = await runMain(['scenario', 'from-har', writeHar(at('anonymous.har'), har)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot tell which IdP sent');
    expect((await runMain(['scenario', 'from-har', at('anonymous.har'), '--idp', 'okat'])).stderr).toContain(
      'did you mean okta',
    );
  });
});
