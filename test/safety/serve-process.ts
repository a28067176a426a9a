import { type Spawned, spawnCli, until } from '../support/run-cli.js';

/** A `scim-check serve` process started by a test, with the URL and token its first line names. */
export interface ServeProcess {
  cli: Spawned;
  baseUrl: string;
  token: string;
  pid: number;
}

/** The first line `serve` prints: scripts read the base URL and the token from it. */
const FIRST_LINE = /listening on (\S+)\s+token: (\S+)/;

/**
 * Spawns the real CLI (`node bin/scim-check.js serve --port 0 …`) and waits for its first line.
 * Rejects with the process's output when it exits first (a refused start).
 */
export async function startServe(args: readonly string[]): Promise<ServeProcess> {
  const cli = spawnCli(['serve', '--port', '0', ...args], { timeoutMs: 120_000 });
  let exited = false;
  void cli.exited.then(() => (exited = true));
  await until(() => exited || FIRST_LINE.test(cli.stdout()), 'serve to print its URL', 30_000);
  const match = FIRST_LINE.exec(cli.stdout());
  if (!match) {
    const { code } = await cli.exited;
    throw new Error(`serve exited ${String(code)} before listening:\n${cli.stdout()}${cli.stderr()}`);
  }
  return { cli, baseUrl: match[1] as string, token: match[2] as string, pid: cli.child.pid as number };
}

/** Stops a serve process the way Ctrl-C does and waits for it to exit. */
export async function stopServe(serve: ServeProcess): Promise<{ code: number | null }> {
  if (serve.cli.child.exitCode === null && serve.cli.child.signalCode === null) serve.cli.child.kill('SIGTERM');
  return serve.cli.exited;
}

/** Kills a serve process with SIGKILL (no clean-up runs: a crash or a power cut) and waits for it to be gone. */
export async function killServe(serve: ServeProcess): Promise<void> {
  serve.cli.child.kill('SIGKILL');
  await serve.cli.exited;
}

/** Every id of a resource type, read over HTTP page by page. */
export async function listIds(serve: ServeProcess, type: 'Users' | 'Groups'): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let startIndex = 1; ; startIndex += 200) {
    const response = await fetch(`${serve.baseUrl}/${type}?attributes=id&count=200&startIndex=${startIndex}`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    const page = (await response.json()) as { Resources?: { id: string }[]; totalResults: number };
    for (const resource of page.Resources ?? []) ids.add(resource.id);
    if ((page.Resources ?? []).length === 0 || ids.size >= page.totalResults) return ids;
  }
}
