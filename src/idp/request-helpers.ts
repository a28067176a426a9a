import { type Exchange, bodyObject as exchangeBody, isSuccess } from '../http/exchange.js';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import type { ActionOutcome, ActionProgram, GroupView, MemberRef, PlannedRequest, UserView } from './profile.js';

/** Yields one request and hands back its exchange: `const exchange = yield* send(...)`. */
export function* send(request: PlannedRequest): Generator<PlannedRequest, Exchange, Exchange> {
  return yield request;
}

export { isSuccess };

/** The response body as a SCIM resource, when it is a JSON object. */
export function bodyObject(exchange: Exchange): ScimResource | undefined {
  return exchangeBody(exchange) as ScimResource | undefined;
}

/** The id in a create response, or a failure outcome explaining why there is none. */
export function createdId(exchange: Exchange, what: string): { id: string } | { failure: ActionOutcome } {
  if (!exchange.response)
    return { failure: { failed: `creating ${what} got no response: ${exchange.error?.message ?? 'unknown error'}` } };
  if (!isSuccess(exchange))
    return { failure: { failed: `creating ${what} was refused with ${exchange.response.status}` } };
  const id = bodyObject(exchange)?.id;
  if (typeof id === 'string' && id.length > 0) return { id };
  // An empty create body fails an Okta provisioning job ("Create new user returned empty user").
  return { failure: { failed: `creating ${what} returned no id in the body` } };
}

/** The resources of a ListResponse, or [] when the body is not one. */
export function listedResources(exchange: Exchange): ScimResource[] {
  const resources = bodyObject(exchange)?.Resources;
  return Array.isArray(resources) ? (resources as ScimResource[]) : [];
}

export function totalResults(exchange: Exchange): number | undefined {
  const total = bodyObject(exchange)?.totalResults;
  return typeof total === 'number' ? total : undefined;
}

/** A `attr eq "value"` filter with the value escaped per RFC 7644 §3.4.2.2 (JSON string rules). */
export function eqFilter(attribute: string, value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

/** The PatchOp envelope (RFC 7644 §3.5.2). */
export function patchBody(operations: unknown[]): Record<string, unknown> {
  return { schemas: [URN.patchOp], Operations: operations };
}

/** Friendly attribute names of scenario `set:` blocks, mapped to SCIM attribute paths. */
const FRIENDLY_PATHS: Record<string, string> = {
  givenName: 'name.givenName',
  familyName: 'name.familyName',
  middleName: 'name.middleName',
  email: 'emails[type eq "work"].value',
  // The manager's id (enterprise extension, RFC 7643 §4.3); Entra sets it by reference.
  manager: `${URN.enterpriseUser}:manager.value`,
};

export function toScimPath(key: string): string {
  return FRIENDLY_PATHS[key] ?? key;
}

/** The SCIM User body an IdP builds from its view of the user (RFC 7643 §4.1). */
export function userResource(user: UserView): ScimResource {
  const resource: ScimResource = { schemas: [URN.user], userName: user.userName };
  const name: Record<string, string> = {};
  if (user.givenName !== undefined) name.givenName = user.givenName;
  if (user.familyName !== undefined) name.familyName = user.familyName;
  if (Object.keys(name).length > 0) resource.name = name;
  if (user.email !== undefined) resource.emails = [{ value: user.email, type: 'work', primary: true }];
  const displayName = user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || undefined);
  if (displayName !== undefined) resource.displayName = displayName;
  if (user.externalId !== undefined) resource.externalId = user.externalId;
  resource.active = user.active;
  for (const [path, value] of Object.entries(user.attributes)) setAttribute(resource, path, value);
  return resource;
}

/**
 * Writes one attribute path into a SCIM body: `title`, `name.middleName` into the complex
 * attribute, an extension path (`urn:…:User:manager.value`) into the extension object, whose
 * URN joins `schemas` (RFC 7643 §3). Value-filtered paths have no place in a body and are left out.
 */
