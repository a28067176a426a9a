import { createHash, createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';

/** A public key a client assertion may be signed with, and the `kid` it is known by. */
export interface TrustedKey {
  key: KeyObject;
  kid: string;
}

/** Public keys as configured: JWKs (a JWKS's `keys`) or PEM text. */
export type TrustedKeyInput = JsonWebKey | string;

/** RFC 7638 thumbprint, the kid scim-check's own client puts in the JWT header. */
function thumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
  const members =
    jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/** Turns configured keys into KeyObjects; a JWK keeps its own `kid`, anything else is known by its thumbprint. */
export function trustedKeys(inputs: readonly TrustedKeyInput[]): TrustedKey[] {
  return inputs.map((input) => {
    const key = typeof input === 'string' ? createPublicKey(input) : createPublicKey({ key: input, format: 'jwk' });
    const kid = typeof input !== 'string' && typeof input.kid === 'string' ? input.kid : thumbprint(key);
    return { key, kid };
  });
}

/** The claims of a verified assertion that the token endpoint goes on to judge. */
export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  jti: string | undefined;
  nbf: number | undefined;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a compact JWS's signature against the trusted keys (RS256 or ES256 with JOSE r||s
 * signatures, RFC 7518 §3.3/§3.4) and reads its claims. Returns the reason it is refused as a
 * string, or the claims; the caller judges iss, sub, aud, exp and jti (RFC 7523 §3).
 */
export function verifyAssertion(jwt: string, keys: readonly TrustedKey[]): AssertionClaims | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'the assertion is not a compact JWS (three dot-separated parts)';
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (header === undefined || payload === undefined) return 'the assertion header or payload is not base64url JSON';
  const alg = header.alg;
  // `none` and HMAC are refused outright: a public-key client must sign with its private key.
  if (alg !== 'RS256' && alg !== 'ES256') return `the assertion alg ${JSON.stringify(alg)} is not RS256 or ES256`;
  const type = alg === 'RS256' ? 'rsa' : 'ec';
  const candidates = keys.filter(
    ({ key, kid }) => key.asymmetricKeyType === type && (header.kid === undefined || header.kid === kid),
  );
  const input = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  const signature = Buffer.from(signaturePart, 'base64url');
  const signedBy = candidates.find(({ key }) =>
    verify('sha256', input, alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key, signature),
  );
  if (signedBy === undefined) return 'the assertion signature does not verify with any trusted key';
  const { iss, sub, aud, exp, jti, nbf } = payload;
  if (typeof iss !== 'string' || typeof sub !== 'string') return 'the assertion lacks iss or sub';
  if (typeof exp !== 'number') return 'the assertion lacks exp';
  const audiences =
    typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : [];
  return {
    iss,
    sub,
    aud: audiences as string[],
    exp,
    jti: typeof jti === 'string' ? jti : undefined,
    nbf: typeof nbf === 'number' ? nbf : undefined,
  };
}
