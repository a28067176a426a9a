import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordOptions, startRecording } from '../../src/cli/commands/record.js';
import { readEnvironment } from '../../src/cli/environment.js';
import { type CliIo, guardIo } from '../../src/cli/io.js';
import { secretSpellings } from '../../src/http/secret-spellings.js';
import { openHarStream } from '../../src/recording/har-stream.js';
import type { RecordingHar } from '../../src/recording/recorded-har.js';
import { startRecordingProxy } from '../../src/recording/recording-proxy.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { MemoryStream } from '../report/memory-stream.js';
import { type DeviantServer, startHookedServer } from '../support/deviant-server.js';
import { closeServer, listenOnLoopback } from '../support/loopback-proxy.js';
import { runEntraScript, runOktaScript } from '../support/scripted-idp.js';
import { TEST_CA_FILE } from '../support/tls-server.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-record-'));
let harCount = 0;

function testIo(): { io: CliIo; stdout: MemoryStream; stderr: MemoryStream } {
  const stdout = new MemoryStream();
  const stderr = new MemoryStream();
  const io = guardIo({ stdout, stderr, env: readEnvironment({ NO_COLOR: '1' }), cwd: dir });
  return { io, stdout, stderr };
}

function options(target: string | undefined, more: Partial<RecordOptions> = {}): RecordOptions {
  harCount += 1;
  return {
    ...(target === undefined ? {} : { target }),
    har: `recording-${harCount}.har`,
    port: '0',
    listenHost: '127.0.0.1',
    timeout: '5000',
    ...more,
  };
}

function readHar(name: string): RecordingHar {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as RecordingHar;
}

