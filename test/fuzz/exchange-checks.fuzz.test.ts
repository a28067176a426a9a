import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeCheckContext } from '../../src/checks/exchange-check.js';
import type { RequestPurpose } from '../../src/checks/request-purpose.js';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import type { Exchange } from '../../src/http/exchange.js';

/*
 * Property: whatever a server answers, the checks return verdicts and never throw. A check that
 * throws on a weird body would crash the whole run (and every scenario after it) instead of
 * failing one check; servers under test send weird bodies all the time.
 */

const PURPOSES: RequestPurpose[] = [
  'discoverConfig',
  'listUsers',
  'lookupUser',
  'createUser',
  'getUser',
  'replaceUser',
  'patchUser',
  'deleteUser',
  'listGroups',
  'lookupGroup',
  'createGroup',
  'getGroup',
  'replaceGroup',
  'patchGroup',
  'deleteGroup',
  'readBack',
  'raw',
  'cleanup',
];
const IDPS = [
  'generic',
  'okta',
  'okta-aiw',
  'entra',
  'entra-compliant',
  'keycloak',
  'google',
  'onelogin',
  'jumpcloud',
  'authentik',
] as const;
const KEYS = [
  'schemas',
  'id',
  'externalId',
  'userName',
  'displayName',
  'name',
  'givenName',
  'familyName',
  'emails',
  'value',
  'primary',
  'type',
  'active',
  'members',
  'groups',
  'meta',
  'resourceType',
  'created',
  'lastModified',
  'location',
  'version',
  'Resources',
  'totalResults',
  'startIndex',
  'itemsPerPage',
  'status',
  'scimType',
  'detail',
  'password',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  'patch',
  'filter',
  'bulk',
  'supported',
  'maxResults',
  '$ref',
  'display',
];
const SCHEMAS = fc.constantFrom(
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:Group',
  'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  'urn:ietf:params:scim:api:messages:2.0:Error',
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
);

/** JSON that looks like SCIM: the right keys, any values, nested a few levels. */
const scimish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    SCHEMAS,
    fc.array(SCHEMAS, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).value;

const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'application/scim+json',
    'application/scim+json; charset=utf-8',
    'application/json',
    'text/html',
    '',
    'W/"1"',
    '"abc"',
    'http://127.0.0.1/scim/v2/Users/1',
  ),
);
const headers = fc.dictionary(
  fc.constantFrom('content-type', 'etag', 'location', 'retry-after', 'content-length', 'x-odd'),
  headerValue,
  { maxKeys: 5 },
);

const response: fc.Arbitrary<NonNullable<Exchange['response']>> = fc
  .record({
    status: fc.oneof(
      fc.constantFrom(200, 201, 204, 400, 404, 409, 412, 429, 500, 502),
      fc.integer({ min: 100, max: 599 }),
    ),
    headers,
    json: fc.option(scimish, { nil: undefined }),
    raw: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    truncated: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ status, headers: responseHeaders, json, raw, truncated }) => {
    const body = raw ?? (json === undefined ? '' : (JSON.stringify(json) ?? ''));
    const result: NonNullable<Exchange['response']> = { status, headers: responseHeaders, body };
    // What the client stores is JSON.parse of the body: plain objects only, as from a real server.
    if (json !== undefined && raw === undefined) result.json = JSON.parse(body === '' ? 'null' : body) as unknown;
    if (truncated !== undefined) result.truncated = truncated;
    return result;
  });

const exchange: fc.Arbitrary<Exchange> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'OPTIONS'),
    path: fc.constantFrom(
      '/Users',
      '/Users/abc',
      '/Groups',
      '/Groups/x%20y',
      '/ServiceProviderConfig',
      '/Schemas',
      '/Users/.search',
      '/',
      '/Me',
    ),
    requestBody: fc.option(
      scimish.map((value) => JSON.stringify(value) ?? ''),
      { nil: undefined },
    ),
    requestHeaders: headers,
    response: fc.option(response, { nil: undefined }),
    error: fc.option(
      fc.record({
        code: fc.constantFrom('TIMEOUT', 'ECONNRESET', 'REDIRECT', 'BODY_TOO_LARGE'),
        message: fc.string({ maxLength: 20 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ method, path, requestBody, requestHeaders, response: answer, error }) => {
    const result: Exchange = {
      id: 1,
      request: { method, url: `http://127.0.0.1:1/scim/v2${path}`, headers: requestHeaders },
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
    };
    if (requestBody !== undefined) result.request.body = requestBody;
    if (answer !== undefined) result.response = answer;
    if (error !== undefined) result.error = error;
    return result;
  });

const context: fc.Arbitrary<ExchangeCheckContext> = fc
  .record({
    idp: fc.constantFrom(...IDPS),
    purpose: fc.constantFrom(...PURPOSES),
    targetId: fc.option(fc.constantFrom('abc', 'x y', ''), { nil: undefined }),
    resourceKind: fc.option(fc.constantFrom('User' as const, 'Group' as const), { nil: undefined }),
    issued: fc.array(fc.constantFrom('abc', 'def', '1'), { maxLength: 3 }),
  })
  .map(({ idp, purpose, targetId, resourceKind, issued }) => {
    const result: ExchangeCheckContext = { idp, purpose, issuedIds: new Set(issued) };
    if (targetId !== undefined) result.targetId = targetId;
    if (resourceKind !== undefined) result.resourceKind = resourceKind;
    return result;
  });

describe('the exchange checks under fuzzing', () => {
  it('never throw on random server answers, and always return well-formed verdicts', () => {
    const seen = { passed: 0, failed: 0, skipped: 0, ids: new Set<string>() };
    fc.assert(
      fc.property(exchange, context, (recorded, checkContext) => {
        const results = runExchangeChecks(recorded, checkContext);
        if (!recorded.response) expect(results).toEqual([]);
        for (const result of results) {
          seen[result.status] += 1;
          seen.ids.add(result.id);
          expect(['passed', 'failed', 'skipped']).toContain(result.status);
          expect(result.id).toMatch(/^[A-Z0-9:-]+$/);
          if (result.status === 'failed') expect(result.message ?? result.findings?.[0]?.message).toBeTruthy();
        }
      }),
      // A fixed seed keeps CI deterministic; FUZZ_SEED=random explores new inputs locally.
      {
        numRuns: 2_000,
        ...(process.env.FUZZ_SEED === 'random' ? {} : { seed: Number(process.env.FUZZ_SEED ?? 20261129) }),
      },
    );
    // The inputs reach the checks: many different checks ran, and every verdict occurred.
    expect(seen.ids.size).toBeGreaterThan(20);
    expect(Math.min(seen.passed, seen.failed, seen.skipped)).toBeGreaterThan(0);
  });
});
