import type { ScimResource } from '../scim/resource.js';
import { displayNameKey, MultiIndex, UniqueIndex, userNameKey } from './indexes.js';
import { nextLastModified } from './modified-at.js';

/** The two resource types the reference server serves (ResourceType `name`s, RFC 7643 §6). */
export type ResourceKind = 'User' | 'Group';

/** `meta` as stored; `location` is derived from the base URL when a resource is rendered. */
export interface StoredMeta {
  resourceType: ResourceKind;
  created: string;
  lastModified: string;
  version: string;
}

/**
 * A resource as the store keeps it: canonical attribute names, write-only values included
 * (e.g. `password`), computed attributes (User `groups`, member `$ref`/`display`) excluded.
 */
export type StoredResource = ScimResource & { id: string; meta: StoredMeta };

/** What `--data` files hold (see persistence.ts). */
export interface StoreSnapshot {
  format: 'scim-check-reference-store';
  formatVersion: 1;
  revision: number;
  /**
   * The last journal entry the snapshot includes (journal.ts); entries after it are replayed on
   * top. Absent in files written before the journal existed.
   */
  journalSequence?: number;
  /**
   * `scrypt` when every stored `password` is a hash (password-hash.ts). Absent in files written
   * before passwords were hashed: their passwords are clear text, hashed when loaded.
   */
  passwordStorage?: 'scrypt';
  users: StoredResource[];
  groups: StoredResource[];
}

/**
 * One change to the store, as persistence records it: a resource stored whole, or removed.
 * A delete that cleans up memberships is reported as the delete plus a `put` per changed group.
 */
export type StoreChange =
  | { op: 'put'; kind: ResourceKind; resource: StoredResource }
  | { op: 'delete'; kind: ResourceKind; id: string };

function memberIds(group: ScimResource): string[] {
  const members = group.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((member) =>
    member !== null && typeof member === 'object' && typeof (member as { value?: unknown }).value === 'string'
      ? [(member as { value: string }).value]
      : [],
  );
}

/**
 * The in-memory resource store of the reference server, with its indexes. It keeps data
 * consistent (indexes, membership clean-up on delete) but applies no SCIM validation:
 * that is the resource service's job.
 */
export class ScimStore {
  private readonly users = new Map<string, StoredResource>();
  private readonly groups = new Map<string, StoredResource>();
  private readonly userNames = new UniqueIndex();
  private readonly externalIds = { User: new MultiIndex(), Group: new MultiIndex() };
  private readonly groupNames = new MultiIndex();
  /** member id → ids of the groups that list it directly. */
  private readonly memberships = new MultiIndex();
  private revision = 0;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  private collection(kind: ResourceKind): Map<string, StoredResource> {
    return kind === 'User' ? this.users : this.groups;
  }

  /** A new version string; globally increasing so no two states of any resource share one. */
  nextVersion(): string {
    this.revision += 1;
    return this.revision.toString(36);
  }

  get(kind: ResourceKind, id: string): StoredResource | undefined {
    return this.collection(kind).get(id);
  }

  /** Which type an id belongs to (ids are unique across types), for member `type`. */
  kindOf(id: string): ResourceKind | undefined {
    if (this.users.has(id)) return 'User';
    if (this.groups.has(id)) return 'Group';
    return undefined;
  }

  /** All resources of a type, in creation order. */
  all(kind: ResourceKind): IterableIterator<StoredResource> {
    return this.collection(kind).values();
  }

  count(kind: ResourceKind): number {
    return this.collection(kind).size;
  }

  /** The id of the user whose `userName` equals `userName` ignoring case, if any. */
  userIdByUserName(userName: string): string | undefined {
    return this.userNames.get(userNameKey(userName));
  }

  idsByExternalId(kind: ResourceKind, externalId: string): string[] {
    return this.externalIds[kind].get(externalId);
  }

  groupIdsByDisplayName(displayName: string): string[] {
    return this.groupNames.get(displayNameKey(displayName));
  }

  /** Ids of the groups that list `memberId` as a direct member. */
  groupsOfMember(memberId: string): string[] {
    return this.memberships.get(memberId);
  }

