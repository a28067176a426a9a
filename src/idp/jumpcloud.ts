import { randomUUID } from 'node:crypto';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { JUMPCLOUD_OPERATIONS, JUMPCLOUD_QUIRKS } from './jumpcloud-evidence.js';
import type { ActionProgram, IdpProfile, UserView } from './profile.js';
import {
  createdId,
  createUserProgram,
  deleteGroupProgram,
  deleteRequest,
  deleteUserProgram,
  eqFilter,
  isSuccess,
  listedResources,
  patchBody,
  pushGroupByName,
  send,
  unlinkGroupProgram,
  userResource,
  withChanges,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING, mappedView, type UserMapping } from './user-mapping.js';

// JumpCloud custom SCIM integration (SOURCES.jumpcloud). Documented: Test Connection creates a
// test user and a test group and deletes them (deactivating the user when DELETE is refused);
// empty groups are not pushed; an app group with the same name is taken over; renames and
// deletions are sent. A third party reports Entra-style member removal (a value array).

const JUMPCLOUD_HEADERS = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };

/**
 * The custom integration sends JumpCloud's own user fields as core attributes: it takes no custom
 * attribute mapping or extension schema (SOURCES.jumpcloud, prerequisites), so no enterprise manager.
 */
const JUMPCLOUD_USER_MAPPING: UserMapping = { ...FULL_USER_MAPPING, otherAttributes: 'core' };

function jumpcloudUser(user: UserView): ScimResource {
  return userResource(mappedView(user, JUMPCLOUD_USER_MAPPING));
}

function* putUser(user: UserView, verifies: string): ActionProgram {
  yield* send({
    purpose: 'replaceUser',
    targetId: user.id!,
    method: 'PUT',
    path: resourcePath('User', user.id),
    body: { ...jumpcloudUser(user), id: user.id },
  });
  return { verifies };
}

export const jumpcloudProfile: IdpProfile = {
  name: 'jumpcloud',
  title: 'JumpCloud (custom SCIM integration)',
  summary:
    'Test Connection creates a test user and a test group and deletes them; lookup by userName / displayName before create (an existing group is taken over); empty groups are never pushed; members removed with an Entra-style value array.',
  verified: true,
  sources: [SOURCES.jumpcloud, SOURCES.idpNotes],
  quirks: JUMPCLOUD_QUIRKS,
  documentedOperations: JUMPCLOUD_OPERATIONS,
  headers: JUMPCLOUD_HEADERS,
  userMapping: JUMPCLOUD_USER_MAPPING,
  actions: {
    *testConnection() {
      const tag = `jumpcloud-test-${randomUUID()}`;
      const userCreate = yield* send({
        purpose: 'createUser',
        method: 'POST',
        path: '/Users',
        body: {
          schemas: [URN.user],
          userName: `${tag}@example.com`,
          name: { givenName: 'JumpCloud', familyName: 'Test' },
          active: true,
        },
      });
      const user = createdId(userCreate, 'the test user');
      if ('failure' in user) return user.failure;
      const groupCreate = yield* send({
        purpose: 'createGroup',
        method: 'POST',
        path: '/Groups',
        body: { schemas: [URN.group], displayName: tag },
      });
      const group = createdId(groupCreate, 'the test group');
      if ('failure' in group) return group.failure;
      const userDelete = yield* send(deleteRequest('User', user.id));
      if (!isSuccess(userDelete)) {
        // "If the server does not support DELETE for users, the test user is deactivated instead."
        yield* send({
          purpose: 'patchUser',
          targetId: user.id,
          method: 'PATCH',
          path: resourcePath('User', user.id),
          body: patchBody([{ op: 'replace', path: 'active', value: false }]),
        });
      }
      yield* send(deleteRequest('Group', group.id));
      return { verifies: 'DEL-204' };
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
        const outcome = yield* putUser({ ...user, id: found.id, active: true }, 'PUT-SUPPORTED');
        return { ...outcome, userId: found.id };
      }
      return yield* createUserProgram(user, jumpcloudUser(user));
    },
    updateUser: (user, changes) => putUser(withChanges(user, changes), 'PUT-SUPPORTED'),
    deactivateUser: (user) => putUser({ ...user, active: false }, 'PUT-SUPPORTED'),
    reactivateUser: (user) => putUser({ ...user, active: true }, 'PUT-SUPPORTED'),
    *unassignUser(user) {
      const outcome = yield* putUser({ ...user, active: false }, 'PUT-SUPPORTED');
      return { ...outcome, userEffect: 'deactivated' };
    },
    *deleteUser(user) {
      return yield* deleteUserProgram(user);
    },
    *pushGroup(group, members) {
      if (members.length === 0)
        return { skipped: 'JumpCloud does not push empty groups (JumpCloud custom SCIM article)' };
      // "An existing app group with the same name is taken over."
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
      // Third party: "remove" on members with a value array, as Entra's default mode does.
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id!,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body: patchBody([{ op: 'remove', path: 'members', value: removed.map((member) => ({ value: member.id })) }]),
      });
      return {
        verifies: 'INTEROP-REMOVE-MEMBER-BY-VALUE',
        verifyHint:
          'JumpCloud removes members with {"op":"remove","path":"members","value":[{"value":id}]} and expects only those to go; a literal RFC 7644 §3.5.2.2 reading removes them all',
      };
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
    *unlinkGroup(group, deleteInTarget) {
      return yield* unlinkGroupProgram(group, deleteInTarget);
    },
    *deleteGroup(group) {
      // "Deleted groups are deleted in the app."
      return yield* deleteGroupProgram(group);
    },
    *importUsers() {
      return { skipped: 'JumpCloud does not import users from a custom SCIM app' };
    },
    *importGroups() {
      return { skipped: 'JumpCloud does not import groups from a custom SCIM app' };
    },
  },
};
