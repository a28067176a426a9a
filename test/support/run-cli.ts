import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/scim-check.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** The CLI is killed (SIGKILL) after this long; default 25 s. */
  timeoutMs?: number;
}

/** A CLI process still running: its output so far, and how it ended once it has. */
export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the real CLI (bin/scim-check.js → dist/, built by `npm test` before vitest runs),
 * with a clean environment so a developer's SCIM_CHECK_* variables never leak into a test,
 * and keeps it controllable (signals) while it runs. Only for tests where the process boundary
 * is the point (signals, the launcher's exit code, a real process's streams); everything else
 * runs main() in-process with runMain (run-main.ts), which is several times cheaper.
 */
export function spawnCli(args: readonly string[], options: CliOptions = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs the CLI to the end (see spawnCli). */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const cli = spawnCli(args, options);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Polls until `condition` holds (event-driven tests with no timing assertions). */
export async function until(condition: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
