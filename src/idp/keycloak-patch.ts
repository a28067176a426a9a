import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { KEYCLOAK_USER_MAPPING, keycloakDisplayName, keycloakGroupExternalId, keycloakProfile } from './keycloak.js';
import { KEYCLOAK_PATCH_OPERATIONS, KEYCLOAK_PATCH_QUIRKS } from './keycloak-evidence.js';
import type { ActionProgram, GroupView, IdpProfile, MemberRef, UserView } from './profile.js';
import { membersAfter, patchBody, send, withChanges } from './request-helpers.js';
import { SOURCES } from './sources.js';

// The keycloak-scim plugin with its optional PATCH modes switched on (pelotech fork:
// `user-patchOp` and `group-patchOp`; IDP-NOTES.md, Keycloak "Update style"). Everything else,
// create, delete and import, is the plugin's default behaviour (src/idp/keycloak.ts).

/**
 * `user-patchOp`: always the same three replace ops, with `active` as the string "true"/"false".
 * Name and email changes are not part of them, so they never reach the server; the profile's
 * userMapping says so (updateSends), and the expected model does not blame the server for them.
 */
function* patchUser(user: UserView, changes: Record<string, unknown>, verifies: string): ActionProgram {
  const updated = withChanges(user, changes);
  const displayName = keycloakDisplayName(updated);
  const operations = [
    { op: 'replace', path: 'active', value: String(updated.active) },
    { op: 'replace', path: 'userName', value: updated.userName },
    { op: 'replace', path: 'displayName', value: displayName },
  ];
  yield* send({
    purpose: 'patchUser',
    targetId: user.id!,
    method: 'PATCH',
    path: resourcePath('User', user.id),
    body: patchBody(operations),
  });
  return { verifies };
}

/**
 * `group-patchOp` (GroupAdapter.toPatchBuilder, identical in mitodl and pelotech): the whole
 * member list replaced, each member as `{value}` alone (no `$ref`, unlike the PUT body), with
 * displayName and externalId; a group left without members gets a path `members` remove instead
 * of an empty replace.
 */
function* patchGroup(group: GroupView, displayName: string, members: MemberRef[], verifies: string): ActionProgram {
  const membership =
    members.length === 0
      ? { op: 'remove', path: 'members' }
      : {
          op: 'replace',
          path: 'members',
          value: members.map((member) => ({ value: member.id })),
        };
  const externalId = keycloakGroupExternalId(group);
  const operations = [
    membership,
    { op: 'replace', path: 'displayName', value: displayName },
    { op: 'replace', path: 'externalId', value: externalId },
  ];
  yield* send({
    purpose: 'patchGroup',
    targetId: group.id!,
    method: 'PATCH',
    path: resourcePath('Group', group.id),
    body: { schemas: [URN.patchOp], Operations: operations },
  });
  return { verifies };
}

export const keycloakPatchProfile: IdpProfile = {
  ...keycloakProfile,
  name: 'keycloak-patch',
  title: 'Keycloak (keycloak-scim plugin with user-patchOp and group-patchOp)',
  summary:
    'As keycloak, but updates go out as PATCH: three fixed replace ops for users (active as "true"/"false", userName, displayName; name and email changes are not sent) and a whole-member-list replace (members as {value} alone) with displayName and externalId for groups (a members remove when the group is empty).',
  sources: [SOURCES.keycloakMitodl, SOURCES.keycloakPelotech, SOURCES.idpNotes],
  // The op order was inferred until the adapters were read: both forks build the ops in that order.
  quirks: KEYCLOAK_PATCH_QUIRKS,
  documentedOperations: KEYCLOAK_PATCH_OPERATIONS,
  userMapping: { ...KEYCLOAK_USER_MAPPING, updateSends: ['active', 'userName', 'displayName'] },
  actions: {
    ...keycloakProfile.actions,
    updateUser: (user, changes) => patchUser(user, changes, 'PATCH-REPLACE-COMPLEX'),
    deactivateUser: (user) => patchUser(user, { active: false }, 'PATCH-REPLACE-ACTIVE'),
    reactivateUser: (user) => patchUser(user, { active: true }, 'PATCH-REPLACE-ACTIVE'),
    addMembers: (group, added) =>
      patchGroup(group, group.displayName, membersAfter(group.members, added, []), 'PATCH-MEMBERS-REPLACE'),
    removeMembers: (group, removed) =>
      patchGroup(group, group.displayName, membersAfter(group.members, [], removed), 'PATCH-MEMBERS-REPLACE'),
    renameGroup: (group, newName) => patchGroup(group, newName, group.members, 'GROUP-RENAME'),
  },
};
