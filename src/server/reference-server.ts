import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ScimCheckError } from '../errors.js';
import { scimErrorBody } from '../scim/scim-error.js';
import { createBearerCheck, generateToken } from './auth.js';
import type { ServerContext } from './context.js';
import { CursorPaging } from './cursor-paging.js';
import { type DispatchOptions, dispatch, textBodyReader } from './dispatch.js';
import { createRequestHandler } from './http-handler.js';
import { AuthorizationServer, type OAuthServerOptions, TOKEN_PATH } from './oauth/authorization-server.js';
import { createOAuthBearerCheck, withTokenEndpoint } from './oauth/oauth-http.js';
import { openDataFile, type StorePersistence } from './persistence.js';
import { ResourceService } from './resource-service.js';
import { RESPONSE_CONTENT_TYPE, type ScimResponse } from './responses.js';
import { createRoutes } from './routes.js';
import { seedUsers } from './seed.js';
import { FILTER_MAX_RESULTS } from './service-provider-config.js';
import { createStore, type ScimStore } from './store.js';

/** How to start the embedded reference SCIM server. */
export interface ReferenceServerOptions {
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** TCP port; default 0, a free port chosen by the OS. */
  port?: number;
  /** The bearer token clients must send; generated with generateToken() when absent. */
  token?: string;
  /**
   * Persist the data to this JSON file: loaded at start when it exists; every write is in its
   * journal (`FILE.journal`) before it is answered, and folded into FILE when writes pause and
   * on close. `FILE.lock` keeps a second server off the file (persistence.ts).
   */
  dataFile?: string;
  /** Told about conditions worth a warning (a torn journal line ignored, passwords migrated). */
  onWarning?: (message: string) => void;
  /** Preload this many users (`seed-user-000001@example.com`, …). */
  seedUsers?: number;
  /** Path of the service root; default `/scim/v2`. */
  basePath?: string;
  /**
   * Seconds a cursor stays valid between page requests, advertised as `pagination.cursorTimeout`
   * (RFC 9865 §4); default 3600.
   */
  cursorTimeout?: number;
  /** The clock cursors expire by, in milliseconds since the epoch; default Date.now. For tests. */
  clock?: () => number;
  /**
   * Also act as an OAuth 2.0 authorization server for the SCIM API (src/server/oauth/): `POST
   * /oauth/token` issues client-credentials and JWT-bearer tokens, and the SCIM API accepts them
   * while they are unexpired and for its audience. The static token is then accepted only when
   * `token` is given explicitly. Issued tokens expire by `clock` too.
   */
  oauth?: OAuthServerOptions;
}

