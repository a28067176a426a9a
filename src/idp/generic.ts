import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import type { IdpProfile } from './profile.js';
import {
  createdId,
  createUserProgram,
  deleteGroupProgram,
  deleteUserProgram,
  pageThrough,
  patchBody,
  patchReplaceUserProgram,
  replaceActiveProgram,
  send,
  unlinkGroupProgram,
  userResource,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// A plain RFC 7644 client: the requests the RFC's own examples use, no IdP quirks.

const GENERIC_PAGE_SIZE = 50;

export const genericProfile: IdpProfile = {
  name: 'generic',
  title: 'Generic RFC 7644 client',
  summary:
    'Plain RFC 7644: POST to create, PATCH with paths to update and (de)activate, DELETE to unassign, members by PATCH add/remove with value filters.',
  verified: true,
  // the generic profile and the spec suite are discovery-driven.
  readsServiceProviderConfig: true,
  sources: [SOURCES.rfc7644],
  // Not an IdP: it sends what RFC 7644's own examples send, so it has no habit to grade and no
  // request an IdP's documents show.
  quirks: [],
  documentedOperations: [],
  headers: { accept: 'application/scim+json', 'content-type': 'application/scim+json' },
  userMapping: FULL_USER_MAPPING,
  actions: {
    *testConnection() {
      yield* send({ purpose: 'discoverConfig', method: 'GET', path: '/ServiceProviderConfig' });
      yield* send({ purpose: 'listUsers', method: 'GET', path: '/Users', query: { count: '1' } });
      return { verifies: 'LIST-RESPONSE' };
    },
    *assignUser(user) {
      return yield* createUserProgram(user, userResource(user));
    },
    *updateUser(user, changes) {
      return yield* patchReplaceUserProgram(user, changes);
    },
    // RFC 7644 §3.5.2.3: replace with a path.
    deactivateUser: (user) => replaceActiveProgram(user, false),
    reactivateUser: (user) => replaceActiveProgram(user, true),
    unassignUser: deleteUserProgram,
    deleteUser: deleteUserProgram,
    *pushGroup(group, members) {
      const body = {
        schemas: [URN.group],
        displayName: group.displayName,
        members: members.map((member) => ({ value: member.id })),
      };
      const create = yield* send({ purpose: 'createGroup', method: 'POST', path: '/Groups', body });
      const created = createdId(create, `group ${group.displayName}`);
      if ('failure' in created) return created.failure;
      return { groupId: created.id, verifies: members.length > 0 ? 'GROUP-MEMBER-SHAPE' : 'GROUP-CREATE' };
    },
    *addMembers(group, added) {
      const body = patchBody([{ op: 'add', path: 'members', value: added.map((member) => ({ value: member.id })) }]);
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body,
      });
      return { verifies: 'PATCH-MEMBERS-ADD' };
    },
    *removeMembers(group, removed) {
      const body = patchBody(
        removed.map((member) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(member.id)}]` })),
      );
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id,
        method: 'PATCH',
        path: resourcePath('Group', group.id),
        body,
      });
      return { verifies: 'PATCH-MEMBERS-REMOVE' };
    },
    *renameGroup(group, newName) {
      yield* send({
        purpose: 'patchGroup',
        targetId: group.id,
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
      return yield* deleteGroupProgram(group);
    },
    *importUsers(pageSize) {
      const result = yield* pageThrough('listUsers', '/Users', pageSize ?? GENERIC_PAGE_SIZE);
      return { imported: result.resources, verifies: 'PAGE-WALK', ...(result.failed ? { failed: result.failed } : {}) };
    },
    *importGroups(pageSize) {
      const result = yield* pageThrough('listGroups', '/Groups', pageSize ?? GENERIC_PAGE_SIZE);
      return { imported: result.resources, verifies: 'PAGE-WALK', ...(result.failed ? { failed: result.failed } : {}) };
    },
  },
};