export function setAttribute(resource: ScimResource, path: string, value: unknown): void {
  if (path.includes('[')) return;
  let target: Record<string, unknown> = resource;
  let rest = path;
  if (path.startsWith('urn:')) {
    // The attribute is what follows the last ':' (RFC 7644 §3.10); its sub-attribute follows a '.'.
    const urnEnd = path.lastIndexOf(':');
    const urn = path.slice(0, urnEnd);
    rest = path.slice(urnEnd + 1);
    if (urn === URN.user) {
      setAttribute(resource, rest, value);
      return;
    }
    const extension = (resource[urn] as Record<string, unknown> | undefined) ?? {};
    resource[urn] = extension;
    target = extension;
    const schemas = resource.schemas as string[] | undefined;
    if (schemas !== undefined && !schemas.includes(urn)) schemas.push(urn);
  }
  // `name.middleName` goes into the complex attribute; deeper paths do not exist in SCIM.
  const [attribute, subAttribute] = rest.split('.', 2) as [string, string | undefined];
  if (subAttribute === undefined) target[attribute] = value;
  else target[attribute] = { ...(target[attribute] as Record<string, unknown> | undefined), [subAttribute]: value };
}

/** Pages through a list endpoint the way IdP imports do (RFC 7644 §3.4.2.4), bounded by `maxPages`. */
export function* pageThrough(
  purpose: 'listUsers' | 'listGroups',
  path: '/Users' | '/Groups',
  pageSize: number,
  options: { extraQuery?: Record<string, string>; advanceBy?: 'pageSize' | 'received'; maxPages?: number } = {},
): Generator<PlannedRequest, { resources: ScimResource[]; failed?: string }, Exchange> {
  const resources: ScimResource[] = [];
  const maxPages = options.maxPages ?? 1000;
  let startIndex = 1;
  for (let page = 0; page < maxPages; page++) {
    const exchange = yield* send({
      purpose,
      method: 'GET',
      path,
      query: { ...options.extraQuery, startIndex: String(startIndex), count: String(pageSize) },
    });
    if (!isSuccess(exchange))
      return {
        resources,
        failed: `listing ${path} failed at startIndex=${startIndex} (${exchange.response?.status ?? exchange.error?.code})`,
      };
    const pageResources = listedResources(exchange);
    resources.push(...pageResources);
    const total = totalResults(exchange);
    if (pageResources.length === 0 || total === undefined || startIndex - 1 + pageResources.length >= total)
      return { resources };
    // Okta advances by its page size, not by what came back, so a server that caps `count`
    // below it makes Okta skip resources; we reproduce that rather than hide it.
    startIndex += options.advanceBy === 'pageSize' ? pageSize : pageResources.length;
  }
  return { resources, failed: `stopped after ${maxPages} pages` };
}

/**
 * The user as the IdP sees it after a scenario `set:` block: friendly names to fields, the rest
 * as SCIM attribute paths. Full-PUT profiles send it; the expected model adopts it.
 */
export function withChanges(user: UserView, changes: Record<string, unknown>): UserView {
  const next: UserView = { ...user, attributes: { ...user.attributes } };
  for (const [name, value] of Object.entries(changes)) {
    switch (name) {
      case 'givenName':
      case 'familyName':
      case 'email':
      case 'displayName':
      case 'externalId':
        (next as unknown as Record<string, unknown>)[name] = value;
        break;
      case 'active':
        next.active = value === true || value === 'true';
        break;
      default:
        next.attributes[toScimPath(name)] = value;
    }
  }
  return next;
}

/** True when the user view holds no value for a `set:` key yet (Entra then sends `Add`, not `Replace`). */
export function isUnset(user: UserView, key: string): boolean {
  switch (key) {
    case 'givenName':
    case 'familyName':
    case 'email':
    case 'displayName':
    case 'externalId':
      return (user as unknown as Record<string, unknown>)[key] === undefined;
    default:
      return user.attributes[toScimPath(key)] === undefined;
  }
}

