import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/http/redactor.js';
import { decideRetry, parseRetryAfter, retryPolicyFor } from '../../src/http/retry-policy.js';
import { createTestClient as createScimClient, type TestClient as ScimClient } from '../support/executor-client.js';
import { type FaultServer, on, startFaultServer } from '../support/fault-server.js';

describe('retry policies, per IdP profile (pure)', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('Okta honours integer Retry-After seconds only, otherwise backs off from 5 minutes, doubling, 10 tries in all', () => {
    const okta = retryPolicyFor('okta');
    expect(decideRetry(okta, { method: 'POST', status: 429, retryAfter: '7', attempt: 1, now })).toMatchObject({
      retry: true,
      waitMs: 7_000,
    });
    expect(
      decideRetry(okta, { method: 'POST', status: 429, retryAfter: 'Thu, 01 Jan 2026 00:00:10 GMT', attempt: 1, now }),
    ).toMatchObject({ retry: true, waitMs: 300_000, reason: expect.stringMatching(/not integer seconds/) });
    expect(decideRetry(okta, { method: 'GET', status: 429, attempt: 1, now })).toMatchObject({
      retry: true,
      waitMs: 300_000,
    });
    expect(decideRetry(okta, { method: 'GET', status: 429, attempt: 2, now })).toMatchObject({
      retry: true,
      waitMs: 600_000,
    });
    expect(decideRetry(okta, { method: 'GET', status: 429, retryAfter: '1', attempt: 10, now })).toMatchObject({
      retry: false,
      note: expect.stringMatching(/after 10 tries/),
    });
    expect(retryPolicyFor('okta-aiw').rateLimit).toEqual(okta.rateLimit);
  });

  it('Keycloak never retries a non-2xx answer, 429 included, but retries resets of idempotent requests', () => {
    const keycloak = retryPolicyFor('keycloak');
    expect(decideRetry(keycloak, { method: 'GET', status: 429, retryAfter: '1', attempt: 1, now })).toMatchObject({
      retry: false,
      note: expect.stringMatching(/never retries/),
    });
    expect(decideRetry(keycloak, { method: 'GET', errorCode: 'ECONNRESET', attempt: 9, now })).toMatchObject({
      retry: true,
    });
    expect(decideRetry(keycloak, { method: 'GET', errorCode: 'ECONNRESET', attempt: 10, now })).toMatchObject({
      retry: false,
    });
  });

  it('the generic and Entra policies honour Retry-After as seconds or an HTTP-date', () => {
    for (const name of ['generic', 'entra', 'entra-compliant', 'google', 'no-such-profile', undefined]) {
      const policy = retryPolicyFor(name);
      expect(
        decideRetry(policy, {
          method: 'PATCH',
          status: 429,
          retryAfter: 'Thu, 01 Jan 2026 00:00:03 GMT',
          attempt: 1,
          now,
        }),
      ).toMatchObject({ retry: true, waitMs: 3_000 });
      expect(decideRetry(policy, { method: 'PATCH', status: 429, attempt: 2, now })).toMatchObject({
        retry: true,
        waitMs: 2_000,
      });
    }
  });

  it('retries resets of GET, PUT and DELETE only, never POST or PATCH', () => {
    const generic = retryPolicyFor('generic');
    for (const method of ['GET', 'PUT', 'DELETE'])
      expect(decideRetry(generic, { method, errorCode: 'ECONNRESET', attempt: 1, now }).retry).toBe(true);
    for (const method of ['POST', 'PATCH'])
      expect(decideRetry(generic, { method, errorCode: 'ECONNRESET', attempt: 1, now })).toMatchObject({
        retry: false,
        note: expect.stringMatching(/not idempotent/),
      });
    // Timeouts and refusals are not resets: retrying them would only multiply the wait.
    expect(decideRetry(generic, { method: 'GET', errorCode: 'TIMEOUT', attempt: 1, now })).toEqual({ retry: false });
    expect(decideRetry(generic, { method: 'GET', status: 503, attempt: 1, now })).toEqual({ retry: false });
  });

  it('parses Retry-After strictly', () => {
    expect(parseRetryAfter(' 12 ', 'integer-seconds', now)).toBe(12_000);
    expect(parseRetryAfter('1.5', 'integer-seconds', now)).toBeUndefined();
    expect(parseRetryAfter('-1', 'seconds-or-date', now)).toBeUndefined();
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', 'seconds-or-date', now)).toBe(0);
    expect(parseRetryAfter('soon', 'seconds-or-date', now)).toBeUndefined();
  });
});

