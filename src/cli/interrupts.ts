import type { CliIo } from './io.js';

/**
 * Describes what the run created and has not deleted yet, one line per resource. `load` asks its
 * worker thread, so the answer may come later; it is awaited for at most LEFT_BEHIND_WAIT_MS.
 */
export type LeftBehind = () => string[] | Promise<string[]>;

/**
 * The signals that end a run the orderly way. SIGHUP too: a closed terminal or SSH session must
 * clean up what the run created like Ctrl-C does, not leave it behind by Node's default action.
 */
export const WATCHED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How long a second Ctrl-C waits for the list before quitting without it. */
const LEFT_BEHIND_WAIT_MS = 3_000;

/** The list, or undefined when it could not be had in time (a stuck worker must not keep the user waiting). */
async function listWithin(leftBehind: LeftBehind | undefined): Promise<string[] | undefined> {
  if (leftBehind === undefined) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), LEFT_BEHIND_WAIT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(leftBehind), late]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function quitNotice(name: NodeJS.Signals, left: string[] | undefined): string {
  if (left === undefined)
    return `\nscim-check: ${name} again: quitting at once; test resources this run created may be left behind.\n`;
  if (left.length === 0)
    return `\nscim-check: ${name} again: quitting at once. Nothing this run created is known to be left on the server.\n`;
  return `\nscim-check: ${name} again: quitting at once. Created by this run and not deleted (remove by hand):\n${left.map((line) => `  ${line}\n`).join('')}`;
}

/**
 * First SIGINT/SIGTERM/SIGHUP: stop scheduling steps, let cleanup run and reports be written (exit 130).
 * Second signal (either one): quit at once, as a user pressing Ctrl-C twice expects, after
 * printing what the run created and had not deleted yet, so a human can clean it up. Quitting
 * re-raises the signal with our listeners gone, so Node's default action ends the process with
 * the conventional 128+n status; no process.exit (DESIGN.md: never in src/). The listeners go
 * as soon as the second signal lands, so a third one ends the process even while the list is
 * still being gathered.
 */
export function watchInterrupts(io: CliIo, leftBehind?: LeftBehind): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => (): void => {
    if (!controller.signal.aborted) {
      io.stderr.write(
        `\nscim-check: ${name} received: finishing the current request, cleaning up what this run created, writing reports. Press Ctrl-C again to quit at once (this can leave test resources behind).\n`,
      );
      controller.abort();
      return;
    }
    dispose();
    void listWithin(leftBehind).then((left) => {
      // stderr is synchronous for files, pipes and terminals on POSIX: the notice is out before the signal ends us.
      io.stderr.write(quitNotice(name, left));
      process.kill(process.pid, name);
    });
  };
  const handlers = WATCHED.map((name) => [name, onSignal(name)] as const);
  for (const [name, handler] of handlers) process.on(name, handler);
  function dispose(): void {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
  }
  return { signal: controller.signal, dispose };
}
