import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

// What `scim-check serve` says about where it listens. The first line stays machine-readable
// (`listening on <URL>  token: <token>`): scripts and bench/lib/processes.js read it.

/** The lines for stdout and the warnings for stderr that describe a listening server. */
export interface ServeBanner {
  stdout: string[];
  warnings: string[];
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address);
}

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** This machine's addresses other machines may use, for the URL hint of a wildcard listener. */
function externalAddresses(family: string): string[] {
  const found: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const entry of addresses ?? []) {
      // `::` listens on IPv4 too on most systems, so IPv4 addresses are offered for both.
      if (entry.internal || (family === 'IPv4' && entry.family !== 'IPv4')) continue;
      if (entry.family === 'IPv6' && entry.address.startsWith('fe80:')) continue; // link-local needs a zone id
      found.push(entry.family === 'IPv6' ? `[${entry.address}]` : entry.address);
    }
  }
  return found.slice(0, 3);
}

/**
 * Describes where the server listens. A wildcard address (0.0.0.0, ::) is named as what it
 * is, every interface, next to a loopback URL that works from this machine; any address other
 * machines can reach gets a warning, because from then on the bearer token is all that stands
 * between the network and the data the server holds.
 */
export function describeListening(address: AddressInfo, baseUrl: string, token: string): ServeBanner {
  const { address: bound, port } = address;
  const path = new URL(baseUrl).pathname.replace(/\/$/, '');
  if (isWildcard(bound)) {
    const others = externalAddresses(address.family).map((host) => `http://${host}:${port}${path}`);
    return {
      stdout: [
        `scim-check reference server listening on ${baseUrl}  token: ${token}  (bound to all interfaces (${bound}), port ${port})`,
        `other machines reach it at http://<this machine's address>:${port}${path}${others.length > 0 ? `, e.g. ${others.join(' ')}` : ''}`,
      ],
      warnings: [
        `warning: listening on every network interface (${bound}): anyone who can reach this machine on port ${port} can call the server, and only the token protects the data it holds. Use --host 127.0.0.1 to keep it on this machine.`,
      ],
    };
  }
  const first = `scim-check reference server listening on ${baseUrl}  token: ${token}`;
  if (isLoopback(bound)) return { stdout: [first], warnings: [] };
  return {
    stdout: [first],
    warnings: [
      `warning: listening on ${bound}, which other machines can reach: only the token protects the data the server holds. Use --host 127.0.0.1 to keep it on this machine.`,
    ],
  };
}