/** HAR 1.2's required members (softwareishard.com/blog/har-12-spec): log.version, creator, entries with request/response/timings. */
function expectHar12(har: RecordingHar): void {
  expect(har.log.version).toBe('1.2');
  expect(har.log.creator).toMatchObject({ name: 'scim-check', version: expect.any(String) });
  for (const entry of har.log.entries) {
    expect(entry.startedDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(typeof entry.time).toBe('number');
    expect(entry.request).toMatchObject({
      method: expect.any(String),
      url: expect.any(String),
      httpVersion: 'HTTP/1.1',
    });
    expect(Array.isArray(entry.request.headers) && Array.isArray(entry.request.queryString)).toBe(true);
    expect(entry.response).toMatchObject({ status: expect.any(Number), content: { mimeType: expect.any(String) } });
    expect(entry.timings).toMatchObject({
      send: expect.any(Number),
      wait: expect.any(Number),
      receive: expect.any(Number),
    });
    expect(entry.cache).toEqual({});
  }
}

describe('scim-check record in front of the reference server', () => {
  let upstream: DeviantServer;
  /** What the server received and answered, as the hook saw it. */
  const seen: { method: string; path: string; body: unknown; status: number; answer: unknown }[] = [];

  beforeAll(async () => {
    upstream = await startHookedServer(
      [
        {
          response(request, response) {
            seen.push({
              method: request.method,
              path: request.path,
              body: request.body,
              status: response.status,
              answer: response.body,
            });
          },
        },
      ],
      'okta-org-secret-token-3f9a',
    );
  });
  afterAll(() => upstream.close());

  it('forwards the scripted Okta sequence unchanged and records one okta entry per request', async () => {
    seen.length = 0;
    const { io, stdout } = testIo();
    const recording = await startRecording(options(upstream.baseUrl), io);
    let session: Awaited<ReturnType<typeof runOktaScript>>;
    try {
      session = await runOktaScript(recording.url, upstream.token);
    } finally {
      await recording.close();
    }
    // Every request reached the server, with the body the IdP sent; every answer came back as sent.
    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual(
      session.exchanges.map((exchange) => `${exchange.method} ${exchange.path.split('?')[0]}`),
    );
    for (const [index, exchange] of session.exchanges.entries()) {
      expect(exchange.status).toBe(seen[index]!.status);
      if (exchange.requestBody !== undefined) expect(seen[index]!.body).toEqual(JSON.parse(exchange.requestBody));
      if (exchange.responseBody !== '') expect(JSON.parse(exchange.responseBody)).toEqual(seen[index]!.answer);
    }
    const har = readHar(`recording-${harCount}.har`);
    expectHar12(har);
    expect(har.log._scimCheck.targetBaseUrl).toBe(upstream.baseUrl);
    expect(har.log.entries).toHaveLength(session.exchanges.length);
    for (const [index, entry] of har.log.entries.entries()) {
      const exchange = session.exchanges[index]!;
      expect(entry._scimCheck).toMatchObject({ idp: 'okta', idpReason: 'User-Agent "Okta SCIM Client 1.0.0"' });
      expect(entry.request.url).toBe(`${upstream.baseUrl}${exchange.path}`);
      expect(entry.request.postData?.text).toBe(exchange.requestBody);
      expect(entry.response.status).toBe(exchange.status);
      expect(entry.response.content.text).toBe(exchange.responseBody);
    }
    // One live line per request: time, IdP tag, method, path, status, duration.
    const lines = stdout
      .text()
      .split('\n')
      .filter((line) => /^\d\d:\d\d:\d\d /.test(line));
    expect(lines).toHaveLength(session.exchanges.length);
    expect(lines[3]).toMatch(/^\d\d:\d\d:\d\d {2}okta {12}POST {3}\/scim\/v2\/Users {2}201 {2}\d+ ms$/);
  });

  it('tags the scripted Entra sequence entra', async () => {
    const { io } = testIo();
    const recording = await startRecording(options(upstream.baseUrl), io);
    try {
      await runEntraScript(recording.url, upstream.token);
    } finally {
      await recording.close();
    }
    const har = readHar(`recording-${harCount}.har`);
    expect(har.log.entries).toHaveLength(13);
    // Entra documents no User-Agent, so only requests with an Entra shape are tagged: the
    // capitalised ops and "False", the ADSCIM group schema, excludedAttributes=members. Plain
    // lookups, the user create and the DELETEs carry no sign of any IdP and stay untagged.
    const tags = har.log.entries.map((entry) => entry._scimCheck.idp);
    expect(new Set(tags.filter((tag) => tag !== undefined))).toEqual(new Set(['entra']));
    expect(tags.filter((tag) => tag === 'entra')).toHaveLength(8);
  });
});

describe('record redacts the IdP token it learns from the traffic', () => {
  const token = 'Idp-Bearer-Token-7c41e2b9d0';
  let hostile: ReturnType<typeof createServer>;
  let target: string;

  beforeAll(async () => {
    // A target that echoes the Authorization header back in many spellings, in headers and body.
    hostile = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      const raw = auth.replace(/^Bearer /, '');
      const spellings = {
        auth,
        raw,
        lower: raw.toLowerCase(),
        base64: Buffer.from(raw).toString('base64'),
        bearerBase64url: Buffer.from(auth).toString('base64url'),
        hex: Buffer.from(raw).toString('hex'),
        percent: [...raw].map((char) => `%${char.charCodeAt(0).toString(16)}`).join(''),
        unicode: [...raw].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      };
      res.writeHead(200, {
        'content-type': 'application/scim+json',
        'x-echo': raw,
        'x-echo-b64': spellings.base64,
        [`x-${raw.toLowerCase()}`]: 'name',
      });
      res.end(`{"echo":${JSON.stringify(spellings).replace('"unicode":"\\\\', '"unicode":"\\')}}`);
    });
    target = `http://127.0.0.1:${await listenOnLoopback(hostile)}/scim/v2`;
  });
  afterAll(() => closeServer(hostile));

  it('leaves no spelling of the token in the HAR or on stdout', async () => {
    const { io, stdout, stderr } = testIo();
    const recording = await startRecording(options(target), io);
    let echoed: string;
    try {
      const answer = await request(`${recording.url}/Users?filter=${encodeURIComponent(`userName eq "${token}"`)}`, {
        headers: { authorization: `Bearer ${token}`, 'user-agent': 'Okta SCIM Client 1.0.0' },
      });
      echoed = await answer.body.text();
      await request(`${recording.url}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ userName: token, password: Buffer.from(token).toString('base64') }),
      }).then((answer) => answer.body.text());
    } finally {
      await recording.close();
    }
    // The IdP got the echo unredacted: the proxy forwards, it does not censor the conversation.
    expect(echoed).toContain(token);
    const text = readFileSync(join(dir, `recording-${harCount}.har`), 'utf8');
    JSON.parse(text);
    for (const spelling of secretSpellings(token)) {
      const flags = spelling.anyCase ? 'i' : '';
      for (const [where, output] of [
        ['HAR', text],
        ['stdout', stdout.text()],
        ['stderr', stderr.text()],
      ] as const)
        expect(
          new RegExp(spelling.text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), flags).test(output),
          `${spelling.text} in ${where}`,
        ).toBe(false);
    }
    expect(text).not.toContain('7c41e2b9d0');
    expect(text).not.toContain('%49%64%70'); // percent-encoded start of the token
    expect(text).toContain('Bearer [REDACTED]');
    expect(text).toContain('[REDACTED]');
  });
});

describe('record: listening, TLS and an unreachable target', () => {
  let server: RunningReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ token: 'tls-test-token-12345' });
  });
  afterAll(() => server.close());

  it('warns when listening beyond loopback, and not on loopback', async () => {
    const wide = testIo();
    const recording = await startRecording(options(server.baseUrl, { listenHost: '0.0.0.0' }), wide.io);
    await recording.close();
    expect(wide.stderr.text()).toMatch(/warning: listening on 0\.0\.0\.0, which other machines can reach/);
    const narrow = testIo();
    await (await startRecording(options(server.baseUrl), narrow.io)).close();
    expect(narrow.stderr.text()).not.toContain('warning');
  });

  it('terminates TLS with --cert/--key', async () => {
    const { io } = testIo();
    const recording = await startRecording(
      options(server.baseUrl, {
        cert: join(TEST_CA_FILE, '..', 'server.pem'),
        key: join(TEST_CA_FILE, '..', 'server.key'),
      }),
      io,
    );
    const agent = new Agent({ connect: { ca: readFileSync(TEST_CA_FILE, 'utf8') } });
    try {
      expect(recording.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      const session = await runOktaScript(recording.url, server.token, 'tls', agent);
      expect(session.exchanges.every((exchange) => exchange.status < 300)).toBe(true);
    } finally {
      await agent.close();
      await recording.close();
    }
    expect(readHar(`recording-${harCount}.har`).log.entries).toHaveLength(22);
  });

  it('answers 502 with a SCIM Error when the target is down, and records it', async () => {
    const closed = createServer();
    const port = await listenOnLoopback(closed);
    await closeServer(closed);
    const { io, stdout } = testIo();
    const recording = await startRecording(options(`http://127.0.0.1:${port}/scim/v2`), io);
    let answer: { status: number; body: string };
    try {
      const response = await request(`${recording.url}/Users`, {
        headers: { authorization: 'Bearer down-target-token' },
      });
      answer = { status: response.statusCode, body: await response.body.text() };
    } finally {
      await recording.close();
    }
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '502',
      detail: expect.stringContaining('could not be reached'),
    });
    const [entry] = readHar(`recording-${harCount}.har`).log.entries;
    expect(entry?.response.status).toBe(502);
    expect(entry?.response._error?.code).toBe('TARGET_UNREACHABLE');
    expect(stdout.text()).toMatch(/GET {4}\/scim\/v2\/Users {2}502 .*could not be reached/);
  });

  it('records in front of the embedded reference server without --target, showing its token once', async () => {
    const { io, stdout } = testIo();
    const recording = await startRecording(options(undefined), io);
    const token = /token: (\S+)/.exec(stdout.text())?.[1];
    try {
      expect(token).toBeDefined();
      await runOktaScript(recording.url, token!, 'embedded');
    } finally {
      await recording.close();
    }
    expect(stdout.text().split(token!)).toHaveLength(2);
    expect(readHar(`recording-${harCount}.har`).log.entries).toHaveLength(22);
  });
});

