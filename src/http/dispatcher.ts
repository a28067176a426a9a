import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

/** How to verify the server's certificate. */
export interface TlsSettings {
  /** PEM certificates trusted in addition to Node's bundled roots (`--cacert`). */
  extraCa?: string[];
  /** Skip verification (`-k/--insecure`); the CLI warns on every run. */
  insecure?: boolean;
}

/**
 * Proxies, as read from HTTPS_PROXY / HTTP_PROXY / NO_PROXY by src/cli/environment.ts (the one
 * place that reads the environment) and passed down explicitly.
 */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export interface DispatcherOptions {
  timeoutMs: number;
  connections: number;
  tls?: TlsSettings;
  proxy?: ProxySettings;
}

/**
 * undici's `connect.ca` replaces the default roots rather than adding to them, so the bundled
 * roots are passed along: `--cacert` for an internal CA must not break a public certificate.
 */
function tlsConnectOptions(tls: TlsSettings | undefined): { ca?: string[]; rejectUnauthorized?: boolean } {
  const options: { ca?: string[]; rejectUnauthorized?: boolean } = {};
  if (tls?.extraCa !== undefined && tls.extraCa.length > 0) options.ca = [...rootCertificates, ...tls.extraCa];
  if (tls?.insecure) options.rejectUnauthorized = false;
  return options;
}

/** True when any proxy is configured. */
function hasProxy(proxy: ProxySettings | undefined): boolean {
  return Boolean(proxy?.httpProxy || proxy?.httpsProxy);
}

/**
 * The keep-alive pool every request goes through. Redirects are never followed: undici's
 * `request` has no redirect handling unless an interceptor adds it, and we add none, so the
 * bearer token can never be replayed to the address in a Location header.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const connect = { ...tlsConnectOptions(options.tls), timeout: options.timeoutMs };
  const common = {
    connections: options.connections,
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect,
  };
  if (!hasProxy(options.proxy)) return new Agent(common);
  // Explicit '' (not undefined) for unset values, so EnvHttpProxyAgent never reads
  // process.env behind our back (environment.ts is the only reader).
  return new EnvHttpProxyAgent({
    ...common,
    httpProxy: options.proxy?.httpProxy ?? '',
    httpsProxy: options.proxy?.httpsProxy ?? '',
    noProxy: options.proxy?.noProxy ?? '',
    // TLS to the target through the CONNECT tunnel.
    requestTls: tlsConnectOptions(options.tls),
  });
}
