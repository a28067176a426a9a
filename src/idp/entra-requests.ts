import type { ScimResource } from '../scim/resource.js';
import { URN } from '../scim/urns.js';
import type { GroupView, MemberRef, UserView } from './profile.js';
import { isUnset, pseudoId, setAttribute, toScimPath } from './request-helpers.js';

// Request bodies of the Microsoft Entra provisioning service, in its default ("legacy") mode and
// with the aadOptscim062020 flag ("compliant"). Shapes follow the samples of SOURCES.entraTutorial;
// the differences between the modes follow SOURCES.entraKnownIssues.

/** Which Entra SCIM behaviour: the default job, or the aadOptscim062020 flag. */
export type EntraMode = 'legacy' | 'compliant';

/** Entra's group schema extension, sent on every group create (tutorial, "Create Group"). */
export const ADSCIM_GROUP_URN = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

/** `Add`/`Replace`/`Remove` by default; lower case with the flag (known-issues page, "PATCH op casing"). */
export function opName(mode: EntraMode, op: 'add' | 'replace' | 'remove'): string {
  return mode === 'compliant' ? op : `${op[0]!.toUpperCase()}${op.slice(1)}`;
}

/** Booleans as the strings "True"/"False" by default (known-issues page); real booleans with the flag. */
export function booleanValue(mode: EntraMode, value: boolean): boolean | string {
  return mode === 'compliant' ? value : value ? 'True' : 'False';
}

/** Entra's default externalId mapping is mailNickname: the userName before the @. */
export function mailNickname(user: UserView): string {
  return user.externalId ?? user.userName.split('@')[0]!;
}

/**
 * The create body of the tutorial's "Create User" sample: both schemas (the enterprise URN even
 * when the extension is empty), `meta.resourceType`, `roles: []`, `name.formatted`, a work email.
 */
export function entraUserBody(user: UserView): ScimResource {
  const body: ScimResource = {
    schemas: [URN.user, URN.enterpriseUser],
    externalId: mailNickname(user),
    userName: user.userName,
    active: user.active,
  };
  if (user.displayName !== undefined) body.displayName = user.displayName;
  if (user.email !== undefined) body.emails = [{ primary: true, type: 'work', value: user.email }];
  body.meta = { resourceType: 'User' };
  if (user.givenName !== undefined || user.familyName !== undefined) {
    body.name = {
      formatted: [user.givenName, user.familyName].filter(Boolean).join(' '),
      ...(user.familyName !== undefined ? { familyName: user.familyName } : {}),
      ...(user.givenName !== undefined ? { givenName: user.givenName } : {}),
    };
  }
  body.roles = [];
  // Core attributes and the enterprise extension (manager as {value}), nested as the schema has them.
  for (const [path, value] of Object.entries(user.attributes)) {
    if (path.startsWith(`${URN.enterpriseUser}:`) || !path.includes(':')) setAttribute(body, path, value);
  }
  return body;
}

/**
 * The path the manager is set on: the bare name `manager`, as the tutorial's Example 5 ("Handling
 * provisioning and deprovisioning of users": "Update a user") writes it (quirk
 * entra.manager-bare-path). RFC 7644 §3.10 reads an unqualified name as the core schema's; a
 * server that refuses it gets INTEROP-EXTENSION-BARE-NAME, proven by a re-send with the URN path.
 */
export const ENTRA_MANAGER_PATH = 'manager';

/**
 * The manager reference: `Add` with a one-element value array (tutorial, Example 5). The sample's
 * `$ref` is the manager's URL; the profile knows no base URL and sends `null`, as the tutorial's
 * member samples do (quirk entra.manager-ref).
 */
export function managerOperation(mode: EntraMode, managerId: unknown): Record<string, unknown> {
  return { op: opName(mode, 'add'), path: ENTRA_MANAGER_PATH, value: [{ $ref: null, value: managerId }] };
}

/** Whether the user had a value for a `set:` key before the change: `userName` and `active` always do. */
export function hadValue(user: UserView, key: string): boolean {
  return key === 'userName' || key === 'active' || !isUnset(user, key);
}

/**
 * Default mode: one op per attribute, each with a path; `Add` for an attribute the user did not
 * have yet, `Replace` otherwise (tutorial, "Update User [Multi-valued properties]" and
 * "[Single-valued properties]"); booleans as strings.
 */
export function legacyUpdateOperations(user: UserView, changes: Record<string, unknown>): Record<string, unknown>[] {
  return Object.entries(changes).map(([key, value]) => {
    if (key === 'manager') return managerOperation('legacy', value);
    const op = opName('legacy', hadValue(user, key) ? 'replace' : 'add');
    return { op, path: toScimPath(key), value: typeof value === 'boolean' ? booleanValue('legacy', value) : value };
  });
}

/**
 * aadOptscim062020: the attributes that had a value go in one path-less `replace` whose value keys
 * are attribute paths (`"name.givenName"`, full-URN extension paths), not nested objects (known-issues
 * page, "Requests to replace multiple attributes"). A value-filtered path (the work email) keeps its
 * own op with the path, listed first, as in that sample. An attribute that had no value is an `add`
 * with its path (same page, "Requests to add a single-value string attribute"). The manager keeps
 * its own `add` op (inferred). The order of the adds among the other ops is inferred.
 */
export function compliantUpdateOperations(user: UserView, changes: Record<string, unknown>): Record<string, unknown>[] {
  const value: Record<string, unknown> = {};
  const valuePaths: Record<string, unknown>[] = [];
  const additions: Record<string, unknown>[] = [];
  const operations: Record<string, unknown>[] = [];
  for (const [key, change] of Object.entries(changes)) {
    const path = toScimPath(key);
    if (key === 'manager') operations.push(managerOperation('compliant', change));
    else if (path.includes('[')) valuePaths.push({ op: hadValue(user, key) ? 'replace' : 'add', path, value: change });
    else if (!hadValue(user, key)) additions.push({ op: 'add', path, value: change });
    else value[path] = change;
  }
  return [
    ...valuePaths,
    ...additions,
    ...(Object.keys(value).length > 0 ? [{ op: 'replace', value }] : []),
    ...operations,
  ];
}

/** The tutorial's "Create Group" sample: no members, the ADSCIM schema and `meta.resourceType`. */
export function entraGroupBody(group: GroupView): ScimResource {
  return {
    schemas: [URN.group, ADSCIM_GROUP_URN],
    externalId: group.externalId ?? pseudoId(`entra-group:${group.key}:${group.displayName}`),
    displayName: group.displayName,
    meta: { resourceType: 'Group' },
  };
}

/** Members as Entra adds them: `{"$ref": null, "value": id}` (tutorial, "Update Group [Add Members]"). */
export function memberValues(members: MemberRef[]): Record<string, unknown>[] {
  return members.map((member) => ({ $ref: null, value: member.id }));
}

/**
 * Member removal. Default mode: `Remove` on `members` with a value array (tutorial, "Update
 * Group [Remove Members]"), which RFC 7644 §3.5.2.2 reads as "remove all". With the flag:
 * `members[value eq "…"]` filters, one op per member.
 */
export function removeMemberOperations(mode: EntraMode, removed: MemberRef[]): Record<string, unknown>[] {
  if (mode === 'compliant')
    return removed.map((member) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(member.id)}]` }));
  return [{ op: opName(mode, 'remove'), path: 'members', value: memberValues(removed) }];
}
