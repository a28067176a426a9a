import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnvironment } from '../../src/cli/environment.js';
import { WATCHED } from '../../src/cli/interrupts.js';
import { main as sourceMain } from '../../src/cli/main.js';
import { MemoryStream } from '../report/memory-stream.js';
import { type CliRun, REPO_ROOT } from './run-cli.js';

/*
 * The CLI in-process: `main(argv, io)` with captured output, a clean environment and the repo
 * root as working directory, exactly what `runCli` gives a spawned CLI, minus the process start
 * (measured: ~1.5 s of CPU per spawned run to load modules and compile the JSON schemas, paid
 * once per test worker here). Use this for everything that is CLI logic (flags, exit codes as
 * main returns them, reports, usage errors); spawn (run-cli.ts) only where the process boundary
 * is the point: signals, the bin launcher's exit code, pipes.
 */

type Main = typeof sourceMain;

export interface MainOptions {
  /** Variables on top of NO_COLOR=1 (and PATH), as runCli passes them to the child. */
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Run dist/ (the build `npm test` makes first) instead of src/. `load` needs it: its worker
   * thread starts `load-worker.js` next to the module that spawns it, which only exists compiled.
   */
  compiled?: boolean;
}

let compiledMain: Promise<Main> | undefined;

function loadCompiledMain(): Promise<Main> {
  const file = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
  if (!existsSync(file))
    throw new Error('dist/ is missing: run `npm run build` first (load runs its worker from the compiled code)');
  // A computed specifier: dist/ has no type declarations, so its type is taken from the source.
  compiledMain ??= import(file).then((module: { main: Main }) => module.main);
  return compiledMain;
}

/** The signals commands watch (src/cli/interrupts.ts): their listeners must be gone when a run ends. */
const SIGNALS = WATCHED;

/** Runs in flight, and the signal listeners there were before the first of them started. */
let inFlight = 0;
let listenersBefore: Map<NodeJS.Signals, NodeJS.SignalsListener[]> | undefined;

function signalListeners(): Map<NodeJS.Signals, NodeJS.SignalsListener[]> {
  return new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
}

/**
 * Commands watch SIGINT/SIGTERM while they run (src/cli/interrupts.ts) and must stop watching
 * when they end; in a long-lived test process a forgotten listener would pile up, and a real
 * Ctrl-C would reach a run that has finished. Checked when the last concurrent run ends.
 */
function leakedSignalListeners(before: Map<NodeJS.Signals, NodeJS.SignalsListener[]>): string[] {
  const leaks: string[] = [];
  for (const signal of SIGNALS) {
    const known = new Set(before.get(signal));
    const extra = process.listeners(signal).filter((listener) => !known.has(listener));
    for (const listener of extra) process.removeListener(signal, listener as () => void);
    if (extra.length > 0) leaks.push(`${extra.length} ${signal}`);
  }
  return leaks;
}

/**
 * Runs `scim-check <args>` in this process and resolves to its exit code (what bin/ would set as
 * process.exitCode) and everything it wrote to stdout and stderr.
 */
export async function runMain(args: readonly string[], options: MainOptions = {}): Promise<CliRun & { code: number }> {
  const entry = options.compiled === true ? await loadCompiledMain() : sourceMain;
  const stdout = new MemoryStream();
  const stderr = new MemoryStream();
  const env = readEnvironment({ PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env });
  if (inFlight === 0) listenersBefore = signalListeners();
  inFlight += 1;
  let code: number;
  try {
    code = await entry(args, { stdout, stderr, env, cwd: options.cwd ?? REPO_ROOT });
  } finally {
    inFlight -= 1;
  }
  if (inFlight === 0 && listenersBefore !== undefined) {
    const leaks = leakedSignalListeners(listenersBefore);
    if (leaks.length > 0)
      throw new Error(`scim-check ${args.join(' ')} left ${leaks.join(' and ')} listener(s) registered on the process`);
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
