import { randomUUID } from 'node:crypto';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { URN } from '../scim/urns.js';
import { booleanValue, opName } from './entra-requests.js';
import { ENTRA_VALIDATOR_DOCUMENTED_OPERATIONS, ENTRA_VALIDATOR_QUIRKS } from './entra-validator-evidence.js';
import type { ActionProgram, GroupView, IdpProfile, MemberRef, PlannedRequest, UserView } from './profile.js';
import {
  createdId,
  createdUserOutcome,
  eqFilter,
  groupPatchRequest,
  membersAfter,
  patchBody,
  pseudoId,
  send,
  setAttribute,
  toScimPath,
  unlinkGroupProgram,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import type { UserMapping } from './user-mapping.js';

// Microsoft's hosted SCIM Validator (scimvalidator.microsoft.com), which is not the Entra
// provisioning engine: its requests as a recorded run shows them (SOURCES.scimValidatorRecording),
// plus the shapes users report from it. Each request cites its evidence; guesses say so.

/** The recorded requests carry `Content-Type: application/scim+json; charset=utf-8` and no Accept. */
const VALIDATOR_HEADERS = { 'content-type': 'application/scim+json; charset=utf-8' };

/** The validator sends the attributes the tester selected; the recorded creates carry no externalId. */
export const ENTRA_VALIDATOR_USER_MAPPING: UserMapping = {
  emailType: 'work',
  displayName: 'given',
  externalId: false,
  otherAttributes: 'all',
};

const MANAGER_PATH = `${URN.enterpriseUser}:manager`;

/** The recorded "Create a new User" body: attributes first, the enterprise object nested, `schemas` last. */
export function validatorUserBody(user: UserView): ScimResource {
  const body: ScimResource = { userName: user.userName, active: user.active };
  if (user.displayName !== undefined) body.displayName = user.displayName;
  if (user.email !== undefined) body.emails = [{ type: 'work', value: user.email, primary: true }];
  if (user.givenName !== undefined || user.familyName !== undefined)
    body.name = {
      ...(user.givenName !== undefined ? { givenName: user.givenName } : {}),
      ...(user.familyName !== undefined ? { familyName: user.familyName } : {}),
    };
  const schemas = [URN.user];
  body.schemas = schemas;
  // setAttribute nests extension paths and adds their URN to `schemas` (the manager as {value}).
  for (const [path, value] of Object.entries(user.attributes)) setAttribute(body, path, value);
  const { schemas: sent, ...rest } = body;
  return { ...rest, schemas: sent };
}

/** "Filter for an existing user": the validator reads what it wrote by userName, right after the write. */
const filterUser = (userName: string): PlannedRequest => ({
  purpose: 'lookupUser',
  method: 'GET',
  path: '/Users',
  query: { filter: eqFilter('userName', userName) },
});

function patchUser(user: UserView, operations: unknown[]): PlannedRequest {
  return {
    purpose: 'patchUser',
    targetId: user.id!,
    method: 'PATCH',
    path: resourcePath('User', user.id),
    body: patchBody(operations),
  };
}

/**
 * One `replace` per changed attribute, with its path ("Patch User - Replace Attributes Verbose",
 * "Update User userName"). The manager is removed with `{"value": ""}` (the recorded "Remove
 * Manager").
 */
function userOperation(user: UserView, key: string, value: unknown): Record<string, unknown> {
  if (key === 'manager' || key === MANAGER_PATH || key === `${MANAGER_PATH}.value`) {
    if (value === '' || value === null) return { op: 'replace', path: MANAGER_PATH, value: { value: '' } };
    // The bare-string form users report is not sent: no recording shows it from the validator,
    // and the recorded create carries the manager as {value} (see the manager-string quirk).
    return { op: 'replace', path: MANAGER_PATH, value: { value } };
  }
  // Every recorded replace targets a value the user has; a first email is added (inferred), as
  // a replace on an absent value path must fail with noTarget (RFC 7644 §3.5.2.3).
  if (key === 'email' && user.email === undefined)
    return { op: 'add', path: 'emails', value: [{ type: 'work', value, primary: true }] };
  return { op: 'replace', path: toScimPath(key), value };
}

/** "Patch User - Disable User": Replace with a string boolean, then a GET that expects the user kept. */
function* setActive(user: UserView, active: boolean): ActionProgram {
  yield* send(
    patchUser(user, [{ op: opName('legacy', 'replace'), path: 'active', value: booleanValue('legacy', active) }]),
  );
  yield* send({ purpose: 'getUser', targetId: user.id!, method: 'GET', path: resourcePath('User', user.id) });
  return { verifies: 'PATCH-REPLACE-ACTIVE' };
}

/** "Delete a User" / "Delete a Group": DELETE, then a GET that must answer 404. */
function* deleteThenVerify(kind: 'User' | 'Group', id: string | undefined): ActionProgram {
  const path = resourcePath(kind, id);
  const target = id ?? '';
  yield* send(
    kind === 'User'
      ? { purpose: 'deleteUser', targetId: target, method: 'DELETE', path }
      : { purpose: 'deleteGroup', targetId: target, method: 'DELETE', path },
  );
  // No targetId: the verification expects 404, so READ-200 must not judge it.
  yield* send({ purpose: kind === 'User' ? 'getUser' : 'getGroup', method: 'GET', path });
  return kind === 'User'
    ? { userEffect: 'deleted', verifies: 'DEL-GONE-404' }
    : { groupDeleted: true, verifies: 'GROUP-DELETE' };
}

/** "Patch Group - Add Member": a `replace` of members with a value list. */
const replaceMembers = (members: MemberRef[]) => ({
  op: 'replace',
  path: 'members',
  value: members.map((member) => ({ value: member.id })),
});

function* pushGroup(group: GroupView, members: MemberRef[]): ActionProgram {
  // "Create a new Group": displayName, externalId (a fresh UUID) and schemas, in that order.
  const create = yield* send({
    purpose: 'createGroup',
    method: 'POST',
    path: '/Groups',
    body: {
      displayName: group.displayName,
      externalId: group.externalId ?? pseudoId(`validator-group:${group.key}`),
      schemas: [URN.group],
    },
  });
  const created = createdId(create, `group ${group.displayName}`);
  if ('failure' in created) return created.failure;
  // "Filter for existing group excluding members".
  yield* send({
    purpose: 'lookupGroup',
    method: 'GET',
    path: '/Groups',
    query: { excludedAttributes: 'members', filter: eqFilter('displayName', group.displayName) },
  });
  if (members.length === 0) return { groupId: created.id, verifies: 'GROUP-CREATE' };
  yield* send(groupPatchRequest(created.id, [replaceMembers(members)]));
  return { groupId: created.id, verifies: 'PATCH-MEMBERS-REPLACE' };
}

const SKIP_IMPORT = 'the SCIM Validator does not import; it reads back only what its own tests wrote';

export const entraValidatorProfile: IdpProfile = {
  name: 'entra-validator',
  title: 'Microsoft SCIM Validator (scimvalidator.microsoft.com)',
  summary:
    'Microsoft\'s hosted test tool, not the Entra provisioning engine: POST then an immediate userName filter; one lower-case replace per attribute; Replace active with "True"/"False" strings followed by a GET; the manager removed with {"value":""}; groups created with displayName, externalId and schemas, members set with a replace on members, removed by members[value eq …]; DELETE followed by a GET that must answer 404; each request sent as soon as the previous answer arrives.',
  verified: true,
  sources: [SOURCES.scimValidatorRecording, SOURCES.scimValidatorEmptyPatch, SOURCES.entraManagerString],
  quirks: ENTRA_VALIDATOR_QUIRKS,
  documentedOperations: ENTRA_VALIDATOR_DOCUMENTED_OPERATIONS,
  headers: VALIDATOR_HEADERS,
  userMapping: ENTRA_VALIDATOR_USER_MAPPING,
  actions: {
    *testConnection() {
      yield* send(filterUser(`validator-${randomUUID()}@example.com`));
      return { verifies: 'LIST-EMPTY' };
    },
    *assignUser(user) {
      const create = yield* send({
        purpose: 'createUser',
        method: 'POST',
        path: '/Users',
        body: validatorUserBody(user),
      });
      const created = createdId(create, `user ${user.userName}`);
      if ('failure' in created) return created.failure;
      // "Create a new User" is judged by a filter sent right after the 201, with no pause.
      yield* send(filterUser(user.userName));
      return createdUserOutcome(created.id, validatorUserBody(user));
    },
    *updateUser(user, changes) {
      const operations = Object.entries(changes).map(([key, value]) => userOperation(user, key, value));
      yield* send(patchUser(user, operations));
      return { verifies: 'PATCH-REPLACE-COMPLEX' };
    },
    deactivateUser: (user) => setActive(user, false),
    reactivateUser: (user) => setActive(user, true),
    unassignUser: (user) => deleteThenVerify('User', user.id),
    deleteUser: (user) => deleteThenVerify('User', user.id),
    pushGroup,
    *addMembers(group, added) {
      // The recorded "Add Member" replaces the members of an empty group with the new one, so
      // the list is the whole membership; users report a partial list (see the quirk).
      if (added.length > 0)
        yield* send(groupPatchRequest(group.id!, [replaceMembers(membersAfter(group.members, added, []))]));
      return { verifies: 'PATCH-MEMBERS-REPLACE' };
    },
    *removeMembers(group, removed) {
      // "Patch Group - Remove Member": remove with a value filter, no value.
      const operations = removed.map((member) => ({
        op: 'remove',
        path: `members[value eq ${JSON.stringify(member.id)}]`,
      }));
      if (operations.length > 0) yield* send(groupPatchRequest(group.id!, operations));
      return { verifies: 'PATCH-MEMBERS-REMOVE' };
    },
    *renameGroup(group, newName) {
      // "Update Group displayName": a path-less, lower-case replace.
      yield* send(groupPatchRequest(group.id!, [{ op: 'replace', value: { displayName: newName } }]));
      return { verifies: 'GROUP-RENAME' };
    },
    *unlinkGroup(group, deleteInTarget) {
      if (deleteInTarget) return yield* deleteThenVerify('Group', group.id);
      return yield* unlinkGroupProgram(group, false);
    },
    deleteGroup: (group) => deleteThenVerify('Group', group.id),
    *importUsers() {
      return { skipped: SKIP_IMPORT };
    },
    *importGroups() {
      return { skipped: SKIP_IMPORT };
    },
  },
};