describe('recorded bodies are capped', () => {
  it('keeps the start of a long body, says so in the entry comment, and forwards all of it', async () => {
    const server = await startReferenceServer({ token: 'cap-test-token-0042' });
    const file = join(dir, 'capped.har');
    const har = await openHarStream(
      file,
      { targetBaseUrl: server.baseUrl, recordedBy: 'record', startedAt: new Date().toISOString() },
      'test',
      (text) => text,
    );
    const dispatcher = new Agent();
    const proxy = await startRecordingProxy({
      targetBaseUrl: server.baseUrl,
      host: '127.0.0.1',
      port: 0,
      har,
      dispatcher,
      protect: () => undefined,
      onRecorded: () => undefined,
      maxRecordedBodyBytes: 64,
    });
    try {
      const body = JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `capped-${'x'.repeat(200)}@example.com`,
      });
      const answer = await request(`${proxy.url}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
        body,
      });
      const created = (await answer.body.json()) as { userName: string };
      expect(answer.statusCode).toBe(201);
      expect(created.userName).toHaveLength(219);
    } finally {
      await proxy.close();
      await har.close();
      await dispatcher.close();
      await server.close();
    }
    const [entry] = readHar('capped.har').log.entries;
    expect(entry?.request.postData?.text).toHaveLength(64);
    expect(entry?.request.bodySize).toBeGreaterThan(219);
    expect(entry?.response.content.text).toHaveLength(64);
    expect(entry?.comment).toMatch(
      /^request: body cut at 64 bytes by scim-check record \(the IdP and the server got all of it\); response: body cut at 64 bytes/,
    );
  });
});
