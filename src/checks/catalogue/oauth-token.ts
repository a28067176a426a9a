import type { CatalogueArea } from '../catalogue-row.js';

/**
 * The OAuth 2.0 token endpoint a SCIM server's customers get their access tokens from (client
 * credentials, RFC 6749 §4.4, or a signed JWT, RFC 7523), and how the SCIM API treats the tokens.
 * Microsoft's gallery requires it ("app gallery user provisioning requirements", Entra docs,
 * 2026: client credentials or workload identity federation, tokens valid 1 to 6 hours). Run when
 * OAuth is configured (`--oauth-token-url`, or the readiness command).
 */
export const OAUTH_TOKEN: CatalogueArea = {
  area: 'OAuth token endpoint',
  rows: [
    {
      id: 'TOKEN-RESPONSE-SHAPE',
      requirement:
        'A successful token response is JSON with `access_token`, `token_type` Bearer (any case) and a numeric `expires_in`, and is not cached (`Cache-Control: no-store`).',
      rfc: 'RFC 6749 §5.1',
      level: 'MUST',
      how: 'POST the token request → 200, `application/json`, `access_token` a non-empty string, `token_type` equal to `Bearer` ignoring case, `expires_in` a number, `Cache-Control` containing `no-store`.',
      fixHint:
        'answer the token request with JSON {"access_token", "token_type": "Bearer", "expires_in": <seconds>} and Cache-Control: no-store',
    },
    {
      id: 'TOKEN-LIFETIME',
      requirement: "An access token's `expires_in` is between 3,600 and 21,600 seconds (1 to 6 hours).",
      rfc: 'Microsoft Entra: app gallery user provisioning requirements',
      level: 'INTEROP',
      interopFamilies: ['entra'],
      how: 'The `expires_in` of the token response is a number from 3600 to 21600.',
      fixHint: 'issue access tokens valid for 1 to 6 hours and say so in expires_in',
    },
    {
      id: 'TOKEN-ACCEPTED',
      requirement: 'The SCIM API accepts an access token its token endpoint issued.',
      rfc: 'RFC 6750 §2.1',
      level: 'MUST',
      how: "GET `{base}/Users?startIndex=1&count=1` with the issued token as `Authorization: Bearer` → 2xx (what Microsoft's Validate_Credentials_Test does with the token it fetched). For the flow the run authenticates with, the run itself proves it too; the readiness command also fetches a token through a client assertion and needs this row for it.",
      fixHint: 'accept the access tokens your token endpoint issues on every SCIM endpoint, as Authorization: Bearer',
    },
    {
      id: 'TOKEN-BAD-SECRET',
      requirement:
        'A token request with a wrong client secret (or an assertion signed by an unknown key) is refused with `invalid_client`.',
      rfc: 'RFC 6749 §5.2',
      level: 'MUST',
      how: 'POST the token request with a random secret (or a JWT signed by a fresh key) → 400 or 401 with JSON `error` `invalid_client`; never a token.',
      fixHint:
        'check the client secret before issuing anything and answer 401 {"error":"invalid_client"} when it is wrong',
    },
    {
      id: 'TOKEN-EXPIRED-REFUSED',
      requirement: 'The SCIM API refuses an access token after it expires, with 401.',
      rfc: 'RFC 6750 §3.1',
      level: 'MUST',
      how: 'When the issued lifetime is short (seconds): wait until the token expires, GET `{base}/Users` with it → 401 (ideally with `WWW-Authenticate: Bearer error="invalid_token"`). With a long lifetime, skipped: scim-check never waits an hour.',
      fixHint: 'store the expiry of each access token (or read `exp` of a JWT) and refuse expired tokens with 401',
    },
    {
      id: 'TOKEN-AUDIENCE',
      requirement:
        'When the token endpoint issues tokens for a requested `audience`, the SCIM API refuses a token issued for another audience.',
      rfc: 'RFC 6750 §5.2',
      level: 'SHOULD',
      how: 'With `--audience` given: request a token for another audience; if issued, GET `{base}/Users` with it → 401. Skipped when no audience is configured (RFC 6749 §3.2 lets an endpoint ignore unknown parameters, so a silent endpoint proves nothing).',
      fixHint: 'record the audience a token was issued for and accept only tokens issued for the SCIM API',
    },
  ],
};
