import type { IdpName } from '../idp/profile-names.js';
import { catalogueRow, levelOf } from './catalogue.js';
import type { CheckResult, Finding } from './check-result.js';

/*
 * The token-endpoint checks (catalogue area "OAuth token endpoint"): small pure functions over
 * what the token endpoint and the SCIM API answered, keyed by catalogue ID. The requests are sent
 * by src/auth/token-endpoint-checks.ts.
 */

/** A token-endpoint answer as the checks read it (src/auth/token-source.ts TokenFetch fits). */
export interface TokenAnswer {
  status?: number;
  /** Names lower-cased. */
  headers: Record<string, string>;
  body?: string;
  json?: unknown;
  error?: { code: string; message: string };
}

/** The Microsoft gallery's window for `expires_in` ("app gallery user provisioning requirements"). */
export const TOKEN_LIFETIME_MIN_SECONDS = 3_600;
export const TOKEN_LIFETIME_MAX_SECONDS = 21_600;

function verdict(
  id: string,
  idp: IdpName,
  status: CheckResult['status'],
  message?: string,
  findings?: Finding[],
): CheckResult {
  const row = catalogueRow(id);
  const result: CheckResult = { id, title: row.requirement, rfc: row.rfc, level: levelOf(row, idp), status };
  if (message !== undefined) result.message = message;
  if (findings !== undefined && findings.length > 0) result.findings = findings;
  if (status === 'failed' && row.fixHint !== undefined) result.hint = row.fixHint;
  return result;
}

function field(json: unknown, name: string): unknown {
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)[name]
    : undefined;
}

function noAnswer(answer: TokenAnswer): string | undefined {
  if (answer.status === undefined)
    return `the token endpoint did not answer: ${answer.error?.message ?? 'no response'}`;
  return undefined;
}

/** TOKEN-RESPONSE-SHAPE: RFC 6749 §5.1. */
export function tokenResponseShape(answer: TokenAnswer, idp: IdpName = 'generic'): CheckResult {
  const id = 'TOKEN-RESPONSE-SHAPE';
  const missing = noAnswer(answer);
  if (missing !== undefined) return verdict(id, idp, 'failed', missing);
  const findings: Finding[] = [];
  if (answer.status !== 200)
    findings.push({ message: 'a successful token request is answered 200', expected: 200, actual: answer.status });
  const type = answer.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type.trim()))
    findings.push({
      message: 'the token response is application/json',
      expected: 'application/json',
      actual: type || null,
    });
  const isObject = answer.json !== null && typeof answer.json === 'object' && !Array.isArray(answer.json);
  if (!isObject) {
    findings.push({ message: 'the body is a JSON object', actual: answer.body?.slice(0, 80) ?? null });
  } else {
    const token = field(answer.json, 'access_token');
    if (typeof token !== 'string' || token === '')
      findings.push({ message: 'access_token is a non-empty string', path: '$.access_token', actual: token ?? null });
    const tokenType = field(answer.json, 'token_type');
    if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')
      findings.push({
        message: 'token_type is Bearer (compared ignoring case, RFC 6749 §5.1)',
        path: '$.token_type',
        expected: 'Bearer',
        actual: tokenType ?? null,
      });
    const expiresIn = field(answer.json, 'expires_in');
    if (typeof expiresIn !== 'number')
      findings.push({
        message: 'expires_in is a number of seconds (RECOMMENDED by RFC 6749 §5.1; the client renews by it)',
        path: '$.expires_in',
        actual: expiresIn ?? null,
      });
  }
  const cacheControl = answer.headers['cache-control'] ?? '';
  if (!/\bno-store\b/i.test(cacheControl))
    findings.push({
      message: 'the token response carries Cache-Control: no-store',
      path: 'headers.cache-control',
      expected: 'no-store',
      actual: cacheControl || null,
    });
  return findings.length === 0
    ? verdict(id, idp, 'passed')
    : verdict(id, idp, 'failed', findings[0]!.message, findings);
}

