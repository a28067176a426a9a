import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RunningReferenceServer } from '../../src/server/index.js';
import {
  closeServer,
  forwardToUpstream,
  listenOnLoopback,
  parseJsonLoosely,
  readBody,
} from '../support/loopback-proxy.js';
import { startSeededServer } from './support.js';

/*
 * A hostile SCIM server for the safety promise ("a run never PUTs, PATCHes or DELETEs anything it
 * did not create, and the report lists everything it may have left behind"): a seeded reference
 * server (30 users, 3 groups of "real" data) behind a loopback proxy that logs every request it
 * receives and, when told to, answers the way an upserting, loosely matching, slow or sloppy
 * server does. The reference server behind stays correct; each attack changes one behaviour.
 */

type Json = Record<string, unknown>;
type Endpoint = 'Users' | 'Groups';

/** One way of misbehaving; `behave()` switches them on (several may be on at once, first match wins). */
export type HostileBehaviour =
  /**
   * POST /Users (or /Groups) creates nothing and answers 201 with a pre-existing resource: an
   * upserting or loosely matching server. `stranger`: its body exactly as stored (userName or
   * displayName differs from what was sent; the run never saw this resource before). `strangerIdWithSentIdentity`:
   * the stranger's id and meta, with the identifying attributes the request sent copied in (userName or
   * displayName and externalId), so only the id betrays it; this stranger is the one the
   * preflight's `GET /Users?count=1` (and Okta's test connection) already showed the run.
   */
  | { attack: 'upsertOnPost'; endpoint: Endpoint; answer: 'stranger' | 'strangerIdWithSentIdentity' }
  /**
   * POST /Bulk runs as usual (the users are created), but every created operation's `location`
   * names a pre-existing user (or group): `seen`, the one the preflight listed, or `unseen`.
   */
  | { attack: 'bulkStrangerLocation'; stranger: 'seen' | 'unseen' }
  /**
   * POST /Users creates nothing and answers 201 with the sent body and the id `id(strangerId)`
   * (`x/../<id>`, `..`, …); every other request is served leniently: its path percent-decoded,
   * `\` read as `/`, and `.`/`..` resolved before the reference server sees it.
   */
  | { attack: 'dotDotId'; id: (strangerId: string) => string }
  /** PUT /Users/{id} for an id the server does not know creates the user and answers 201. */
  | { attack: 'upsertOnPut' }
  /** POST /Users creates the user, but the answer is held for `holdMs` (or until the client gives up). */
  | { attack: 'lateCreate'; holdMs: number }
  /** POST /Users creates the user, but the 201 is not JSON, or JSON without `id` (no Location either). */
  | { attack: 'unusableCreate'; body: 'notJson' | 'jsonWithoutId' }
  /** GET /Users?filter=… and GET /Groups?filter=… ignore the filter: the list starts with pre-existing resources. */
  | { attack: 'ignoreFilter' }
  /** POST /Groups creates nothing and answers 409 uniqueness ("a group with that name exists"). */
  | { attack: 'conflictOnCreate' };

export type Attack = HostileBehaviour['attack'];

/** One request as the hostile server received it. */
export interface LoggedRequest {
  method: string;
  /** The request target exactly as received (`req.url`): path and query, percent-encoding intact. */
  target: string;
  /** The target's path as a lenient server resolves it (see resolveLeniently). */
  path: string;
  body: string;
  /** The status the client was answered with; absent while held or when the client gave up first. */
  status?: number;
  /** The body the client was answered with (same condition). */
  answer?: string;
  /** Set when the answer was not the reference server's honest one: the attack that shaped it. */
  tampered?: Attack;
}

/** A resource that was on the server before the run: the data the run must never touch. */
export interface Stranger {
  resourceType: 'User' | 'Group';
  id: string;
  /** userName or displayName. */
  name: string;
}

