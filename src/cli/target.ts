import { readFileSync } from 'node:fs';
import { generateAssertionKey } from '../auth/ephemeral-assertion-key.js';
import {
  clientCredentialsSource,
  type JwtBearerOptions,
  jwtBearerSource,
  type OAuthClientOptions,
  type OAuthTokenSource,
  type TokenTransportSettings,
} from '../auth/oauth-client.js';
import { ScimCheckError } from '../errors.js';
import { isRedactable, type Redactor } from '../http/redactor.js';
import { createOutputGuard } from '../report/output-guard.js';
import type { CliIo } from './io.js';

/** Where the run sends its requests, and with which token. */
export interface TargetOptions {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
}

/** The token from --token, --token-file or SCIM_CHECK_TOKEN, in that order; never echoed. */
function readToken(options: TargetOptions, envToken: string | undefined): string | undefined {
  if (options.token !== undefined && options.token !== '') return options.token;
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8');
    } catch (cause) {
      throw new ScimCheckError(
        'USAGE',
        `cannot read --token-file ${options.tokenFile}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
        { cause },
      );
    }
    const token = text.trim();
    if (token === '') throw new ScimCheckError('USAGE', `--token-file ${options.tokenFile} is empty`);
    return token;
  }
  return envToken;
}

/** Validates --base-url: an absolute http(s) URL without query or fragment. */
function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ScimCheckError('USAGE', `--base-url "${value}" is not a URL`, {
      hint: 'give the SCIM root, e.g. https://app.example.com/scim/v2',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ScimCheckError('USAGE', `--base-url must use http or https, not ${url.protocol}`, {
      hint: 'e.g. https://app.example.com/scim/v2',
    });
  }
  if (url.search !== '' || url.hash !== '')
    throw new ScimCheckError('USAGE', '--base-url must not carry a query string or fragment', {
      hint: 'give the SCIM root only, e.g. https://app.example.com/scim/v2',
    });
  if (url.username !== '' || url.password !== '')
    throw new ScimCheckError('USAGE', '--base-url must not carry credentials', {
      hint: 'pass the bearer token with --token, --token-file or SCIM_CHECK_TOKEN',
    });
  return url.toString().replace(/\/+$/, '');
}

/** The target as the user chose it: a base URL and token, or neither (the embedded server). */
export interface TargetChoice {
  baseUrl?: string;
  token?: string;
  /** OAuth client credentials instead of a token (src/cli/oauth-options.ts). */
  oauth?: OAuthClientOptions;
}

/**
 * Reads --base-url (or SCIM_CHECK_BASE_URL) and the token, and refuses a base URL without a
 * token before anything else happens: it is the first thing the user has to fix.
 */
export function chooseTarget(
  options: TargetOptions,
  env: { baseUrl: string | undefined; token: string | undefined },
  what: string,
  requireToken = true,
): TargetChoice {
  const baseUrlOption = options.baseUrl ?? env.baseUrl;
  const baseUrl = baseUrlOption === undefined ? undefined : parseBaseUrl(baseUrlOption);
  const token = readToken(options, env.token);
  // scim-check sends `Authorization: Bearer <token>`; a token pasted with its scheme would go out
  // as `Bearer Bearer …` and be refused with a 401 that says nothing about why.
  const scheme = token === undefined ? undefined : /^(bearer|basic)\s+/i.exec(token)?.[1];
  if (scheme !== undefined) {
    throw new ScimCheckError('USAGE', `the token starts with "${scheme} ": pass the token alone`, {
      hint: 'scim-check adds the "Bearer " prefix itself; drop it from --token, --token-file or SCIM_CHECK_TOKEN',
    });
  }
  if (baseUrl !== undefined && token === undefined && requireToken) {
    throw new ScimCheckError('USAGE', `no token for ${baseUrl}`, {
      hint: `pass --token, --token-file FILE or set SCIM_CHECK_TOKEN (leave out --base-url to ${what} the embedded reference server)`,
    });
  }
  return { ...(baseUrl !== undefined ? { baseUrl } : {}), ...(token !== undefined ? { token } : {}) };
}

/** Where a command sends its requests. */
export interface OpenedTarget {
  target: { baseUrl: string; embedded: boolean };
  /**
   * The bearer token in use: the user's, or the embedded server's generated one; with OAuth, the
   * first access token (a command that cannot renew, such as `load`'s worker, sends this one).
   */
  token: string | undefined;
  /** With OAuth: the token source the transport asks per request (renewal, one retry after a 401). */
  oauth?: OAuthTokenSource;
  /**
   * With `embeddedAuth`: a second client of the embedded token endpoint that authenticates with a
   * client assertion (RFC 7523 §2.2) signed by a key generated for this run, the shape of Entra's
   * workload identity federation. The run's requests use `oauth`; the token-endpoint checks
   * exercise this flow as well.
   */
  federated?: OAuthTokenSource;
  /** The token's redactor (the one io's output guard applies), for what a command writes to a file itself. */
  redact: Redactor;
  /** Stops the embedded server, if one was started. */
  close(): Promise<void>;
}

/**
 * Whether `hostname` (as URL gives it) is this machine's loopback: 127.0.0.0/8, ::1 (also as
 * ::ffff:127.x.y.z) or `localhost`. Only there does a token sent over plain http stay on the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(host)) return true;
  // IPv4-mapped, as URL normalises it: ::ffff:127.0.0.1 → ::ffff:7f00:1.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/** The warning for a bearer token about to cross the network in clear text, or undefined. */
export function plainHttpWarning(baseUrl: string, token: string | undefined): string | undefined {
  const url = new URL(baseUrl);
  if (token === undefined || url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return `scim-check: warning: ${url.origin} is plain http:// and not this machine: the bearer token would cross the network unencrypted, readable by anyone on the path; use https://\n`;
}

/**
 * Opens the chosen target, or without a base URL starts the embedded reference server on a free
 * loopback port. The server module is imported only then, so a run against a real server never
 * pays for it. The token joins the secrets `io`'s output guard redacts from everything written,
 * and a token about to go out over plain http to another host is warned about first, on stderr.
 */
export async function openTarget(
  choice: TargetChoice,
  io: Pick<CliIo, 'stderr' | 'guard'>,
  options: OpenTargetOptions = {},
): Promise<OpenedTarget> {
  const warning = choice.baseUrl === undefined ? undefined : plainHttpWarning(choice.baseUrl, choice.token);
  if (warning !== undefined) io.stderr.write(warning);
  if (choice.oauth !== undefined) {
    const tokenWarning = plainHttpTokenUrlWarning(choice.oauth.tokenUrl);
    if (tokenWarning !== undefined) io.stderr.write(tokenWarning);
  }
  const embeddedOAuth = choice.baseUrl === undefined && options.embeddedAuth === 'client-credentials';
  // Generated in memory, trusted by this run's embedded server only, never written (see generateAssertionKey).
  const federationKey = embeddedOAuth ? generateAssertionKey() : undefined;
  const embedded =
    choice.baseUrl === undefined
      ? await (await import('../server/index.js')).startReferenceServer({
          port: 0,
          ...(federationKey !== undefined ? { oauth: { jwks: [federationKey.publicKeyPem] } } : {}),
        })
      : undefined;
  const oauthOptions: OAuthClientOptions | undefined =
    choice.oauth ??
    (embeddedOAuth
      ? { tokenUrl: embedded!.tokenUrl!, clientId: embedded!.clientId!, clientSecret: embedded!.clientSecret! }
      : undefined);
  const federated: JwtBearerOptions | undefined =
    federationKey === undefined
      ? undefined
      : {
          tokenUrl: embedded!.tokenUrl!,
          clientId: embedded!.clientId!,
          assertionKeyPem: federationKey.privateKeyPem,
          assertionKeySource: 'the key generated for this run',
        };
  if (oauthOptions !== undefined) {
    try {
      return await openOAuthTarget(choice, io, oauthOptions, options, embedded, federated);
    } catch (error) {
      await embedded?.close();
      throw error;
    }
  }
  const token = choice.token ?? embedded?.token;
  if (token !== undefined && !isRedactable(token)) {
    io.stderr.write(
      `scim-check: warning: the token is only ${token.length} character${token.length === 1 ? '' : 's'} long: too short to cut out of the output without garbling it, so reports may show it; a real server's token is longer\n`,
    );
  }
  io.guard?.protect([token]);
  return {
    target: { baseUrl: choice.baseUrl ?? embedded!.baseUrl, embedded: embedded !== undefined },
    token,
    redact: redactorOf([token]),
    close: async () => embedded?.close(),
  };
}

/** How openTarget opens the target beyond the user's choice. */
export interface OpenTargetOptions {
  /**
   * `client-credentials`: without a base URL, start the embedded server as an OAuth
   * authorization server too and authenticate with client credentials from it (the readiness
   * command: a gallery app must offer OAuth client credentials). The server also trusts a key
   * generated for the run, and `federated` is a client that signs assertions with it.
   */
  embeddedAuth?: 'client-credentials';
  /** The --timeout, --cacert, -k and proxy settings the token requests travel with, as the SCIM requests do. */
  transport?: Omit<TokenTransportSettings, 'clock'>;
}

/** A redactor of `secrets`, built once (the same pass the output guard applies). */
function redactorOf(secrets: readonly (string | undefined)[]): Redactor {
  const guard = createOutputGuard({ githubActions: false });
  guard.protect(secrets);
  return guard.redact;
}

/** The warning for a client secret or assertion about to cross the network in clear text, or undefined. */
export function plainHttpTokenUrlWarning(tokenUrl: string): string | undefined {
  const url = new URL(tokenUrl);
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return `scim-check: warning: the token endpoint ${url.origin} is plain http:// and not this machine: the client secret or assertion and the access tokens would cross the network unencrypted, readable by anyone on the path; use https://\n`;
}

/**
 * The target with an OAuth token source: every secret it sees (client secret, assertions, access
 * tokens) joins the output guard the moment it is seen, and the first token is fetched now,
 * before the preflight, so a refused client is a usage error (exit 2) with the endpoint's own
 * `error` and `error_description`.
 */
async function openOAuthTarget(
  choice: TargetChoice,
  io: Pick<CliIo, 'stderr' | 'guard'>,
  oauthOptions: OAuthClientOptions,
  options: OpenTargetOptions,
  embedded: { baseUrl: string; close(): Promise<void> } | undefined,
  federatedOptions?: JwtBearerOptions,
): Promise<OpenedTarget> {
  const settings = {
    ...options.transport,
    // The embedded server is on loopback: a corporate HTTPS_PROXY must not intercept it.
    ...(embedded !== undefined ? { proxy: {} } : {}),
  };
  const withSettings = { ...oauthOptions, ...settings };
  const source =
    'assertionKeyPem' in withSettings ? jwtBearerSource(withSettings) : clientCredentialsSource(withSettings);
  const federated = federatedOptions === undefined ? undefined : jwtBearerSource({ ...federatedOptions, ...settings });
  const own = createOutputGuard({ githubActions: false });
  for (const each of [source, federated])
    each?.onSecret((secret) => {
      io.guard?.protect([secret]);
      own.protect([secret]);
    });
  let token: string;
  try {
    token = await source.current();
  } catch (error) {
    await source.close();
    await federated?.close();
    throw error;
  }
  if (!isRedactable(token))
    io.stderr.write(
      `scim-check: warning: the token endpoint issued an access token only ${token.length} character${token.length === 1 ? '' : 's'} long: too short to cut out of the output without garbling it, so reports may show it\n`,
    );
  return {
    target: { baseUrl: choice.baseUrl ?? embedded!.baseUrl, embedded: embedded !== undefined },
    token,
    oauth: source,
    ...(federated !== undefined ? { federated } : {}),
    redact: own.redact,
    close: async () => {
      await source.close();
      await federated?.close();
      await embedded?.close();
    },
  };
}

/** openTarget, releasing what the command opened before it (report files) when it fails. */
export async function openTargetOrRelease(
  choice: TargetChoice,
  io: Pick<CliIo, 'stderr' | 'guard'>,
  release: () => void | Promise<void>,
  options: OpenTargetOptions = {},
): Promise<OpenedTarget> {
  try {
    return await openTarget(choice, io, options);
  } catch (error) {
    await release();
    throw error;
  }
}
