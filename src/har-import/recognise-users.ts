import {
  activeSetBy,
  booleanOf,
  changedAttributes,
  operationsOf,
  patchChanges,
  referencedId,
} from './patch-operations.js';
import { at, type Cursor, eqFilter, isObject, raw, responseId } from './recognise-context.js';
import type { RecognisedStep } from './recognised-step.js';
import { addressedBy } from './scim-path.js';

/*
 * The requests about users: an assignment (lookup and create, or lookup of a user the server
 * already had and the profile push that links it), a profile update (GET + PUT, or a PATCH of
 * attributes), an activation change, and a DELETE.
 */

/** `GET /Users?filter=userName eq …`: the lookup of an assignment, and what follows it. */
function assignment(cursor: Cursor): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const { kind, id } = addressedBy(exchange.path);
  const filter = eqFilter(exchange);
  if (
    kind !== 'Users' ||
    id !== undefined ||
    exchange.method !== 'GET' ||
    filter?.attribute.toLowerCase() !== 'username'
  )
    return undefined;
  const { directory } = cursor;
  const next = at(cursor, 1);
  const createBody = next?.method === 'POST' && next.path === '/Users' && isObject(next.body) ? next.body : undefined;
  if (createBody !== undefined && String(createBody.userName).toLowerCase() === filter.value.toLowerCase()) {
    const user = directory.userByName(filter.value) ?? directory.addUser(filter.value);
    user.created = createBody;
    user.last = isObject(next!.responseBody) ? next!.responseBody : createBody;
    user.id = responseId(next!) ?? user.id;
    return { action: 'assignUser', user, exchanges: [exchange, next!] };
  }
  const found =
    isObject(exchange.responseBody) && Array.isArray(exchange.responseBody.Resources)
      ? exchange.responseBody.Resources.find(isObject)
      : undefined;
  if (found === undefined || typeof found.id !== 'string' || directory.userById(found.id) !== undefined)
    return raw(cursor, 'a lookup of userName without a following create');
  // A user the server already had: the IdP links it and pushes its profile (Okta: GET + PUT; Entra: one PATCH).
  const user = directory.addUser(filter.value);
  user.id = found.id;
  user.created = found;
  user.last = found;
  const linked = [exchange];
  for (let follow = at(cursor, 1); follow !== undefined && addressedBy(follow.path).id === found.id; ) {
    linked.push(follow);
    if (follow.method === 'PUT' || (follow.method === 'PATCH' && at(cursor, linked.length)?.method !== 'GET')) break;
    follow = at(cursor, linked.length);
  }
  return { action: 'assignUser', user, exchanges: linked };
}

/** `POST /Users` without a lookup before it. */
function create(cursor: Cursor): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const body = isObject(exchange.body) ? exchange.body : undefined;
  if (exchange.method !== 'POST' || exchange.path !== '/Users' || typeof body?.userName !== 'string') return undefined;
  const user = cursor.directory.userByName(body.userName) ?? cursor.directory.addUser(body.userName);
  user.created = body;
  user.last = isObject(exchange.responseBody) ? exchange.responseBody : body;
  user.id = responseId(exchange) ?? user.id;
  return { action: 'assignUser', user, exchanges: [exchange] };
}

/** A request for `/Users/{id}`: update, (de)activation or delete of a user the recording knows. */
function userRequest(cursor: Cursor, unassignDeletes: boolean): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const { kind, id } = addressedBy(exchange.path);
  if (kind !== 'Users' || id === undefined) return undefined;
  const user = cursor.directory.userById(id);
  if (user === undefined) return raw(cursor, 'a request for a user the recording never created or looked up');
  const next = at(cursor, 1);
  const put =
    exchange.method === 'GET' && next?.method === 'PUT' && next.path === exchange.path
      ? next
      : exchange.method === 'PUT'
        ? exchange
        : undefined;
  if (put !== undefined && isObject(put.body)) {
    const read = put === exchange ? [exchange] : [exchange, put];
    const before = put !== exchange && isObject(exchange.responseBody) ? exchange.responseBody : (user.last ?? {});
    const changes = changedAttributes(before, put.body);
    user.last = put.body;
    const active = booleanOf(changes.active);
    if (Object.keys(changes).length === 1 && active !== undefined)
      return { action: active ? 'reactivateUser' : 'deactivateUser', user, exchanges: read };
    return { action: 'updateUser', user, set: changes, exchanges: read };
  }
  if (exchange.method === 'PATCH') {
    const operations = operationsOf(exchange.body);
    const actives = operations?.map(activeSetBy) ?? [];
    if (operations !== undefined && operations.length > 0 && actives.every((active) => active !== undefined))
      return { action: actives.at(-1) ? 'reactivateUser' : 'deactivateUser', user, exchanges: [exchange] };
    const changes = operations === undefined ? undefined : patchChanges(operations);
    if (changes === undefined || Object.keys(changes).length === 0)
      return raw(cursor, 'a PATCH of the user that no `set:` can express (a remove, or a filtered path)');
    if (changes.manager !== undefined) {
      const manager = cursor.directory.userById(referencedId(changes.manager));
      if (manager === undefined) return raw(cursor, 'a manager the recording never created');
      changes.manager = { userRef: manager };
    }
    return { action: 'updateUser', user, set: changes, exchanges: [exchange] };
  }
  if (exchange.method === 'DELETE')
    return { action: unassignDeletes ? 'unassignUser' : 'deleteUser', user, exchanges: [exchange] };
  return raw(cursor, `a ${exchange.method} of a user that is not part of an IdP action`);
}

/**
 * The user rule at the cursor, or undefined when the request is not about users. `unassignDeletes`:
 * whether the profile's unassignment is a DELETE (then a DELETE is `unassignUser`, else `deleteUser`).
 */
export function userAction(cursor: Cursor, unassignDeletes: boolean): RecognisedStep | undefined {
  return assignment(cursor) ?? create(cursor) ?? userRequest(cursor, unassignDeletes);
}
