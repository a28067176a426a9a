import { GOOGLE_OPERATIONS, GOOGLE_QUIRKS } from './google-evidence.js';
import type { IdpProfile } from './profile.js';
import {
  createUserProgram,
  deleteUserProgram,
  patchReplaceUserProgram,
  replaceActiveProgram,
  send,
  userResource,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// Google Workspace automatic user provisioning (SAML catalog apps Google has onboarded). Google
// publishes which events trigger provisioning (SOURCES.google) but no request bodies, update
// method, group push, error or 429 policy. Everything on the wire below is inferred and the
// profile is marked unverified wherever it is shown.

const NO_GROUPS =
  'Google Workspace provisions users only: no public source shows a group push (support.google.com/a/answer/7681608)';

export const googleProfile: IdpProfile = {
  name: 'google',
  title: 'Google Workspace (automatic user provisioning)',
  summary:
    "UNVERIFIED: no public source shows what Google sends. Probes GET /Users?count=1 on setup; creates users with POST; updates and suspends with PATCH (inferred); deprovisioning suspends or deletes per the admin's choice; no group push.",
  verified: false,
  sources: [SOURCES.google, SOURCES.idpNotes],
  quirks: GOOGLE_QUIRKS,
  documentedOperations: GOOGLE_OPERATIONS,
  headers: { accept: 'application/scim+json', 'content-type': 'application/scim+json' },
  userMapping: FULL_USER_MAPPING,
  actions: {
    *testConnection() {
      yield* send({ purpose: 'listUsers', method: 'GET', path: '/Users', query: { count: '1' } });
      return { verifies: 'LIST-RESPONSE' };
    },
    *assignUser(user) {
      if (user.id !== undefined && !user.active) {
        // Turning the app back on for a user Google suspended in it: Google still holds the app's
        // id, so it lifts the suspension instead of creating a second account (inferred).
        const outcome = yield* replaceActiveProgram(user, true);
        return { ...outcome, userId: user.id };
      }
      return yield* createUserProgram(user, userResource(user));
    },
    *updateUser(user, changes) {
      return yield* patchReplaceUserProgram(user, changes);
    },
    // Inferred: a plain RFC 7644 replace with a path (no source shows Google's request).
    deactivateUser: (user) => replaceActiveProgram(user, false),
    reactivateUser: (user) => replaceActiveProgram(user, true),
    *unassignUser(user) {
      const outcome = yield* replaceActiveProgram(user, false);
      return { ...outcome, userEffect: 'deactivated' };
    },
    *deleteUser(user) {
      // "User deleted" with the admin's choice "delete" (support.google.com/a/answer/7681608).
      return yield* deleteUserProgram(user);
    },
    *pushGroup() {
      return { skipped: NO_GROUPS };
    },
    *addMembers() {
      return { skipped: NO_GROUPS };
    },
    *removeMembers() {
      return { skipped: NO_GROUPS };
    },
    *renameGroup() {
      return { skipped: NO_GROUPS };
    },
    *unlinkGroup() {
      return { skipped: NO_GROUPS };
    },
    *deleteGroup() {
      return { skipped: NO_GROUPS };
    },
    *importUsers() {
      return { skipped: 'Google Workspace does not import users from the app (no public source)' };
    },
    *importGroups() {
      return { skipped: NO_GROUPS };
    },
  },
};
