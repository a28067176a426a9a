import { ScimCheckError } from '../errors.js';
import type { Redactor } from '../http/redactor.js';
import type { CliIo } from './io.js';

/**
 * One line saying what went wrong and one saying what to do: never a stack trace for anything
 * the user can fix. A bug in scim-check itself still gets its stack, because that is what a
 * bug report needs.
 */
export function printError(io: CliIo, error: unknown, redact: Redactor = (text) => text): void {
  if (error instanceof ScimCheckError) {
    io.stderr.write(redact(`scim-check: error: ${error.message}\n`));
    if (error.hint) io.stderr.write(redact(`  hint: ${error.hint}\n`));
    return;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(redact(`scim-check: internal error (a bug in scim-check; please report it with this output):\n${detail}\n`));
}
