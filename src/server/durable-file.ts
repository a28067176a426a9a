import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// The file-system steps that make a write survive a crash or a power cut: data reaches the disk
// (fsync) before anything points at it, and a rename reaches it too (fsync of the directory),
// so a reader finds either the old file or the new one, whole.

/** Data files hold users' data and password hashes: readable by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Flushes a directory's entries (a rename or a new file in it) to the disk. Not possible on
 * Windows, where opening a directory fails; NTFS journals its metadata itself.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(directory, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory (EINVAL); the rename is then as safe as they make it.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

/** The permission bits a file replacing `file` gets: the existing file's (never loosened), else 0600. */
async function modeFor(file: string): Promise<number> {
  try {
    return (await stat(file)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return PRIVATE_FILE_MODE;
    throw error;
  }
}

function temporaryNameFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Deletes temporary files a crash in the middle of writeFileAtomically(`file`) left behind. Only
 * for the process that holds the file's lock (data-lock.ts): nobody else writes them then.
 */
export async function removeLeftoverTemporaries(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  const pattern = /^\d+\.[0-9a-f]{8}\.tmp$/;
  const names = await readdir(dirname(file)).catch(() => []);
  for (const name of names) {
    if (name.startsWith(prefix) && pattern.test(name.slice(prefix.length)))
      await unlink(join(dirname(file), name)).catch(() => undefined);
  }
}

/**
 * Replaces `file` with `text` atomically and durably: a temporary file in the same directory
 * is written and fsynced, renamed over `file`, and the directory fsynced. A crash at any point
 * leaves either the old content or the new. The new file keeps the old one's permissions.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const directory = dirname(file);
  const mode = await modeFor(file);
  const temporary = temporaryNameFor(file);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      // The umask may have taken bits off `mode` at creation; the old file's exact bits are kept.
      await handle.chmod(mode);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}
