import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScimCheckError } from '../../errors.js';
import { createDispatcher } from '../../http/dispatcher.js';
import { openHarStream } from '../../recording/har-stream.js';
import { type RecordedLine, startRecordingProxy } from '../../recording/recording-proxy.js';
import { createOutputGuard } from '../../report/output-guard.js';
import { EXIT } from '../exit-codes.js';
import { WATCHED } from '../interrupts.js';
import type { CliIo } from '../io.js';
import { describeListening } from '../serve-banner.js';
import { isLoopbackHost } from '../target.js';
import { parseTimeout, transportSettings } from '../transport-options.js';
import { toolVersion } from '../version.js';

export interface RecordOptions {
  target?: string;
  port: string;
  har: string;
  cert?: string;
  key?: string;
  listenHost: string;
  timeout: string;
  cacert?: string;
  insecure?: boolean;
}

function usage(message: string, hint: string): ScimCheckError {
  return new ScimCheckError('USAGE', message, { hint });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usage(`--port must be 0-65535, not "${value}"`, 'e.g. --port 8443, or --port 0 for a free one');
  return port;
}

function parseTarget(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(`--target "${value}" is not a URL`, 'e.g. --target https://app.example.com/scim/v2');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usage(
      `--target must be an http:// or https:// URL, not ${url.protocol}`,
      'e.g. --target https://app.example.com/scim/v2',
    );
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw usage(
      '--target must be the SCIM base URL alone (no query, fragment or credentials)',
      'e.g. --target https://app.example.com/scim/v2',
    );
  return url.toString().replace(/\/$/, '');
}

function readPem(path: string, flag: string, cwd: string): Buffer {
  try {
    return readFileSync(resolve(cwd, path));
  } catch (error) {
    throw usage(`cannot read ${flag} ${path}: ${(error as Error).message}`, `${flag} takes a PEM file`);
  }
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : `${text}${' '.repeat(width - text.length)}`;
}

/** One console line per request: time, IdP tag, method, path, status, duration. */
export function formatRecordedLine(line: RecordedLine): string {
  const time = line.at.toISOString().slice(11, 19);
  const ms = `${Math.round(line.durationMs)} ms`;
  const error = line.error === undefined ? '' : `  ${line.error}`;
  return `${time}  ${pad(line.idp ?? '-', 15)} ${pad(line.method, 6)} ${line.path}  ${line.status}  ${ms}${error}\n`;
}

/** A recording under way (the proxy listening, the HAR open). */
export interface Recording {
  /** The URL the IdP calls (through a tunnel: the tunnel's URL with this path). */
  url: string;
  /** The SCIM base URL requests go to. */
  target: string;
  /** Requests recorded so far. */
  count(): number;
  /** Stops listening and closes the HAR (complete already) and the embedded server. */
  close(): Promise<void>;
}

/**
 * Starts the proxy in front of --target (or the embedded reference server) and prints where it
 * listens; what `record` does before it waits for Ctrl-C. Every request is recorded by the time
 * its console line is out.
 */
