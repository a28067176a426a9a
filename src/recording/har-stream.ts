import { type FileHandle, open } from 'node:fs/promises';
import { ScimCheckError } from '../errors.js';
import type { RecordedEntry, RecordingHar, RecordingInfo } from './recorded-har.js';

/** Indentation of an entry inside `{ "log": { "entries": [ … ] } }` at two spaces per level (as `run --har`). */
const ENTRY_INDENT = '      ';
/** What closes the entries array and the document. */
const TAIL = '\n    ]\n  }\n}\n';

/** A HAR file that is a complete, loadable document after every entry. */
export interface HarStream {
  /** Appends one entry; resolves once it is in the file (with the closing brackets after it). */
  append(entry: RecordedEntry): Promise<void>;
  /** Entries written so far. */
  readonly count: number;
  close(): Promise<void>;
}

/**
 * Opens `path` for a recording and writes the empty document. Each entry is then written with one
 * positional write over the previous closing brackets, followed by new ones: the file on disk is
 * always either the document before the entry or the document after it, so a crash or SIGKILL of
 * the proxy leaves a HAR any reader can load (the page cache keeps a finished write even when the
 * process dies). `render` is the last pass over every text written (the redactor).
 */
export async function openHarStream(
  path: string,
  info: RecordingInfo,
  toolVersion: string,
  render: (text: string) => string,
): Promise<HarStream> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (error) {
    throw new ScimCheckError('USAGE', `cannot write the HAR file ${path}: ${(error as Error).message}`, {
      hint: 'pick a path in a directory you can write to',
      cause: error,
    });
  }
  const empty: RecordingHar = {
    log: {
      version: '1.2',
      creator: { name: 'scim-check', version: toolVersion },
      comment: `IdP traffic recorded by scim-check record in front of ${info.targetBaseUrl}`,
      _scimCheck: info,
      entries: [],
    },
  };
  const document = render(JSON.stringify(empty, null, 2));
  const marker = '"entries": []';
  const head = `${document.slice(0, document.lastIndexOf(marker) + marker.length - 1)}`;
  let offset = Buffer.byteLength(head);
  await handle.write(`${head}${TAIL}`, 0);
  let count = 0;
  // Appends run one at a time: two positional writes racing would interleave entries.
  let queue: Promise<void> = Promise.resolve();
  return {
    get count() {
      return count;
    },
    append(entry) {
      const text = `${ENTRY_INDENT}${render(JSON.stringify(entry, null, 2)).replace(/\n/g, `\n${ENTRY_INDENT}`)}`;
      const chunk = `${count === 0 ? '\n' : ',\n'}${text}`;
      count += 1;
      const write = queue.then(async () => {
        await handle.write(`${chunk}${TAIL}`, offset);
        offset += Buffer.byteLength(chunk);
      });
      queue = write.catch(() => undefined);
      return write;
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}
