/*
 * Where the bearer token of a run comes from: a static token the user gave (--token), or an OAuth
 * 2.0 token endpoint (src/auth/oauth-client.ts) that issues short-lived access tokens, renewed
 * before they expire and once more after a 401.
 */

/** How the client authenticated at the token endpoint (RFC 6749 §2.3.1, RFC 7523 §2.1/§2.2). */
export type ClientAuthMethod = 'client_secret_post' | 'client_secret_basic' | 'private_key_jwt' | 'jwt_bearer_grant';

/** One request to the token endpoint and what it answered, as the token-endpoint checks read it. */
export interface TokenFetch {
  tokenUrl: string;
  /** The `grant_type` sent. */
  grantType: string;
  clientAuth: ClientAuthMethod;
  /** The `audience` asked for, if any. */
  audience?: string;
  startedAt: string;
  /** Absent when no answer came (the endpoint was unreachable or never answered). */
  status?: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /** The raw response body (redacted only where it is written out, like every exchange). */
  body?: string;
  /** The body parsed, when it was JSON. */
  json?: unknown;
  /** Why there is no usable answer: no connection, a timeout, a body too large. */
  error?: { code: string; message: string };
}

/** A bearer token provider for the transport (src/http/http-transport.ts). */
export interface TokenSource {
  /** The access token to send now; fetches the first one, renews one about to expire (renew when < 60 s or < 10 % of its lifetime is left). */
  current(): Promise<string>;
  /** Called once after a 401: forget the token and fetch a new one. */
  renew(): Promise<string>;
  /** Every secret it has seen or made (client secret, assertions, access tokens), for redaction; `onSecret` fires for each new one. */
  onSecret(listener: (secret: string) => void): void;
  /** What the token endpoint answered (for the token-endpoint checks and reports). */
  readonly fetches: readonly TokenFetch[];
  /**
   * Whether renew() can produce a different token: true for OAuth sources. A static token that
   * was refused stays refused, so the transport does not resend the request after a 401.
   */
  readonly renewable: boolean;
}

/** Whether `value` is a TokenSource rather than a plain token string. */
export function isTokenSource(value: unknown): value is TokenSource {
  return typeof value === 'object' && value !== null && typeof (value as TokenSource).current === 'function';
}

/** A fixed token (--token, --token-file, SCIM_CHECK_TOKEN, the embedded server's own). */
export function staticTokenSource(token: string): TokenSource {
  return {
    current: async () => token,
    renew: async () => token,
    onSecret: (listener) => listener(token),
    fetches: [],
    renewable: false,
  };
}

/**
 * Collects secrets once each and tells every listener about each: a listener added late (the
 * output guard, after the client secret was read) hears every secret known so far first.
 */
export class SecretRegistry {
  private readonly secrets: string[] = [];
  private readonly listeners: ((secret: string) => void)[] = [];

  add(secret: string | undefined): void {
    if (secret === undefined || secret === '' || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    for (const listener of this.listeners) listener(secret);
  }

  listen(listener: (secret: string) => void): void {
    this.listeners.push(listener);
    for (const secret of this.secrets) listener(secret);
  }

  get all(): readonly string[] {
    return this.secrets;
  }
}
