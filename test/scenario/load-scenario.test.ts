import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioText, type Step } from '../../src/scenario/index.js';

const FILE = 'inline.yaml';

function load(text: string) {
  return loadScenarioText(text, FILE);
}

describe('loadScenarioText', () => {
  it('fills in the documented defaults', () => {
    const { scenario, diagnostics } = load(
      [
        'name: Defaults',
        'users:',
        '  alice: { email: alice@example.com }',
        '  bob: { userName: bob, email: bob@example.com }',
        'groups:',
        '  eng: { displayName: Engineering }',
        'steps:',
        '  - testConnection',
        '  - pushGroup: eng',
        '  - unlinkGroup: eng',
        '  - importUsers',
        '  - request: { method: get, path: /Users, query: { count: 10 } }',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(scenario).toMatchObject({ file: FILE, name: 'Defaults', idp: 'generic', requires: [], env: [] });
    expect(scenario!.description).toBeUndefined();
    expect(scenario!.users.alice!.userName).toBe('alice@example.com');
    expect(scenario!.users.bob!.userName).toBe('bob');
    const [connection, push, unlink, importUsers, request] = scenario!.steps as Step[];
    expect(connection).toEqual({
      index: 0,
      action: 'testConnection',
      span: expect.objectContaining({ file: FILE, line: 8, column: 5 }),
    });
    expect(push).toMatchObject({ action: 'pushGroup', group: 'eng', members: [] });
    expect(unlink).toMatchObject({ action: 'unlinkGroup', group: 'eng', deleteInTarget: false });
    expect(importUsers).not.toHaveProperty('pageSize');
    expect(request).toMatchObject({
      action: 'request',
      request: { method: 'GET', path: '/Users', query: { count: '10' } },
    });
    expect(scenario!.source).toContain('name: Defaults');
  });

  it('accepts every argument form: scalar, mapping and sibling keys', () => {
    const text = [
      'name: Forms',
      'users: { alice: { email: a@example.com }, bob: { email: b@example.com } }',
      'groups: { eng: { displayName: Eng } }',
      'steps:',
      '  - pushGroup: { group: eng, members: [alice] }',
      '  - addMembers: eng',
      '    users: [bob]',
      '  - removeMembers: { group: eng, users: [bob] }',
      '  - renameGroup: eng',
      '    to: Platform',
      '  - updateUser: { user: alice, set: { title: Boss } }',
      '  - expectState: { groups: { eng: { members: [alice] } } }',
      '  - expectState:',
      '      users: { alice: { active: true } }',
      '  - deleteGroup: { group: eng }',
    ].join('\n');
    const { scenario, diagnostics } = load(text);
    expect(diagnostics).toEqual([]);
    expect(scenario!.steps).toMatchObject([
      { action: 'pushGroup', group: 'eng', members: ['alice'] },
      { action: 'addMembers', group: 'eng', users: ['bob'] },
      { action: 'removeMembers', group: 'eng', users: ['bob'] },
      { action: 'renameGroup', group: 'eng', to: 'Platform' },
      { action: 'updateUser', user: 'alice', set: { title: 'Boss' } },
      { action: 'expectState', state: { groups: { eng: { members: ['alice'] } } } },
      { action: 'expectState', state: { users: { alice: { active: true } } } },
      { action: 'deleteGroup', group: 'eng' },
    ]);
  });

  it('accepts templates that refer to declared things, opted-in env vars and earlier captures', () => {
    const text = [
      'name: Templates',
      'env: [TENANT]',
      'users: { alice: { email: "alice.{{ run }}@example.com", externalId: "{{env.TENANT}}-alice" } }',
      'steps:',
      '  - assignUser: alice',
      '  - request: { method: GET, path: "/Users/{{users.alice.id}}" }',
      '    capture: { aliceId: "$.id" }',
      '  - request: { method: DELETE, path: "/Users/{{vars.aliceId}}", headers: { X-Tenant: "{{env.TENANT}}" } }',
    ].join('\n');
    const { scenario, diagnostics } = load(text);
    expect(diagnostics).toEqual([]);
    expect(scenario!.env).toEqual(['TENANT']);
  });

  it('reports every problem of a file at once, in file order', () => {
    const { scenario, diagnostics } = load(
      ['name: Many', 'idp: oktaa', 'steps:', '  - assignUser: nobody', '  - pushGroup: nothing'].join('\n'),
    );
    expect(scenario).toBeUndefined();
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.span.line])).toEqual([
      ['invalid-value', 2],
      ['unknown-user', 4],
      ['unknown-group', 5],
    ]);
  });

  it("reports a collection used as a key as a diagnostic, with no Node warning on the process (npm test printed yaml's)", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const result = loadScenarioText('name: x\n[a]: 1\nsteps:\n  - testConnection\n', 'collection-key.yaml');
      expect(result.diagnostics.map((diagnostic) => diagnostic.title)).toContain('unknown key "[ a ]" in the scenario');
      // process.emitWarning delivers on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });

  it('never reads process.env: an env template needs the scenario to opt in', () => {
    process.env.SCIM_CHECK_TEST_SECRET = 'leaked';
    try {
      const { diagnostics } = load(
        ['name: Env', 'steps:', '  - request: { method: GET, path: "/{{env.SCIM_CHECK_TEST_SECRET}}" }'].join('\n'),
      );
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['template']);
    } finally {
      delete process.env.SCIM_CHECK_TEST_SECRET;
    }
  });

  it('keeps a scenario with warnings only', () => {
    const { scenario, diagnostics } = load('name: !custom Warn\nsteps:\n  - testConnection\n');
    expect(diagnostics).toMatchObject([
      { severity: 'warning', code: 'yaml-warning', title: 'unresolved tag: !custom', span: { line: 1, column: 7 } },
    ]);
    expect(scenario?.name).toBe('Warn');
  });

  it('never throws, whatever the input', () => {
    for (const text of [
      '',
      '\u0000',
      '[',
      'a: [',
      '*x',
      '!!binary x',
      'steps: {a: 1}',
      'name: 1\nsteps: 2',
      '- - - -',
      '? [a]\n: b',
    ]) {
      expect(() => load(text)).not.toThrow();
      expect(load(text).diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe('loadScenarioFile', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reports a directory', async () => {
    const result = await loadScenarioFile('scenarios');
    expect(result.scenario).toBeUndefined();
    expect(result.source).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'is-directory',
        title: 'scenarios is a directory, not a scenario file',
        span: { file: 'scenarios', line: 1, column: 1 },
      }),
    ]);
  });

  it('reports a missing file and suggests a close sibling', async () => {
    const result = await loadScenarioFile('scenarios/okta-group-psh.yaml');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'not-found',
        title: 'scenario file scenarios/okta-group-psh.yaml not found',
        hint: 'did you mean "scenarios/okta-group-push.yaml"?',
      }),
    ]);
  });

  it('reports a missing file in a missing folder', async () => {
    const result = await loadScenarioFile('no-such-folder/x.yaml');
    expect(result.diagnostics).toMatchObject([
      { code: 'not-found', hint: 'check the path; a relative path starts at the current directory' },
    ]);
  });

  it('shows the display path, not the real one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'scim-check-load-'));
    const path = join(dir, 'x.yaml');
    await writeFile(path, 'name: X\nsteps: [testConnection]\n');
    const result = await loadScenarioFile(path, 'built-in/x.yaml');
    expect(result.scenario?.file).toBe('built-in/x.yaml');
    expect(result.scenario?.steps[0]?.span.file).toBe('built-in/x.yaml');
  });

  it('drops a UTF-8 byte order mark', async () => {
    dir = await mkdtemp(join(tmpdir(), 'scim-check-load-'));
    const path = join(dir, 'bom.yaml');
    await writeFile(path, '\uFEFFname: BOM\nsteps: [testConnection]\n');
    const result = await loadScenarioFile(path);
    expect(result.diagnostics).toEqual([]);
    expect(result.scenario?.name).toBe('BOM');
  });
});
