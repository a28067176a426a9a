import { readFileSync } from 'node:fs';
import { loadAssertionKey, SUPPORTED_KEYS } from '../auth/client-assertion.js';
import type { OAuthClientOptions } from '../auth/oauth-client.js';
import { ScimCheckError } from '../errors.js';
import type { CliIo } from './io.js';
import { CLIENT_SECRET_ENV, type OAuthFlags } from './oauth-flags.js';
import { chooseTarget, type TargetChoice, type TargetOptions } from './target.js';

/*
 * The OAuth 2.0 client flags shared by `run`, `load`, `matrix` and `readiness`: client
 * credentials with a secret (RFC 6749 §4.4) or a signed JWT (RFC 7523). There is deliberately no
 * `--client-secret VALUE`: a value on the command line lands in shell history and in `ps`.
 */

export { addOAuthOptions, CLIENT_SECRET_ENV, type OAuthFlags } from './oauth-flags.js';

function readFileFlag(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ScimCheckError(
      'USAGE',
      `cannot read ${flag} ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause },
    );
  }
}

function parseTokenUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ScimCheckError('USAGE', `--oauth-token-url "${value}" is not a URL`, {
      hint: 'give the token endpoint, e.g. https://app.example.com/oauth/token',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ScimCheckError('USAGE', `--oauth-token-url must use http or https, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new ScimCheckError('USAGE', '--oauth-token-url must not carry credentials', {
      hint: `give the client id with --client-id and the secret in ${CLIENT_SECRET_ENV} or --client-secret-file`,
    });
  return url.toString();
}

/**
 * The OAuth client the flags describe, or undefined when none was asked for. Every mistake is a
 * usage error before anything is sent: client flags without a token URL, a token URL without a
 * client id or a base URL, a static token as well, no secret, an unreadable or unusable key.
 */
export function readOAuthClient(
  flags: OAuthFlags,
  io: Pick<CliIo, 'env'>,
  target: { baseUrl: string | undefined; staticToken: boolean },
): OAuthClientOptions | undefined {
  const clientFlags = (
    [
      ['--client-id', flags.clientId],
      ['--client-secret-file', flags.clientSecretFile],
      ['--client-assertion-key', flags.clientAssertionKey],
      ['--client-auth', flags.clientAuth],
      ['--scope', flags.scope],
      ['--audience', flags.audience],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (flags.oauthTokenUrl === undefined) {
    if (clientFlags.length > 0)
      throw new ScimCheckError('USAGE', `${clientFlags[0]![0]} needs --oauth-token-url`, {
        hint: 'give the token endpoint with --oauth-token-url URL, or drop the OAuth options to use a bearer token',
      });
    return undefined;
  }
  const tokenUrl = parseTokenUrl(flags.oauthTokenUrl);
  if (flags.clientId === undefined || flags.clientId === '')
    throw new ScimCheckError('USAGE', '--oauth-token-url needs --client-id', {
      hint: `e.g. --oauth-token-url ${tokenUrl} --client-id my-client, with the secret in ${CLIENT_SECRET_ENV}`,
    });
  if (target.baseUrl === undefined)
    throw new ScimCheckError('USAGE', '--oauth-token-url needs --base-url', {
      hint: 'the embedded reference server issues its own tokens: leave out the OAuth options to use it',
    });
  if (target.staticToken)
    throw new ScimCheckError('USAGE', 'both a bearer token and OAuth client credentials were given', {
      hint: 'use one: drop --token / --token-file (and unset SCIM_CHECK_TOKEN), or drop --oauth-token-url',
    });
  const common = {
    tokenUrl,
    clientId: flags.clientId,
    ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
    ...(flags.audience !== undefined ? { audience: flags.audience } : {}),
  };
  const method = flags.clientAuth;
  if (flags.clientAssertionKey !== undefined) {
    if (flags.clientSecretFile !== undefined)
      throw new ScimCheckError(
        'USAGE',
        '--client-assertion-key and --client-secret-file are two ways to authenticate',
        {
          hint: 'give one of them',
        },
      );
    if (method !== undefined && method !== 'private_key_jwt' && method !== 'jwt_bearer_grant')
      throw new ScimCheckError('USAGE', `--client-auth ${method} needs a client secret, not --client-assertion-key`, {
        hint: 'with a key, use --client-auth private_key_jwt (default) or jwt_bearer_grant',
      });
    const pem = readFileFlag('--client-assertion-key', flags.clientAssertionKey);
    // Read now, so an unusable key is a usage error before anything is sent.
    loadAssertionKey(pem, `--client-assertion-key ${flags.clientAssertionKey}`);
    return {
      ...common,
      assertionKeyPem: pem,
      assertionKeySource: `--client-assertion-key ${flags.clientAssertionKey}`,
      ...(method !== undefined ? { clientAuth: method as 'private_key_jwt' | 'jwt_bearer_grant' } : {}),
    };
  }
  if (method === 'private_key_jwt' || method === 'jwt_bearer_grant')
    throw new ScimCheckError('USAGE', `--client-auth ${method} needs --client-assertion-key`, {
      hint: `give the private key: ${SUPPORTED_KEYS}`,
    });
  const secret =
    flags.clientSecretFile !== undefined
      ? readFileFlag('--client-secret-file', flags.clientSecretFile).trim()
      : (io.env.variables[CLIENT_SECRET_ENV] ?? '');
  if (secret === '')
    throw new ScimCheckError(
      'USAGE',
      flags.clientSecretFile !== undefined
        ? `--client-secret-file ${flags.clientSecretFile} is empty`
        : `no client secret for --client-id ${flags.clientId}`,
      {
        hint: `set ${CLIENT_SECRET_ENV} or pass --client-secret-file FILE (or --client-assertion-key PEM-FILE to sign a JWT instead)`,
      },
    );
  return {
    ...common,
    clientSecret: secret,
    ...(method !== undefined ? { clientAuth: method as 'client_secret_basic' | 'client_secret_post' } : {}),
  };
}

/**
 * chooseTarget with the OAuth flags: the base URL and either a bearer token or an OAuth client.
 * A base URL with OAuth needs no bearer token.
 */
export function chooseTargetWithOAuth(
  options: TargetOptions & OAuthFlags,
  io: Pick<CliIo, 'env'>,
  what: string,
  requireToken = true,
): TargetChoice {
  // Any OAuth flag means OAuth was meant: its own errors (a missing --oauth-token-url) beat "no token".
  const wantsOAuth = [
    options.oauthTokenUrl,
    options.clientId,
    options.clientSecretFile,
    options.clientAssertionKey,
    options.clientAuth,
    options.scope,
    options.audience,
  ].some((value) => value !== undefined);
  const choice = chooseTarget(options, io.env, what, requireToken && !wantsOAuth);
  const oauth = readOAuthClient(options, io, { baseUrl: choice.baseUrl, staticToken: choice.token !== undefined });
  return oauth === undefined ? choice : { ...choice, oauth };
}
