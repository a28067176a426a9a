import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Authentication: what a server answers a request without, or with a wrong, credential (RFC 7644 §2).
 */
export const AUTHENTICATION: CatalogueArea = {
  area: 'Authentication',
  rows: [
    {
      id: 'AUTH-401-MISSING',
      requirement: 'A protected endpoint answers a request without credentials with 401.',
      rfc: 'RFC 7644 §2, §3.12 (Table 8); RFC 7235 §3.1',
      level: 'MUST*',
      how: 'GET `{base}/Users?count=1` with no `Authorization` → 401. Anonymous access is allowed (§2.2), so a 200 is reported as info ("anonymous read allowed") and never passes silently.',
      fixHint: 'reject requests without an Authorization header with 401 before any other processing',
      explanation: {
        why: 'An endpoint that answers without credentials leaks your directory to anyone who finds the URL.',
        bugs: [
          {
            bug: 'The auth middleware is mounted after the SCIM router, or skipped for GET.',
            fix: 'Authenticate before routing, for every method.',
          },
        ],
      },
    },
    {
      id: 'AUTH-401-INVALID',
      requirement: 'A wrong, empty or unknown credential is rejected with 401. It never gets a 2xx or a 5xx.',
      rfc: 'RFC 7644 §3.12 (Table 8), §7.4',
      level: 'MUST',
      how: 'Send `Bearer scimcheck-invalid-{run}`, then `Bearer ` (empty), then `Basic Zm9vOmJhcg==` → 401 each. 403 is a warning, because 403 means authenticated but not allowed. 2xx fails.',
      fixHint: 'answer an unknown, empty or wrong-scheme credential with 401 (not 403, never 2xx or 5xx)',
      explanation: {
        why: 'IdPs use the 401 to tell the admin the token is wrong or expired; a 500 or 200 hides a broken or bypassed credential check.',
        bugs: [
          {
            bug: 'An unparseable token throws, and the exception becomes a 500.',
            fix: 'Catch token parsing errors and answer 401.',
          },
          {
            bug: 'An empty `Bearer ` header is treated as anonymous and allowed.',
            fix: 'Reject empty and unknown schemes with 401.',
          },
        ],
      },
    },
    {
      id: 'AUTH-WWW-AUTHENTICATE',
      requirement:
        'Every 401 names the accepted scheme(s) in `WWW-Authenticate`, consistent with `authenticationSchemes`.',
      rfc: 'RFC 7644 §2; RFC 7235 §4.1',
      level: 'MUST',
      how: 'Check each 401 above. The header must be present, and its scheme token must match an advertised scheme: `Bearer` ↔ `oauthbearertoken`/`oauth2`/`oauth`, `Basic` ↔ `httpbasic`.',
      fixHint: 'add `WWW-Authenticate: Bearer realm="scim"` to every 401',
      explanation: {
        why: 'Clients decide how to re-authenticate from WWW-Authenticate (RFC 7235); without it some HTTP stacks treat the 401 as a generic failure.',
        bugs: [
          {
            bug: 'The 401 is sent by hand without the header.',
            fix: 'Add `WWW-Authenticate: Bearer realm="…"` to every 401.',
          },
        ],
      },
    },
    {
      id: 'AUTH-TLS',
      requirement: 'The service is served over TLS and negotiates TLS 1.2 or newer.',
      rfc: 'RFC 7644 §7.2, §7.4',
      level: 'MUST',
      how: 'The base URL is `https` (loopback and the embedded server are exempt), and the handshake is TLS ≥ 1.2. The same path over plain `http://` is refused or redirected, never served.',
    },
  ],
};
