import { createOutputGuard, guardStream, type OutputGuard } from '../report/output-guard.js';
import type { CliEnvironment } from './environment.js';

/** The streams and terminal facts a command uses; injected so tests can capture output. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: CliEnvironment;
  /** Working directory against which scenario paths are resolved and shown. */
  cwd: string;
  /**
   * The guard stdout and stderr write through (guardIo): commands give it their secrets
   * (openTarget), and the reporter registry wraps report files with it. Absent only in an io a
   * test builds by hand.
   */
  guard?: OutputGuard;
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

/**
 * Spinners only on an interactive stderr, never in CI logs. A terminal that reports 0 columns
 * (`script`, some CI runners' pseudo-terminals, `docker run -t` before its first resize) gets
 * plain output too: ora divides the line by the width to know how many rows to erase, and with
 * a width of 0 it erased forever and the run never ended.
 */
export function isInteractive(io: Pick<CliIo, 'stderr' | 'env'>): boolean {
  const { columns } = io.stderr as { columns?: number };
  return io.stderr.isTTY === true && !io.env.ci && typeof columns === 'number' && columns > 0;
}

/**
 * The io every command gets (src/cli/main.ts): stdout and stderr behind one output guard, so
 * whatever any command or reporter writes there is redacted of the command's secrets, shows
 * server escape sequences instead of obeying them, and under GitHub Actions runs no workflow
 * command but scim-check's own (src/report/output-guard.ts).
 */
export function guardIo(io: Omit<CliIo, 'guard'>): CliIo {
  const guard = createOutputGuard({ githubActions: io.env.githubActions });
  return {
    ...io,
    guard,
    stdout: guardStream(io.stdout, guard, { kind: 'terminal' }),
    stderr: guardStream(io.stderr, guard, { kind: 'terminal', progress: isInteractive(io) }),
  };
}
