import { hashPassword, isPasswordHash } from './password-hash.js';
import type { ScimStore, StoredResource } from './store.js';

// Which user passwords are already hashes, for a store kept in a `--data` file. The resource
// service stores what the client sent; hashing (~50 ms) runs on the thread pool off the request
// path, and the answer waits for it together with the journal write, so a clear-text password
// never reaches the disk. Once hashed, the store's copy is replaced with the hash too.

interface PendingHash {
  clear: string;
  hash: Promise<string>;
}

/** The password bookkeeping of one persisted store. */
export class StoredPasswords {
  /** user id → the hash its stored `password` holds. */
  private readonly hashes = new Map<string, string>();
  /** user id → the hash being computed for the clear-text password it was last given. */
  private readonly pending = new Map<string, PendingHash>();

  constructor(private readonly store: ScimStore) {}

  /**
   * Records `user`'s password as a hash, read from a file this server wrote; a value without
   * the shape of one (edited in by hand) is left to be hashed as clear text.
   */
  remember(user: StoredResource): void {
    if (isPasswordHash(user.password)) this.hashes.set(user.id, user.password);
    else this.hashes.delete(user.id);
  }

  /** Drops what is known about a deleted user. */
  forget(id: string): void {
    this.hashes.delete(id);
    this.pending.delete(id);
  }

  /** True when `user` holds a password that is not known to be a hash. */
  needsHash(user: StoredResource): boolean {
    return typeof user.password === 'string' && this.hashes.get(user.id) !== user.password;
  }

  /**
   * `user` as it may be written to disk: unchanged when it has no clear-text password, else a
   * copy with the hash (started at once, so hashing overlaps other work). The same clear-text
   * password given again before its hash is ready is hashed once.
   */
  persistable(user: StoredResource): StoredResource | Promise<StoredResource> {
    if (!this.needsHash(user)) return user;
    const clear = user.password as string;
    let pending = this.pending.get(user.id);
    if (pending?.clear !== clear) {
      const started: PendingHash = { clear, hash: hashPassword(clear) };
      started.hash.then(
        (hash) => this.hashed(user.id, started, hash),
        () => undefined,
      );
      this.pending.set(user.id, started);
      pending = started;
    }
    return pending.hash.then((hash) => ({ ...user, password: hash }));
  }

  private hashed(id: string, pending: PendingHash, hash: string): void {
    if (this.pending.get(id) !== pending) return; // a newer password was given meanwhile
    this.pending.delete(id);
    const current = this.store.get('User', id);
    if (current?.password !== pending.clear) return;
    // The store's object is updated in place: it is the same state (same version), only the
    // password's form changes, and keeping the clear text in memory any longer serves nothing.
    current.password = hash;
    this.hashes.set(id, hash);
  }
}
