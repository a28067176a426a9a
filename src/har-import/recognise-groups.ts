import { operationsOf, type RecordedOperation } from './patch-operations.js';
import { at, type Cursor, documentedAction, eqFilter, isObject, raw, responseId } from './recognise-context.js';
import type { RecognisedStep, RecordedGroup, RecordedUser } from './recognised-step.js';
import type { RecordedExchange } from './recorded-exchange.js';
import { addressedBy } from './scim-path.js';

/*
 * The requests about groups: a push (lookup, create, and the PATCHes that finish it), a later
 * membership change or full push, member additions and removals, a rename, and a delete.
 */

const isMembersPath = (operation: RecordedOperation): boolean => operation.path?.toLowerCase() === 'members';
const valuesOf = (operations: RecordedOperation[]): unknown[] =>
  operations.flatMap((operation) => (Array.isArray(operation.value) ? operation.value : []));

/** Member ids a remove operation names: a `members[value eq "id"]` path, or Entra's value array. */
function removedIds(operation: RecordedOperation): unknown[] | undefined {
  if (operation.op !== 'remove') return undefined;
  const filtered = /^members\[value eq "([^"]+)"\]$/i.exec(operation.path ?? '');
  if (filtered) return [filtered[1]];
  if (isMembersPath(operation) && Array.isArray(operation.value)) return operation.value;
  return undefined;
}

/** The new name a group PATCH sets: `path: displayName`, or a path-less replace with `displayName` (Okta). */
function renamedTo(operations: RecordedOperation[]): string | undefined {
  if (operations.length !== 1) return undefined;
  const [operation] = operations as [RecordedOperation];
  if (operation.op !== 'replace') return undefined;
  if (operation.path?.toLowerCase() === 'displayname' && typeof operation.value === 'string') return operation.value;
  if (operation.path === undefined && isObject(operation.value) && typeof operation.value.displayName === 'string') {
    const others = Object.keys(operation.value).filter((key) => key !== 'displayName' && key !== 'id');
    return others.length === 0 ? operation.value.displayName : undefined;
  }
  return undefined;
}

/** What a membership PATCH does to the group, in the admin's terms; undefined when it is not one. */
type MembershipChange =
  | { kind: 'add'; users: RecordedUser[] }
  | { kind: 'remove'; users: RecordedUser[] }
  | { kind: 'push'; members: RecordedUser[] };

/**
 * Reads a group PATCH as a membership change: only adds (`addMembers`), only removes
 * (`removeMembers`), removes and adds together (Okta's membership update, SCIM 2.0 reference
 * "Update specific Group membership") or a `replace` of `members` (Okta's full push, same
 * section): both of the last are what a push of a linked group sends (`pushGroup`).
 */
function membershipChange(
  cursor: Cursor,
  group: RecordedGroup,
  operations: RecordedOperation[],
): MembershipChange | undefined {
  if (operations.length === 0) return undefined;
  const { directory } = cursor;
  const adds = operations.filter((operation) => operation.op === 'add' && isMembersPath(operation));
  const removes = operations.map(removedIds);
  const replaces = operations.filter((operation) => operation.op === 'replace' && isMembersPath(operation));
  if (replaces.length === 1 && operations.length === 1) {
    const members = directory.members(replaces[0]!.value);
    return members === undefined ? undefined : { kind: 'push', members };
  }
  if (adds.length + removes.filter((ids) => ids !== undefined).length !== operations.length) return undefined;
  const added = directory.members(valuesOf(adds));
  const removed = directory.members(removes.flatMap((ids) => ids ?? []));
  if (added === undefined || removed === undefined) return undefined;
  if (removed.length === 0) return { kind: 'add', users: added };
  if (added.length === 0) return { kind: 'remove', users: removed };
  const kept = group.members.filter((member) => !removed.includes(member));
  return { kind: 'push', members: [...kept, ...added.filter((user) => !kept.includes(user))] };
}

/** The operations of a PATCH of the same group at `offset`, when the request there is one. */
function groupPatchAt(cursor: Cursor, offset: number, id: string | undefined): RecordedOperation[] | undefined {
  const follow = at(cursor, offset);
  return follow?.method === 'PATCH' && id !== undefined && addressedBy(follow.path).id === id
    ? operationsOf(follow.body)
    : undefined;
}

