import { ScimCheckError } from '../errors.js';
import { DEFAULT_MAX_RETRY_WAIT_MS } from '../executor/retry-budget.js';
import { readCaFile } from '../http/ca-file.js';
import type { ProxySettings, TlsSettings } from '../http/dispatcher.js';
import type { CliIo } from './io.js';

/** The `run` flags that shape the HTTP transport. */
export interface TransportFlags {
  maxRetryWait?: string;
  cacert?: string;
  insecure?: boolean;
}

/** What src/http needs to know about TLS, proxies and retry budgets. */
export interface TransportSettings {
  tls: TlsSettings;
  proxy: ProxySettings;
  maxRetryWaitMs: number;
}

/** --timeout: a positive whole number of milliseconds, for every command that sends requests. */
export function parseTimeout(value: string, example = '30000'): number {
  const timeout = Number(value);
  if (!Number.isInteger(timeout) || timeout <= 0)
    throw new ScimCheckError('USAGE', `--timeout must be a positive number of milliseconds, not "${value}"`, {
      hint: `e.g. --timeout ${example}`,
    });
  return timeout;
}

function parseMaxRetryWait(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RETRY_WAIT_MS;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new ScimCheckError('USAGE', `--max-retry-wait must be a number of seconds (0 or more), not "${value}"`, {
      hint: 'e.g. --max-retry-wait 60; 0 never waits to retry',
    });
  }
  return Math.round(seconds * 1000);
}

/**
 * Turns --cacert, -k and --max-retry-wait plus the proxy variables into transport settings.
 * -k prints a warning on every run: skipping verification must never become silent habit.
 */
export function transportSettings(flags: TransportFlags, io: CliIo): TransportSettings {
  const tls: TlsSettings = {};
  if (flags.cacert !== undefined) tls.extraCa = readCaFile(flags.cacert);
  if (flags.insecure) {
    tls.insecure = true;
    io.stderr.write(
      'scim-check: warning: -k/--insecure: the server certificate is not verified; anyone on the path could read the bearer token. Prefer --cacert FILE.\n',
    );
  }
  return { tls, proxy: io.env.proxy, maxRetryWaitMs: parseMaxRetryWait(flags.maxRetryWait) };
}
