import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ScimCheckError } from '../errors.js';
import { type DataFilePaths, resolveDataFile } from './data-file-path.js';
import { acquireDataLock, type DataLock } from './data-lock.js';
import { removeLeftoverTemporaries, writeFileAtomically } from './durable-file.js';
import { type JournalEntry, readJournal } from './journal-reader.js';
import { JournalWriter } from './journal-writer.js';
import { loadSnapshot } from './snapshot-file.js';
import type { ScimStore, StoreChange, StoredResource, StoreSnapshot } from './store.js';
import { StoredPasswords } from './stored-passwords.js';

// `serve --data FILE`: every change is appended to a journal and fsynced before its answer
// leaves (the request handler waits on whenDurable), so an acknowledged write survives kill -9
// and power loss. The journal is folded into the snapshot FILE (atomically: temporary file,
// fsync, rename, directory fsync) when writes pause, when it has grown as large as the
// snapshot, and at a clean stop, which leaves FILE alone beside nothing else.

/** The snapshot is rewritten once writes have paused this long. */
export const SAVE_DEBOUNCE_MS = 200;

/** ... or once the journal holds this many bytes and at least as many as the last snapshot, so rewriting stays a fixed share of the work. */
const MIN_COMPACTION_BYTES = 4 * 1_048_576;

/** Passwords hashed at once when a file from before hashing is loaded (each hash takes 16 MiB). */
const MIGRATION_PARALLELISM = 4;

/** Keeps a data file in step with a store. */
export interface StorePersistence {
  /** Starts recording changes, after writing a snapshot of the store as it is (loaded, migrated, seeded). */
  start(): Promise<void>;
  /** Resolves once every change made so far is on the disk; rejects when one could not be written. */
  whenDurable(): Promise<void>;
  /** Writes the final snapshot, removes the journal and releases the lock. Rejects when the data could not be written. */
  close(): Promise<void>;
}

/** What opening a data file reports besides the store's content. */
export interface OpenDataFileOptions {
  /** Told about things worth a warning: a torn journal line ignored, passwords migrated. */
  onWarning?: (message: string) => void;
}

function usage(message: string, cause: unknown): ScimCheckError {
  return new ScimCheckError('USAGE', `${message}: ${(cause as Error).message}`, { cause });
}

/** Applies journal entries after the snapshot's to the store, in order. */
function replay(store: ScimStore, passwords: StoredPasswords, entries: readonly JournalEntry[], after: number): number {
  let lastSeq = after;
  for (const entry of entries) {
    if (entry.seq <= after) continue;
    if (entry.op === 'put') {
      store.put(entry.kind, entry.resource);
      if (entry.kind === 'User') passwords.remember(entry.resource);
    } else {
      store.delete(entry.kind, entry.id);
      passwords.forget(entry.id);
    }
    store.advanceRevision(entry.revision);
    lastSeq = Math.max(lastSeq, entry.seq);
  }
  return lastSeq;
}

/** Hashes clear-text passwords of a file written before passwords were hashed (RFC 7643 §4.1.1). */
async function migratePasswords(store: ScimStore, passwords: StoredPasswords): Promise<number> {
  const users = [...store.all('User')].filter((user) => passwords.needsHash(user));
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let user = users[next++]; user !== undefined; user = users[next++]) await passwords.persistable(user);
  };
  await Promise.all(Array.from({ length: MIGRATION_PARALLELISM }, worker));
  return users.length;
}

/**
 * Opens `file` for a store: takes its lock (one server per file), loads the snapshot, replays
 * the journal and hashes clear-text passwords. Throws ScimCheckError USAGE when the file is in
 * use, unreadable or damaged. Call start() once the store is otherwise ready.
 */