export async function startRecording(options: RecordOptions, io: CliIo): Promise<Recording> {
  const port = parsePort(options.port);
  const timeoutMs = parseTimeout(options.timeout, '60000');
  if ((options.cert === undefined) !== (options.key === undefined))
    throw usage('--cert and --key go together', 'give both PEM files to terminate TLS, or neither for plain http');
  const tls =
    options.cert !== undefined && options.key !== undefined
      ? { cert: readPem(options.cert, '--cert', io.cwd), key: readPem(options.key, '--key', io.cwd) }
      : undefined;
  const targetBaseUrl = options.target === undefined ? undefined : parseTarget(options.target);
  const transport = transportSettings(options, io);
  const guard = io.guard ?? createOutputGuard({ githubActions: false });

  // Without --target: the embedded reference server, its token shown once (as `serve` does).
  let embedded: Awaited<ReturnType<typeof import('../../server/index.js').startReferenceServer>> | undefined;
  if (targetBaseUrl === undefined) {
    const { startReferenceServer } = await import('../../server/index.js');
    embedded = await startReferenceServer({ host: '127.0.0.1', port: 0 });
    const banner = describeListening(embedded.address, embedded.baseUrl, embedded.token);
    for (const line of banner.stdout) io.stdout.write(`${line}\n`);
  }
  const target = targetBaseUrl ?? embedded!.baseUrl;
  if (embedded !== undefined) guard.protect([embedded.token]);
  const harPath = resolve(io.cwd, options.har);
  const dispatcher = createDispatcher({ timeoutMs, connections: 16, tls: transport.tls, proxy: transport.proxy });
  const closeAll = async (): Promise<void> => {
    await dispatcher.close();
    await embedded?.close();
  };
  let har: Awaited<ReturnType<typeof openHarStream>>;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  try {
    har = await openHarStream(
      harPath,
      { targetBaseUrl: target, recordedBy: 'record', startedAt: new Date().toISOString() },
      toolVersion(),
      (text) => guard.render(text, { kind: 'file' }),
    );
    try {
      proxy = await startRecordingProxy({
        targetBaseUrl: target,
        host: options.listenHost,
        port,
        ...(tls === undefined ? {} : { tls }),
        har,
        dispatcher,
        protect: (secrets) => guard.protect(secrets),
        onRecorded: (line) => io.stdout.write(formatRecordedLine(line)),
      });
    } catch (error) {
      await har.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw usage(
          `port ${port} on ${options.listenHost} is already in use`,
          'pick another with --port, or --port 0 for a free one',
        );
      if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
        throw usage(
          `cannot listen on ${options.listenHost}:${port} (${code})`,
          'ports below 1024 need privileges; --listen-host must be an address of this machine',
        );
      throw error;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  if (!isLoopbackHost(options.listenHost))
    io.stderr.write(
      `scim-check: warning: listening on ${options.listenHost}, which other machines can reach: anyone who can reach port ${proxy.address.port} can send requests through to ${target} with their own credentials, and they are recorded. Use the default --listen-host 127.0.0.1 with a tunnel instead.\n`,
    );
  io.stdout.write(`recording on ${proxy.url} -> ${target}\n`);
  io.stdout.write(`writing ${options.har} (a complete HAR after every request); press Ctrl-C to stop\n`);
  return {
    url: proxy.url,
    target,
    count: () => har.count,
    async close() {
      await proxy.close();
      await har.close();
      await closeAll();
    },
  };
}

/**
 * `scim-check record`: a recording reverse proxy between an IdP and a SCIM server (the embedded
 * reference server without --target), until Ctrl-C. Every exchange goes into the HAR as it happens,
 * with the IdP's credentials learnt from its requests and redacted from everything written.
 */
export async function recordCommand(options: RecordOptions, io: CliIo): Promise<number> {
  // Ctrl-C (or SIGTERM/SIGHUP) is how a recording ends: the HAR is complete already, so the proxy
  // only stops listening and the file is closed. The handlers are in place before the banner is
  // printed: a signal sent as soon as "recording on" appears must still close the HAR cleanly.
  let removeHandlers: () => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolveStop) => {
    const handlers = WATCHED.map((signal) => [signal, () => resolveStop(signal)] as const);
    for (const [signal, handler] of handlers) process.once(signal, handler);
    removeHandlers = () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    };
  });
  let recording: Recording;
  try {
    recording = await startRecording(options, io);
  } catch (error) {
    removeHandlers();
    throw error;
  }
  try {
    const name = await stopped;
    io.stderr.write(`\nscim-check: ${name} received: closing the recording\n`);
  } finally {
    removeHandlers();
    await recording.close();
  }
  io.stderr.write(
    `scim-check: recorded ${recording.count()} request${recording.count() === 1 ? '' : 's'} to ${options.har}\n`,
  );
  return EXIT.ok;
}
