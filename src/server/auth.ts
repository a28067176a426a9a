import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../scim/scim-error.js';

/** The `WWW-Authenticate` challenge sent with every 401 (RFC 7235 §4.1, RFC 6750 §3). */
export const WWW_AUTHENTICATE = 'Bearer realm="scim-check"';

/** A random URL-safe token for servers started without one. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks `Authorization: Bearer <token>` against the configured token. Both sides are hashed
 * first so that the comparison is constant-time whatever their lengths (timingSafeEqual needs
 * equal-length inputs, and comparing lengths would leak them).
 */
export function createBearerCheck(token: string): (authorization: string | undefined) => void {
  const expected = digest(token);
  return (authorization) => {
    const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const presented = match?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      throw new ScimError(
        401,
        undefined,
        authorization === undefined
          ? 'Authorization with a bearer token is required.'
          : 'The bearer token is not valid.',
      );
    }
  };
}
