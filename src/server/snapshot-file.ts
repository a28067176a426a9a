import { readFile } from 'node:fs/promises';
import { ScimCheckError } from '../errors.js';
import { userNameKey } from './indexes.js';
import type { StoredResource, StoreSnapshot } from './store.js';

// Reading a `--data` snapshot file and checking it is one (persistence.ts writes them).

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when `value` has what the store needs of a stored resource of `resourceType`. */
export function isStoredResource(value: unknown, resourceType: string): value is StoredResource {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    isRecord(value.meta) &&
    value.meta.resourceType === resourceType &&
    typeof value.meta.version === 'string' &&
    typeof value.meta.created === 'string' &&
    typeof value.meta.lastModified === 'string'
  );
}

/** Explains why `value` is not a StoreSnapshot, or returns undefined when it is one. */
function snapshotProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the top level is not a JSON object';
  if (value.format !== 'scim-check-reference-store') return '"format" is not "scim-check-reference-store"';
  if (value.formatVersion !== 1)
    return `"formatVersion" ${JSON.stringify(value.formatVersion)} is not supported (expected 1)`;
  if (typeof value.revision !== 'number' || !Number.isInteger(value.revision) || value.revision < 0)
    return '"revision" is not a non-negative integer';
  if (
    value.journalSequence !== undefined &&
    !(
      typeof value.journalSequence === 'number' &&
      Number.isInteger(value.journalSequence) &&
      value.journalSequence >= 0
    )
  ) {
    return '"journalSequence" is not a non-negative integer';
  }
  const ids = new Set<string>();
  const userNames = new Set<string>();
  for (const [key, resourceType, required] of [
    ['users', 'User', 'userName'],
    ['groups', 'Group', 'displayName'],
  ] as const) {
    const list = value[key];
    if (!Array.isArray(list)) return `"${key}" is not an array`;
    for (const [index, entry] of list.entries()) {
      const where = `"${key}[${index}]"`;
      if (!isStoredResource(entry, resourceType))
        return `${where} is not a stored ${resourceType} (it needs "id" and "meta" with resourceType "${resourceType}", created, lastModified and version)`;
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
 * Reads a snapshot file (persistence.ts writes them). A missing file is an empty start
 * (undefined); anything unreadable or not a snapshot is a USAGE error naming the file as the
 * user gave it (`file`), because the user pointed the server at it and silently starting empty
 * would later overwrite their data.
 */
export async function loadSnapshot(path: string, file: string = path): Promise<StoreSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ScimCheckError(
      'USAGE',
      `Cannot read the reference server data file ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ScimCheckError(
      'USAGE',
      `The reference server data file ${file} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'Fix or delete the file, or point --data at another path.',
      },
    );
  }
  const problem = snapshotProblem(parsed);
  if (problem !== undefined) {
    throw new ScimCheckError(
      'USAGE',
      `The reference server data file ${file} is not a scim-check data file: ${problem}.`,
      {
        hint: 'Fix or delete the file, or point --data at another path.',
      },
    );
  }
  return parsed as StoreSnapshot;
}