export async function openDataFile(
  store: ScimStore,
  file: string,
  options: OpenDataFileOptions = {},
): Promise<StorePersistence> {
  let paths: DataFilePaths;
  try {
    paths = await resolveDataFile(file);
    await mkdir(dirname(paths.snapshot), { recursive: true });
  } catch (error) {
    if (error instanceof ScimCheckError) throw error;
    throw usage(`Cannot use ${file} as the reference server data file`, error);
  }
  let lock: DataLock;
  try {
    lock = await acquireDataLock(paths.lock, file);
  } catch (error) {
    if (error instanceof ScimCheckError) throw error;
    throw usage(`Cannot lock the reference server data file ${file}`, error);
  }
  try {
    return await load(store, paths, options, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function load(
  store: ScimStore,
  paths: DataFilePaths,
  options: OpenDataFileOptions,
  lock: DataLock,
): Promise<StorePersistence> {
  await removeLeftoverTemporaries(paths.snapshot);
  await removeLeftoverTemporaries(paths.journal);
  const passwords = new StoredPasswords(store);
  const snapshot = await loadSnapshot(paths.snapshot, paths.given);
  if (snapshot) {
    store.load(snapshot);
    // Files from before hashing hold clear text, whatever it looks like.
    if (snapshot.passwordStorage === 'scrypt') for (const user of snapshot.users) passwords.remember(user);
  }
  const journal = await readJournal(paths.journal, paths.given);
  if (journal.torn) {
    options.onWarning?.(
      `warning: the journal ${paths.journal} ended in an incomplete last line (a crash in the middle of a write, whose answer was never sent); it was ignored`,
    );
  }
  const lastSeq = replay(store, passwords, journal.entries, snapshot?.journalSequence ?? 0);
  const migrated = await migratePasswords(store, passwords);
  if (migrated > 0)
    options.onWarning?.(
      `note: ${migrated} clear-text password(s) in ${paths.given} are now stored as salted scrypt hashes`,
    );
  let writer: JournalWriter;
  try {
    writer = await JournalWriter.open(paths.journal, journal.completeBytes, lastSeq);
  } catch (error) {
    throw usage(`Cannot open the journal of the reference server data file ${paths.given}`, error);
  }
  return new Persistence(store, paths, lock, writer, passwords, lastSeq);
}

class Persistence implements StorePersistence {
  private seq: number;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private compacting: Promise<void> | undefined;
  private compactAgain = false;
  private lastError: unknown;
  private stopWatching: (() => void) | undefined;
  private closed: Promise<void> | undefined;
  private closing = false;

  constructor(
    private readonly store: ScimStore,
    private readonly paths: DataFilePaths,
    private readonly lock: DataLock,
    private readonly journal: JournalWriter,
    private readonly passwords: StoredPasswords,
    lastSeq: number,
  ) {
    this.seq = lastSeq;
  }

  async start(): Promise<void> {
    // The first snapshot folds in the replayed journal (and cuts off a torn line for good),
    // the migrated passwords and seeded users, and creates FILE (0600) if it is new.
    await this.compact();
    if (this.lastError !== undefined)
      throw usage(`Cannot write the reference server data file ${this.paths.given}`, this.lastError);
    this.stopWatching = this.store.onChange((change) => this.record(change));
  }

  whenDurable(): Promise<void> {
    return this.journal.whenDurable(this.seq);
  }

  close(): Promise<void> {
    this.closed ??= this.finish();
    return this.closed;
  }

  private record(change: StoreChange): void {
    this.seq += 1;
    const seq = this.seq;
    const revision = this.store.currentRevision();
    let text: Promise<string>;
    if (change.op === 'put') {
      const resource = change.kind === 'User' ? this.passwords.persistable(change.resource) : change.resource;
      text = Promise.resolve(resource).then((persisted) =>
        JSON.stringify({ seq, revision, op: 'put', kind: change.kind, resource: persisted }),
      );
    } else {
      if (change.kind === 'User') this.passwords.forget(change.id);
      text = Promise.resolve(JSON.stringify({ seq, revision, op: 'delete', kind: change.kind, id: change.id }));
    }
    // Counted when written, not here: only the size matters, and the line is ready then.
    void text.then(
      (line) => (this.journalBytes += line.length + 1),
      () => undefined,
    );
    this.journal.append(seq, text);
    this.scheduleCompaction();
  }

  private scheduleCompaction(): void {
    if (this.closing) return;
    if (this.journalBytes >= Math.max(MIN_COMPACTION_BYTES, this.snapshotBytes)) {
      void this.compact();
      return;
    }
    // Restarted on every change: the snapshot is rewritten once writes pause.
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.compact(), SAVE_DEBOUNCE_MS);
  }

  /** Writes a snapshot of the store as of now, then cuts the journal back to what came after. */
  private compact(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.compacting !== undefined) {
      this.compactAgain = true;
      return this.compacting;
    }
    this.compacting = this.writeSnapshot().finally(() => {
      this.compacting = undefined;
      if (this.compactAgain) {
        this.compactAgain = false;
        this.scheduleCompaction();
      }
    });
    return this.compacting;
  }

  private async writeSnapshot(): Promise<void> {
    // Taken in one synchronous step: the snapshot holds exactly the changes up to `seq`.
    const snapshot = this.store.snapshot();
    const seq = this.seq;
    const journalBytesBefore = this.journalBytes;
    try {
      const users = await Promise.all(snapshot.users.map((user) => this.passwords.persistable(user)));
      const persisted: StoreSnapshot = {
        ...snapshot,
        journalSequence: seq,
        passwordStorage: 'scrypt',
        users: users as StoredResource[],
      };
      const text = `${JSON.stringify(persisted)}\n`;
      await writeFileAtomically(this.paths.snapshot, text);
      await this.journal.dropThrough(seq);
      this.snapshotBytes = text.length;
      this.journalBytes = Math.max(0, this.journalBytes - journalBytesBefore);
      this.lastError = undefined;
    } catch (error) {
      this.lastError = error;
    }
  }

  private async finish(): Promise<void> {
    this.closing = true;
    this.stopWatching?.();
    if (this.timer) clearTimeout(this.timer);
    try {
      await this.compacting;
      await this.compact();
      if (this.lastError !== undefined) {
        await this.journal.close();
        throw usage(`Cannot write the reference server data file ${this.paths.given}`, this.lastError);
      }
      await this.journal.remove();
    } finally {
      await this.lock.release();
    }
  }
}
