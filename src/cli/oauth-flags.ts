import { type Command, Option } from 'commander';

/*
 * The OAuth client flags as commander declares them, apart from what reads them
 * (src/cli/oauth-options.ts), so main.ts can register them without loading the OAuth client.
 */

/** The environment variable the client secret is read from when no --client-secret-file is given. */
export const CLIENT_SECRET_ENV = 'SCIM_CHECK_CLIENT_SECRET';

/** The flags as commander hands them over. */
export interface OAuthFlags {
  oauthTokenUrl?: string;
  clientId?: string;
  clientSecretFile?: string;
  clientAssertionKey?: string;
  clientAuth?: string;
  scope?: string;
  audience?: string;
}

const CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'jwt_bearer_grant',
] as const;

/** Adds the OAuth client options to a command (after its --token options). */
export function addOAuthOptions(command: Command): Command {
  return command
    .option('--oauth-token-url <url>', 'get access tokens from this OAuth 2.0 token endpoint (client credentials)')
    .option('--client-id <id>', 'OAuth client id (with --oauth-token-url)')
    .option(
      '--client-secret-file <file>',
      `read the OAuth client secret from a file (default: env ${CLIENT_SECRET_ENV}; never passed as a flag value)`,
    )
    .option(
      '--client-assertion-key <pem-file>',
      'authenticate with a JWT signed by this private key instead of a secret (RFC 7523; RSA → RS256, EC P-256 → ES256)',
    )
    .addOption(
      new Option('--client-auth <method>', 'how the client authenticates at the token endpoint').choices(
        CLIENT_AUTH_METHODS,
      ),
    )
    .option('--scope <scope>', 'OAuth scope to ask for')
    .option('--audience <aud>', 'OAuth audience to ask for (also lets TOKEN-AUDIENCE run)');
}
