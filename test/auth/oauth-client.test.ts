import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { clientCredentialsSource, jwtBearerSource, type OAuthTokenSource } from '../../src/auth/oauth-client.js';
import { createHttpTransport } from '../../src/http/http-transport.js';
import type { Transport } from '../../src/http/transport.js';
import { type RunningReferenceServer, startReferenceServer } from '../../src/server/index.js';

/*
 * The OAuth client against the embedded authorization server, over real loopback sockets: both
 * client-secret methods, both RFC 7523 shapes with RS256 and ES256, renewal on a moved clock, the
 * one retry after a 401, secret rotation and expired secrets.
 */

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function server(oauth: Parameters<typeof startReferenceServer>[0] = {}): Promise<RunningReferenceServer> {
  const started = await startReferenceServer({ port: 0, oauth: {}, ...oauth });
  opened.push(started);
  return started;
}

function track<T extends { close(): Promise<void> }>(thing: T): T {
  opened.push(thing);
  return thing;
}

function transportFor(started: RunningReferenceServer, source: OAuthTokenSource): Transport {
  return track(createHttpTransport({ baseUrl: started.baseUrl, token: source, timeoutMs: 5_000 }));
}

async function listUsers(transport: Transport): Promise<number | undefined> {
  const result = await transport.send({
    method: 'GET',
    url: new URL(`${transport.baseUrl}/Users?count=1`),
    headers: { accept: 'application/scim+json' },
  });
  return result.response?.status;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: typeof rsa.privateKey): string => key.export({ format: 'pem', type: 'pkcs8' }).toString();
const publicPem = (key: typeof rsa.publicKey): string => key.export({ format: 'pem', type: 'spki' }).toString();

describe('client credentials with a secret', () => {
  for (const clientAuth of ['client_secret_basic', 'client_secret_post'] as const) {
    it(`gets a token with ${clientAuth} and the SCIM API accepts it`, async () => {
      const started = await server();
      const source = track(
        clientCredentialsSource({
          tokenUrl: started.tokenUrl!,
          clientId: started.clientId!,
          clientSecret: started.clientSecret!,
          clientAuth,
        }),
      );
      expect(await listUsers(transportFor(started, source))).toBe(200);
      expect(source.fetches).toHaveLength(1);
      expect(source.fetches[0]).toMatchObject({ status: 200, clientAuth, grantType: 'client_credentials' });
      expect(source.fetches[0]!.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    });
  }

  it('refuses a static token in OAuth mode unless one was configured', async () => {
    const started = await server();
    const transport = track(createHttpTransport({ baseUrl: started.baseUrl, token: started.token, timeoutMs: 5_000 }));
    expect(await listUsers(transport)).toBe(401);
  });

  it('accepts every active secret, and gives no token for an expired one', async () => {
    const started = await server({
      oauth: {
        clients: [
          {
            clientId: 'rotating',
            secrets: ['secret-one-aaaa', 'secret-two-bbbb'],
            expiredSecrets: ['secret-old-cccc'],
          },
        ],
      },
    });
    for (const clientSecret of ['secret-one-aaaa', 'secret-two-bbbb']) {
      const source = track(
        clientCredentialsSource({ tokenUrl: started.tokenUrl!, clientId: 'rotating', clientSecret }),
      );
      expect(await listUsers(transportFor(started, source))).toBe(200);
    }
    const expired = track(
      clientCredentialsSource({ tokenUrl: started.tokenUrl!, clientId: 'rotating', clientSecret: 'secret-old-cccc' }),
    );
    await expect(expired.current()).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('401 invalid_client: The client secret has expired.'),
    });
    expect(expired.fetches[0]!.headers['www-authenticate']).toMatch(/^Basic /);
  });

  it('turns an unreachable token endpoint into a clear error, not a hang', async () => {
    const started = await server();
    await started.close();
    const source = track(
      clientCredentialsSource({ tokenUrl: started.tokenUrl!, clientId: 'x', clientSecret: 'y', timeoutMs: 2_000 }),
    );
    await expect(source.current()).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringMatching(/^the token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth\/token did not answer/),
    });
  });
});

