import { ScimCheckError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { describeListening } from '../serve-banner.js';

export interface ServeOptions {
  host: string;
  port: string;
  token?: string;
  data?: string;
  seed?: string;
}

function parseNonNegativeInteger(value: string, flag: string, example: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new ScimCheckError('USAGE', `${flag} must be a non-negative integer, not "${value}"`, {
      hint: `e.g. ${flag} ${example}`,
    });
  return number;
}

/**
 * `scim-check serve`: the embedded reference server on its own, until SIGINT/SIGTERM. The first
 * line names the base URL and the token (generated when not given), so scripts can read it;
 * warnings (listening beyond loopback, a torn journal line ignored) go to stderr.
 */
export async function serveCommand(options: ServeOptions, io: CliIo): Promise<number> {
  const port = parseNonNegativeInteger(options.port, '--port', '8080');
  if (port > 65535)
    throw new ScimCheckError('USAGE', `--port ${port} is out of range`, { hint: 'use 1-65535, or 0 for a free port' });
  const seedUsers = options.seed === undefined ? undefined : parseNonNegativeInteger(options.seed, '--seed', '1000');
  const { startReferenceServer } = await import('../../server/index.js');
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  try {
    server = await startReferenceServer({
      host: options.host,
      port,
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.data !== undefined ? { dataFile: options.data } : {}),
      ...(seedUsers !== undefined ? { seedUsers } : {}),
      onWarning: (message) => io.stderr.write(`scim-check: ${message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new ScimCheckError('USAGE', `port ${port} on ${options.host} is already in use`, {
        hint: 'pick another with --port, or --port 0 for a free one',
      });
    if (code === 'EACCES')
      throw new ScimCheckError('USAGE', `not allowed to listen on ${options.host}:${port}`, {
        hint: 'ports below 1024 need privileges; pick another with --port',
      });
    throw error;
  }
  const banner = describeListening(server.address, server.baseUrl, server.token);
  for (const line of banner.stdout) io.stdout.write(`${line}\n`);
  for (const warning of banner.warnings) io.stderr.write(`scim-check: ${warning}\n`);
  io.stdout.write(`try: scim-check run okta-group-push --base-url ${server.baseUrl} --token <token above>\n`);
  if (options.data !== undefined)
    io.stdout.write(
      `data is kept in ${options.data} (each write is on disk before it is answered; passwords only as salted hashes)\n`,
    );
  io.stdout.write('press Ctrl-C to stop\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  io.stderr.write('scim-check: server stopped\n');
  return EXIT.ok;
}
