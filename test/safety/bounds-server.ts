import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { forwardToUpstream, readBody, startProxy } from '../support/loopback-proxy.js';

/*
 * A SCIM server whose answers are too big, too deep or too wide for a client that holds on to
 * them: a reference server behind a loopback proxy that rewrites chosen answers as raw text, so a
 * test can send what JSON.stringify could not build (a body nested thousands of levels deep).
 */

/** Rewrites one answer's body text; undefined keeps the reference server's answer as it was. */
export type AnswerRewrite = (
  request: { method: string; path: string },
  answer: { status: number; text: string },
) => string | undefined;

export interface BoundsServer {
  baseUrl: string;
  token: string;
  /** Requests whose answer was rewritten, as `METHOD path`. */
  rewritten: string[];
  close(): Promise<void>;
}

/** Starts the reference server and the rewriting proxy in front of it. */
export async function startBoundsServer(rewrite: AnswerRewrite, token = 'bounds-server-token'): Promise<BoundsServer> {
  const rewritten: string[] = [];
  const proxy = await startProxy({
    reference: { token },
    async onRequest(req, res, { upstreamUrl, path }) {
      const method = req.method ?? 'GET';
      const headers = { ...req.headers };
      // The answer is rewritten as text: ask for it uncompressed.
      delete headers['accept-encoding'];
      const answer = await forwardToUpstream(upstreamUrl, { method, path: req.url, headers }, await readBody(req));
      const text = rewrite({ method, path }, { status: answer.status, text: answer.body.toString('utf8') });
      if (text !== undefined) rewritten.push(`${method} ${path}`);
      const body = text === undefined ? answer.body : Buffer.from(text);
      const responseHeaders = { ...answer.headers };
      for (const name of ['content-length', 'transfer-encoding', 'connection', 'keep-alive'])
        delete responseHeaders[name];
      res.writeHead(answer.status, { ...responseHeaders, 'content-length': String(body.length) });
      res.end(body);
    },
  });
  return { baseUrl: proxy.baseUrl, token, rewritten, close: proxy.close };
}

/** `{"a":{"a":…{"a":1}…}}`, `depth` objects deep, as text. */
export function deepObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** `[[[…[1]…]]]`, `depth` arrays deep, as text. */
export function deepArrayText(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** A JSON object's text with one more member at its end: `{"a":1}` + ("x", `[1]`) → `{"a":1,"x":[1]}`. */
export function withMember(objectText: string, name: string, valueText: string): string {
  const trimmed = objectText.trimEnd();
  if (!trimmed.endsWith('}')) return objectText;
  const body = trimmed.slice(0, -1).trimEnd();
  return `${body}${body.endsWith('{') ? '' : ','}${JSON.stringify(name)}:${valueText}}`;
}

/** One bounds test's server and report folder; `useBoundsFixture` releases both after each test. */
export interface BoundsFixture {
  readonly server: BoundsServer;
  readonly dir: string;
  /** Starts the server with `rewrite` and makes the report folder. */
  start(rewrite: AnswerRewrite): Promise<BoundsServer>;
}

/** Call at the top of a test file: registers the afterEach that stops the server and removes the folder. */
export function useBoundsFixture(): BoundsFixture {
  let server: BoundsServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    server = dir = undefined;
  });
  return {
    get server() {
      if (server === undefined) throw new Error('start() the bounds server first');
      return server;
    },
    get dir() {
      if (dir === undefined) throw new Error('start() the bounds server first');
      return dir;
    },
    async start(rewrite) {
      server = await startBoundsServer(rewrite);
      dir = mkdtempSync(join(tmpdir(), 'scim-check-bounds-'));
      return server;
    },
  };
}
