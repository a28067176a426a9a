import { readFile } from 'node:fs/promises';
import { ScimCheckError } from '../errors.js';
import { isRecord, isStoredResource } from './snapshot-file.js';
import type { StoreChange } from './store.js';

// The journal beside a `--data` file: one JSON line per store change, appended and fsynced
// before the client gets its answer (journal-writer.ts), replayed on top of the snapshot when
// the server starts.

/** One journal line: a store change, its place in the sequence, and the store's revision after it. */
export type JournalEntry = StoreChange & { seq: number; revision: number };

/** What a journal file holds. */
export interface JournalContent {
  entries: JournalEntry[];
  /** Bytes up to the end of the last complete line; a torn last line starts here. */
  completeBytes: number;
  /** True when the file ended in an incomplete line, cut short by a crash in the middle of an append. */
  torn: boolean;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The entry a parsed line holds, or undefined when it holds none. */
function entryOf(value: unknown): JournalEntry | undefined {
  if (!isRecord(value) || !isNonNegativeInteger(value.seq) || !isNonNegativeInteger(value.revision)) return undefined;
  if (value.kind !== 'User' && value.kind !== 'Group') return undefined;
  if (value.op === 'put' && isStoredResource(value.resource, value.kind)) return value as JournalEntry;
  if (value.op === 'delete' && typeof value.id === 'string') return value as JournalEntry;
  return undefined;
}

function parseLine(line: string): JournalEntry | undefined {
  try {
    return entryOf(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/**
 * Reads a journal; a missing file is an empty one. A crash in the middle of an append can only
 * damage the end of the file (an incomplete last line, or a tail the disk had not written yet),
 * so bad lines at the end are reported as `torn` and left out. A bad line followed by good ones
 * is not a crash's doing, and the start is refused (ScimCheckError USAGE) rather than silently
 * dropping the changes after it.
 */
export async function readJournal(path: string, dataFile: string): Promise<JournalContent> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], completeBytes: 0, torn: false };
    throw new ScimCheckError(
      'USAGE',
      `Cannot read the journal ${path} of the data file ${dataFile}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const entries: JournalEntry[] = [];
  let start = 0;
  let firstBad: { line: number; offset: number } | undefined;
  for (let line = 1; start < bytes.length; line += 1) {
    const end = bytes.indexOf(0x0a, start);
    const entry = end < 0 ? undefined : parseLine(bytes.subarray(start, end).toString('utf8'));
    if (entry === undefined) {
      firstBad ??= { line, offset: start };
    } else if (firstBad !== undefined) {
      throw new ScimCheckError(
        'USAGE',
        `The journal ${path} of the data file ${dataFile} is damaged at line ${firstBad.line}.`,
        {
          hint: `Restore the data file and its journal from a backup, or move ${path} away to start from the last saved snapshot.`,
        },
      );
    } else {
      entries.push(entry);
    }
    if (end < 0) break;
    start = end + 1;
  }
  return firstBad === undefined
    ? { entries, completeBytes: bytes.length, torn: false }
    : { entries, completeBytes: firstBad.offset, torn: true };
}