  /** The index entries a resource contributes: (index, key) pairs that point at its id. */
  private entriesOf(kind: ResourceKind, resource: StoredResource): [MultiIndex | UniqueIndex, string][] {
    const entries: [MultiIndex | UniqueIndex, string][] = [];
    if (typeof resource.externalId === 'string') entries.push([this.externalIds[kind], resource.externalId]);
    if (kind === 'User') {
      if (typeof resource.userName === 'string') entries.push([this.userNames, userNameKey(resource.userName)]);
      return entries;
    }
    if (typeof resource.displayName === 'string') entries.push([this.groupNames, displayNameKey(resource.displayName)]);
    for (const memberId of memberIds(resource)) entries.push([this.memberships, memberId]);
    return entries;
  }

  private index(kind: ResourceKind, resource: StoredResource): void {
    for (const [index, key] of this.entriesOf(kind, resource)) index.add(key, resource.id);
  }

  private unindex(kind: ResourceKind, resource: StoredResource): void {
    for (const [index, key] of this.entriesOf(kind, resource)) index.remove(key, resource.id);
  }

  /** Inserts or replaces a resource (by `id`) and keeps every index in step. */
  put(kind: ResourceKind, resource: StoredResource): void {
    const collection = this.collection(kind);
    const previous = collection.get(resource.id);
    if (previous) this.unindex(kind, previous);
    collection.set(resource.id, resource);
    this.index(kind, resource);
    this.changed({ op: 'put', kind, resource });
  }

  /**
   * Deletes a resource. Groups that listed it lose that member and get a new version, since
   * their membership changed (RFC 7644 §3.6 leaves other resources intact otherwise).
   */
  delete(kind: ResourceKind, id: string, now: string = new Date().toISOString()): boolean {
    const collection = this.collection(kind);
    const resource = collection.get(id);
    if (!resource) return false;
    this.unindex(kind, resource);
    collection.delete(id);
    this.changed({ op: 'delete', kind, id });
    for (const groupId of this.groupsOfMember(id)) {
      const group = this.groups.get(groupId);
      if (!group) continue;
      const members = Array.isArray(group.members)
        ? group.members.filter((member) => (member as { value?: unknown }).value !== id)
        : [];
      const updated: StoredResource = {
        ...group,
        meta: {
          ...group.meta,
          lastModified: nextLastModified(now, group.meta.lastModified),
          version: this.nextVersion(),
        },
      };
      if (members.length > 0) updated.members = members;
      else delete updated.members;
      this.unindex('Group', group);
      this.groups.set(groupId, updated);
      this.index('Group', updated);
      this.changed({ op: 'put', kind: 'Group', resource: updated });
    }
    return true;
  }

  /** A deep-enough copy of the whole state, for persistence and for tests that compare states. */
  snapshot(): StoreSnapshot {
    return {
      format: 'scim-check-reference-store',
      formatVersion: 1,
      revision: this.revision,
      users: [...this.users.values()],
      groups: [...this.groups.values()],
    };
  }

  /** Replaces the whole state with a snapshot's. */
  load(snapshot: StoreSnapshot): void {
    this.users.clear();
    this.groups.clear();
    this.userNames.clear();
    this.externalIds.User.clear();
    this.externalIds.Group.clear();
    this.groupNames.clear();
    this.memberships.clear();
    for (const user of snapshot.users) {
      this.users.set(user.id, user);
      this.index('User', user);
    }
    for (const group of snapshot.groups) {
      this.groups.set(group.id, group);
      this.index('Group', group);
    }
    this.advanceRevision(snapshot.revision);
  }

  /** The revision the last version string was made from (see nextVersion). */
  currentRevision(): number {
    return this.revision;
  }

  /** Makes sure later versions are newer than `revision` (after loading saved state). */
  advanceRevision(revision: number): void {
    this.revision = Math.max(this.revision, revision);
  }

  /** Registers a callback run after every change, with the change (used by persistence). */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

/** Creates an empty store; the running server exposes its store as `RunningReferenceServer.store`. */
export function createStore(): ScimStore {
  return new ScimStore();
}
