import type { Dispatcher } from 'undici';
import { ScimCheckError } from '../errors.js';
import { createDispatcher, type ProxySettings, type TlsSettings } from '../http/dispatcher.js';
import { REDACTED } from '../http/redactor.js';
import {
  type AssertionAlgorithm,
  type AssertionKey,
  loadAssertionKey,
  signClientAssertion,
} from './client-assertion.js';
import { sendTokenRequest, type TokenRequest } from './token-request.js';
import { type ClientAuthMethod, SecretRegistry, type TokenFetch, type TokenSource } from './token-source.js';

/** RFC 7523 §2.2: the client authenticates with a signed JWT (private_key_jwt). */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** RFC 7523 §2.1: the signed JWT is itself the authorization grant. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** How token requests travel: the same settings as the SCIM requests (src/http/dispatcher.ts). */
export interface TokenTransportSettings {
  timeoutMs?: number;
  tls?: TlsSettings;
  proxy?: ProxySettings;
  /** Milliseconds since the epoch; tests move it to expire tokens without waiting. */
  clock?: () => number;
}

interface CommonClientOptions extends TokenTransportSettings {
  tokenUrl: string;
  clientId: string;
  scope?: string;
  /** Sent as `audience` (the parameter Auth0, Okta and others read to pick the API the token is for). */
  audience?: string;
}

/** Client credentials with a shared secret (RFC 6749 §4.4). */
export interface ClientSecretOptions extends CommonClientOptions {
  clientSecret: string;
  /**
   * `client_secret_basic` (default: RFC 6749 §2.3.1 says every authorization server MUST support
   * HTTP Basic) or `client_secret_post` (the secret in the form body, which the RFC allows).
   */
  clientAuth?: 'client_secret_basic' | 'client_secret_post';
}

/** A signed JWT instead of a secret (RFC 7523). */
export interface JwtBearerOptions extends CommonClientOptions {
  assertionKeyPem: string;
  /** Names the key in errors, e.g. its file. */
  assertionKeySource?: string;
  /**
   * `private_key_jwt` (default): `grant_type=client_credentials` with `client_assertion_type` and
   * `client_assertion` (RFC 7523 §2.2). That is the shape of a federated credential: the client
   * proves who it is with the JWT and still asks for its own token, which is what Microsoft's
   * workload identity federation presents to a vendor's token endpoint. `jwt_bearer_grant` sends the
   * JWT as the grant itself (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, RFC 7523 §2.1).
   */
  clientAuth?: 'private_key_jwt' | 'jwt_bearer_grant';
}

/** Either kind of OAuth client, as the CLI and the token-endpoint checks describe it. */
export type OAuthClientOptions = ClientSecretOptions | JwtBearerOptions;

/** Changes to one token request: the token-endpoint checks send a wrong secret or another audience. */
export interface TokenRequestVariation {
  clientSecret?: string;
  assertionKey?: AssertionKey;
  audience?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** An OAuth token source: renews before expiry, once after a 401, and closes its connections. */
export interface OAuthTokenSource extends TokenSource {
  readonly options: OAuthClientOptions;
  /** With a signing key: the algorithm it signs with. */
  readonly assertionAlg?: AssertionAlgorithm;
  /** One token request with the given variation, outside the source's own token (for the checks). */
  request(variation?: TokenRequestVariation): Promise<TokenFetch>;
  close(): Promise<void>;
}

export function isJwtBearer(options: OAuthClientOptions): options is JwtBearerOptions {
  return 'assertionKeyPem' in options;
}

/** The issued token as the source keeps it. */
interface HeldToken {
  value: string;
  /** Milliseconds since the epoch; undefined when the endpoint gave no `expires_in`. */
  expiresAt: number | undefined;
  lifetimeMs: number | undefined;
}

/**
 * When to renew: with less than 60 s or 10 % of the lifetime left, whichever comes first, but
 * never sooner than halfway, so a token issued for 2 s is still used for one second instead of
 * being fetched again for every request.
 */
function needsRenewal(held: HeldToken, now: number): boolean {
  if (held.expiresAt === undefined || held.lifetimeMs === undefined) return false;
  const margin = Math.min(Math.max(60_000, held.lifetimeMs / 10), held.lifetimeMs / 2);
  return held.expiresAt - now <= margin;
}

function field(json: unknown, name: string): unknown {
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)[name]
    : undefined;
}

