import type { ResourceKind } from '../scim/resource-path.js';

/** A resource this run created and may therefore change or delete. */
export interface OwnedResource {
  kind: ResourceKind;
  id: string;
  /** userName or displayName as the run sent it, for leftovers listings. */
  name: string;
  /** Who created it (a scenario file, `load`): cleanup deletes one scope's resources at a time. */
  scope: string;
}

/**
 * Something the run asked the server to create that may exist now although the run never got
 * (or never accepted) its id: a create that timed out, a 201 the run could not use, a PUT the
 * server answered 201. Only its run-tokened name can find it.
 */
export interface PossibleLeftover {
  resourceType: ResourceKind;
  name: string;
  /** The SCIM filter that finds it: `userName eq "…"` or `displayName eq "…"`. */
  search: string;
  reason: string;
}

interface ScopedPossibleLeftover extends PossibleLeftover {
  scope: string;
}

/**
 * A create the server answered `202 Accepted` (RFC 9967 §2.5.1.1) whose `Location` names the id the
 * resource will have. Nothing in a 202 shows what was created, and the resource may not exist yet:
 * it is adopted only once a read shows that id with the identity that was sent (record-in-ledger.ts).
 */
export interface AcceptedCreate extends OwnedResource {
  /** The create's body as sent. */
  sent: unknown;
}

/** The filter attribute that names a resource of a kind (RFC 7643 §4.1.1, §4.2). */
export function nameAttribute(kind: ResourceKind): 'userName' | 'displayName' {
  return kind === 'User' ? 'userName' : 'displayName';
}

/**
 * The only answer to "may this run write to that id?" (DESIGN.md, "One door for every request").
 * Ids enter it only from creates this run sent whose answers identify what was sent; ids the run
 * saw on resources it did not create are remembered as foreign and can never enter it. It also
 * keeps what may have been left behind, so every report can say so truthfully.
 */
export class RunLedger {
  private readonly owned = new Map<string, OwnedResource>();
  /** Ids the run created and has since deleted: still its own to probe (PUT or PATCH after DELETE must be 404). */
  private readonly retired = new Set<string>();
  private readonly foreign = new Set<string>();
  /** Owned ids the run sent a DELETE for whose answer did not say whether it worked (5xx, no answer). */
  private readonly deleteSent = new Set<string>();
  private readonly possible: ScopedPossibleLeftover[] = [];
  /** Accepted creates no read has shown yet, by the id their Location named: neither owned nor foreign. */
  private readonly accepted = new Map<string, AcceptedCreate>();
  /** Every id a create answer carried in this run (CREATE-ID uniqueness), adopted or not. */
  readonly issuedIds = new Set<string>();

  /**
   * @param runId the run's unique token: an id that embeds it was minted by the run itself (a
   *   ghost id for PUT-NO-CREATE), so no real resource can carry it.
   */
  constructor(readonly runId: string) {}

  owns(id: string): boolean {
    return this.owned.has(id);
  }

  isForeign(id: string): boolean {
    return this.foreign.has(id);
  }

  /** Whether the run may send a write that addresses this id. */
  mayWrite(id: string): boolean {
    if (this.owned.has(id)) return true;
    if (this.foreign.has(id)) return false;
    return this.retired.has(id) || (this.runId.length > 0 && id.includes(this.runId));
  }

  /** Why an answer's id cannot be adopted, if it cannot (the caller already judged the identity). */
  adoptionBlocker(id: string): string | undefined {
    if (this.foreign.has(id))
      return `the id ${JSON.stringify(id)} belongs to a resource this run did not create (it was seen in a list, lookup or read)`;
    if (this.issuedIds.has(id) || this.owned.has(id))
      return `the id ${JSON.stringify(id)} was already issued to another resource in this run`;
    return undefined;
  }

  /**
   * Why an id an action came back with is not the run's own, if it is not: an upsert, a loose
   * match, a push-by-name lookup or an adopt-on-409 can hand back a resource that already existed.
   * `run` and `load` both stop the action on it and never address it again.
   */
  notOwnedReason(kind: ResourceKind, id: string): string | undefined {
    return this.owned.has(id)
      ? undefined
      : `the ${kind} the server pointed to (id ${JSON.stringify(id)}) was not created by this run`;
  }

  adopt(resource: OwnedResource): void {
    this.owned.set(resource.id, resource);
  }

  /** An id seen on a resource the run did not create: never a write target from now on. */
  sawForeign(id: string): void {
    if (!this.owned.has(id)) this.foreign.add(id);
  }

  /** The resource is gone (deleted, or the server says it never was). */
  release(id: string): void {
    this.deleteSent.delete(id);
    if (this.owned.delete(id)) this.retired.add(id);
  }

  /**
   * A DELETE of an owned resource went out but its answer did not settle it (a 5xx, a timeout):
   * the server may well have deleted it. Cleanup then asks before deleting again, since a second
   * DELETE of a deleted resource may be answered with anything (400, 500), not only 404.
   */
  deletionSent(id: string): void {
    if (this.owned.has(id)) this.deleteSent.add(id);
  }

  /** Whether a DELETE of this owned resource already went out without a settling answer. */
  wasDeletionSent(id: string): boolean {
    return this.deleteSent.has(id);
  }

  /** Waits for an accepted create to show at the id its Location named (see {@link AcceptedCreate}). */
  awaitCreation(create: AcceptedCreate): void {
    if (!this.owned.has(create.id) && !this.foreign.has(create.id)) this.accepted.set(create.id, create);
  }

  /** The accepted create expected at this id, while no read has settled it. */
  acceptedCreation(id: string): AcceptedCreate | undefined {
    return this.accepted.get(id);
  }

  /** A read settled the accepted create at this id: adopted, or shown to be something else. */
  settleCreation(id: string): void {
    this.accepted.delete(id);
  }

  possiblyLeft(scope: string, leftover: PossibleLeftover): void {
    this.possible.push({ ...leftover, scope });
  }

  /** What the run created and has not deleted, oldest first; one scope's, or all. */
  outstanding(scope?: string): OwnedResource[] {
    const all = [...this.owned.values()];
    return scope === undefined ? all : all.filter((resource) => resource.scope === scope);
  }

  /** What may exist although the run holds no id for it; one scope's, or all. */
  possibleLeftovers(scope?: string): PossibleLeftover[] {
    // An accepted create no read has shown may exist by now; only its name can find it.
    const pending: ScopedPossibleLeftover[] = [...this.accepted.values()].map((create) => ({
      scope: create.scope,
      resourceType: create.kind,
      name: create.name,
      search: `${nameAttribute(create.kind)} eq ${JSON.stringify(create.name)}`,
      reason:
        'the server accepted the create for asynchronous processing (202 Accepted) and no read showed the resource, so the run holds no id for it',
    }));
    return [...this.possible, ...pending]
      .filter((entry) => scope === undefined || entry.scope === scope)
      .map(({ scope: _scope, ...entry }) => entry);
  }

  /** How many resources the run owns right now. */
  get size(): number {
    return this.owned.size;
  }
}
