import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordOptions, startRecording } from '../../src/cli/commands/record.js';
import { readEnvironment } from '../../src/cli/environment.js';
import { guardIo } from '../../src/cli/io.js';
import type { RecordingHar } from '../../src/recording/recorded-har.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { MemoryStream } from '../report/memory-stream.js';
import { type DeviantServer, scimErrorAnswer, startHookedServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';
import { runOktaScript } from '../support/scripted-idp.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-replay-'));
const OKTA_HAR = join(dir, 'okta.har');
let recordedUserId: string;

/** Records the scripted Okta session in front of a reference server that is then thrown away. */
beforeAll(async () => {
  const original = await startReferenceServer({ token: 'recorded-org-token-5521' });
  const io = guardIo({ stdout: new MemoryStream(), stderr: new MemoryStream(), env: readEnvironment({}), cwd: dir });
  const options: RecordOptions = {
    target: original.baseUrl,
    har: 'okta.har',
    port: '0',
    listenHost: '127.0.0.1',
    timeout: '5000',
  };
  const recording = await startRecording(options, io);
  try {
    recordedUserId = (await runOktaScript(recording.url, original.token, 'replayed')).userId!;
  } finally {
    await recording.close();
    await original.close();
  }
});

describe('scim-check replay of a recorded Okta session', () => {
  let fresh: RunningReferenceServer;
  beforeAll(async () => {
    fresh = await startReferenceServer({ token: 'fresh-server-token-8812' });
  });
  afterAll(() => fresh.close());

  it('passes against a fresh reference server, the recorded ids mapped to the new ones', async () => {
    const report = join(dir, 'replay.json');
    const traffic = join(dir, 'replayed.har');
    const run = await runMain([
      'replay',
      OKTA_HAR,
      '--base-url',
      fresh.baseUrl,
      '--token',
      fresh.token,
      '--reporter',
      'pretty',
      '--reporter',
      `json=${report}`,
      '--har',
      traffic,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/✓ replay of .*okta\.har {2}\(okta · 22 steps/);
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      scenarios: { status: string; steps: { action: string; status: string }[] }[];
    };
    const steps = json.scenarios[0]!.steps.filter((step) => step.action === 'request');
    expect(steps.map((step) => step.status)).toEqual(Array(22).fill('passed'));
    // The recorded server's user id never reached the fresh server: every address uses the new id.
    const urls = (JSON.parse(readFileSync(traffic, 'utf8')) as RecordingHar).log.entries.map(
      (entry) => entry.request.url,
    );
    expect(urls.some((url) => url.includes(recordedUserId))).toBe(false);
    expect(urls.filter((url) => /\/Users\/[0-9a-f-]{36}$/.test(url)).length).toBeGreaterThanOrEqual(4);
    // Cleanup: what the replay created is gone again.
    expect(fresh.store.count('User')).toBe(0);
    expect(fresh.store.count('Group')).toBe(0);
  });
});

describe('scim-check replay against a broken server', () => {
  const replayAgainst = async (server: DeviantServer) => {
    const report = join(dir, `broken-${Math.random().toString(36).slice(2)}.json`);
    const run = await runMain([
      'replay',
      OKTA_HAR,
      '--base-url',
      server.baseUrl,
      '--token',
      server.token,
      '--reporter',
      'pretty',
      '--reporter',
      `json=${report}`,
    ]);
    return { ...run, report: readFileSync(report, 'utf8') };
  };

  it('reports a server that ignores a path-less active:false', async () => {
    const server = await startHookedServer([
      {
        request(request) {
          // The deviation: `{"op":"replace","value":{"active":false}}` is answered but not applied.
          const operations = (request.body as { Operations?: { value?: { active?: unknown } }[] } | undefined)
            ?.Operations;
          for (const operation of operations ?? [])
            if (operation.value?.active === false) operation.value.active = true;
        },
      },
    ]);
    try {
      const run = await replayAgainst(server);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/✗ replay of .*okta\.har/);
      // The ninth recorded request, the deactivation, is the one that fails, with what was expected.
      expect(run.stdout).toMatch(
        /expect: of PATCH \/Users\/[0-9a-f-]{36}\n --> .*okta\.har:9:1\n[\s\S]*?9 \| PATCH \/Users\/\{\{vars\.user1\}\}\n[\s\S]*?expected \$\.active: false\n\s+actual \$\.active: true/,
      );
    } finally {
      await server.close();
    }
  });

  it('reports a server that answers every PATCH with 500', async () => {
    const server = await startHookedServer([
      {
        request: (request) =>
          request.method === 'PATCH' ? scimErrorAnswer(500, 'internal', 'PATCH is broken') : undefined,
      },
    ]);
    try {
      const run = await replayAgainst(server);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('500');
      const json = JSON.parse(run.report) as { scenarios: { steps: { action: string; status: string }[] }[] };
      const statuses = json.scenarios[0]!.steps.filter((step) => step.action === 'request').map((step) => step.status);
      // The eleven PATCHes (deactivate, reactivate, and the group's renames and membership changes) fail;
      // the eleven other requests pass.
      expect(statuses.filter((status) => status === 'failed')).toHaveLength(11);
      expect(statuses.filter((status) => status === 'passed')).toHaveLength(11);
    } finally {
      await server.close();
    }
  });
});

