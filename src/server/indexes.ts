/**
 * In-memory secondary indexes of the reference store. They make the lookups IdPs do before
 * every create (`userName eq`, `externalId eq`, `displayName eq`) O(1), and they are the
 * uniqueness check, so creating N users stays linear.
 */

/** The key `userName` is unique under: case-insensitive and in NFC, a practical stand-in for PRECIS (RFC 7644 §5, RFC 7643 §4.1.1). */
export function userNameKey(userName: string): string {
  return userName.toLowerCase().normalize('NFC');
}

/** Case-insensitive key for Group `displayName` (caseExact false in RFC 7643 §4.2). */
export function displayNameKey(displayName: string): string {
  return displayName.toLowerCase().normalize('NFC');
}

/** A key that maps to many ids. A single id is stored bare, so the common 1:1 case costs no Set. */
export class MultiIndex {
  private readonly entries = new Map<string, string | Set<string>>();

  add(key: string, id: string): void {
    const existing = this.entries.get(key);
    if (existing === undefined) this.entries.set(key, id);
    else if (typeof existing === 'string') {
      if (existing !== id) this.entries.set(key, new Set([existing, id]));
    } else existing.add(id);
  }

  remove(key: string, id: string): void {
    const existing = this.entries.get(key);
    if (existing === undefined) return;
    if (typeof existing === 'string') {
      if (existing === id) this.entries.delete(key);
      return;
    }
    existing.delete(id);
    if (existing.size === 1) this.entries.set(key, existing.values().next().value as string);
    else if (existing.size === 0) this.entries.delete(key);
  }

  /** The ids under `key`, in no particular order. */
  get(key: string): string[] {
    const existing = this.entries.get(key);
    if (existing === undefined) return [];
    return typeof existing === 'string' ? [existing] : [...existing];
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A key that maps to at most one id (the uniqueness index for `userName`). */
export class UniqueIndex {
  private readonly entries = new Map<string, string>();

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  add(key: string, id: string): void {
    this.entries.set(key, id);
  }

  /** Removes the key only when it still points at `id`. */
  remove(key: string, id: string): void {
    if (this.entries.get(key) === id) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
