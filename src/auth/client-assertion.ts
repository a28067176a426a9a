import { createHash, createPrivateKey, createPublicKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import { ScimCheckError } from '../errors.js';

/** The signing algorithms scim-check can produce (RFC 7518 §3.3 RS256, §3.4 ES256). */
export type AssertionAlgorithm = 'RS256' | 'ES256';

/** A private key ready to sign client assertions. */
export interface AssertionKey {
  key: KeyObject;
  alg: AssertionAlgorithm;
  /** RFC 7638 JWK thumbprint of the public key: lets the token endpoint pick the key without trying each. */
  kid: string;
}

/** What the key-type error says, so a user with an Ed25519 or P-384 key knows what to make instead. */
export const SUPPORTED_KEYS =
  'an RSA key of 2048 bits or more (RS256) or an EC P-256 key (ES256), PEM-encoded (PKCS#8 or PKCS#1/SEC1)';

/** How long an assertion is valid: short, since it is made fresh for every token request (RFC 7523 §3 lets the issuer choose). */
const ASSERTION_LIFETIME_SECONDS = 300;

/** RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order. */
export function jwkThumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const members =
    jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * Reads a PEM private key and picks its algorithm; `source` names it in errors (the file). Throws
 * ScimCheckError USAGE for anything that is not a private RSA or P-256 key.
 */
export function loadAssertionKey(pem: string, source: string): AssertionKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw new ScimCheckError('USAGE', `${source} is not a PEM private key`, {
      cause,
      hint: `give ${SUPPORTED_KEYS}`,
    });
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048)
    return { key, alg: 'RS256', kid: jwkThumbprint(createPublicKey(key)) };
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1')
    return { key, alg: 'ES256', kid: jwkThumbprint(createPublicKey(key)) };
  const what =
    key.asymmetricKeyType === 'rsa'
      ? `an RSA key of ${details.modulusLength ?? '?'} bits`
      : key.asymmetricKeyType === 'ec'
        ? `an EC key on ${details.namedCurve ?? 'an unknown curve'}`
        : `a ${key.asymmetricKeyType ?? 'unknown'} key`;
  throw new ScimCheckError('USAGE', `${source} holds ${what}, which scim-check cannot sign client assertions with`, {
    hint: `give ${SUPPORTED_KEYS}`,
  });
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * A signed JWT asserting `clientId` to the token endpoint at `tokenUrl` (RFC 7523 §3): `iss` and
 * `sub` are the client id, `aud` the token endpoint URL, a short `exp`, and a fresh `jti` so a
 * server can refuse a replay. ES256 signatures are JOSE's r||s (RFC 7518 §3.4), not DER, hence
 * `dsaEncoding: 'ieee-p1363'`.
 */
export function signClientAssertion(
  key: AssertionKey,
  claims: { clientId: string; tokenUrl: string; nowSeconds: number },
): string {
  const header = { alg: key.alg, typ: 'JWT', kid: key.kid };
  const payload = {
    iss: claims.clientId,
    sub: claims.clientId,
    aud: claims.tokenUrl,
    iat: claims.nowSeconds,
    nbf: claims.nowSeconds,
    exp: claims.nowSeconds + ASSERTION_LIFETIME_SECONDS,
    jti: randomUUID(),
  };
  const signingInput = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  const signature = sign(
    'sha256',
    Buffer.from(signingInput, 'ascii'),
    key.alg === 'ES256' ? { key: key.key, dsaEncoding: 'ieee-p1363' } : key.key,
  );
  return `${signingInput}.${signature.toString('base64url')}`;
}