export interface HostileServer {
  /** The proxy's SCIM base URL, e.g. `http://127.0.0.1:41234/scim/v2`: what the CLI is pointed at. */
  baseUrl: string;
  /** The base path both servers share, e.g. `/scim/v2`. */
  basePath: string;
  /** The seeded reference server behind the proxy, for snapshots and to see what really exists. */
  upstream: RunningReferenceServer;
  /** Every request the proxy received, in arrival order. */
  log: LoggedRequest[];
  /** Every pre-existing user and group, by id. */
  strangers: Map<string, Stranger>;
  /** The first user of `GET /Users?startIndex=1&count=1`: the preflight (and Okta's test connection) shows it to the run. */
  seenUser: Stranger;
  /** A user past the first page of 2 (Okta's test-connection page): the run never lists it unless it asks for everything. */
  unseenUser: Stranger;
  /** The pre-existing group "Existing Engineering". */
  group: Stranger;
  /** Switches the given behaviours on (and every other one off); no argument: an honest proxy. */
  behave(...behaviours: HostileBehaviour[]): void;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

/**
 * The path a lenient server (or a URL parser, for the dot segments) addresses with a request
 * target: the query dropped, percent-decoding repeated until stable (`%2F` becomes `/`,
 * `%252e` becomes `.`), backslashes read as slashes, and `.`/`..` segments resolved as RFC 3986
 * §5.2.4 does. `/scim/v2/Users/x%2F..%2Fabc` → `/scim/v2/Users/abc`; `/scim/v2/Users/..` → `/scim/v2/`.
 */
export function resolveLeniently(target: string): string {
  let path = target.replace(/[?#][\s\S]*$/, '');
  for (let round = 0; round < 3; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      break;
    }
    if (decoded === path) break;
    path = decoded;
  }
  const segments = path.replace(/\\/g, '/').split('/');
  const resolved: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment !== '.' && segment !== '..') {
      resolved.push(segment);
      continue;
    }
    // Never above the root; a trailing dot segment leaves a trailing slash (`/a/b/..` → `/a/`).
    if (segment === '..' && resolved.length > 1) resolved.pop();
    if (index === segments.length - 1) resolved.push('');
  }
  return resolved.join('/') || '/';
}

/** The single user or group a resolved path addresses below the base path, if it addresses exactly one. */
export function addressedResource(path: string, basePath: string): { endpoint: Endpoint; id: string } | undefined {
  if (!path.toLowerCase().startsWith(`${basePath.toLowerCase()}/`)) return undefined;
  const match = /^\/(Users|Groups)\/([^/]+)\/?$/i.exec(path.slice(basePath.length));
  if (!match) return undefined;
  return { endpoint: match[1]!.toLowerCase() === 'users' ? 'Users' : 'Groups', id: match[2]! };
}

/** A write the log shows, as a test failure should read it. */
export interface LoggedWrite {
  method: string;
  /** As received; for an operation inside POST /Bulk, `POST /Bulk → <its path>`. */
  target: string;
  /** Resolved leniently. */
  path: string;
}

/** Every PUT, PATCH and DELETE the server received, including those inside POST /Bulk requests. */
export function loggedWrites(log: readonly LoggedRequest[], basePath: string): LoggedWrite[] {
  const writes: LoggedWrite[] = [];
  for (const entry of log) {
    const method = entry.method.toUpperCase();
    if (WRITE_METHODS.has(method)) writes.push({ method, target: entry.target, path: entry.path });
    if (method !== 'POST' || !/\/Bulk\/?$/i.test(entry.path)) continue;
    const operations = (parseJsonLoosely(entry.body) as { Operations?: unknown } | undefined)?.Operations;
    for (const operation of Array.isArray(operations) ? (operations as Json[]) : []) {
      const operationMethod = String(operation?.method ?? '').toUpperCase();
      if (!WRITE_METHODS.has(operationMethod) || typeof operation.path !== 'string') continue;
      writes.push({
        method: operationMethod,
        target: `POST ${entry.target} → ${operation.path}`,
        path: resolveLeniently(`${basePath}/${operation.path.replace(/^\/+/, '')}`),
      });
    }
  }
  return writes;
}

/** Writes that reach a pre-existing user or group once the path is resolved leniently. */
export function writesToStrangers(server: HostileServer): (LoggedWrite & { stranger: string })[] {
  return loggedWrites(server.log, server.basePath).flatMap((write) => {
    const target = addressedResource(write.path, server.basePath);
    const stranger = target && server.strangers.get(target.id);
    return stranger ? [{ ...write, stranger: `${stranger.resourceType} ${stranger.name}` }] : [];
  });
}

