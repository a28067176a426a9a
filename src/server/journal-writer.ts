import { type FileHandle, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE, syncDirectory, writeFileAtomically } from './durable-file.js';

// Appends store changes to the journal (journal-reader.ts describes the file) and tells each
// request when its change is on the disk. Lines that arrive while a write is under way are
// written together by the next write, with one fdatasync for all of them (a group commit), so
// many concurrent clients cost few flushes.

interface QueuedLine {
  seq: number;
  /** Pending while a password in the change is being hashed. */
  text: Promise<string>;
}

interface WrittenLine {
  seq: number;
  text: string;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The open journal of one data file. */
export class JournalWriter {
  private queue: QueuedLine[] = [];
  /** Lines written since the journal was last cut back, kept for the next cut (dropThrough). */
  private written: WrittenLine[] = [];
  private waiters: Waiter[] = [];
  private durableThrough: number;
  /** The last write failed: later lines are kept, not written, until a cut rewrites the file. */
  private failure: unknown;
  private cutRequest: { seq: number; done: () => void; failed: (error: unknown) => void } | undefined;
  private running: Promise<void> | undefined;

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    startSeq: number,
  ) {
    this.durableThrough = startSeq;
  }

  /**
   * Opens (or creates, 0600) the journal for appending after its first `completeBytes` bytes:
   * a torn line a crash left at the end is cut off first, so the next line is not glued to it.
   */
  static async open(path: string, completeBytes: number, lastSeq: number): Promise<JournalWriter> {
    const handle = await open(path, 'a', PRIVATE_FILE_MODE);
    try {
      if ((await handle.stat()).size > completeBytes) {
        await handle.truncate(completeBytes);
        await handle.sync();
      }
      // The journal's own directory entry must survive a crash as well as its lines.
      await syncDirectory(dirname(path));
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalWriter(path, handle, lastSeq);
  }

  /** Queues a line (`text` resolves to it, without the newline) and starts writing if idle. */
  append(seq: number, text: Promise<string>): void {
    this.queue.push({ seq, text });
    this.run();
  }

  /** Resolves once every line up to `seq` is on the disk; rejects when writing one of them failed. */
  whenDurable(seq: number): Promise<void> {
    if (seq <= this.durableThrough) return Promise.resolve();
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /**
   * Cuts the journal back to the lines after `seq`, once a snapshot holding everything up to
   * `seq` is safely on the disk. Also repairs a journal whose last write failed.
   */
  dropThrough(seq: number): Promise<void> {
    return new Promise((done, failed) => {
      this.cutRequest = { seq, done, failed };
      this.run();
    });
  }

  /** Waits for queued lines, then closes the file. */
  async close(): Promise<void> {
    while (this.running !== undefined) await this.running;
    await this.handle.close();
  }

  /** Closes and deletes the journal: after a clean shutdown the snapshot holds everything. */
  async remove(): Promise<void> {
    await this.close();
    await unlink(this.path);
    await syncDirectory(dirname(this.path));
  }

  private run(): void {
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0 || this.cutRequest !== undefined) this.run();
    });
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0 || this.cutRequest !== undefined) {
      const cut = this.cutRequest;
      if (cut !== undefined) {
        this.cutRequest = undefined;
        await this.cut(cut.seq).then(cut.done, cut.failed);
        continue;
      }
      await this.writeBatch(this.queue.splice(0));
    }
  }

  private async writeBatch(batch: QueuedLine[]): Promise<void> {
    let lines: WrittenLine[] | undefined;
    try {
      lines = await Promise.all(batch.map(async ({ seq, text }) => ({ seq, text: await text })));
      if (this.failure === undefined) {
        // appendFile writes the whole text (write() may stop short); O_APPEND puts it at the end.
        await this.handle.appendFile(lines.map((line) => `${line.text}\n`).join(''), 'utf8');
        await this.handle.datasync();
      }
    } catch (error) {
      this.failure ??= error;
    }
    if (lines !== undefined) this.written.push(...lines);
    else this.failure ??= new Error('a journal line could not be prepared');
    if (this.failure === undefined) this.durableThrough = batch[batch.length - 1]?.seq ?? this.durableThrough;
    this.settle();
  }

  private async cut(seq: number): Promise<void> {
    const keep = this.written.filter((line) => line.seq > seq);
    if (keep.length === 0) {
      await this.handle.truncate(0);
      await this.handle.sync();
    } else {
      // Rare: changes made while the snapshot was being written. The file is rewritten with
      // just those, atomically, so a crash meanwhile leaves the old journal whole.
      await this.handle.close();
      try {
        await writeFileAtomically(this.path, keep.map((line) => `${line.text}\n`).join(''));
      } finally {
        this.handle = await open(this.path, 'a', PRIVATE_FILE_MODE);
      }
    }
    this.written = keep;
    // Everything up to `seq` is in the snapshot, and everything kept is in the file now.
    this.failure = undefined;
    this.durableThrough = Math.max(this.durableThrough, seq, keep[keep.length - 1]?.seq ?? 0);
    this.settle();
  }

  private settle(): void {
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.seq <= this.durableThrough) waiter.resolve();
      else if (this.failure !== undefined) waiter.reject(this.failure);
      else waiting.push(waiter);
    }
    this.waiters = waiting;
  }
}
