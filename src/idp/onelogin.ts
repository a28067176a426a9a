import { randomUUID } from 'node:crypto';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { ONELOGIN_OPERATIONS, ONELOGIN_QUIRKS } from './onelogin-evidence.js';
import type { ActionProgram, IdpProfile, UserView } from './profile.js';
import {
  createdId,
  createdUserOutcome,
  deleteUserProgram,
  eqFilter,
  isSuccess,
  listedResources,
  pageThrough,
  patchBody,
  pushGroupByName,
  send,
  userResource,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING, mappedView, type UserMapping } from './user-mapping.js';

// OneLogin SCIM provisioning (SOURCES.onelogin). The documented calls: GET user by userName
// filter, POST user, GET user, "Update User", GET/POST/PATCH Groups, DELETE user, GET Users.
// User bodies come from the admin's "SCIM JSON Template"; this profile sends the default template
// (core schema, boolean active). Customer templates vary (string "active", SCIM 1.1 URNs).

const ONELOGIN_PAGE_SIZE = 100;

/**
 * The default template is the core User schema (the header above): it carries no enterprise
 * extension, so no manager; a customer's own template may add one, which this profile does not model.
 */
const ONELOGIN_USER_MAPPING: UserMapping = { ...FULL_USER_MAPPING, otherAttributes: 'core' };

/** The user as the default JSON template renders it. */
function templatedUser(user: UserView): ScimResource {
  return userResource(mappedView(user, ONELOGIN_USER_MAPPING));
}

/** "Update User" (method not verified): a PUT of the templated user, after a GET of it. */
function* updateUser(user: UserView, verifies: string): ActionProgram {
  const read = yield* send({
    purpose: 'getUser',
    targetId: user.id!,
    method: 'GET',
    path: resourcePath('User', user.id),
  });
  if (!isSuccess(read))
    return {
      failed: `OneLogin reads the user before updating it, and GET /Users/${user.id} answered ${read.response?.status ?? read.error?.code}`,
    };
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id!,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: { ...templatedUser(user), id: user.id },
  });
  return { verifies };
}

export const oneloginProfile: IdpProfile = {
  name: 'onelogin',
  title: 'OneLogin (SCIM provisioning, default JSON template)',
  summary:
    'Connection test looks up a userName known not to exist (an empty list or 404 both pass); lookup by userName before create; GET then update of the templated user; groups created with POST and changed with PATCH; users deleted with DELETE. OneLogin wants responses labelled application/json.',
  verified: true,
  sources: [SOURCES.onelogin, SOURCES.idpNotes],
  quirks: ONELOGIN_QUIRKS,
  documentedOperations: ONELOGIN_OPERATIONS,
  headers: { accept: 'application/scim+json', 'content-type': 'application/scim+json' },
  userMapping: ONELOGIN_USER_MAPPING,
  actions: {
    *testConnection() {
      // "looks up a userName known not to exist and accepts an empty list or 404".
      yield* send({
        purpose: 'lookupUser',
        method: 'GET',
        path: '/Users',
        query: { filter: eqFilter('userName', `onelogin-test-${randomUUID()}`) },
      });
      return {};
    },
    *assignUser(user) {
      const lookup = yield* send({
        purpose: 'lookupUser',
        method: 'GET',
        path: '/Users',
        query: { filter: eqFilter('userName', user.userName) },
      });
      const found = listedResources(lookup)[0];
      if (typeof found?.id === 'string') {
        const outcome = yield* updateUser({ ...user, id: found.id, active: true }, 'PUT-SUPPORTED');
        return { ...outcome, userId: found.id };
      }
      const create = yield* send({ purpose: 'createUser', method: 'POST', path: '/Users', body: templatedUser(user) });
      const created = createdId(create, `user ${user.userName}`);
      if ('failure' in created) return created.failure;
      // The documented sequence reads the created user back ("GET user").
      yield* send({ purpose: 'getUser', targetId: created.id, method: 'GET', path: resourcePath('User', created.id) });
      return createdUserOutcome(created.id, templatedUser(user));
    },
    updateUser: (user, changes) => updateUser(withChanges(user, changes), 'PUT-SUPPORTED'),
    deactivateUser: (user) => updateUser({ ...user, active: false }, 'PUT-SUPPORTED'),
    reactivateUser: (user) => updateUser({ ...user, active: true }, 'PUT-SUPPORTED'),
    *unassignUser(user) {
      // Removing the app from a user deprovisions it with "DELETE user".
      return yield* deleteUserProgram(user);
    },
    *deleteUser(user) {
      return yield* deleteUserProgram(user);
    },
    *pushGroup(group, members) {
      // The documented call list has GET/POST/PATCH Groups; looking the name up first is inferred.
      return yield* pushGroupByName(group, members);
    },
    *addMembers(group, added) {
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id!,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body: patchBody([{ op: 'add', path: 'members', value: added.map((member) => ({ value: member.id })) }]),
      });
      return { verifies: 'PATCH-MEMBERS-ADD' };
    },
    *removeMembers(group, removed) {
      const operations = removed.map((member) => ({
        op: 'remove',
        path: `members[value eq ${JSON.stringify(member.id)}]`,
      }));
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id!,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body: patchBody(operations),
      });
      return { verifies: 'PATCH-MEMBERS-REMOVE' };
    },
    *renameGroup(group, newName) {
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id!,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body: patchBody([{ op: 'replace', path: 'displayName', value: newName }]),
      });
      return { verifies: 'GROUP-RENAME' };
    },
    *unlinkGroup(_group, deleteInTarget) {
      if (deleteInTarget)
        return { skipped: 'OneLogin does not delete groups in the app (DELETE is documented for users only)' };
      return { groupDeleted: false };
    },
    *deleteGroup() {
      return { skipped: 'OneLogin does not delete groups in the app (DELETE is documented for users only)' };
    },
    *importUsers(pageSize) {
      // "GET Users": paged like an RFC 7644 client (page size inferred).
      const result = yield* pageThrough('listUsers', '/Users', pageSize ?? ONELOGIN_PAGE_SIZE);
      return { imported: result.resources, verifies: 'PAGE-WALK', ...(result.failed ? { failed: result.failed } : {}) };
    },
    *importGroups(pageSize) {
      const result = yield* pageThrough('listGroups', '/Groups', pageSize ?? ONELOGIN_PAGE_SIZE);
      return { imported: result.resources, verifies: 'PAGE-WALK', ...(result.failed ? { failed: result.failed } : {}) };
    },
  },
};
