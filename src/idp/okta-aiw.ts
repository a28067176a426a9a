import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { OKTA_HEADERS, oktaGroupLookup, oktaProfile, readModifyWrite } from './okta.js';
import { OKTA_AIW_OPERATIONS, OKTA_AIW_QUIRKS } from './okta-aiw-evidence.js';
import type { ActionProgram, GroupView, IdpProfile, MemberRef, UserView } from './profile.js';
import { createdId, listedResources, membersAfter, send } from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// Okta custom app built with the App Integration Wizard (AIW). It shares the OIN template app's
// lookup, create, headers and imports (SOURCES.okta20), but "AIW apps use PUT for everything,
// users and groups" (SOURCES.oktaAiw; IDP-NOTES.md, Okta): (de)activation is a PUT carrying
// `active`, and group changes are a PUT of the whole group.

/** (De)activation as AIW does it: GET the user, PUT it back with `active` changed. */
function* putActive(user: UserView, active: boolean): ActionProgram {
  const outcome = yield* readModifyWrite(user, { active });
  return outcome.failed ? outcome : { verifies: 'INTEROP-OKTA-PUT-DEACTIVATE' };
}

/**
 * The whole group as Okta holds it: name and every member as `{value, display}`, without `id`
 * (SCIM 2.0 reference, "Update specific Group membership", the AIW PUT sample).
 */
function groupBody(displayName: string, members: MemberRef[]): Record<string, unknown> {
  return {
    schemas: [URN.group],
    displayName,
    members: members.map((member) => ({ value: member.id, display: member.display })),
  };
}

function* putGroup(group: GroupView, displayName: string, members: MemberRef[], verifies: string): ActionProgram {
  yield* send({
    purpose: 'replaceGroup',
    targetId: group.id!,
    method: 'PUT',
    path: resourcePath('Group', group.id),
    body: groupBody(displayName, members),
  });
  return { verifies };
}

export const oktaAiwProfile: IdpProfile = {
  name: 'okta-aiw',
  title: 'Okta (custom AIW app)',
  summary:
    'Like okta for lookup and create; PUT (read-modify-write) for every user change including (de)activation; PUT of the whole group for renames and membership changes.',
  verified: true,
  sources: [SOURCES.okta20, SOURCES.oktaAiw, SOURCES.okta11],
  quirks: OKTA_AIW_QUIRKS,
  documentedOperations: OKTA_AIW_OPERATIONS,
  headers: OKTA_HEADERS,
  userMapping: FULL_USER_MAPPING,
  actions: {
    ...oktaProfile.actions,
    deactivateUser: (user) => putActive(user, false),
    reactivateUser: (user) => putActive(user, true),
    *unassignUser(user) {
      // Okta never deletes users; AIW sends the deactivation as a PUT with active:false.
      const outcome = yield* putActive(user, false);
      return { ...outcome, userEffect: 'deactivated' };
    },
    *pushGroup(group, members) {
      if (group.id !== undefined) return yield* putGroup(group, group.displayName, members, 'GROUP-PUT-MEMBERS');
      // "Retrieve Groups": the lookup by name when Okta holds no id; a group found is linked and PUT.
      const lookup = yield* send(oktaGroupLookup(group.displayName));
      const found = listedResources(lookup)[0]?.id;
      if (typeof found === 'string') {
        const outcome = yield* putGroup({ ...group, id: found }, group.displayName, members, 'GROUP-PUT-MEMBERS');
        return { ...outcome, groupId: found };
      }
      const body = {
        schemas: [URN.group],
        displayName: group.displayName,
        members: members.map((member) => ({ value: member.id, display: member.display })),
      };
      const create = yield* send({ purpose: 'createGroup', method: 'POST', path: '/Groups', body });
      const created = createdId(create, `group ${group.displayName}`);
      if ('failure' in created) return created.failure;
      return { groupId: created.id, verifies: members.length > 0 ? 'GROUP-MEMBER-SHAPE' : 'GROUP-CREATE' };
    },
    addMembers: (group, added) =>
      putGroup(group, group.displayName, membersAfter(group.members, added, []), 'GROUP-PUT-MEMBERS'),
    removeMembers: (group, removed) =>
      putGroup(group, group.displayName, membersAfter(group.members, [], removed), 'GROUP-PUT-MEMBERS'),
    renameGroup: (group, newName) => putGroup(group, newName, group.members, 'GROUP-RENAME'),
  },
};