describe('signed JWT (RFC 7523)', () => {
  const cases = [
    { alg: 'RS256', key: rsa },
    { alg: 'ES256', key: ec },
  ] as const;
  for (const { alg, key } of cases) {
    for (const clientAuth of ['private_key_jwt', 'jwt_bearer_grant'] as const) {
      it(`${alg} as ${clientAuth}`, async () => {
        const started = await server({
          oauth: { clients: [{ clientId: 'federated' }], jwks: [publicPem(key.publicKey)] },
        });
        const source = track(
          jwtBearerSource({
            tokenUrl: started.tokenUrl!,
            clientId: 'federated',
            assertionKeyPem: pem(key.privateKey),
            clientAuth,
          }),
        );
        expect(await listUsers(transportFor(started, source))).toBe(200);
        expect(source.fetches[0]).toMatchObject({
          status: 200,
          clientAuth,
          grantType:
            clientAuth === 'private_key_jwt' ? 'client_credentials' : 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        });
      });
    }
  }

  it('is refused when signed by a key the server does not trust', async () => {
    const started = await server({ oauth: { clients: [{ clientId: 'federated' }], jwks: [publicPem(rsa.publicKey)] } });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const grant = track(
      jwtBearerSource({
        tokenUrl: started.tokenUrl!,
        clientId: 'federated',
        assertionKeyPem: pem(other.privateKey),
        clientAuth: 'jwt_bearer_grant',
      }),
    );
    await expect(grant.current()).rejects.toThrow(/400 invalid_grant: the assertion signature does not verify/);
    const assertion = track(
      jwtBearerSource({ tokenUrl: started.tokenUrl!, clientId: 'federated', assertionKeyPem: pem(other.privateKey) }),
    );
    await expect(assertion.current()).rejects.toThrow(/401 invalid_client/);
  });

  it('refuses a replayed assertion', async () => {
    const started = await server({ oauth: { clients: [{ clientId: 'federated' }], jwks: [publicPem(ec.publicKey)] } });
    const source = track(
      jwtBearerSource({ tokenUrl: started.tokenUrl!, clientId: 'federated', assertionKeyPem: pem(ec.privateKey) }),
    );
    await source.current();
    // The assertion the source sent, as it reported it for redaction.
    const seen: string[] = [];
    source.onSecret((secret) => seen.push(secret));
    const assertion = seen.find((secret) => secret.split('.').length === 3)!;
    const replay = await fetch(started.tokenUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringContaining('replayed'),
    });
  });

  it('says which key types it supports for an unusable key', () => {
    const ed = generateKeyPairSync('ed25519');
    expect(() =>
      jwtBearerSource({
        tokenUrl: 'http://127.0.0.1:1/t',
        clientId: 'c',
        assertionKeyPem: pem(ed.privateKey),
        assertionKeySource: 'k.pem',
      }),
    ).toThrow(/k\.pem holds a ed25519 key/);
    expect(() =>
      jwtBearerSource({
        tokenUrl: 'http://127.0.0.1:1/t',
        clientId: 'c',
        assertionKeyPem: 'not a key',
        assertionKeySource: 'k.pem',
      }),
    ).toThrow(/k\.pem is not a PEM private key/);
  });
});

describe('renewal', () => {
  it('renews a token about to expire, by the clock, without waiting', async () => {
    let now = Date.now();
    const clock = (): number => now;
    const started = await server({ clock, oauth: { tokenLifetimeSeconds: 600 } });
    const source = track(
      clientCredentialsSource({
        tokenUrl: started.tokenUrl!,
        clientId: started.clientId!,
        clientSecret: started.clientSecret!,
        clock,
      }),
    );
    const transport = transportFor(started, source);
    expect(await listUsers(transport)).toBe(200);
    now += 400_000; // 200 s left of 600: more than 60 s and 10 %, so the token is kept
    expect(await listUsers(transport)).toBe(200);
    expect(source.fetches).toHaveLength(1);
    now += 150_000; // 50 s left: renewed before use
    expect(await listUsers(transport)).toBe(200);
    expect(source.fetches).toHaveLength(2);
  });

  it('renews once after a 401 and then gives up', async () => {
    // The server's clock jumps an hour every time it is read: every token has expired by its first use.
    let serverNow = Date.now();
    const started = await server({ clock: () => (serverNow += 3_600_000), oauth: { tokenLifetimeSeconds: 600 } });
    const source = track(
      clientCredentialsSource({
        tokenUrl: started.tokenUrl!,
        clientId: started.clientId!,
        clientSecret: started.clientSecret!,
      }),
    );
    const transport = transportFor(started, source);
    const result = await transport.send({ method: 'GET', url: new URL(`${started.baseUrl}/Users`), headers: {} });
    expect(result.response?.status).toBe(401);
    expect(result.response?.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(source.fetches).toHaveLength(2);
  });

  it('a 401 with a valid token after renewal succeeds (token revoked server-side)', async () => {
    const started = await server();
    const source = track(
      clientCredentialsSource({
        tokenUrl: started.tokenUrl!,
        clientId: started.clientId!,
        clientSecret: started.clientSecret!,
      }),
    );
    const transport = transportFor(started, source);
    expect(await listUsers(transport)).toBe(200);
    // Revoke: the server forgets every token it issued (a restart of a real vendor's token store).
    (started.authorizationServer as unknown as { issued: Map<string, unknown> }).issued.clear();
    expect(await listUsers(transport)).toBe(200);
    expect(source.fetches).toHaveLength(2);
  });
});
