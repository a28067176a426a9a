import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readCapped } from '../fs/read-capped.js';
import { decodeUtf8 } from './decode-utf8.js';
import { type Diagnostic, errorAt } from './diagnostic.js';
import { closestMatch } from './did-you-mean.js';

/**
 * Largest scenario file we read. Real scenarios are a few KiB; the cap keeps a mistaken
 * argument (a log file, a disk image) from being read into memory and parsed.
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/** The file's text, or why it could not be had (with the text when there is some to show). */
export type ReadScenarioOutcome = { text: string } | { diagnostic: Diagnostic; source?: string };

/** Reads a scenario file as strict UTF-8; never throws. `displayPath` is what diagnostics show. */
export async function readScenarioFile(path: string, displayPath: string): Promise<ReadScenarioOutcome> {
  const at = { file: displayPath, line: 1, column: 1 };
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      return {
        diagnostic: errorAt(
          'is-directory',
          `${displayPath} is a directory, not a scenario file`,
          at,
          'pass the .yaml files inside it, or a path to one scenario file',
        ),
      };
    }
    if (!info.isFile()) {
      return {
        diagnostic: errorAt(
          'unreadable',
          `${displayPath} is not a regular file`,
          at,
          'pass a path to a .yaml scenario file',
        ),
      };
    }
    if (info.size > MAX_SCENARIO_BYTES) return { diagnostic: tooLarge(displayPath, info.size) };
    // Read through one handle so a file swapped or grown after the size check is still capped.
    const handle = await open(path, 'r');
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(handle, MAX_SCENARIO_BYTES + 1);
    } finally {
      await handle.close();
    }
    if (bytes.length > MAX_SCENARIO_BYTES) return { diagnostic: tooLarge(displayPath) };
    const decoded = decodeUtf8(bytes);
    if (decoded.ok) return { text: decoded.text };
    const span = {
      file: displayPath,
      line: decoded.line,
      column: decoded.column,
      endLine: decoded.line,
      endColumn: decoded.column + 1,
    };
    const byte = `0x${decoded.byte.toString(16).toUpperCase().padStart(2, '0')}`;
    const diagnostic = decoded.utf16
      ? errorAt(
          'encoding',
          'scenario file is UTF-16 encoded; scim-check reads UTF-8 only',
          at,
          'save the file as UTF-8 (the encoding menu of most editors offers it)',
        )
      : errorAt(
          'encoding',
          `scenario file is not valid UTF-8: unexpected byte ${byte}`,
          span,
          'save the file as UTF-8; a byte like this usually means it was saved as Latin-1 or Windows-1252',
        );
    // UTF-16 text read as UTF-8 is unreadable noise; the lossy line of a mostly-UTF-8 file shows where the byte is.
    return decoded.utf16 ? { diagnostic } : { diagnostic, source: decoded.lossy };
  } catch (error) {
    return { diagnostic: await fileErrorDiagnostic(error, path, displayPath) };
  }
}

/** `size` is known when it came from `stat`, not when the file grew past the cap while being read. */
function tooLarge(displayPath: string, size?: number): Diagnostic {
  const limit = `${MAX_SCENARIO_BYTES / (1024 * 1024)} MiB`;
  const actual = size === undefined ? '' : ` (${size.toLocaleString('en-US')} bytes)`;
  return errorAt(
    'too-large',
    `scenario file is larger than the ${limit} limit${actual}`,
    { file: displayPath, line: 1, column: 1 },
    'a scenario is a few KiB of YAML; check that this is the file you meant, or split it into several scenarios',
  );
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

async function fileErrorDiagnostic(error: unknown, path: string, displayPath: string): Promise<Diagnostic> {
  const at = { file: displayPath, line: 1, column: 1 };
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR': {
      const hint =
        (await siblingSuggestion(path, displayPath)) ??
        'check the path; a relative path starts at the current directory';
      return errorAt('not-found', `scenario file ${displayPath} not found`, at, hint);
    }
    case 'EACCES':
    case 'EPERM':
      return errorAt(
        'unreadable',
        `cannot read ${displayPath}: permission denied`,
        at,
        'check the file permissions of the file and its directories',
      );
    case 'EISDIR':
      return errorAt(
        'is-directory',
        `${displayPath} is a directory, not a scenario file`,
        at,
        'pass the .yaml files inside it, or a path to one scenario file',
      );
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return errorAt('unreadable', `cannot read ${displayPath}: ${message}`, at);
    }
  }
}

/** `did you mean "scenarios/okta-group-push.yaml"?` from the files next to a missing one. */
async function siblingSuggestion(path: string, displayPath: string): Promise<string | undefined> {
  let match: string | undefined;
  try {
    match = closestMatch(basename(path), await readdir(dirname(path)));
  } catch {
    return undefined;
  }
  if (match === undefined) return undefined;
  const folder = dirname(displayPath);
  return `did you mean "${folder === '.' ? match : join(folder, match)}"?`;
}