/**
 * A deterministic stand-in for an id the IdP keeps for itself (Okta's 00u…, a Keycloak or
 * authentik UUID), derived from a seed so golden tests see the same value every time.
 */
export function pseudoId(seed: string): string {
  const hex: string[] = [];
  let hash = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (const char of `${round}:${seed}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const all = hex.join('');
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-4${all.slice(13, 16)}-8${all.slice(17, 20)}-${all.slice(20, 32)}`;
}

/** The members of a group after adding some and removing others, in IdP order. */
export function membersAfter(current: MemberRef[], added: MemberRef[], removed: MemberRef[]): MemberRef[] {
  const kept = current.filter((member) => !removed.some((gone) => gone.id === member.id));
  return [...kept, ...added.filter((member) => !kept.some((have) => have.id === member.id))];
}

/** A PATCH of one group with these operations (the PatchOp envelope of RFC 7644 §3.5.2). */
export function groupPatchRequest(groupId: string, operations: unknown[]): PlannedRequest {
  return {
    purpose: 'patchGroup',
    targetId: groupId,
    method: 'PATCH',
    path: resourcePath('Group', groupId),
    body: patchBody(operations),
  };
}

/** DELETE of a user or group, the shape every profile shares (RFC 7644 §3.6). */
export function deleteRequest(kind: 'User' | 'Group', id: string | undefined): PlannedRequest {
  const target = id ?? '';
  return kind === 'User'
    ? { purpose: 'deleteUser', targetId: target, method: 'DELETE', path: resourcePath('User', target) }
    : { purpose: 'deleteGroup', targetId: target, method: 'DELETE', path: resourcePath('Group', target) };
}

/** The hard DELETE of a user, as IdPs that delete send it; the user must be gone afterwards (404). */
export function* deleteUserProgram(user: UserView): ActionProgram {
  yield* send(deleteRequest('User', user.id));
  return { userEffect: 'deleted', verifies: 'DEL-GONE-404' };
}

/** The DELETE of a pushed group; the group must be gone afterwards. */
export function* deleteGroupProgram(group: GroupView): ActionProgram {
  yield* send(deleteRequest('Group', group.id));
  return { groupDeleted: true, verifies: 'GROUP-DELETE' };
}

/** Unlinking a pushed group: "delete in the target app" sends DELETE, "leave it" sends nothing. */
export function* unlinkGroupProgram(group: GroupView, deleteInTarget: boolean): ActionProgram {
  if (!deleteInTarget) return { groupDeleted: false };
  return yield* deleteGroupProgram(group);
}

/**
 * The outcome of a user POST: the new id, judged by CREATE-201, and created disabled when the body
 * said `active: false` (a user disabled in the IdP's directory), so the read-back expects what was sent.
 */
export function createdUserOutcome(id: string, body: ScimResource): ActionOutcome {
  return { userId: id, verifies: 'CREATE-201', ...(body.active === false ? { createdInactive: true } : {}) };
}

/** POST /Users with the IdP's body; the created user must answer 201 with an id (RFC 7644 §3.3). */
export function* createUserProgram(user: UserView, body: ScimResource): ActionProgram {
  const create = yield* send({ purpose: 'createUser', method: 'POST', path: '/Users', body });
  const created = createdId(create, `user ${user.userName}`);
  if ('failure' in created) return created.failure;
  return createdUserOutcome(created.id, body);
}

/**
 * One PATCH replacing each changed attribute by its path, in RFC 7644 §3.5.2.3 style. A first
 * email is added to `emails` instead: a replace on a value path that matches nothing must fail
 * with 400 noTarget (RFC 7644 §3.5.2.3), so a plain RFC client does not send one.
 */
export function* patchReplaceUserProgram(user: UserView, changes: Record<string, unknown>): ActionProgram {
  const operations = Object.entries(changes).map(([key, value]) =>
    key === 'email' && user.email === undefined
      ? { op: 'add', path: 'emails', value: [{ value, type: 'work', primary: true }] }
      : { op: 'replace', path: toScimPath(key), value },
  );
  yield* send({
    purpose: 'patchUser',
    targetId: user.id,
    method: 'PATCH',
    path: resourcePath('User', user.id),
    body: patchBody(operations),
  });
  return { verifies: 'PATCH-REPLACE-COMPLEX' };
}

/**
 * Group push by name, as IdPs that take over a same-named app group do (JumpCloud, OneLogin):
 * an already pushed group gets its member list replaced; otherwise the group is looked up by
 * `displayName eq`, created when absent, and the members are added with one PATCH.
 */
export function* pushGroupByName(group: GroupView, members: MemberRef[]): ActionProgram {
  const memberValues = members.map((member) => ({ value: member.id }));
  if (group.id !== undefined) {
    yield* send({
      purpose: 'patchGroup',
      targetId: group.id,
      method: 'PATCH',
      path: resourcePath('Group', group.id),
      body: patchBody([{ op: 'replace', path: 'members', value: memberValues }]),
    });
    return { groupId: group.id, verifies: 'PATCH-MEMBERS-REPLACE' };
  }
  const lookup = yield* send({
    purpose: 'lookupGroup',
    method: 'GET',
    path: '/Groups',
    query: { filter: eqFilter('displayName', group.displayName) },
  });
  const found = listedResources(lookup)[0]?.id;
  let id: string;
  if (typeof found === 'string') {
    id = found;
  } else {
    const create = yield* send({
      purpose: 'createGroup',
      method: 'POST',
      path: '/Groups',
      body: { schemas: [URN.group], displayName: group.displayName },
    });
    const created = createdId(create, `group ${group.displayName}`);
    if ('failure' in created) return created.failure;
    id = created.id;
  }
  if (members.length === 0) return { groupId: id, verifies: 'GROUP-CREATE' };
  yield* send({
    purpose: 'patchGroup',
    targetId: id,
    method: 'PATCH',
    path: resourcePath('Group', id),
    body: patchBody([{ op: 'add', path: 'members', value: memberValues }]),
  });
  return { groupId: id, verifies: 'PATCH-MEMBERS-ADD' };
}

/** (De)activation as RFC 7644 §3.5.2.3 writes it: `replace` with `path: active` and a JSON boolean. */
export function* replaceActiveProgram(user: UserView, active: boolean): ActionProgram {
  yield* send({
    purpose: 'patchUser',
    targetId: user.id,
    method: 'PATCH',
    path: resourcePath('User', user.id),
    body: patchBody([{ op: 'replace', path: 'active', value: active }]),
  });
  return { verifies: 'PATCH-REPLACE-ACTIVE' };
}

/*
 * Recognising planned requests, for the documented-operation tables (src/idp/evidence.ts): each
 * operation's `matches` reads the request the profile planned, before it is sent.
 */

/** The planned request's JSON body as an object, or undefined (no body, a string, an array). */
export function plannedBody(request: PlannedRequest): Record<string, unknown> | undefined {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** The PATCH operations of a planned request, [] when it carries none. */
export function plannedOperations(request: PlannedRequest): { op?: unknown; path?: unknown; value?: unknown }[] {
  const operations = plannedBody(request)?.Operations;
  return Array.isArray(operations) ? (operations as { op?: unknown; path?: unknown; value?: unknown }[]) : [];
}

/** True for `METHOD /Users` (kind collection) or `METHOD /Users/{id}` (kind resource). */
export function addresses(
  request: PlannedRequest,
  method: string,
  endpoint: '/Users' | '/Groups',
  target: 'collection' | 'resource',
): boolean {
  if (request.method.toUpperCase() !== method) return false;
  return target === 'collection'
    ? request.path === endpoint
    : request.path.startsWith(`${endpoint}/`) && request.path.length > endpoint.length + 1;
}
