/*
 * The credentials a recorded request carries. The proxy never knows the IdP's token in advance, so
 * it learns each one from the request before anything about that request is written, and the
 * output guard (src/report/output-guard.ts) redacts it, in every spelling, from then on.
 */

/** Headers that carry a credential (RFC 9110 §11.6.2, RFC 7235), lower-cased. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization'];

/**
 * The secrets in a request's credential headers: the whole value, its credentials after the
 * scheme (`Bearer <token>` → the token), and for Basic the password and the decoded pair.
 */
export function credentialSecrets(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers[name]?.trim();
    if (value === undefined || value === '') continue;
    secrets.push(value);
    const match = /^(\S+)\s+(.+)$/.exec(value);
    if (match === null) continue;
    const [, scheme, credentials] = match as unknown as [string, string, string];
    secrets.push(credentials);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      secrets.push(decoded);
      if (colon >= 0 && colon < decoded.length - 1) secrets.push(decoded.slice(colon + 1));
    }
  }
  return secrets;
}