/**
 * A printable `error` / `error_description` of a refusal (RFC 6749 §5.2), short and single-line.
 * The secrets the request carried are cut out first: an endpoint may quote the assertion or the
 * secret it refused, and the cut at 300 characters would otherwise leave a piece of it that the
 * output guard, which matches whole secrets, cannot recognise.
 */
function oauthError(json: unknown, secrets: readonly string[]): string | undefined {
  const error = field(json, 'error');
  if (typeof error !== 'string') return undefined;
  const description = field(json, 'error_description');
  let text = typeof description === 'string' ? `${error}: ${description}` : error;
  for (const secret of secrets) text = text.split(secret).join(REDACTED);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

function hintFor(json: unknown, options: OAuthClientOptions): string {
  switch (field(json, 'error')) {
    case 'invalid_client':
      return isJwtBearer(options)
        ? 'check --client-id and that the token endpoint trusts the public key of --client-assertion-key'
        : 'check --client-id and the secret (--client-secret-file or SCIM_CHECK_CLIENT_SECRET); an expired secret gets no token';
    case 'unsupported_grant_type':
    case 'unauthorized_client':
      return 'the client is not allowed this grant: enable client credentials for it at the token endpoint';
    case 'invalid_scope':
      return 'check --scope';
    case 'invalid_target':
      return 'check --audience';
    default:
      return 'check --oauth-token-url, --client-id and the client credentials';
  }
}

/** The access token from a fetch, or the ScimCheckError (exit 2) that says why there is none. */
function accessTokenOf(
  fetch: TokenFetch,
  options: OAuthClientOptions,
  secrets: readonly string[],
): { token: string; expiresIn?: number } {
  const where = `the token endpoint ${options.tokenUrl}`;
  if (fetch.status === undefined) {
    throw new ScimCheckError('PREFLIGHT_FAILED', `${where} did not answer: ${fetch.error?.message ?? 'no response'}`, {
      hint: 'check --oauth-token-url and that the token endpoint is running (it gets the same --timeout, --cacert, -k and proxy settings as the SCIM requests)',
    });
  }
  const refusal = oauthError(fetch.json, secrets);
  if (fetch.status < 200 || fetch.status > 299) {
    throw new ScimCheckError(
      'PREFLIGHT_FAILED',
      `${where} refused the token request: ${fetch.status}${refusal !== undefined ? ` ${refusal}` : ''}`,
      { hint: hintFor(fetch.json, options) },
    );
  }
  if (fetch.error !== undefined)
    throw new ScimCheckError('PREFLIGHT_FAILED', `${where} answered unusably: ${fetch.error.message}`);
  if (fetch.json === undefined) {
    const type = fetch.headers['content-type'] ?? 'no content type';
    throw new ScimCheckError(
      'PREFLIGHT_FAILED',
      `${where} answered ${fetch.status} with ${type}, not the JSON token response RFC 6749 §5.1 requires`,
      { hint: 'check --oauth-token-url: it must be the token endpoint itself, not a login page' },
    );
  }
  const token = field(fetch.json, 'access_token');
  if (typeof token !== 'string' || token === '') {
    throw new ScimCheckError(
      'PREFLIGHT_FAILED',
      `${where} answered ${fetch.status} without an access_token (RFC 6749 §5.1)${refusal !== undefined ? `: ${refusal}` : ''}`,
    );
  }
  // Some servers send expires_in as a string; honour it for renewal (TOKEN-RESPONSE-SHAPE reports it).
  const rawExpiresIn = field(fetch.json, 'expires_in');
  const expiresIn = typeof rawExpiresIn === 'string' ? Number(rawExpiresIn) : rawExpiresIn;
  return typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0
    ? { token, expiresIn }
    : { token };
}

/**
 * An OAuth 2.0 client that fetches access tokens for the SCIM requests: with a client secret
 * (clientCredentialsSource) or a signed JWT (jwtBearerSource). One request at a time: concurrent
 * callers share the fetch in flight.
 */
function createOAuthSource(options: OAuthClientOptions, assertionKey: AssertionKey | undefined): OAuthTokenSource {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? Date.now;
  const secrets = new SecretRegistry();
  if (!isJwtBearer(options)) secrets.add(options.clientSecret);
  const fetches: TokenFetch[] = [];
  let dispatcher: Dispatcher | undefined;
  let held: HeldToken | undefined;
  let inFlight: Promise<string> | undefined;

  function buildRequest(variation: TokenRequestVariation): TokenRequest {
    const audience = variation.audience ?? options.audience;
    const extra: Record<string, string> = {};
    if (options.scope !== undefined) extra.scope = options.scope;
    if (audience !== undefined) extra.audience = audience;
    const common = { tokenUrl: options.tokenUrl, ...(audience !== undefined ? { audience } : {}) };
    if (isJwtBearer(options)) {
      const assertion = signClientAssertion(variation.assertionKey ?? assertionKey!, {
        clientId: options.clientId,
        tokenUrl: options.tokenUrl,
        nowSeconds: Math.floor(clock() / 1000),
      });
      // A captured assertion is a credential until it expires: redact it like a secret.
      secrets.add(assertion);
      if (options.clientAuth === 'jwt_bearer_grant')
        return {
          ...common,
          grantType: JWT_BEARER_GRANT,
          clientAuth: 'jwt_bearer_grant',
          form: { assertion, ...extra },
        };
      return {
        ...common,
        grantType: 'client_credentials',
        clientAuth: 'private_key_jwt',
        form: {
          client_id: options.clientId,
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: assertion,
          ...extra,
        },
      };
    }
    const clientSecret = variation.clientSecret ?? options.clientSecret;
    const method: ClientAuthMethod = options.clientAuth ?? 'client_secret_basic';
    if (method === 'client_secret_post')
      return {
        ...common,
        grantType: 'client_credentials',
        clientAuth: method,
        form: { client_id: options.clientId, client_secret: clientSecret, ...extra },
      };
    return {
      ...common,
      grantType: 'client_credentials',
      clientAuth: 'client_secret_basic',
      form: extra,
      basic: { clientId: options.clientId, clientSecret },
    };
  }

  async function request(variation: TokenRequestVariation = {}): Promise<TokenFetch> {
    dispatcher ??= createDispatcher({
      timeoutMs,
      connections: 2,
      ...(options.tls !== undefined ? { tls: options.tls } : {}),
      ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    });
    const fetch = await sendTokenRequest(buildRequest(variation), dispatcher, timeoutMs);
    // Whatever came back that looks like a token is protected before anything can print it,
    // also from an answer scim-check then refuses.
    const token = field(fetch.json, 'access_token');
    if (typeof token === 'string') secrets.add(token);
    const refresh = field(fetch.json, 'refresh_token');
    if (typeof refresh === 'string') secrets.add(refresh);
    fetches.push(fetch);
    return fetch;
  }

  function fetchToken(): Promise<string> {
    inFlight ??= (async () => {
      try {
        const started = clock();
        const fetch = await request();
        const { token, expiresIn } = accessTokenOf(fetch, options, secrets.all);
        held =
          expiresIn === undefined
            ? { value: token, expiresAt: undefined, lifetimeMs: undefined }
            : { value: token, expiresAt: started + expiresIn * 1000, lifetimeMs: expiresIn * 1000 };
        return token;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  return {
    options,
    ...(assertionKey !== undefined ? { assertionAlg: assertionKey.alg } : {}),
    fetches,
    renewable: true,
    async current() {
      if (inFlight !== undefined) return inFlight;
      if (held !== undefined && !needsRenewal(held, clock())) return held.value;
      return fetchToken();
    },
    async renew() {
      if (inFlight !== undefined) return inFlight;
      held = undefined;
      return fetchToken();
    },
    onSecret: (listener) => secrets.listen(listener),
    request,
    async close() {
      await dispatcher?.close();
    },
  };
}

/** Client credentials with a shared secret (RFC 6749 §4.4), sent as HTTP Basic or in the body. */
export function clientCredentialsSource(options: ClientSecretOptions): OAuthTokenSource {
  return createOAuthSource(options, undefined);
}

/**
 * Client credentials with a signed JWT (RFC 7523): by default as private_key_jwt (§2.2), or as
 * the JWT bearer grant (§2.1). The key is read now, so a bad PEM is a usage error before anything is sent.
 */
export function jwtBearerSource(options: JwtBearerOptions): OAuthTokenSource {
  const key = loadAssertionKey(options.assertionKeyPem, options.assertionKeySource ?? 'the client assertion key');
  return createOAuthSource(options, key);
}