/** `POST /Groups`, with the displayName lookup before it and the PATCHes that finish the push. */
function push(cursor: Cursor): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const { kind, id } = addressedBy(exchange.path);
  const lookup = exchange.method === 'GET' && eqFilter(exchange)?.attribute.toLowerCase() === 'displayname';
  if (kind !== 'Groups' || id !== undefined || (exchange.method !== 'POST' && !lookup)) return undefined;
  const next = at(cursor, 1);
  const create: RecordedExchange | undefined = !lookup
    ? exchange
    : next?.method === 'POST' && next.path === '/Groups'
      ? next
      : undefined;
  const createBody = create !== undefined && isObject(create.body) ? create.body : undefined;
  if (create === undefined || typeof createBody?.displayName !== 'string')
    return raw(cursor, 'a group lookup without a following create');
  const group = cursor.directory.addGroup(createBody.displayName);
  group.id = responseId(create);
  const used = lookup ? [exchange, create] : [create];
  group.members = cursor.directory.members(createBody.members ?? []) ?? [];
  // The PATCHes that finish a push: Okta re-sends the name, then adds the members; Entra adds them.
  const rename = groupPatchAt(cursor, used.length, group.id);
  if (rename !== undefined && renamedTo(rename) === group.displayName) used.push(at(cursor, used.length)!);
  const adds = groupPatchAt(cursor, used.length, group.id);
  const change = adds === undefined ? undefined : membershipChange(cursor, group, adds);
  if (change?.kind === 'add') {
    group.members = [...group.members, ...change.users];
    used.push(at(cursor, used.length)!);
  }
  return { action: 'pushGroup', group, members: [...group.members], exchanges: used };
}

/** A request for `/Groups/{id}`: a membership change, a rename, or a delete. */
function groupRequest(cursor: Cursor): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const { kind, id } = addressedBy(exchange.path);
  if (kind !== 'Groups' || id === undefined) return undefined;
  const group = cursor.directory.groupById(id);
  if (group === undefined) return raw(cursor, 'a request for a group the recording never pushed');
  if (exchange.method === 'DELETE') {
    // Okta deletes a pushed group only when the admin unlinks it with "Delete the group in the
    // target app" (okta-evidence.ts, okta.group.delete); Entra's DELETE is the group's delete.
    const action = documentedAction(cursor.profile, { purpose: 'deleteGroup', method: 'DELETE', path: exchange.path });
    group.members = [];
    return action === 'unlinkGroup'
      ? { action: 'unlinkGroup', group, deleteInTarget: true, exchanges: [exchange] }
      : { action: 'deleteGroup', group, exchanges: [exchange] };
  }
  const operations = exchange.method === 'PATCH' ? operationsOf(exchange.body) : undefined;
  if (operations === undefined) return raw(cursor, `a ${exchange.method} of a group that is not part of an IdP action`);
  // Okta re-sends the group's name before each membership change (SCIM 2.0 reference, "Update a specific Group").
  const following = groupPatchAt(cursor, 1, id);
  const resent = renamedTo(operations) === group.currentName && following !== undefined;
  const used = resent ? [exchange, at(cursor, 1)!] : [exchange];
  const change = membershipChange(cursor, group, resent ? following! : operations);
  if (change?.kind === 'add') {
    group.members = [...group.members, ...change.users.filter((user) => !group.members.includes(user))];
    return { action: 'addMembers', group, users: change.users, exchanges: used };
  }
  if (change?.kind === 'remove') {
    group.members = group.members.filter((member) => !change.users.includes(member));
    return { action: 'removeMembers', group, users: change.users, exchanges: used };
  }
  if (change?.kind === 'push') {
    group.members = change.members;
    return { action: 'pushGroup', group, members: [...change.members], exchanges: used };
  }
  const to = renamedTo(operations);
  if (to !== undefined && to !== group.currentName) {
    group.currentName = to;
    return { action: 'renameGroup', group, to, exchanges: [exchange] };
  }
  return raw(cursor, `a ${exchange.method} of a group that is not part of an IdP action`);
}

/** The group rule at the cursor, or undefined when the request is not about groups. */
export function groupAction(cursor: Cursor): RecognisedStep | undefined {
  return push(cursor) ?? groupRequest(cursor);
}
