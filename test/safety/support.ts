import { createServer, request } from 'node:http';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { closeServer, listenOnLoopback } from '../support/loopback-proxy.js';

/** Exactly what the server answers for each pre-existing resource: its URL → the raw body text. */
export type Snapshot = Map<string, string>;

const SCIM = { 'content-type': 'application/scim+json', accept: 'application/scim+json' };

async function call(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...SCIM, authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, text: await response.text() };
}

/** Every id of a resource type, paging through the list. */
async function listIds(server: RunningReferenceServer, type: 'Users' | 'Groups'): Promise<string[]> {
  const ids: string[] = [];
  for (let startIndex = 1; ; startIndex += 50) {
    const { text } = await call(server.baseUrl, server.token, 'GET', `/${type}?startIndex=${startIndex}&count=50`);
    const page = JSON.parse(text) as { Resources?: { id: string }[]; totalResults: number };
    ids.push(...(page.Resources ?? []).map((resource) => resource.id));
    if ((page.Resources ?? []).length === 0 || ids.length >= page.totalResults) return ids.sort();
  }
}

/**
 * A reference server that already holds "real" data: 30 users (every tenth inactive) and three
 * groups with members, one named like a group a scenario pushes.
 */
export async function startSeededServer(token: string): Promise<RunningReferenceServer> {
  const server = await startReferenceServer({ port: 0, token, seedUsers: 30 });
  const users = await listIds(server, 'Users');
  const groups = [
    { displayName: 'Existing Engineering', members: users.slice(0, 5) },
    { displayName: 'Existing Sales', members: users.slice(5, 8) },
    { displayName: 'Existing Empty', members: [] },
  ];
  for (const group of groups) {
    const created = await call(server.baseUrl, token, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: group.displayName,
      members: group.members.map((value) => ({ value })),
    });
    if (created.status !== 201)
      throw new Error(`seeding ${group.displayName} failed: ${created.status} ${created.text}`);
  }
  return server;
}

/** The raw body of every user and group on the server, by URL. */
export async function snapshot(server: RunningReferenceServer): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const type of ['Users', 'Groups'] as const) {
    for (const id of await listIds(server, type)) {
      const { status, text } = await call(server.baseUrl, server.token, 'GET', `/${type}/${id}`);
      result.set(`/${type}/${id}`, `${status} ${text}`);
    }
  }
  return result;
}

export interface SlowProxy {
  baseUrl: string;
  /** Requests in arrival order, as `{ method, path }` below the SCIM base path. */
  seen: { method: string; path: string }[];
  close(): Promise<void>;
}

/**
 * A pass-through proxy in front of a running server that holds each answer after the first two
 * (the preflight) for `delayMs`, so a test can signal the CLI in the middle of a run.
 */
export async function startSlowProxy(target: RunningReferenceServer, delayMs: number): Promise<SlowProxy> {
  const upstream = new URL(target.baseUrl);
  const seen: SlowProxy['seen'] = [];
  const proxy = createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', path: (req.url ?? '').slice(upstream.pathname.length) });
    const hold = seen.length > 2 ? delayMs : 0;
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        setTimeout(() => {
          if (res.destroyed) return void answer.resume();
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, hold);
      },
    );
    outgoing.on('error', () => res.destroy());
    req.pipe(outgoing);
  });
  const port = await listenOnLoopback(proxy);
  return { baseUrl: `http://127.0.0.1:${port}${upstream.pathname}`, seen, close: () => closeServer(proxy) };
}
