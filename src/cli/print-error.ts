import { ScimCheckError } from '../errors.js';
import { inertText } from '../report/terminal-text.js';
import type { CliIo } from './io.js';

/**
 * One line saying what went wrong and one saying what to do: never a stack trace for anything
 * the user can fix. A bug in scim-check itself still gets its stack, because that is what a
 * bug report needs. Messages can quote a server (a refused token's answer): shown inert; the
 * output guard stderr writes through (src/report/output-guard.ts) redacts them.
 */
export function printError(io: CliIo, error: unknown): void {
  const write = (text: string): void => {
    io.stderr.write(inertText(text));
  };
  if (error instanceof ScimCheckError) {
    write(`scim-check: error: ${error.message}\n`);
    if (error.hint) write(`  hint: ${error.hint}\n`);
    return;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  write(`scim-check: internal error (a bug in scim-check; please report it with this output):\n${detail}\n`);
}
