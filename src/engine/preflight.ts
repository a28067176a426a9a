import { ScimCheckError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import type { Exchange } from '../http/exchange.js';
import type { PlannedRequest } from '../idp/profile.js';
import type { Feature } from '../scenario/model.js';
import { offersAsyncRequests } from '../scim/security-events.js';
import { type SchemaDeclarations, schemaDeclarations } from './declared-attributes.js';

export type { SchemaDeclarations };

/** What the target says it supports, from GET /ServiceProviderConfig (RFC 7643 §5). */
export interface TargetFeatures {
  /** undefined when the server did not say (no usable ServiceProviderConfig). */
  supports(feature: Feature): boolean | undefined;
  /** The raw configuration, when one came back. */
  config: Record<string, unknown> | undefined;
  /**
   * What /Schemas and /ResourceTypes declare, for step gates on an attribute or a schema. Read on
   * first use and then kept: most runs have no gated step, and those that do ask many times.
   */
  declarations?: () => Promise<SchemaDeclarations>;
}

/** What an interrupted preflight learnt: nothing; no scenario runs after it anyway. */
export const UNKNOWN_FEATURES: TargetFeatures = { config: undefined, supports: () => undefined };

/** The body of a discovery read that answered 200 with JSON; undefined for anything else. */
async function discoveryBody(executor: Executor, path: string): Promise<unknown> {
  const sent = await executor.send({ purpose: 'raw', method: 'GET', path, headers: HEADERS });
  return 'exchange' in sent && sent.exchange.response?.status === 200 ? sent.exchange.response.json : undefined;
}

export interface PreflightResult {
  features: TargetFeatures;
  exchanges: Exchange[];
}

const HEADERS = { accept: 'application/scim+json' };

function unreachable(exchange: Exchange, baseUrl: string): ScimCheckError {
  const error = exchange.error!;
  // Codes from src/http/transport-errors.ts: TLS_CERT is a trust problem, TLS_ERROR a handshake
  // that never worked (typically https:// to a port that speaks plain HTTP).
  const untrusted =
    error.code === 'TLS_CERT' || /certificate|self.signed|CERT_/i.test(`${error.code} ${error.message}`);
  const handshake = error.code === 'TLS_ERROR';
  return new ScimCheckError('PREFLIGHT_FAILED', `cannot reach ${baseUrl}: ${error.message}`, {
    hint: untrusted
      ? 'the server certificate is not trusted: pass its CA with --cacert FILE, or -k to skip verification (unsafe)'
      : handshake
        ? 'the server does not speak TLS on that port: check the scheme and port of --base-url (http:// or https://)'
        : 'check --base-url (it should end at the SCIM root, e.g. https://app.example.com/scim/v2) and that the server is running',
  });
}

/** Whether the answer had a JSON body at all (any JSON value; its shape is for the checks to judge). */
function answeredJson(exchange: Exchange): boolean {
  return exchange.response?.json !== undefined;
}

/** A read is never refused by the write guard; the exchange it produced. */
async function read(executor: Executor, request: PlannedRequest): Promise<Exchange> {
  const sent = await executor.send(request);
  if ('refused' in sent) throw new Error(`a read was refused: ${sent.refused}`);
  return sent.exchange;
}

/**
 * Before any scenario: can we reach the server, does it accept our token, and what does it
 * advertise? Unreachable or 401/403 means we cannot run as asked (exit 2), not that the server
 * failed a check. ServiceProviderConfig is allowed to be public (RFC 7643 §5), so the token is
 * proven on /Users instead, with the same read Okta's test connection sends.
 */
export async function preflight(executor: Executor): Promise<PreflightResult> {
  const configExchange = await read(executor, {
    purpose: 'discoverConfig',
    method: 'GET',
    path: '/ServiceProviderConfig',
    headers: HEADERS,
  });
  if (!configExchange.response) throw unreachable(configExchange, executor.baseUrl);
  const authExchange = await read(executor, {
    purpose: 'listUsers',
    method: 'GET',
    path: '/Users',
    query: { startIndex: '1', count: '1' },
    headers: HEADERS,
  });
  if (!authExchange.response) throw unreachable(authExchange, executor.baseUrl);
  if (authExchange.error?.code === 'REDIRECT') {
    // Typically http→https or a login page: following it would hand the token to another address.
    throw new ScimCheckError('PREFLIGHT_FAILED', `GET /Users was redirected: ${authExchange.error.message}`, {
      hint: 'use the address it redirects to as --base-url (it must end at the SCIM root, e.g. https://app.example.com/scim/v2)',
    });
  }
  const authStatus = authExchange.response.status;
  if (authStatus === 401 || authStatus === 403) {
    throw new ScimCheckError('PREFLIGHT_FAILED', `the server refused the token: GET /Users answered ${authStatus}`, {
      hint: 'pass a valid bearer token with --token, --token-file or SCIM_CHECK_TOKEN',
    });
  }
  if (authStatus === 404 && configExchange.response.status === 404) {
    throw new ScimCheckError(
      'PREFLIGHT_FAILED',
      `${executor.baseUrl} does not look like a SCIM base URL: /ServiceProviderConfig and /Users both answered 404`,
      {
        hint: 'point --base-url at the SCIM root, the URL under which /Users lives (often ending in /scim/v2)',
      },
    );
  }
  if (authStatus === 200 && !answeredJson(authExchange) && !answeredJson(configExchange)) {
    // A web app's catch-all (every path answers its HTML page): --base-url names the app, not its
    // SCIM root. Running the suite would report dozens of RFC failures instead of the one mistake.
    const type = authExchange.response.headers['content-type'] ?? 'no content type';
    throw new ScimCheckError(
      'PREFLIGHT_FAILED',
      `${executor.baseUrl} does not look like a SCIM base URL: GET /Users answered 200 with ${type}, not JSON, and so did /ServiceProviderConfig`,
      {
        hint: 'point --base-url at the SCIM root, the URL under which /Users answers a JSON ListResponse (often ending in /scim/v2)',
      },
    );
  }
  const json = configExchange.response.status === 200 ? configExchange.response.json : undefined;
  const config =
    json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  let declarations: Promise<SchemaDeclarations> | undefined;
  return {
    exchanges: [configExchange, authExchange],
    features: {
      declarations: () =>
        (declarations ??= Promise.all([
          discoveryBody(executor, '/Schemas'),
          discoveryBody(executor, '/ResourceTypes'),
        ]).then(([schemas, types]) => schemaDeclarations(schemas, types))),
      config,
      supports(feature) {
        // RFC 9967 §4: no `supported` flag; an absent `securityEvents` means "not supported".
        if (feature === 'asyncRequest') return offersAsyncRequests(config);
        // RFC 9865 §4: `pagination.cursor` (REQUIRED inside `pagination`); no `pagination` at all is a
        // server that predates cursor paging, not one that leaves its support open.
        if (feature === 'pagination.cursor')
          return config === undefined
            ? undefined
            : (config.pagination as { cursor?: unknown } | undefined)?.cursor === true;
        const entry = config?.[feature] as { supported?: unknown } | undefined;
        return typeof entry?.supported === 'boolean' ? entry.supported : undefined;
      },
    },
  };
}
