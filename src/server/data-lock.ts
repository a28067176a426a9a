import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ScimCheckError } from '../errors.js';
import { PRIVATE_FILE_MODE } from './durable-file.js';

// One server per data file: two would each replay the other's journal lines as their own and
// overwrite each other's snapshots. The lock is a file beside the data file naming the process
// that holds it; a lock left by a process that no longer runs (kill -9, a crash) is stale and
// taken over, so a crash never blocks the next start.

interface LockContent {
  pid: number;
  host: string;
  /** Tells this process's own locks from a stale lock that happens to carry its pid (pid reuse, containers). */
  instance: string;
}

/** Instances of the locks this process holds, by lock path. */
const heldHere = new Map<string, string>();

function parseLock(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (
      typeof value.pid === 'number' &&
      Number.isInteger(value.pid) &&
      value.pid > 0 &&
      typeof value.host === 'string' &&
      typeof value.instance === 'string'
    ) {
      return value as LockContent;
    }
  } catch {
    // not a lock we wrote: treated as stale below
  }
  return undefined;
}

/** True when the process named by a lock may still run (so the lock is not stale). */
function holderIsAlive(lockPath: string, holder: LockContent): boolean {
  // Another machine's process (a shared network drive) cannot be checked: assume it runs.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.get(lockPath) === holder.instance;
  try {
    process.kill(holder.pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of one data file, held until release(). */
export interface DataLock {
  release(): Promise<void>;
}

/**
 * Takes the lock at `lockPath` for `dataFile` or throws ScimCheckError USAGE naming the process
 * that holds it. The lock file is created whole in one step (written to a temporary file, then
 * hard-linked into place, which fails if a lock exists), so a reader never sees a half-written one.
 */
export async function acquireDataLock(lockPath: string, dataFile: string): Promise<DataLock> {
  const content: LockContent = { pid: process.pid, host: hostname(), instance: randomBytes(8).toString('hex') };
  const temporary = `${lockPath}.${process.pid}.${content.instance}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        await link(temporary, lockPath);
        heldHere.set(lockPath, content.instance);
        return { release: () => releaseLock(lockPath, content.instance) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let text: string;
      try {
        text = await readFile(lockPath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw error;
      }
      const holder = parseLock(text);
      if (holder !== undefined && holderIsAlive(lockPath, holder)) {
        const who =
          holder.pid === process.pid
            ? `this process (${holder.pid})`
            : `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}`;
        throw new ScimCheckError('USAGE', `The data file ${dataFile} is in use by another scim-check serve: ${who}.`, {
          hint: `Stop that server first, or point --data at another file. If no such server runs, delete ${lockPath}.`,
        });
      }
      // Stale: its process is gone. It is removed only if it is still the same lock (another
      // starting server may have replaced it meanwhile), and the link is retried, which only
      // one of several starting servers can win.
      if ((await readFile(lockPath, 'utf8').catch(() => undefined)) !== text) continue;
      await unlink(lockPath).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    throw new ScimCheckError(
      'USAGE',
      `Could not take the lock ${lockPath} of the data file ${dataFile}: other processes keep taking it.`,
    );
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function releaseLock(lockPath: string, instance: string): Promise<void> {
  if (heldHere.get(lockPath) !== instance) return;
  heldHere.delete(lockPath);
  // Only our own lock is removed: a lock someone took over after deleting ours by hand stays.
  const holder = parseLock(await readFile(lockPath, 'utf8').catch(() => ''));
  if (holder?.instance === instance) await unlink(lockPath).catch(() => undefined);
}
