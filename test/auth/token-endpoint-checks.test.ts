import { afterEach, describe, expect, it } from 'vitest';
import { clientCredentialsSource } from '../../src/auth/oauth-client.js';
import { checkTokenEndpoint } from '../../src/auth/token-endpoint-checks.js';
import { createHttpTransport } from '../../src/http/http-transport.js';
import { startReferenceServer } from '../../src/server/index.js';
import { forwardToUpstream, parseJsonLoosely, readBody, startProxy } from '../support/loopback-proxy.js';

/*
 * checkTokenEndpoint against the embedded authorization server (everything passes, the expiry
 * tested on a moved clock) and against a broken token endpoint in front of it: a day-long
 * expires_in, no token_type, no no-store, and a token for a wrong secret.
 */

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

function verdicts(results: { id: string; status: string }[]): Record<string, string> {
  return Object.fromEntries(results.map((result) => [result.id, result.status]));
}

describe('checkTokenEndpoint', () => {
  it('passes the embedded server, expiry included, without waiting for real', async () => {
    let now = Date.now();
    const clock = (): number => now;
    const server = await startReferenceServer({ port: 0, clock, oauth: { tokenLifetimeSeconds: 3600 } });
    opened.push(server);
    const source = clientCredentialsSource({
      tokenUrl: server.tokenUrl!,
      clientId: server.clientId!,
      clientSecret: server.clientSecret!,
      audience: server.baseUrl,
      clock,
    });
    opened.push(source);
    const scim = createHttpTransport({ baseUrl: server.baseUrl, token: undefined, timeoutMs: 5_000 });
    opened.push(scim);
    await source.current();
    const results = await checkTokenEndpoint(source, scim, {
      idp: 'entra',
      maxExpiryWaitSeconds: 3600,
      wait: async (ms) => {
        now += ms;
      },
    });
    expect(verdicts(results)).toEqual({
      'TOKEN-RESPONSE-SHAPE': 'passed',
      'TOKEN-LIFETIME': 'passed',
      'TOKEN-ACCEPTED': 'passed',
      'TOKEN-BAD-SECRET': 'passed',
      'TOKEN-EXPIRED-REFUSED': 'passed',
      'TOKEN-AUDIENCE': 'passed',
    });
  });

  it('skips the expiry with the reason when tokens live long, and never waits', async () => {
    const server = await startReferenceServer({ port: 0, oauth: {} });
    opened.push(server);
    const source = clientCredentialsSource({
      tokenUrl: server.tokenUrl!,
      clientId: server.clientId!,
      clientSecret: server.clientSecret!,
    });
    opened.push(source);
    const scim = createHttpTransport({ baseUrl: server.baseUrl, token: undefined, timeoutMs: 5_000 });
    opened.push(scim);
    const results = await checkTokenEndpoint(source, scim, {
      wait: () => Promise.reject(new Error('must not wait')),
    });
    const expired = results.find((result) => result.id === 'TOKEN-EXPIRED-REFUSED')!;
    expect(expired).toMatchObject({ status: 'skipped', message: expect.stringContaining('tokens live 3600 s') });
    expect(results.find((result) => result.id === 'TOKEN-AUDIENCE')).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('no --audience given'),
    });
  });

  it('fails a broken token endpoint on each broken rule', async () => {
    const proxy = await startProxy({
      reference: { oauth: {} },
      async onRequest(req, res, { upstreamUrl }) {
        const body = await readBody(req);
        // A wrong secret is "accepted": the proxy swaps in the real one before forwarding.
        const fixed =
          req.url === '/oauth/token'
            ? Buffer.from(
                new URLSearchParams(body.toString()).get('client_secret')?.startsWith('wrong-')
                  ? body.toString().replace(/client_secret=[^&]*/, `client_secret=${encodeURIComponent(realSecret)}`)
                  : body.toString(),
              )
            : body;
        const answer = await forwardToUpstream(
          upstreamUrl,
          { method: req.method, path: req.url, headers: req.headers },
          fixed,
        );
        if (req.url !== '/oauth/token') {
          res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? '') });
          res.end(answer.body);
          return;
        }
        const json = parseJsonLoosely(answer.body) as Record<string, unknown>;
        const { token_type: _dropped, ...rest } = json;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...rest, expires_in: 86_400 }));
      },
    });
    opened.push(proxy);
    const realSecret = proxy.upstream.clientSecret!;
    const tokenUrl = new URL('/oauth/token', proxy.baseUrl).toString();
    const source = clientCredentialsSource({
      tokenUrl,
      clientId: proxy.upstream.clientId!,
      clientSecret: realSecret,
      clientAuth: 'client_secret_post',
    });
    opened.push(source);
    const scim = createHttpTransport({ baseUrl: proxy.baseUrl, token: undefined, timeoutMs: 5_000 });
    opened.push(scim);
    const results = await checkTokenEndpoint(source, scim, { idp: 'entra' });
    expect(verdicts(results)).toMatchObject({
      'TOKEN-RESPONSE-SHAPE': 'failed',
      'TOKEN-LIFETIME': 'failed',
      'TOKEN-BAD-SECRET': 'failed',
    });
    const shape = results.find((result) => result.id === 'TOKEN-RESPONSE-SHAPE')!;
    expect(shape.findings?.map((finding) => finding.message)).toEqual([
      'token_type is Bearer (compared ignoring case, RFC 6749 §5.1)',
      'the token response carries Cache-Control: no-store',
    ]);
    expect(results.find((result) => result.id === 'TOKEN-LIFETIME')).toMatchObject({
      level: 'error',
      message: 'expires_in is 86400 s, outside 3600–21600 s (1 to 6 hours)',
    });
    expect(results.find((result) => result.id === 'TOKEN-BAD-SECRET')?.findings?.[0]?.message).toBe(
      'no access token is issued for a wrong secret',
    );
  });
});

describe('the embedded authorization server', () => {
  it('answers RFC 6749 §5.2 errors and RFC 6750 §3.1 invalid_token', async () => {
    let now = Date.now();
    const server = await startReferenceServer({ port: 0, clock: () => now, oauth: { tokenLifetimeSeconds: 60 } });
    opened.push(server);
    const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(server.tokenUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form),
      });
    const unsupported = await post({ grant_type: 'password' });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const noClient = await post({ grant_type: 'client_credentials' });
    expect(noClient.status).toBe(401);
    expect(noClient.headers.get('www-authenticate')).toMatch(/^Basic /);
    const issued = await post({
      grant_type: 'client_credentials',
      client_id: server.clientId!,
      client_secret: server.clientSecret!,
    });
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const { access_token: token } = (await issued.json()) as { access_token: string };
    const users = (): Promise<Response> =>
      fetch(`${server.baseUrl}/Users`, { headers: { authorization: `Bearer ${token}` } });
    expect((await users()).status).toBe(200);
    now += 61_000;
    const expired = await users();
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe(
      'Bearer realm="scim-check", error="invalid_token", error_description="The access token expired."',
    );
  });
});
