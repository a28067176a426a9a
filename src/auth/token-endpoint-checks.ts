import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { CheckResult } from '../checks/check-result.js';
import {
  type ScimAnswer,
  tokenAccepted,
  tokenAudience,
  tokenBadSecret,
  tokenExpiredRefused,
  tokenLifetime,
  tokenResponseShape,
} from '../checks/oauth-token.js';
import type { Transport } from '../http/transport.js';
import type { IdpName } from '../idp/profile-names.js';
import { type AssertionKey, jwkThumbprint } from './client-assertion.js';
import { isJwtBearer, type OAuthTokenSource } from './oauth-client.js';

/** How checkTokenEndpoint runs. */
export interface TokenEndpointCheckOptions {
  /** The profile whose INTEROP rows decide levels: `entra` makes TOKEN-LIFETIME an error. Default `generic`. */
  idp?: IdpName;
  /**
   * Longest scim-check waits for an issued token to expire (TOKEN-EXPIRED-REFUSED); tokens that live
   * longer make the row skipped. Default 5 s: never an hour.
   */
  maxExpiryWaitSeconds?: number;
  /** How to wait for expiry; tests pass one that moves a fake clock instead. Default: a timer. */
  wait?: (ms: number) => Promise<void>;
}

/** An audience no SCIM API is: `.invalid` never resolves (RFC 6761). */
export const FOREIGN_AUDIENCE = 'https://another-api.scim-check.invalid/';

const DEFAULT_MAX_EXPIRY_WAIT_SECONDS = 5;

function expiresInOf(json: unknown): number | undefined {
  const value = (json as { expires_in?: unknown } | null)?.expires_in;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function accessTokenOf(json: unknown): string | undefined {
  const value = (json as { access_token?: unknown } | null)?.access_token;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A key the token endpoint has never seen, of the same algorithm as the configured one. */
function strangerKey(alg: 'RS256' | 'ES256'): AssertionKey {
  const pair =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { key: pair.privateKey, alg, kid: jwkThumbprint(pair.publicKey) };
}

/** GET /Users with exactly this token (the transport adds none of its own and does not retry). */
async function askScim(scim: Transport, token: string): Promise<ScimAnswer> {
  const result = await scim.send({
    method: 'GET',
    url: new URL(`${scim.baseUrl}/Users?startIndex=1&count=1`),
    headers: { accept: 'application/scim+json', authorization: `Bearer ${token}` },
  });
  if (result.response === undefined)
    return { skipped: `the SCIM API did not answer: ${result.error?.message ?? 'no response'}` };
  const wwwAuthenticate = result.response.headers['www-authenticate'];
  return { status: result.response.status, ...(wwwAuthenticate !== undefined ? { wwwAuthenticate } : {}) };
}

/**
 * Runs the token-endpoint checks against `source`'s token endpoint and the SCIM API behind
 * `scim`: the response shape and lifetime of the token the source already fetched (or a new one),
 * a wrong secret (or a JWT signed by an unknown key), an expired token when tokens are short-lived,
 * and a token for another audience when `--audience` says the endpoint has audiences. Every token
 * these requests obtain joins the source's secrets, so reports redact them.
 */
export async function checkTokenEndpoint(
  source: OAuthTokenSource,
  scim: Transport,
  options: TokenEndpointCheckOptions = {},
): Promise<CheckResult[]> {
  const idp = options.idp ?? 'generic';
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWait = options.maxExpiryWaitSeconds ?? DEFAULT_MAX_EXPIRY_WAIT_SECONDS;
  const results: CheckResult[] = [];

  const first = source.fetches.find((fetch) => fetch.status === 200) ?? (await source.request());
  results.push(tokenResponseShape(first, idp), tokenLifetime(first, idp));
  // The token is what the SCIM API must then take (RFC 6750 §2.1; Validate_Credentials_Test lists users with it).
  const issued = accessTokenOf(first.json);
  results.push(
    tokenAccepted(
      issued === undefined
        ? { skipped: 'the token endpoint issued no token to present (see TOKEN-RESPONSE-SHAPE)' }
        : await askScim(scim, issued),
      idp,
    ),
  );

  const config = source.options;
  const wrong = isJwtBearer(config)
    ? await source.request({ assertionKey: strangerKey(source.assertionAlg ?? 'RS256') })
    : await source.request({ clientSecret: `wrong-${randomBytes(16).toString('base64url')}` });
  results.push(tokenBadSecret(wrong, idp));

  const lifetime = expiresInOf(first.json);
  let expired: ScimAnswer;
  if (lifetime === undefined)
    expired = { skipped: 'the token response has no expires_in, so there is no expiry to wait for' };
  else if (lifetime > maxWait)
    expired = {
      skipped: `tokens live ${lifetime} s and scim-check waits at most ${maxWait} s for one to expire; testable against a token endpoint that issues short-lived tokens (e.g. scim-check serve --oauth --token-lifetime 2)`,
    };
  else {
    const fresh = await source.request();
    const token = accessTokenOf(fresh.json);
    if (token === undefined) expired = { skipped: 'the token endpoint issued no second token to let expire' };
    else {
      await wait(lifetime * 1000 + 500);
      expired = await askScim(scim, token);
    }
  }
  results.push(tokenExpiredRefused(expired, idp));

  let audience: ScimAnswer;
  if (config.audience === undefined)
    audience = {
      skipped:
        'no --audience given: a token endpoint may ignore an audience parameter it does not know (RFC 6749 §3.2), so only an endpoint known to issue audience-bound tokens can be tested',
    };
  else {
    const foreign = await source.request({ audience: FOREIGN_AUDIENCE });
    const token = accessTokenOf(foreign.json);
    audience =
      token === undefined
        ? {
            skipped: `the token endpoint issued no token for another audience (${foreign.status ?? 'no answer'}): it restricts audiences itself`,
          }
        : await askScim(scim, token);
  }
  results.push(tokenAudience(audience, idp));
  return results;
}