describe('retries over real HTTP', () => {
  let server: FaultServer | undefined;
  let client: ScimClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    client = server = undefined;
  });

  async function throttled(retryAfter: string | undefined, times: number, maxRetryWaitMs: number): Promise<ScimClient> {
    server = await startFaultServer([
      {
        when: on.always(),
        times,
        fault: {
          kind: 'respond',
          status: 429,
          body: '{"detail":"slow down"}',
          headers: {
            'content-type': 'application/scim+json',
            ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}),
          },
        },
      },
    ]);
    client = createScimClient({ baseUrl: server.baseUrl, token: server.token, timeoutMs: 2_000, maxRetryWaitMs });
    return client;
  }

  it('honours Retry-After and records every try on the exchange', async () => {
    const scim = await throttled('0', 2, 1_000);
    const exchange = await scim.send({
      method: 'POST',
      path: '/Users',
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'retry@example.com' },
      idp: 'okta',
    });
    expect(exchange.response?.status).toBe(201);
    expect(exchange.error).toBeUndefined();
    expect(exchange.attempts?.map((attempt) => [attempt.status, attempt.waitMs])).toEqual([
      [429, 0],
      [429, 0],
    ]);
    expect(exchange.attempts?.[0]?.reason).toMatch(/Retry-After: 0; the okta profile waits 0 s/);
    expect(server!.seen.map((seen) => seen.faulted ?? 'passed')).toEqual(['respond', 'respond', 'passed']);
  });

  it('stops when the wait would pass --max-retry-wait: the 429 stands as a runtime error, with the reason', async () => {
    const scim = await throttled('30', 5, 1_000);
    const exchange = await scim.send({ method: 'GET', path: '/Users', idp: 'generic' });
    expect(exchange.response?.status).toBe(429);
    expect(exchange.attempts).toBeUndefined();
    expect(exchange.retryNote).toMatch(/waits 30 s, more than the 1 s left of --max-retry-wait/);
    expect(exchange.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/429 Too Many Requests; not retried/),
    });
    expect(server!.seen).toHaveLength(1);
  });

  it('spends the --max-retry-wait budget across the whole run, not per request', async () => {
    const scim = await throttled('1', 2, 1_500);
    const first = await scim.send({ method: 'GET', path: '/Users' });
    expect(first.attempts).toHaveLength(1);
    expect(first.response?.status).toBe(429);
    expect(first.retryNote).toMatch(/more than the 1 s left/);
  });

  it('Keycloak: a 429 is logged, never retried', async () => {
    const scim = await throttled('0', 1, 10_000);
    const exchange = await scim.send({ method: 'GET', path: '/Users', idp: 'keycloak' });
    expect(exchange.response?.status).toBe(429);
    expect(exchange.retryNote).toMatch(/Keycloak SCIM connector only logs non-2xx/);
    expect(server!.seen).toHaveLength(1);
  });
});

describe('retry notes are server text too', () => {
  it('quotes an echoed Retry-After as sent; the output pass redacts it like any server text', async () => {
    const secret = 'retry-secret-token';
    const server = await startFaultServer(
      [
        {
          when: on.always(),
          times: 1,
          fault: { kind: 'respond', status: 429, headers: { 'retry-after': `${secret}` } },
        },
      ],
      { token: secret },
    );
    const client = createScimClient({
      baseUrl: server.baseUrl,
      token: secret,
      timeoutMs: 2_000,
      maxRetryWaitMs: 5_000,
    });
    try {
      const exchange = await client.send({ method: 'GET', path: '/Users', idp: 'okta' });
      expect(exchange.attempts?.[0]?.reason ?? exchange.retryNote).toContain(secret);
      const written = createRedactor([secret])(JSON.stringify(exchange));
      expect(written).not.toContain(secret);
      expect(written).toContain('[REDACTED]');
    } finally {
      await client.close();
      await server.close();
    }
  });
});