/** Writes that do not address exactly one user or group (the collection, the base URL, anything else). */
export function writesOffOneResource(server: HostileServer): LoggedWrite[] {
  return loggedWrites(server.log, server.basePath).filter(
    (write) => addressedResource(write.path, server.basePath) === undefined,
  );
}

/** The name a create sent (userName for a user, displayName for a group). */
function sentName(endpoint: Endpoint, body: unknown): string | undefined {
  const value = (body as Json | undefined)?.[endpoint === 'Users' ? 'userName' : 'displayName'];
  return typeof value === 'string' ? value : undefined;
}

/** A possible leftover as the report contract has it, minus the free-text reason. */
export interface ExpectedPossibleLeftover {
  resourceType: 'User' | 'Group';
  name: string;
  search: string;
}

function possibleLeftover(endpoint: Endpoint, name: string): ExpectedPossibleLeftover {
  const attribute = endpoint === 'Users' ? 'userName' : 'displayName';
  return {
    resourceType: endpoint === 'Users' ? 'User' : 'Group',
    name,
    search: `${attribute} eq ${JSON.stringify(name)}`,
  };
}

/**
 * What the run may have left behind, from the log alone: every create (POST /Users, /Groups,
 * the POST operations of a /Bulk, a PUT that upserted) whose answer the server tampered with,
 * so the run could not learn the created resource's id from it; by the name the run sent.
 */