/** TOKEN-LIFETIME: 3,600 ≤ expires_in ≤ 21,600 (Microsoft Entra gallery requirements). */
export function tokenLifetime(answer: TokenAnswer, idp: IdpName = 'generic'): CheckResult {
  const id = 'TOKEN-LIFETIME';
  const expiresIn = field(answer.json, 'expires_in');
  if (answer.status !== 200 || typeof expiresIn !== 'number')
    return verdict(id, idp, 'skipped', 'no numeric expires_in to judge (see TOKEN-RESPONSE-SHAPE)');
  if (expiresIn >= TOKEN_LIFETIME_MIN_SECONDS && expiresIn <= TOKEN_LIFETIME_MAX_SECONDS)
    return verdict(id, idp, 'passed');
  return verdict(id, idp, 'failed', `expires_in is ${expiresIn} s, outside 3600–21600 s (1 to 6 hours)`, [
    { message: 'expires_in is from 3600 to 21600', path: '$.expires_in', expected: '3600–21600', actual: expiresIn },
  ]);
}

/** TOKEN-BAD-SECRET: a wrong secret is refused with `invalid_client` (RFC 6749 §5.2). */
export function tokenBadSecret(answer: TokenAnswer, idp: IdpName = 'generic'): CheckResult {
  const id = 'TOKEN-BAD-SECRET';
  const missing = noAnswer(answer);
  if (missing !== undefined) return verdict(id, idp, 'failed', missing);
  const findings: Finding[] = [];
  if (typeof field(answer.json, 'access_token') === 'string')
    findings.push({
      message: 'no access token is issued for a wrong secret',
      path: '$.access_token',
      actual: '[a token]',
    });
  if (answer.status !== 400 && answer.status !== 401)
    findings.push({ message: 'a wrong secret is answered 400 or 401', expected: '400 or 401', actual: answer.status });
  const error = field(answer.json, 'error');
  if (error !== 'invalid_client')
    findings.push({
      message: 'the error is invalid_client',
      path: '$.error',
      expected: 'invalid_client',
      actual: error ?? null,
    });
  return findings.length === 0
    ? verdict(id, idp, 'passed')
    : verdict(id, idp, 'failed', findings[0]!.message, findings);
}

/** What the SCIM API answered to a token, or why it was not asked. */
export type ScimAnswer = { status: number; wwwAuthenticate?: string } | { skipped: string };

/** TOKEN-ACCEPTED: the SCIM API answers 2xx to a token its endpoint issued (RFC 6750 §2.1). */
export function tokenAccepted(answer: ScimAnswer, idp: IdpName = 'generic'): CheckResult {
  const id = 'TOKEN-ACCEPTED';
  if ('skipped' in answer) return verdict(id, idp, 'skipped', answer.skipped);
  if (answer.status >= 200 && answer.status < 300) return verdict(id, idp, 'passed');
  return verdict(id, idp, 'failed', `the SCIM API answered ${answer.status} to a token its token endpoint issued`, [
    { message: 'an issued token is accepted', expected: '2xx', actual: answer.status },
  ]);
}

/** TOKEN-EXPIRED-REFUSED: an expired token gets 401 (RFC 6750 §3.1). */
export function tokenExpiredRefused(answer: ScimAnswer, idp: IdpName = 'generic'): CheckResult {
  const id = 'TOKEN-EXPIRED-REFUSED';
  if ('skipped' in answer) return verdict(id, idp, 'skipped', answer.skipped);
  if (answer.status === 401) return verdict(id, idp, 'passed');
  return verdict(id, idp, 'failed', `the SCIM API answered ${answer.status} to an expired access token`, [
    { message: 'an expired token is refused with 401', expected: 401, actual: answer.status },
  ]);
}

/** TOKEN-AUDIENCE: a token issued for another audience gets 401 (RFC 6750 §5.2). */
export function tokenAudience(answer: ScimAnswer, idp: IdpName = 'generic'): CheckResult {
  const id = 'TOKEN-AUDIENCE';
  if ('skipped' in answer) return verdict(id, idp, 'skipped', answer.skipped);
  if (answer.status === 401 || answer.status === 403) return verdict(id, idp, 'passed');
  return verdict(id, idp, 'failed', `the SCIM API answered ${answer.status} to a token issued for another audience`, [
    { message: 'a token for another audience is refused with 401', expected: 401, actual: answer.status },
  ]);
}
