import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ScimCheckError } from '../../errors.js';
import { type TrustedKey, type TrustedKeyInput, trustedKeys, verifyAssertion } from './verify-assertion.js';

/*
 * The embedded server as an OAuth 2.0 authorization server for its own SCIM API: client
 * credentials with a secret (RFC 6749 §4.4) or a signed JWT (RFC 7523), opaque access tokens with
 * a server-side expiry and audience. What Microsoft's gallery asks of a vendor ("app gallery user
 * provisioning requirements": client credentials, tokens of 1 to 6 hours, several active secrets
 * for rotation, no tokens for an expired secret), so a new user can try the whole flow offline.
 */

/** Where the token endpoint lives: outside the SCIM base path, like most vendors' `/oauth/token`. */
export const TOKEN_PATH = '/oauth/token';

/** RFC 7523 §2.2 and §2.1. */
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** One OAuth client the server knows. */
export interface OAuthClientRegistration {
  clientId: string;
  /** Secrets that get tokens: several at once, so a vendor's customer can rotate without downtime. */
  secrets?: string[];
  /** Secrets past their end date: they get `invalid_client`, never a token. */
  expiredSecrets?: string[];
}

/** The authorization-server part of startReferenceServer's options. */
export interface OAuthServerOptions {
  /** Default: one client, `scim-check-client`, with one generated secret. */
  clients?: OAuthClientRegistration[];
  /** Public keys client assertions may be signed with (JWKs, or PEM text). */
  jwks?: TrustedKeyInput[];
  /** Lifetime of an access token in seconds; default 3600 (the gallery accepts 3,600–21,600). */
  tokenLifetimeSeconds?: number;
  /** The audience of the SCIM API: tokens issued for another `audience` are refused by it. Default: its base URL. */
  audience?: string;
}

/** An issued access token as the server remembers it. */
interface IssuedToken {
  clientId: string;
  audience: string;
  expiresAt: number;
}

/** A token-endpoint answer: JSON, never cached (RFC 6749 §5.1). */
export interface TokenEndpointResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A token request as the endpoint reads it. */
export interface TokenEndpointRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The token endpoint URLs this request may name as an assertion's `aud` (listening address and Host). */
  tokenUrls: string[];
}

/** How the SCIM API judges a presented bearer token. */
export type IssuedTokenVerdict = 'valid' | 'expired' | 'wrong-audience' | 'unknown';

const DEFAULT_CLIENT_ID = 'scim-check-client';
const DEFAULT_LIFETIME_SECONDS = 3600;
/** Clock skew allowed on an assertion's `nbf` and `iat`. */
const SKEW_SECONDS = 60;

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time membership, whatever the lengths (see src/server/auth.ts). */
function includesSecret(secrets: readonly string[] | undefined, presented: string): boolean {
  const presentedDigest = digest(presented);
  let found = false;
  for (const secret of secrets ?? []) if (timingSafeEqual(digest(secret), presentedDigest)) found = true;
  return found;
}

