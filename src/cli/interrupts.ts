import type { CliIo } from './io.js';

/**
 * First SIGINT/SIGTERM: stop scheduling steps, let cleanup run and reports be written (exit 130).
 * The handlers are `once`, so a second signal meets Node's default and ends the process at once,
 * as a user pressing Ctrl-C twice expects.
 */
export function watchInterrupts(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: string) => (): void => {
    io.stderr.write(`\nscim-check: ${name} received: finishing the current request, cleaning up what this run created, writing reports. Press Ctrl-C again to quit at once (this can leave test resources behind).\n`);
    controller.abort();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    dispose() {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    },
  };
}
