import { REDACTED } from '../http/redactor.js';

/*
 * A HAR from a third-party tool (a browser, Charles, mitmproxy) is usually not redacted: the
 * IdP's bearer token sits in the Authorization header, and sometimes in a cookie or a query
 * parameter. from-har and drift strip those credentials from what they read and redact every
 * other spelling of them (src/http/secret-spellings.ts) from everything they write.
 */

/** Headers that carry credentials (RFC 9110 §11.6.2, §11.7.2; RFC 6265 §4) or common API-key headers. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
]);

/** Query parameters that carry credentials (RFC 6750 §2.3 `access_token`, and the usual API-key names). */
const CREDENTIAL_PARAMETERS = new Set([
  'access_token',
  'token',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'client_secret',
  'password',
  'sig',
  'signature',
]);

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

export function isCredentialParameter(name: string): boolean {
  return CREDENTIAL_PARAMETERS.has(name.toLowerCase());
}

/** A value that an earlier tool already redacted (`[REDACTED]`, `***`, `<hidden>`): no secret left in it. */
function alreadyRedacted(value: string): boolean {
  return value === '' || value.includes(REDACTED) || /^[*x•.<>\s-]*(hidden|redacted|masked)?[*x•.<>\s-]*$/i.test(value);
}

/**
 * The secrets one credential value holds: `Bearer abc` gives `abc`; `Basic base64(user:pass)`
 * gives the base64 and the password; a cookie header gives each cookie's value.
 */
export function secretsOf(name: string, value: string): string[] {
  const lower = name.toLowerCase();
  const found: string[] = [];
  const add = (secret: string | undefined): void => {
    const trimmed = secret?.trim();
    if (trimmed !== undefined && !alreadyRedacted(trimmed)) found.push(trimmed);
  };
  if (lower === 'cookie' || lower === 'set-cookie') {
    const pairs = lower === 'cookie' ? value.split(';') : [value.split(';')[0] ?? ''];
    for (const pair of pairs) add(pair.slice(pair.indexOf('=') + 1));
    return found;
  }
  const scheme = /^(\w+)\s+(.+)$/.exec(value.trim());
  if (scheme === null) {
    add(value);
    return found;
  }
  add(scheme[2]);
  if (scheme[1]!.toLowerCase() === 'basic') {
    const decoded = Buffer.from(scheme[2]!, 'base64').toString('utf8');
    // RFC 7617 §2: user-id ":" password; the password is the secret part.
    if (decoded.includes(':')) add(decoded.slice(decoded.indexOf(':') + 1));
  }
  return found;
}
