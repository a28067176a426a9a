import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ScimCheckError } from '../errors.js';
import { userNameKey } from './indexes.js';
import type { ScimStore, StoreSnapshot, StoredResource } from './store.js';

/** Writes are coalesced: at most one save per this many milliseconds while requests keep coming. */
export const SAVE_DEBOUNCE_MS = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStoredResource(value: unknown, resourceType: string): value is StoredResource {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && isRecord(value.meta)
    && value.meta.resourceType === resourceType && typeof value.meta.version === 'string'
    && typeof value.meta.created === 'string' && typeof value.meta.lastModified === 'string';
}

/** Explains why `value` is not a StoreSnapshot, or returns undefined when it is one. */
function snapshotProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the top level is not a JSON object';
  if (value.format !== 'scim-check-reference-store') return '"format" is not "scim-check-reference-store"';
  if (value.formatVersion !== 1) return `"formatVersion" ${JSON.stringify(value.formatVersion)} is not supported (expected 1)`;
  if (typeof value.revision !== 'number' || !Number.isInteger(value.revision) || value.revision < 0) return '"revision" is not a non-negative integer';
  const ids = new Set<string>();
  const userNames = new Set<string>();
  for (const [key, resourceType, required] of [['users', 'User', 'userName'], ['groups', 'Group', 'displayName']] as const) {
    const list = value[key];
    if (!Array.isArray(list)) return `"${key}" is not an array`;
    for (const [index, entry] of list.entries()) {
      const where = `"${key}[${index}]"`;
      if (!isStoredResource(entry, resourceType)) return `${where} is not a stored ${resourceType} (it needs "id" and "meta" with resourceType "${resourceType}", created, lastModified and version)`;
      if (typeof entry[required] !== 'string') return `${where} has no "${required}"`;
      // The store's indexes assume what the server enforces: unique ids and unique userNames.
      if (ids.has(entry.id)) return `${where} repeats the id "${entry.id}"`;
      ids.add(entry.id);
      if (resourceType === 'User') {
        const userName = userNameKey(entry.userName as string);
        if (userNames.has(userName)) return `${where} repeats the userName "${String(entry.userName)}"`;
        userNames.add(userName);
      }
    }
  }
  return undefined;
}

/**
 * Reads a data file written by `saveSnapshot`. A missing file is an empty start (undefined);
 * anything unreadable or not a snapshot is a USAGE error naming the file, because the user
 * pointed the server at it and silently starting empty would later overwrite their data.
 */
export async function loadSnapshot(file: string): Promise<StoreSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ScimCheckError('USAGE', `Cannot read the reference server data file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ScimCheckError('USAGE', `The reference server data file ${file} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
      hint: 'Fix or delete the file, or point --data at another path.',
    });
  }
  const problem = snapshotProblem(parsed);
  if (problem !== undefined) {
    throw new ScimCheckError('USAGE', `The reference server data file ${file} is not a scim-check data file: ${problem}.`, {
      hint: 'Fix or delete the file, or point --data at another path.',
    });
  }
  return parsed as StoreSnapshot;
}

/**
 * Writes a snapshot atomically: to a temporary file in the same directory, then renamed over
 * the target, so a crash mid-write never leaves a truncated data file behind.
 */
async function saveSnapshot(file: string, snapshot: StoreSnapshot): Promise<void> {
  // Serialised before the first await, so the file holds the state of one instant.
  const text = `${JSON.stringify(snapshot)}\n`;
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Keeps a data file in step with a store. */
export interface StorePersistence {
  /** Writes any pending change now and stops watching the store. Rejects when the last write failed. */
  close(): Promise<void>;
}

/**
 * Saves the store to `file` after changes, at most once per SAVE_DEBOUNCE_MS, one write at a
 * time. A failed write is retried with the next change; if the data still cannot be written
 * at close, close() reports it, so data is never lost silently.
 */
export function persistStore(store: ScimStore, file: string): StorePersistence {
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let lastError: unknown;

  const flush = (): Promise<void> => {
    timer = undefined;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await saveSnapshot(file, store.snapshot());
        lastError = undefined;
      } catch (error) {
        dirty = true;
        lastError = error;
      }
    });
    return writing;
  };

  const stopWatching = store.onChange(() => {
    dirty = true;
    timer ??= setTimeout(() => void flush(), SAVE_DEBOUNCE_MS);
  });

  return {
    async close() {
      stopWatching();
      if (timer) clearTimeout(timer);
      await flush();
      if (lastError !== undefined) {
        throw new ScimCheckError('USAGE', `Cannot write the reference server data file ${file}: ${(lastError as Error).message}`, { cause: lastError });
      }
    },
  };
}
