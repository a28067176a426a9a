import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ScimCheckError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { describeListening } from '../serve-banner.js';

export interface ServeOptions {
  host: string;
  port: string;
  token?: string;
  data?: string;
  seed?: string;
  /** --oauth: also an OAuth 2.0 authorization server (src/server/oauth/); --token-lifetime its tokens' seconds. */
  oauth?: boolean;
  tokenLifetime?: string;
  /** --assertion-public-key: a PEM public key the token endpoint trusts for client assertions (RFC 7523). */
  assertionPublicKey?: string;
}

/**
 * --assertion-public-key, only with --oauth: the PEM text, checked to be a public key now, so a
 * wrong file is a usage error before the server listens. A private key file is refused too: the
 * server needs only the public half, and a private key has no business on a verifier.
 */
function readAssertionPublicKey(options: ServeOptions): string | undefined {
  const file = options.assertionPublicKey;
  if (file === undefined) return undefined;
  if (!options.oauth)
    throw new ScimCheckError('USAGE', '--assertion-public-key needs --oauth', {
      hint: 'add --oauth to issue OAuth access tokens for client assertions',
    });
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ScimCheckError(
      'USAGE',
      `cannot read --assertion-public-key ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause },
    );
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    throw new ScimCheckError('USAGE', `--assertion-public-key ${file} holds a private key`, {
      hint: 'give the public key only, e.g. openssl pkey -in key.pem -pubout -out key.pub.pem',
    });
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey(pem);
  } catch (cause) {
    throw new ScimCheckError('USAGE', `--assertion-public-key ${file} is not a PEM public key`, {
      cause,
      hint: 'give an RSA (RS256) or EC P-256 (ES256) public key in PEM, e.g. from openssl pkey -pubout',
    });
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'rsa' && !(key.asymmetricKeyType === 'ec' && curve === 'prime256v1'))
    throw new ScimCheckError(
      'USAGE',
      `--assertion-public-key ${file} is a ${key.asymmetricKeyType ?? 'unknown'}${curve !== undefined ? ` ${curve}` : ''} key; assertions are verified as RS256 or ES256`,
      { hint: 'give an RSA or EC P-256 public key' },
    );
  return pem;
}

function parseNonNegativeInteger(value: string, flag: string, example: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new ScimCheckError('USAGE', `${flag} must be a non-negative integer, not "${value}"`, {
      hint: `e.g. ${flag} ${example}`,
    });
  return number;
}

/** --token-lifetime, only with --oauth; undefined without --oauth. */
function parseTokenLifetime(options: ServeOptions): number | undefined {
  const given = options.tokenLifetime !== undefined && options.tokenLifetime !== '3600';
  if (!options.oauth) {
    if (given)
      throw new ScimCheckError('USAGE', '--token-lifetime needs --oauth', {
        hint: 'add --oauth to issue OAuth access tokens',
      });
    return undefined;
  }
  const seconds = parseNonNegativeInteger(options.tokenLifetime ?? '3600', '--token-lifetime', '3600');
  if (seconds === 0)
    throw new ScimCheckError('USAGE', '--token-lifetime must be at least 1 second', {
      hint: 'e.g. --token-lifetime 3600',
    });
  return seconds;
}

/**
 * Where the OAuth token endpoint is and the client credentials, printed once like the static
 * token: the secret is generated per start and lives only in this process.
 */
function describeOAuth(
  server: { baseUrl: string; tokenUrl?: string; clientId?: string; clientSecret?: string },
  lifetimeSeconds: number,
): string[] {
  return [
    `OAuth token endpoint: ${server.tokenUrl}  (client credentials, client_secret_basic or client_secret_post; tokens valid ${lifetimeSeconds} s)`,
    `client id: ${server.clientId}  client secret: ${server.clientSecret}`,
    `try: SCIM_CHECK_CLIENT_SECRET=<secret above> scim-check run okta-group-push --base-url ${server.baseUrl} --oauth-token-url ${server.tokenUrl} --client-id ${server.clientId}`,
  ];
}

/**
 * `scim-check serve`: the embedded reference server on its own, until SIGINT/SIGTERM. The first
 * line names the base URL and the token (generated when not given), so scripts can read it;
 * warnings (listening beyond loopback, a torn journal line ignored) go to stderr.
 */
export async function serveCommand(options: ServeOptions, io: CliIo): Promise<number> {
  const port = parseNonNegativeInteger(options.port, '--port', '8080');
  if (port > 65535)
    throw new ScimCheckError('USAGE', `--port ${port} is out of range`, { hint: 'use 1-65535, or 0 for a free port' });
  const seedUsers = options.seed === undefined ? undefined : parseNonNegativeInteger(options.seed, '--seed', '1000');
  const tokenLifetimeSeconds = parseTokenLifetime(options);
  const assertionPublicKey = readAssertionPublicKey(options);
  const { startReferenceServer } = await import('../../server/index.js');
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  try {
    server = await startReferenceServer({
      host: options.host,
      port,
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.data !== undefined ? { dataFile: options.data } : {}),
      ...(seedUsers !== undefined ? { seedUsers } : {}),
      ...(tokenLifetimeSeconds !== undefined
        ? {
            oauth: {
              tokenLifetimeSeconds,
              ...(assertionPublicKey !== undefined ? { jwks: [assertionPublicKey] } : {}),
            },
          }
        : {}),
      onWarning: (message) => io.stderr.write(`scim-check: ${message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new ScimCheckError('USAGE', `port ${port} on ${options.host} is already in use`, {
        hint: 'pick another with --port, or --port 0 for a free one',
      });
    if (code === 'EACCES')
      throw new ScimCheckError('USAGE', `not allowed to listen on ${options.host}:${port}`, {
        hint: 'ports below 1024 need privileges; pick another with --port',
      });
    throw error;
  }
  // In OAuth mode without --token the SCIM API takes issued tokens only: no static token to print.
  const staticToken = server.tokenUrl !== undefined && options.token === undefined ? undefined : server.token;
  const banner = describeListening(server.address, server.baseUrl, staticToken ?? 'none (OAuth only, below)');
  for (const line of banner.stdout) io.stdout.write(`${line}\n`);
  for (const warning of banner.warnings) io.stderr.write(`scim-check: ${warning}\n`);
  if (server.tokenUrl !== undefined) {
    for (const line of describeOAuth(server, tokenLifetimeSeconds!)) io.stdout.write(`${line}\n`);
    if (options.assertionPublicKey !== undefined)
      io.stdout.write(
        `client assertions (RFC 7523 §2.2, RS256/ES256): signed by the private half of ${options.assertionPublicKey}, iss = sub = ${server.clientId}, aud = ${server.tokenUrl}\n` +
          `try: scim-check readiness entra-gallery --base-url ${server.baseUrl} --oauth-token-url ${server.tokenUrl} --client-id ${server.clientId} --client-assertion-key <private key PEM>\n`,
      );
  } else {
    io.stdout.write(`try: scim-check run okta-group-push --base-url ${server.baseUrl} --token <token above>\n`);
  }
  if (options.data !== undefined)
    io.stdout.write(
      `data is kept in ${options.data} (each write is on disk before it is answered; passwords only as salted hashes)\n`,
    );
  io.stdout.write('press Ctrl-C to stop\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  io.stderr.write('scim-check: server stopped\n');
  return EXIT.ok;
}