/** A request handed to the reference server directly, without a socket (the in-process transport). */
export interface InProcessRequest {
  method: string;
  /** Path below the host with the query, e.g. `/scim/v2/Users?count=1`, or an absolute URL. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** The reference server without a socket: the same routes, store and rules, answered in-process. */
export interface ReferenceService {
  /** Absolute base URL the service builds `Location` and `meta.location` from. */
  baseUrl: string;
  token: string;
  store: ScimStore;
  /** Answers one request exactly as the listening server would; never throws. */
  dispatch(request: InProcessRequest): Promise<ScimResponse>;
}

/** A started reference server. */
export interface RunningReferenceServer {
  /**
   * Absolute base URL including the base path, without a trailing slash, e.g.
   * `http://127.0.0.1:41234/scim/v2`. For a wildcard address (0.0.0.0, ::) it names loopback,
   * which reaches the server from this machine.
   */
  baseUrl: string;
  /** The address the socket is bound to, as the OS reports it: `0.0.0.0` or `::` for every interface. */
  address: AddressInfo;
  token: string;
  /** With `oauth`: the token endpoint's absolute URL, and the first client's id and first active secret. */
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** With `oauth`: the authorization server's state (its clients, lifetime, audience). */
  authorizationServer?: AuthorizationServer;
  /** The live data, for tests and tools that inspect or prepare state directly. */
  store: ScimStore;
  /** The same server answered in-process, without the socket (fast tests, --dry-run). */
  dispatch(request: InProcessRequest): Promise<ScimResponse>;
  /** Stops listening, closes idle keep-alive connections and flushes the data file. */
  close(): Promise<void>;
}

/** Largest request body outside /Bulk (which has its own advertised maxPayloadSize). */
const MAX_REQUEST_BODY_BYTES = 1_048_576;

/** How long close() lets in-flight requests finish before it drops their connections. */
const CLOSE_GRACE_MS = 2_000;

const DEFAULT_BASE_PATH = '/scim/v2';

function usage(message: string, cause?: unknown): ScimCheckError {
  return new ScimCheckError('USAGE', message, cause === undefined ? {} : { cause });
}

/** `/scim/v2/` → `/scim/v2`, `scim` → `/scim`, `/` → `` (the service at the root). */
function normalizeBasePath(basePath: string): string {
  if (/[?#\s]/.test(basePath)) throw usage(`The base path "${basePath}" must be a plain URL path.`);
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function checkOptions(options: ReferenceServerOptions): void {
  const { port, token, seedUsers: seedCount } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535))
    throw usage(`The port ${String(port)} is not an integer from 0 to 65535.`);
  // A token with white space could never be presented in `Authorization: Bearer <token>` (RFC 6750 §2.1).
  if (token !== undefined && (token === '' || /\s/.test(token)))
    throw usage('The token must be a non-empty string without white space.');
  if (seedCount !== undefined && (!Number.isInteger(seedCount) || seedCount < 0))
    throw usage(`seedUsers ${String(seedCount)} is not a non-negative integer.`);
  // RFC 9865 §4: cursorTimeout is a positive integer of seconds.
  const { cursorTimeout } = options;
  if (cursorTimeout !== undefined && (!Number.isInteger(cursorTimeout) || cursorTimeout < 1))
    throw usage(`cursorTimeout ${String(cursorTimeout)} is not a positive integer of seconds.`);
}

/**
 * What every request is answered with, for the listening server and the in-process service alike,
 * so an option (a cursor timeout, a clock) can never reach one and not the other.
 */
function dispatchOptionsFor(
  store: ScimStore,
  service: ResourceService,
  basePath: string,
  baseUrl: string,
  token: string,
  options: Pick<ReferenceServerOptions, 'cursorTimeout' | 'clock'>,
): DispatchOptions {
  const cursorPaging = new CursorPaging(
    {
      ...(options.cursorTimeout !== undefined ? { cursorTimeout: options.cursorTimeout } : {}),
      ...(options.clock !== undefined ? { clock: options.clock } : {}),
    },
    FILTER_MAX_RESULTS,
  );
  const context: ServerContext = { store, service, baseUrl, maxBodyBytes: MAX_REQUEST_BODY_BYTES, cursorPaging };
  return { context, routes: createRoutes(), basePath, checkBearer: createBearerCheck(token) };
}

/** The host part of a URL for a listening address: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

/**
 * Malformed HTTP never reaches the request handler; node:http would answer with a bare 400.
 * This answers with a SCIM Error body instead, so even that reply is SCIM JSON (RFC 7644 §3.12).
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, reason, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request was not received in time.']
        : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify(scimErrorBody(status, detail));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${RESPONSE_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Why the server could not listen, and what to do about it. */
function cannotListen(error: Error & { code?: string }, host: string, port: number): ScimCheckError {
  const hint =
    error.code === 'EADDRINUSE'
      ? `another process listens on port ${port} (\`ss -ltnp 'sport = :${port}'\` or \`lsof -i :${port}\` names it): stop it, or pick another --port (--port 0 takes a free one)`
      : error.code === 'EACCES'
        ? `ports below 1024 need privileges: pick a --port of 1024 or more`
        : error.code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine: use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)`
          : undefined;
  return new ScimCheckError('USAGE', `the reference server cannot listen on ${host}:${port}: ${error.message}`, {
    cause: error,
    ...(hint === undefined ? {} : { hint }),
  });
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(cannotListen(error, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Starts the embedded reference SCIM server over node:http: an in-memory SCIM 2.0 service
 * provider with Users, Groups, discovery, filtering, sorting, paging, PATCH, ETags and Bulk.
 * Throws ScimCheckError `USAGE` for bad options, an unusable data file or a busy port.
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const token = options.token ?? generateToken();
  const store = createStore();
  const service = new ResourceService(store);

  let persistence: StorePersistence | undefined;
  if (options.dataFile !== undefined) {
    persistence = await openDataFile(
      store,
      options.dataFile,
      options.onWarning ? { onWarning: options.onWarning } : {},
    );
  }
  try {
    if (options.seedUsers) seedUsers(service, store, options.seedUsers);
    await persistence?.start();
  } catch (error) {
    await persistence?.close().catch(() => undefined);
    throw error;
  }

  // The base URL is known once the socket listens (below).
  const dispatchOptions = dispatchOptionsFor(store, service, basePath, '', token, options);
  const { context } = dispatchOptions;
  // With a data file, no answer leaves before the changes it reports (or could reveal) are on the disk.
  if (persistence) dispatchOptions.whenDurable = persistence.whenDurable.bind(persistence);
  const authorization =
    options.oauth === undefined ? undefined : new AuthorizationServer(options.oauth, '', options.clock ?? Date.now);
  if (authorization !== undefined)
    dispatchOptions.checkBearer = createOAuthBearerCheck(
      authorization,
      options.token !== undefined ? dispatchOptions.checkBearer : undefined,
    );
  let closing = false;
  const scimHandler = createRequestHandler({ ...dispatchOptions, isClosing: () => closing });
  const handler = authorization === undefined ? scimHandler : withTokenEndpoint(authorization, basePath, scimHandler);
  const server = createServer(handler);
  // `Expect: 100-continue` is answered by the handler, after authentication (http-handler.ts),
  // instead of by node:http before anything is checked.
  server.on('checkContinue', handler);
  server.on('clientError', answerClientError);

  let address: AddressInfo;
  try {
    address = await listen(server, host, options.port ?? 0);
  } catch (error) {
    await persistence?.close().catch(() => undefined);
    throw error;
  }
  context.baseUrl = `http://${urlHost(address)}:${address.port}${basePath}`;
  const origin = `http://${urlHost(address)}:${address.port}`;
  if (authorization !== undefined && options.oauth?.audience === undefined) authorization.audience = context.baseUrl;
  const firstClient = authorization?.clients[0];

  let closed: Promise<void> | undefined;
  return {
    baseUrl: context.baseUrl,
    address,
    token,
    ...(authorization !== undefined
      ? {
          tokenUrl: `${origin}${TOKEN_PATH}`,
          clientId: firstClient!.clientId,
          ...(firstClient?.secrets?.[0] !== undefined ? { clientSecret: firstClient.secrets[0] } : {}),
          authorizationServer: authorization,
        }
      : {}),
    store,
    dispatch: (request) => dispatchText(request, dispatchOptions),
    close() {
      closing = true;
      closed ??= stopServer(server).then(() => persistence?.close());
      return closed;
    },
  };
}

function dispatchText(request: InProcessRequest, options: DispatchOptions): Promise<ScimResponse> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return dispatch(
    { method: request.method, target: request.target, headers, readBody: textBodyReader(request.body, headers) },
    options,
  );
}

/** Where a socketless reference service says it lives: `.invalid` never resolves (RFC 6761), so no URL of it can reach a real host. */
export const IN_PROCESS_BASE_URL = 'https://scim-check.invalid/scim/v2';

/**
 * The reference server without a socket, for the in-process transport: `--dry-run` and tests
 * that drive the engine and the CLI in milliseconds. Same options as startReferenceServer except
 * the listening ones and the data file.
 */
export function createReferenceService(
  options: Pick<ReferenceServerOptions, 'token' | 'seedUsers' | 'cursorTimeout' | 'clock'> = {},
): ReferenceService {
  checkOptions(options);
  const token = options.token ?? generateToken();
  const store = createStore();
  const service = new ResourceService(store);
  if (options.seedUsers) seedUsers(service, store, options.seedUsers);
  const basePath = new URL(IN_PROCESS_BASE_URL).pathname;
  const dispatchOptions = dispatchOptionsFor(store, service, basePath, IN_PROCESS_BASE_URL, token, options);
  return { baseUrl: IN_PROCESS_BASE_URL, token, store, dispatch: (request) => dispatchText(request, dispatchOptions) };
}
