import type { Exchange } from '../http/exchange.js';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { AUTHENTIK_OPERATIONS, AUTHENTIK_QUIRKS } from './authentik-evidence.js';
import type { ActionProgram, GroupView, IdpProfile, MemberRef, PlannedRequest, UserView } from './profile.js';
import {
  createdId,
  createdUserOutcome,
  deleteGroupProgram,
  deleteUserProgram,
  eqFilter,
  isSuccess,
  listedResources,
  patchBody,
  pseudoId,
  send,
  totalResults,
  unlinkGroupProgram,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import type { UserMapping } from './user-mapping.js';

// authentik's outgoing SCIM provider (SOURCES.authentik): clients/users.py and clients/groups.py,
// with the default property mappings of blueprints/system/providers-scim.yaml.

/** clients/base.py `_request` sends Accept and Content-Type application/scim+json on every request. */
const AUTHENTIK_HEADERS = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };

/** The default property mapping carries no displayName and no further attribute; its email is typed "other". */
export const AUTHENTIK_USER_MAPPING: UserMapping = {
  emailType: 'other',
  displayName: 'none',
  externalId: true,
  otherAttributes: 'none',
};

/**
 * "authentik default SCIM Mapping: User": userName, name {formatted, givenName, familyName},
 * photos, emails typed "other" (not "work"), plus `active` and `externalId` from users.py.
 */
export function authentikUserBody(user: UserView, id?: string): ScimResource {
  const formatted = [user.givenName, user.familyName].filter(Boolean).join(' ');
  const body: ScimResource = { schemas: [URN.user] };
  if (id !== undefined) body.id = id;
  Object.assign(body, {
    userName: user.userName,
    name: { formatted, givenName: user.givenName ?? formatted, familyName: user.familyName ?? '' },
    photos: [],
    emails:
      user.email === undefined ? [] : [{ value: user.email, type: AUTHENTIK_USER_MAPPING.emailType, primary: true }],
    active: user.active,
    externalId: user.externalId ?? pseudoId(`authentik-user:${user.key}`),
  });
  return body;
}

function groupBody(group: GroupView, displayName: string, id?: string): ScimResource {
  return {
    schemas: [URN.group],
    displayName,
    externalId: group.externalId ?? pseudoId(`authentik-group:${group.key}`),
    ...(id !== undefined ? { id } : {}),
  };
}

/** One op per member (`PatchOperation(op, path="members", value=[{"value": x}])`). */
function memberOperations(op: 'add' | 'remove', memberIds: string[]): unknown[] {
  return memberIds.map((id) => ({ op, path: 'members', value: [{ value: id }] }));
}

/** `_patch_chunked`: the ops in one request while bulk.maxOperations allows. */
function memberPatch(groupId: string, op: 'add' | 'remove', members: MemberRef[]): PlannedRequest {
  const operations = memberOperations(
    op,
    members.map((member) => member.id),
  );
  return {
    purpose: 'patchGroup',
    targetId: groupId,
    method: 'PATCH',
    path: resourcePath('Group', groupId),
    body: patchBody(operations),
  };
}

function* putUser(user: UserView, verifies: string): ActionProgram {
  // users.py update: always a full PUT, `active` included, no GET first.
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id!,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: authentikUserBody(user, user.id),
  });
  return { verifies };
}

/** A 409 on create: adopt the existing resource found by the filter (groups.py create). */
function* adoptOnConflict(
  create: Exchange,
  lookup: PlannedRequest,
): Generator<PlannedRequest, string | undefined, Exchange> {
  if (create.response?.status !== 409) return undefined;
  const found = listedResources(yield* send(lookup))[0];
  return typeof found?.id === 'string' ? found.id : undefined;
}

/** `discover()`: GET the list, then ?startIndex=N (no count) until totalResults are seen. */
function* discover(purpose: 'listUsers' | 'listGroups', path: '/Users' | '/Groups'): ActionProgram {
  const imported: ScimResource[] = [];
  let page = yield* send({ purpose, method: 'GET', path });
  for (let guard = 0; guard < 1000; guard++) {
    if (!isSuccess(page))
      return {
        imported,
        failed: `GET ${path} answered ${page.response?.status ?? page.error?.code}`,
        verifies: 'PAGE-WALK',
      };
    const resources = listedResources(page);
    imported.push(...resources);
    const total = totalResults(page) ?? 0;
    if (imported.length >= total || resources.length === 0) break;
    page = yield* send({ purpose, method: 'GET', path, query: { startIndex: String(imported.length + 1) } });
  }
  return { imported, verifies: 'PAGE-WALK' };
}

