import type { CliIo } from './io.js';

/** Describes what the run created and has not deleted yet, one line per resource. */
export type LeftBehind = () => string[];

/**
 * First SIGINT/SIGTERM: stop scheduling steps, let cleanup run and reports be written (exit 130).
 * Second signal (either one): quit at once, as a user pressing Ctrl-C twice expects, after
 * printing what the run created and had not deleted yet, so a human can clean it up. Quitting
 * re-raises the signal with our listeners gone, so Node's default action ends the process with
 * the conventional 128+n status; no process.exit (DESIGN.md: never in src/).
 */
export function watchInterrupts(io: CliIo, leftBehind?: LeftBehind): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => (): void => {
    if (!controller.signal.aborted) {
      io.stderr.write(`\nscim-check: ${name} received: finishing the current request, cleaning up what this run created, writing reports. Press Ctrl-C again to quit at once (this can leave test resources behind).\n`);
      controller.abort();
      return;
    }
    const left = leftBehind?.();
    io.stderr.write(
      left === undefined
        ? `\nscim-check: ${name} again: quitting at once; test resources this run created may be left behind.\n`
        : left.length === 0
          ? `\nscim-check: ${name} again: quitting at once. Nothing this run created is known to be left on the server.\n`
          : `\nscim-check: ${name} again: quitting at once. Created by this run and not deleted (remove by hand):\n${left.map((line) => `  ${line}\n`).join('')}`,
    );
    dispose();
    process.kill(process.pid, name);
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  function dispose(): void {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  }
  return { signal: controller.signal, dispose };
}