describe('scim-check replay writes only what it created', () => {
  it('skips a recorded DELETE of a user the replay did not create, with the reason', async () => {
    const har = JSON.parse(readFileSync(OKTA_HAR, 'utf8')) as RecordingHar;
    const template = har.log.entries.find((entry) => entry.request.method === 'DELETE')!;
    const foreign = '2819c223-7f76-453a-919d-413861904646';
    har.log.entries.push({
      ...template,
      request: { ...template.request, url: `${har.log._scimCheck.targetBaseUrl}/Users/${foreign}` },
    });
    const file = join(dir, 'foreign-delete.har');
    writeFileSync(file, JSON.stringify(har));
    const server = await startReferenceServer({ token: 'foreign-delete-token' });
    try {
      const report = join(dir, 'foreign.json');
      const run = await runMain([
        'replay',
        file,
        '--base-url',
        server.baseUrl,
        '--token',
        server.token,
        '--reporter',
        `json=${report}`,
      ]);
      expect(run.code, run.stdout).toBe(0);
      const json = JSON.parse(readFileSync(report, 'utf8')) as {
        scenarios: {
          steps: { action: string; status: string; skipReason?: string; checks: unknown[]; exchanges: unknown[] }[];
        }[];
      };
      const last = json.scenarios[0]!.steps.filter((step) => step.action === 'request').at(-1)!;
      expect(last.status).toBe('skipped');
      expect(last.skipReason).toContain(
        `the create of User ${foreign} (not in the recording, so not replayed; scim-check only writes what it created)`,
      );
      expect(last.exchanges ?? []).toHaveLength(0);
      expect(last.checks ?? []).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('sends a repeated query key and a body holding "{{" exactly as recorded', async () => {
    const har = JSON.parse(readFileSync(OKTA_HAR, 'utf8')) as RecordingHar;
    const base = har.log._scimCheck.targetBaseUrl;
    const create = har.log.entries.find((entry) => entry.request.method === 'POST')!;
    const created = JSON.parse(create.response.content.text!) as { id: string };
    const body = JSON.parse(create.request.postData!.text) as Record<string, unknown>;
    // A nickname a template engine would read as a placeholder, and a `{{` that never closes.
    const nickName = 'Tom {{nick}} {{';
    const literal = {
      ...create,
      request: {
        ...create.request,
        postData: {
          ...create.request.postData!,
          text: JSON.stringify({ ...body, userName: 'braces@example.com', nickName }),
        },
      },
      response: {
        ...create.response,
        content: {
          ...create.response.content,
          text: JSON.stringify({ ...created, id: 'braces-user-id', userName: 'braces@example.com' }),
        },
      },
    };
    const read = har.log.entries.find(
      (entry) => entry.request.method === 'GET' && /\/Users\/[^?]+$/.test(entry.request.url),
    )!;
    const listed = {
      ...read,
      request: { ...read.request, url: `${base}/Users/braces-user-id?attributes=userName&attributes=nickName` },
      // Only the attributes asked for (RFC 7644 §3.4.2.5): what the replayed answer is held to.
      response: {
        ...read.response,
        content: {
          ...read.response.content,
          text: JSON.stringify({ id: 'braces-user-id', userName: 'braces@example.com' }),
        },
      },
    };
    har.log.entries = [literal, listed];
    const file = join(dir, 'literal.har');
    writeFileSync(file, JSON.stringify(har));
    const seen: { method: string; query: string; body: unknown }[] = [];
    const server = await startHookedServer([
      {
        request: (request) =>
          void seen.push({ method: request.method, query: request.query.toString(), body: request.body }),
      },
    ]);
    try {
      const run = await runMain(['replay', file, '--base-url', server.baseUrl, '--token', server.token]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const posted = seen.find((request) => request.method === 'POST')!;
      expect((posted.body as { nickName: string }).nickName).toBe(nickName);
      const get = seen.find((request) => request.method === 'GET' && request.query.includes('attributes'));
      expect(get?.query).toBe('attributes=userName&attributes=nickName');
    } finally {
      await server.close();
    }
  });

  it('refuses a file that is not a HAR with a usage error', async () => {
    const file = join(dir, 'not-a-har.json');
    writeFileSync(file, '{"hello": 1}');
    const run = await runMain(['replay', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a HAR file scim-check can replay: it has no log.entries');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
