import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ScimCheckError } from '../errors.js';

/** Where one `--data` store lives: the snapshot and the files kept beside it. */
export interface DataFilePaths {
  /** The path the user gave, for messages. */
  given: string;
  /** The snapshot file itself: `given` with every symbolic link followed. */
  snapshot: string;
  /** Append-only log of the changes since the snapshot (journal.ts). */
  journal: string;
  /** Names the process that uses the store (data-lock.ts). */
  lock: string;
}

/** More links than this in a row is a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;

/** `path` with its directory's links followed; the directory may not exist yet. */
async function realDirectoryOf(path: string): Promise<string> {
  try {
    return join(await realpath(dirname(path)), basename(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
}

/**
 * Follows `file` through symbolic links to the file they name, which may not exist yet (a
 * dangling link is followed too). Saving renames a new file over the snapshot, and a rename
 * over the link itself would replace the link with a plain file; renaming over its target
 * keeps the link. The journal and the lock sit beside the target, so two servers given two
 * links to one file still see each other's lock.
 */
export async function resolveDataFile(file: string): Promise<DataFilePaths> {
  let current = resolve(file);
  for (let links = 0; links <= MAX_LINKS; links += 1) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      isLink = false;
    }
    if (!isLink) {
      const snapshot = await realDirectoryOf(current);
      return { given: file, snapshot, journal: `${snapshot}.journal`, lock: `${snapshot}.lock` };
    }
    current = resolve(dirname(current), await readlink(current));
  }
  throw new ScimCheckError('USAGE', `The data file ${file} is a loop of symbolic links.`);
}
