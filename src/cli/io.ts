import type { CliEnvironment } from './environment.js';

/** The streams and terminal facts a command uses; injected so tests can capture output. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: CliEnvironment;
  /** Working directory against which scenario paths are resolved and shown. */
  cwd: string;
}

/**
 * Colour on or off: --color/--no-color win, then FORCE_COLOR, then NO_COLOR, then whether the
 * stream is a terminal. chalk alone ignores NO_COLOR, so this is decided here and passed down.
 */
export function useColor(flag: boolean | undefined, io: CliIo, stream: CliIo['stdout'] = io.stdout): boolean {
  if (flag !== undefined) return flag;
  if (io.env.forceColor !== undefined) return io.env.forceColor;
  if (io.env.noColor) return false;
  return stream.isTTY === true;
}

/** Spinners only on an interactive stderr, never in CI logs. */
export function isInteractive(io: CliIo): boolean {
  return io.stderr.isTTY === true && !io.env.ci;
}