/** RFC 6749 §5.2 error response. `invalid_client` is a 401 with a challenge naming the scheme. */
function oauthError(status: number, error: string, description: string): TokenEndpointResponse {
  const headers: Record<string, string> = { ...NO_STORE };
  if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="scim-check", charset="UTF-8"';
  return { status, headers, body: { error, error_description: description } };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded inside the Basic credentials. */
function basicCredentials(authorization: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (text: string): string => new URLSearchParams(`x=${text}`).get('x') ?? '';
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

/** The server's OAuth state: clients, trusted keys, issued tokens and assertion ids already used. */
export class AuthorizationServer {
  readonly clients: readonly OAuthClientRegistration[];
  readonly lifetimeSeconds: number;
  audience: string;
  private readonly keys: TrustedKey[];
  private readonly issued = new Map<string, IssuedToken>();
  /** jti → the assertion's exp (ms): a replay within its lifetime is refused (RFC 7523 §3, item 7). */
  private readonly usedJtis = new Map<string, number>();

  constructor(
    options: OAuthServerOptions,
    defaultAudience: string,
    private readonly clock: () => number,
  ) {
    const lifetime = options.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
    if (!Number.isFinite(lifetime) || lifetime <= 0)
      throw new ScimCheckError('USAGE', `the token lifetime ${String(lifetime)} is not a positive number of seconds`);
    this.lifetimeSeconds = lifetime;
    this.clients = options.clients ?? [
      { clientId: DEFAULT_CLIENT_ID, secrets: [randomBytes(24).toString('base64url')] },
    ];
    if (this.clients.length === 0)
      throw new ScimCheckError('USAGE', 'the authorization server needs at least one client');
    try {
      this.keys = trustedKeys(options.jwks ?? []);
    } catch (cause) {
      throw new ScimCheckError('USAGE', 'a configured client assertion key is not a usable public key', { cause });
    }
    this.audience = options.audience ?? defaultAudience;
  }

  /** How the SCIM API should treat `token` (only tokens this server issued are judged here). */
  judge(token: string): IssuedTokenVerdict {
    const issued = this.issued.get(token);
    if (issued === undefined) return 'unknown';
    if (issued.expiresAt <= this.clock()) return 'expired';
    return issued.audience === this.audience ? 'valid' : 'wrong-audience';
  }

  /** Answers one request to the token endpoint. */
  answer(request: TokenEndpointRequest): TokenEndpointResponse {
    if (request.method.toUpperCase() !== 'POST')
      return {
        ...oauthError(405, 'invalid_request', 'The token endpoint takes POST (RFC 6749 §3.2).'),
        headers: { ...NO_STORE, Allow: 'POST' },
      };
    const type = first(request.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      return oauthError(
        400,
        'invalid_request',
        'Send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.4.2).',
      );
    const form = new URLSearchParams(request.body);
    for (const name of new Set(form.keys()))
      if (form.getAll(name).length > 1)
        return oauthError(400, 'invalid_request', `The parameter ${name} is sent more than once (RFC 6749 §3.2).`);
    const grantType = form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'grant_type is missing.');
    if (grantType !== 'client_credentials' && grantType !== JWT_BEARER_GRANT)
      return oauthError(
        400,
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported; use client_credentials.`,
      );
    const authenticated =
      grantType === JWT_BEARER_GRANT
        ? this.assertionGrant(form, request.tokenUrls)
        : this.authenticateClient(form, first(request.headers.authorization), request.tokenUrls);
    if ('status' in authenticated) return authenticated;
    return this.issue(authenticated.clientId, form.get('audience') ?? form.get('resource') ?? this.audience);
  }

  private issue(clientId: string, audience: string): TokenEndpointResponse {
    this.prune();
    const token = randomBytes(32).toString('base64url');
    this.issued.set(token, { clientId, audience, expiresAt: this.clock() + this.lifetimeSeconds * 1000 });
    return {
      status: 200,
      headers: { ...NO_STORE },
      body: { access_token: token, token_type: 'Bearer', expires_in: this.lifetimeSeconds },
    };
  }

  /** RFC 6749 §2.3: exactly one client authentication method per request. */
  private authenticateClient(
    form: URLSearchParams,
    authorization: string | undefined,
    tokenUrls: string[],
  ): { clientId: string } | TokenEndpointResponse {
    const basic = basicCredentials(authorization);
    const postSecret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    const methods = [basic, postSecret, assertion].filter((method) => method !== undefined && method !== null);
    if (methods.length > 1)
      return oauthError(400, 'invalid_request', 'Use one client authentication method, not several (RFC 6749 §2.3).');
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
        return oauthError(400, 'invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
      const verdict = this.verify(assertion, tokenUrls);
      if (typeof verdict === 'string') return oauthError(401, 'invalid_client', verdict);
      const claimed = form.get('client_id');
      if (claimed !== null && claimed !== verdict.clientId)
        return oauthError(401, 'invalid_client', 'client_id does not match the assertion.');
      return verdict;
    }
    const credentials =
      basic ?? (postSecret !== null ? { clientId: form.get('client_id') ?? '', secret: postSecret } : undefined);
    if (credentials === undefined) return oauthError(401, 'invalid_client', 'The client did not authenticate.');
    const client = this.clients.find((candidate) => candidate.clientId === credentials.clientId);
    if (client !== undefined && includesSecret(client.secrets, credentials.secret))
      return { clientId: client.clientId };
    if (client !== undefined && includesSecret(client.expiredSecrets, credentials.secret))
      return oauthError(401, 'invalid_client', 'The client secret has expired.');
    return oauthError(401, 'invalid_client', 'Unknown client or wrong secret.');
  }

  /** RFC 7523 §2.1: the assertion is the grant; a bad one is `invalid_grant`. */
  private assertionGrant(form: URLSearchParams, tokenUrls: string[]): { clientId: string } | TokenEndpointResponse {
    const assertion = form.get('assertion');
    if (assertion === null) return oauthError(400, 'invalid_request', 'assertion is missing.');
    const verdict = this.verify(assertion, tokenUrls);
    return typeof verdict === 'string' ? oauthError(400, 'invalid_grant', verdict) : verdict;
  }

  /** RFC 7523 §3: signature, iss = sub = a known client, aud = this token endpoint, exp, nbf, no replayed jti. */
  private verify(assertion: string, tokenUrls: string[]): { clientId: string } | string {
    const claims = verifyAssertion(assertion, this.keys);
    if (typeof claims === 'string') return claims;
    const now = this.clock() / 1000;
    if (claims.iss !== claims.sub) return 'the assertion iss and sub differ';
    if (!this.clients.some((client) => client.clientId === claims.iss))
      return `the assertion names an unknown client ${claims.iss}`;
    if (!claims.aud.some((aud) => tokenUrls.includes(aud)))
      return `the assertion aud is not this token endpoint (${tokenUrls[0] ?? TOKEN_PATH})`;
    if (claims.exp <= now) return 'the assertion has expired';
    if (claims.nbf !== undefined && claims.nbf > now + SKEW_SECONDS) return 'the assertion is not valid yet';
    if (claims.jti === undefined) return 'the assertion lacks jti, so a replay could not be told apart';
    if (this.usedJtis.has(claims.jti)) return 'the assertion was already used (its jti is replayed)';
    this.usedJtis.set(claims.jti, claims.exp * 1000);
    return { clientId: claims.iss };
  }

  /** Drops tokens and jtis long past their expiry, so a long `serve` does not grow without bound. */
  private prune(): void {
    const now = this.clock();
    // Expired tokens are kept an hour, so the SCIM API can still say "expired" rather than "unknown".
    for (const [token, issued] of this.issued) if (issued.expiresAt + 3_600_000 < now) this.issued.delete(token);
    for (const [jti, expiresAt] of this.usedJtis) if (expiresAt < now) this.usedJtis.delete(jti);
  }
}