export function createsTheRunCannotAccountFor(log: readonly LoggedRequest[]): ExpectedPossibleLeftover[] {
  const found = new Map<string, ExpectedPossibleLeftover>();
  const add = (endpoint: Endpoint, body: unknown): void => {
    const name = sentName(endpoint, body);
    if (name !== undefined) found.set(`${endpoint} ${name}`, possibleLeftover(endpoint, name));
  };
  for (const entry of log) {
    if (entry.tampered === undefined || entry.tampered === 'ignoreFilter' || entry.tampered === 'conflictOnCreate')
      continue;
    const body = parseJsonLoosely(entry.body);
    const collection = /\/(Users|Groups)\/?$/i.exec(entry.path)?.[1];
    const item = /\/(Users|Groups)\/[^/]+\/?$/i.exec(entry.path)?.[1];
    const method = entry.method.toUpperCase();
    if (method === 'POST' && collection) add(collection.toLowerCase() === 'users' ? 'Users' : 'Groups', body);
    if (method === 'PUT' && item) add(item.toLowerCase() === 'users' ? 'Users' : 'Groups', body);
    if (method === 'POST' && /\/Bulk\/?$/i.test(entry.path)) {
      const operations = (body as { Operations?: unknown } | undefined)?.Operations;
      for (const operation of Array.isArray(operations) ? (operations as Json[]) : []) {
        const endpoint = /^\/?(Users|Groups)\/?$/i.exec(String(operation?.path ?? ''))?.[1];
        if (String(operation?.method).toUpperCase() === 'POST' && endpoint)
          add(endpoint.toLowerCase() === 'users' ? 'Users' : 'Groups', operation.data);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What a handler answers: a status, headers and a body, maybe held back for a while. */
interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  tampered?: Attack;
  holdMs?: number;
}

const SCIM_JSON = { 'content-type': 'application/scim+json; charset=utf-8' };

function jsonAnswer(status: number, value: unknown, tampered: Attack, headers: IncomingHttpHeaders = {}): Answer {
  return { status, headers: { ...SCIM_JSON, ...headers }, body: Buffer.from(JSON.stringify(value)), tampered };
}

function writeAnswer(res: ServerResponse, answer: Answer): void {
  const headers: IncomingHttpHeaders = { ...answer.headers };
  for (const name of ['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive'])
    delete headers[name];
  res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
  res.end(answer.body);
}

/** The part of a received target below the base path, without the query: `/Users`, `/Users/abc`, `/Bulk`. */
function endpointPath(path: string, basePath: string): string {
  return path.toLowerCase().startsWith(basePath.toLowerCase()) ? path.slice(basePath.length) : path;
}

/** Starts the seeded reference server and the hostile proxy in front of it (honest until `behave()`). */
export async function startHostileServer(token: string): Promise<HostileServer> {
  const upstream = await startSeededServer(token);
  const upstreamUrl = new URL(upstream.baseUrl);
  const basePath = upstreamUrl.pathname.replace(/\/+$/, '');
  const log: LoggedRequest[] = [];
  let behaviours: HostileBehaviour[] = [];

  /** Asks the reference server directly, as the test (never logged). */
  const ask = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> => {
    const answer = await forwardToUpstream(
      upstreamUrl,
      {
        method,
        path: `${basePath}${path}`,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/scim+json',
          'content-type': 'application/scim+json',
        },
      },
      Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    );
    return { status: answer.status, json: (parseJsonLoosely(answer.body) ?? {}) as Json };
  };
  const list = async (endpoint: Endpoint): Promise<Json[]> =>
    ((await ask('GET', `/${endpoint}?startIndex=1&count=200`)).json.Resources as Json[] | undefined) ?? [];
  const users = await list('Users');
  const groups = await list('Groups');
  const strangers = new Map<string, Stranger>();
  for (const user of users)
    strangers.set(String(user.id), { resourceType: 'User', id: String(user.id), name: String(user.userName) });
  for (const group of groups)
    strangers.set(String(group.id), { resourceType: 'Group', id: String(group.id), name: String(group.displayName) });
  const seenUser = strangers.get(String(users[0]?.id))!;
  const unseenUser = strangers.get(String(users[12]?.id))!;
  const group = strangers.get(
    String(groups.find((candidate) => candidate.displayName === 'Existing Engineering')?.id),
  )!;
  const strangerFor = (endpoint: Endpoint, which: 'seen' | 'unseen'): Stranger =>
    endpoint === 'Groups' ? group : which === 'seen' ? seenUser : unseenUser;

  const honest = (req: IncomingMessage, path: string, body: Buffer): Promise<Answer> => {
    const headers = { ...req.headers };
    // Bodies are rewritten as text: ask for them uncompressed.
    delete headers['accept-encoding'];
    return forwardToUpstream(upstreamUrl, { method: req.method, path, headers }, body);
  };

  /** The first switched-on behaviour that claims this request answers it; otherwise the reference server does. */
  async function answerFor(req: IncomingMessage, entry: LoggedRequest, body: Buffer): Promise<Answer> {
    const method = entry.method.toUpperCase();
    const endpoint = endpointPath(entry.path, basePath);
    const collection = /^\/(Users|Groups)\/?$/i.exec(endpoint)?.[1];
    const sent = parseJsonLoosely(body) as Json | undefined;
    for (const behaviour of behaviours) {
      switch (behaviour.attack) {
        case 'upsertOnPost': {
          if (method !== 'POST' || collection?.toLowerCase() !== behaviour.endpoint.toLowerCase()) break;
          const stranger = strangerFor(behaviour.endpoint, behaviour.answer === 'stranger' ? 'unseen' : 'seen');
          const stored = (await ask('GET', `/${behaviour.endpoint}/${stranger.id}`)).json;
          if (behaviour.answer === 'strangerIdWithSentIdentity') {
            for (const attribute of ['userName', 'displayName', 'externalId'])
              if (typeof sent?.[attribute] === 'string') stored[attribute] = sent[attribute];
          }
          const location = (stored.meta as Json | undefined)?.location;
          return jsonAnswer(201, stored, behaviour.attack, typeof location === 'string' ? { location } : {});
        }
        case 'bulkStrangerLocation': {
          if (method !== 'POST' || !/^\/Bulk\/?$/i.test(endpoint)) break;
          const answer = await honest(req, entry.target, body);
          const json = parseJsonLoosely(answer.body) as { Operations?: Json[] } | undefined;
          for (const operation of json?.Operations ?? []) {
            const kind = /\/(Users|Groups)\//i.exec(String(operation.location ?? ''))?.[1];
            if (String(operation.method).toUpperCase() !== 'POST' || String(operation.status) !== '201' || !kind)
              continue;
            const stranger = strangerFor(kind.toLowerCase() === 'users' ? 'Users' : 'Groups', behaviour.stranger);
            operation.location = `${upstream.baseUrl}/${kind}/${stranger.id}`;
          }
          return { ...answer, body: Buffer.from(JSON.stringify(json)), tampered: behaviour.attack };
        }
        case 'dotDotId': {
          if (method === 'POST' && collection?.toLowerCase() === 'users') {
            const id = behaviour.id(unseenUser.id);
            const now = new Date().toISOString();
            const resource = {
              ...sent,
              id,
              meta: {
                resourceType: 'User',
                created: now,
                lastModified: now,
                location: `${upstream.baseUrl}/Users/${id}`,
              },
            };
            return jsonAnswer(201, resource, behaviour.attack, { location: resource.meta.location });
          }
          // A lenient server: what it serves is the resolved path.
          const query = /\?[\s\S]*$/.exec(entry.target)?.[0] ?? '';
          return honest(req, `${entry.path}${query}`, body);
        }
        case 'upsertOnPut': {
          if (method !== 'PUT' || !/^\/Users\/[^/]+\/?$/i.test(endpoint)) break;
          const answer = await honest(req, entry.target, body);
          if (answer.status !== 404) return answer;
          const { id: _ignored, ...resource } = sent ?? {};
          const created = await ask('POST', '/Users', resource);
          if (created.status !== 201) return answer;
          const location = (created.json.meta as Json | undefined)?.location;
          return jsonAnswer(201, created.json, behaviour.attack, typeof location === 'string' ? { location } : {});
        }
        case 'lateCreate': {
          if (method !== 'POST' || collection?.toLowerCase() !== 'users') break;
          return { ...(await honest(req, entry.target, body)), tampered: behaviour.attack, holdMs: behaviour.holdMs };
        }
        case 'unusableCreate': {
          if (method !== 'POST' || collection?.toLowerCase() !== 'users') break;
          const answer = await honest(req, entry.target, body);
          if (answer.status !== 201) return answer;
          if (behaviour.body === 'notJson')
            return { status: 201, headers: SCIM_JSON, body: Buffer.from('Created'), tampered: behaviour.attack };
          const { id: _id, meta, ...rest } = parseJsonLoosely(answer.body) as Json;
          const { location: _location, ...metaWithoutLocation } = (meta ?? {}) as Json;
          return jsonAnswer(201, { ...rest, meta: metaWithoutLocation }, behaviour.attack);
        }
        case 'ignoreFilter': {
          if (method !== 'GET' || !collection) break;
          const url = new URL(entry.target, 'http://hostile.invalid');
          if (!url.searchParams.has('filter')) break;
          url.searchParams.delete('filter');
          return { ...(await honest(req, `${url.pathname}${url.search}`, body)), tampered: behaviour.attack };
        }
        case 'conflictOnCreate': {
          if (method !== 'POST' || collection?.toLowerCase() !== 'groups') break;
          return jsonAnswer(
            409,
            {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: '409',
              scimType: 'uniqueness',
              detail: `A group named ${JSON.stringify(sent?.displayName)} already exists.`,
            },
            behaviour.attack,
          );
        }
      }
    }
    return honest(req, entry.target, body);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const target = req.url ?? '/';
      const entry: LoggedRequest = {
        method: req.method ?? 'GET',
        target,
        path: resolveLeniently(target),
        body: body.toString('utf8'),
      };
      log.push(entry);
      const answer = await answerFor(req, entry, body);
      if (answer.tampered !== undefined) entry.tampered = answer.tampered;
      if (answer.holdMs !== undefined) {
        // Held until the client gives up (its --timeout) or the time is up, whichever is first.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, answer.holdMs);
          res.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (res.destroyed || res.writableEnded) return;
      }
      entry.status = answer.status;
      entry.answer = answer.body.toString('utf8');
      writeAnswer(res, answer);
    })().catch(() => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502);
      res.end();
    });
  });
  const port = await listenOnLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    basePath,
    upstream,
    log,
    strangers,
    seenUser,
    unseenUser,
    group,
    behave(...next) {
      behaviours = next;
    },
    async close() {
      await closeServer(server);
      await upstream.close();
    },
  };
}