export const authentikProfile: IdpProfile = {
  name: 'authentik',
  title: 'authentik (SCIM provider)',
  summary:
    'Reads /ServiceProviderConfig first; POST to create users and groups (adopting the existing one on 409); full PUT for every user change; one PATCH op per member (add, and remove with an Entra-style value array); group updates as a path-less replace of the whole group (without its id) followed by a GET; imports page with ?startIndex=N and no count.',
  verified: true,
  // authentik's base.py reads ServiceProviderConfig first and assumes no PATCH/filter/bulk when told so.
  readsServiceProviderConfig: true,
  sources: [SOURCES.authentik, SOURCES.idpNotes],
  // Headers, member-op chunking and the schemas in the path-less replace's value are shown by
  // base.py and groups.py (src/idp/authentik-evidence.ts), so they are no longer guesses.
  quirks: AUTHENTIK_QUIRKS,
  documentedOperations: AUTHENTIK_OPERATIONS,
  headers: AUTHENTIK_HEADERS,
  userMapping: AUTHENTIK_USER_MAPPING,
  actions: {
    *testConnection() {
      // base.py: the client reads ServiceProviderConfig first and assumes no PATCH/filter/bulk when it fails.
      yield* send({ purpose: 'discoverConfig', method: 'GET', path: '/ServiceProviderConfig' });
      return {};
    },
    *assignUser(user) {
      const create = yield* send({
        purpose: 'createUser',
        method: 'POST',
        path: '/Users',
        body: authentikUserBody(user),
      });
      const adopted = yield* adoptOnConflict(create, {
        purpose: 'lookupUser',
        method: 'GET',
        path: '/Users',
        query: { filter: eqFilter('userName', user.userName) },
      });
      if (adopted) {
        const outcome = yield* putUser({ ...user, id: adopted }, 'PUT-SUPPORTED');
        return { ...outcome, userId: adopted };
      }
      const created = createdId(create, `user ${user.userName}`);
      if ('failure' in created) return created.failure;
      return createdUserOutcome(created.id, authentikUserBody(user));
    },
    updateUser: (user, changes) => putUser(withChanges(user, changes), 'PUT-SUPPORTED'),
    deactivateUser: (user) => putUser({ ...user, active: false }, 'PUT-SUPPORTED'),
    reactivateUser: (user) => putUser({ ...user, active: true }, 'PUT-SUPPORTED'),
    *unassignUser(user) {
      return yield* deleteUserProgram(user);
    },
    *deleteUser(user) {
      return yield* deleteUserProgram(user);
    },
    *pushGroup(group, members) {
      let id = group.id;
      if (id === undefined) {
        // groups.py create: POST without members (PATCH is supported), then add them.
        const create = yield* send({
          purpose: 'createGroup',
          method: 'POST',
          path: '/Groups',
          body: groupBody(group, group.displayName),
        });
        id = yield* adoptOnConflict(create, {
          purpose: 'lookupGroup',
          method: 'GET',
          path: '/Groups',
          query: { filter: eqFilter('displayName', group.displayName) },
        });
        if (id === undefined) {
          const created = createdId(create, `group ${group.displayName}`);
          if ('failure' in created) return created.failure;
          id = created.id;
        }
        if (members.length > 0) yield* send(memberPatch(id, 'add', members));
        return { groupId: id, verifies: members.length > 0 ? 'PATCH-MEMBERS-ADD' : 'GROUP-CREATE' };
      }
      // A re-sync: patch_compare_users reads the group and patches the difference.
      const read = yield* send({ purpose: 'getGroup', targetId: id, method: 'GET', path: resourcePath('Group', id) });
      const current = (read.response?.json as { members?: { value?: string }[] } | undefined)?.members ?? [];
      const added = members
        .filter((member) => !current.some((have) => have.value === member.id))
        .map((member) => member.id);
      const removed = current
        .map((have) => String(have.value))
        .filter((value) => !members.some((member) => member.id === value));
      if (added.length + removed.length > 0) {
        const operations = [...memberOperations('add', added), ...memberOperations('remove', removed)];
        yield* send({
          purpose: 'patchGroup',
          targetId: id,
          method: 'PATCH',
          path: resourcePath('Group', id),
          body: patchBody(operations),
        });
      }
      return { groupId: id, verifies: 'READ-STATE' };
    },
    *addMembers(group, added) {
      if (added.length > 0) yield* send(memberPatch(group.id!, 'add', added));
      return { verifies: 'PATCH-MEMBERS-ADD' };
    },
    *removeMembers(group, removed) {
      if (removed.length > 0) yield* send(memberPatch(group.id!, 'remove', removed));
      return {
        verifies: 'INTEROP-REMOVE-MEMBER-BY-VALUE',
        verifyHint:
          'authentik removes members with {"op":"remove","path":"members","value":[{"value":id}]} (groups.py _patch_remove_users) and expects only those to go; a literal RFC 7644 §3.5.2.2 reading removes them all',
      };
    },
    *renameGroup(group, newName) {
      // groups.py _update_patch_general: a path-less replace with the whole group (no members,
      // PATCH being supported), then patch_compare_users reads it. Since goauthentik/authentik
      // PR #23950 (merged 2026-07-13) the value leaves out the read-only `id`.
      // That PatchRequest is dumped with exclude_unset, so its default `schemas` is dropped from
      // the envelope (seen from authentik 2026.2 in Infisical/infisical #6552): the body is sent
      // without it, and a server refusing it gets INTEROP-PATCH-NO-SCHEMAS, proven by a re-send
      // with the PatchOp URN. The member PATCHes (_patch_chunked, no exclude_unset) carry it.
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id!,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body: { Operations: [{ op: 'replace', value: groupBody(group, newName) }] },
      });
      yield* send({ purpose: 'getGroup', targetId: group.id!, method: 'GET', path: resourcePath('Group', group.id) });
      return { verifies: 'GROUP-RENAME' };
    },
    *unlinkGroup(group, deleteInTarget) {
      return yield* unlinkGroupProgram(group, deleteInTarget);
    },
    *deleteGroup(group) {
      return yield* deleteGroupProgram(group);
    },
    importUsers: () => discover('listUsers', '/Users'),
    importGroups: () => discover('listGroups', '/Groups'),
  },
};
