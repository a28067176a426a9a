import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/server/index.js';
import { type ServeProcess, startServe, stopServe } from '../safety/serve-process.js';
import { runMain } from '../support/run-main.js';

// `scim-check serve --host`: the URL it prints must work, a wildcard address must be shown as
// what it is (every interface), and listening beyond loopback must come with a warning.

let serve: ServeProcess | undefined;
afterEach(async () => {
  if (serve) await stopServe(serve);
  serve = undefined;
});

const hasIpv6Loopback = Object.values(networkInterfaces()).some((addresses) =>
  addresses?.some((address) => address.family === 'IPv6' && address.internal),
);

async function reachable(baseUrl: string): Promise<number> {
  return (await fetch(`${baseUrl}/ServiceProviderConfig`)).status;
}

describe('serve --host', () => {
  it('0.0.0.0: says it listens on every interface, prints a loopback URL that works, and warns on stderr', async () => {
    serve = await startServe(['--host', '0.0.0.0', '--token', 'wide-token']);
    const firstLine = serve.cli.stdout().split('\n')[0] ?? '';
    expect(firstLine).toMatch(/all interfaces/);
    expect(firstLine).toContain('0.0.0.0');
    expect(serve.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(await reachable(serve.baseUrl)).toBe(200);
    const stderr = serve.cli.stderr();
    expect(stderr).toMatch(/warning: .*every network interface/i);
    expect(stderr).toMatch(/token/);
  });

  it.skipIf(!hasIpv6Loopback)(':: (IPv6 wildcard) is shown honestly too', async () => {
    serve = await startServe(['--host', '::', '--token', 'wide-token']);
    expect(serve.cli.stdout().split('\n')[0]).toMatch(/all interfaces \(::\)/);
    expect(await reachable(serve.baseUrl)).toBe(200);
    expect(serve.cli.stderr()).toMatch(/warning: .*every network interface/i);
  });

  it('127.0.0.1 (the default): prints the bound URL and no warning', async () => {
    serve = await startServe(['--token', 'local-token']);
    expect(serve.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(serve.cli.stdout().split('\n')[0]).not.toMatch(/all interfaces/);
    expect(await reachable(serve.baseUrl)).toBe(200);
    expect(serve.cli.stderr()).not.toMatch(/warning/i);
  });

  it.skipIf(!hasIpv6Loopback)('::1: prints the bracketed IPv6 URL it is bound to', async () => {
    serve = await startServe(['--host', '::1', '--token', 'six-token']);
    expect(serve.baseUrl).toMatch(/^http:\/\/\[::1\]:\d+\/scim\/v2$/);
    expect(await reachable(serve.baseUrl)).toBe(200);
    expect(serve.cli.stderr()).not.toMatch(/warning/i);
  });
});

describe('serve on a port it cannot have', () => {
  it('a busy port: exit 2 with how to find the process and how to pick another port (it gave no hint)', async () => {
    const holder = await startReferenceServer({ port: 0 });
    try {
      const port = new URL(holder.baseUrl).port;
      const run = await runMain(['serve', '--port', port]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`the reference server cannot listen on 127.0.0.1:${port}: listen EADDRINUSE`);
      expect(run.stderr).toMatch(
        /hint: another process listens on port \d+ .*pick another --port \(--port 0 takes a free one\)/,
      );
    } finally {
      await holder.close();
    }
  });
});
