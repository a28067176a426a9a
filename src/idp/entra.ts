import { randomUUID } from 'node:crypto';
import { readPath } from '../scim/read-path.js';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { USER_RESOURCE_TYPE } from '../scim/resource-type.js';
import {
  ENTRA_COMPLIANT_OPERATIONS,
  ENTRA_COMPLIANT_QUIRKS,
  ENTRA_OPERATIONS,
  ENTRA_QUIRKS,
} from './entra-evidence.js';
import {
  booleanValue,
  compliantUpdateOperations,
  type EntraMode,
  entraGroupBody,
  entraUserBody,
  hadValue,
  legacyUpdateOperations,
  memberValues,
  opName,
  removeMemberOperations,
} from './entra-requests.js';
import type { ActionProgram, GroupView, IdpProfile, MemberRef, PlannedRequest, UserView } from './profile.js';
import {
  createdId,
  createUserProgram,
  deleteGroupProgram,
  deleteUserProgram,
  eqFilter,
  groupPatchRequest,
  listedResources,
  patchBody,
  send,
  unlinkGroupProgram,
} from './request-helpers.js';
import { SOURCES } from './sources.js';
import { FULL_USER_MAPPING } from './user-mapping.js';

// Microsoft Entra ID provisioning (non-gallery app, job id `scim`). Request shapes: the tutorial's
// samples (SOURCES.entraTutorial); legacy quirks and the aadOptscim062020 flag: SOURCES.entraKnownIssues;
// when requests are sent (scope, soft/hard delete): SOURCES.entraHowItWorks.

/** The tutorial's samples carry SCIM JSON; no sample shows Accept or User-Agent (inferred). */
const ENTRA_HEADERS = { 'content-type': 'application/scim+json' };

/** Test Connection and every lookup expect 200 with an empty ListResponse on a miss, never 404. */
const LOOKUP_MISS_HINT = 'Entra ID treats anything but 200 with an empty ListResponse as a failed lookup';

function patchUser(user: UserView, operations: unknown[]): PlannedRequest {
  return {
    purpose: 'patchUser',
    targetId: user.id!,
    method: 'PATCH',
    path: resourcePath('User', user.id),
    body: patchBody(operations),
  };
}

function patchGroup(group: GroupView, operations: unknown[]): PlannedRequest {
  return groupPatchRequest(group.id!, operations);
}

/** What Entra sends after matching an existing user: only the attributes that differ. */
function matchOperations(mode: EntraMode, found: ScimResource, user: UserView): unknown[] {
  const read = (path: string): unknown => readPath(found, path, USER_RESOURCE_TYPE)[0];
  const wanted: [string, unknown][] = [
    ['name.givenName', user.givenName],
    ['name.familyName', user.familyName],
    ['emails[type eq "work"].value', user.email],
    ['displayName', user.displayName],
  ];
  const operations: unknown[] = [];
  if (read('active') !== true)
    operations.push({ op: opName(mode, 'replace'), path: 'active', value: booleanValue(mode, true) });
  for (const [path, value] of wanted) {
    if (value === undefined || read(path) === value) continue;
    operations.push({ op: opName(mode, read(path) === undefined ? 'add' : 'replace'), path, value });
  }
  return operations;
}

function* setActive(mode: EntraMode, user: UserView, active: boolean): ActionProgram {
  // Known-issues page: default mode sends {"op":"Replace","path":"active","value":"False"}.
  yield* send(patchUser(user, [{ op: opName(mode, 'replace'), path: 'active', value: booleanValue(mode, active) }]));
  return { verifies: mode === 'legacy' ? 'INTEROP-BOOLEAN-STRINGS' : 'PATCH-REPLACE-ACTIVE' };
}

function* addMembers(mode: EntraMode, group: GroupView, added: MemberRef[]): ActionProgram {
  if (added.length === 0) return { verifies: 'READ-STATE' };
  yield* send(patchGroup(group, [{ op: opName(mode, 'add'), path: 'members', value: memberValues(added) }]));
  return { verifies: 'PATCH-MEMBERS-ADD' };
}

function* removeMembers(mode: EntraMode, group: GroupView, removed: MemberRef[]): ActionProgram {
  if (removed.length === 0) return { verifies: 'READ-STATE' };
  yield* send(patchGroup(group, removeMemberOperations(mode, removed)));
  if (mode === 'compliant') return { verifies: 'PATCH-MEMBERS-REMOVE' };
  return {
    verifies: 'INTEROP-REMOVE-MEMBER-BY-VALUE',
    verifyHint:
      'Entra ID (default mode) removes members with {"op":"Remove","path":"members","value":[{"value":id}]} and expects only those members to go. ' +
      'A literal reading of RFC 7644 §3.5.2.2 (no filter on the path) removes every member, which passes the RFC but empties the group under Entra. ' +
      'Remove only the listed values, or have the tenant append ?aadOptscim062020 to the tenant URL so Entra sends members[value eq "…"] instead',
  };
}

function updateVerdict(mode: EntraMode, user: UserView, changes: Record<string, unknown>): string {
  const keys = Object.keys(changes);
  // With the flag, attributes that had a value (other than the email and the manager) go in the path-less replace.
  if (mode === 'compliant' && keys.some((key) => key !== 'manager' && key !== 'email' && hadValue(user, key)))
    return 'INTEROP-NOPATH-DOTTED';
  if ('email' in changes) return user.email === undefined ? 'INTEROP-ADD-VALUEPATH-CREATES' : 'PATCH-REPLACE-VALUEPATH';
  if ('manager' in changes) return 'PATCH-EXTENSION-PATH';
  // Known-issues page, "Requests to add a single-value string attribute": Add with the path.
  if (keys.length > 0 && keys.every((key) => !hadValue(user, key))) return 'PATCH-ADD';
  return 'PATCH-REPLACE-COMPLEX';
}

function entraProfile(mode: EntraMode): IdpProfile {
  return {
    name: mode === 'legacy' ? 'entra' : 'entra-compliant',
    title: mode === 'legacy' ? 'Microsoft Entra ID (default SCIM job)' : 'Microsoft Entra ID with ?aadOptscim062020',
    summary:
      mode === 'legacy'
        ? 'Lookup by userName eq (no paging) before create; PATCH only, one op per attribute with capitalised ops (Add/Replace/Remove) and "True"/"False" strings; soft delete = Replace active "False"; groups created without members, members added with {$ref:null,value} and removed by a value array; group lookups with excludedAttributes=members. Relies on: 200 with an empty ListResponse for a lookup miss (never 404); group PATCH answered 204 (the samples) or 200.'
        : 'As entra, with the aadOptscim062020 flag: lower-case ops, boolean active, path-less replace whose keys are attribute paths ("name.givenName"), member removal with members[value eq "…"].',
    verified: true,
    sources: [SOURCES.entraTutorial, SOURCES.entraKnownIssues, SOURCES.entraHowItWorks],
    quirks: mode === 'legacy' ? ENTRA_QUIRKS : ENTRA_COMPLIANT_QUIRKS,
    documentedOperations: mode === 'legacy' ? ENTRA_OPERATIONS : ENTRA_COMPLIANT_OPERATIONS,
    headers: ENTRA_HEADERS,
    // The default attribute mappings: core attributes, a work email, the enterprise extension (manager by reference).
    userMapping: FULL_USER_MAPPING,
    actions: {
      *testConnection() {
        // Tutorial, "Test Connection": a lookup of a random GUID that must come back 200 and empty.
        yield* send({
          purpose: 'lookupUser',
          method: 'GET',
          path: '/Users',
          query: { filter: eqFilter('userName', randomUUID()) },
        });
        return { verifies: 'LIST-EMPTY', verifyHint: LOOKUP_MISS_HINT };
      },
      *assignUser(user) {
        // Tutorial, "Get User by query": userName eq, no startIndex/count.
        const lookup = yield* send({
          purpose: 'lookupUser',
          method: 'GET',
          path: '/Users',
          query: { filter: eqFilter('userName', user.userName) },
        });
        const found = listedResources(lookup)[0];
        if (typeof found?.id === 'string') {
          const linked: UserView = { ...user, id: found.id };
          const operations = matchOperations(mode, found, user);
          if (operations.length > 0) yield* send(patchUser(linked, operations));
          return { userId: found.id, verifies: 'PATCH-REPLACE-ACTIVE' };
        }
        return yield* createUserProgram(user, entraUserBody(user));
      },
      *updateUser(user, changes) {
        const operations =
          mode === 'legacy' ? legacyUpdateOperations(user, changes) : compliantUpdateOperations(user, changes);
        if (operations.length > 0) yield* send(patchUser(user, operations));
        return { verifies: updateVerdict(mode, user, changes) };
      },
      deactivateUser: (user) => setActive(mode, user, false),
      reactivateUser: (user) => setActive(mode, user, true),
      *unassignUser(user) {
        // How provisioning works: unassignment or scope loss is a soft delete (active false), not a DELETE.
        const outcome = yield* setActive(mode, user, false);
        return { ...outcome, userEffect: 'deactivated' };
      },
      *deleteUser(user) {
        // How provisioning works: DELETE only on a hard delete (30 days after the soft delete, or a purge).
        return yield* deleteUserProgram(user);
      },
      *pushGroup(group, members) {
        if (group.id !== undefined) {
          // Already provisioned: the next cycle sends the membership difference only.
          const added = members.filter((member) => !group.members.some((have) => have.id === member.id));
          const removed = group.members.filter((have) => !members.some((member) => member.id === have.id));
          if (removed.length > 0) yield* removeMembers(mode, group, removed);
          if (added.length > 0) yield* addMembers(mode, group, added);
          return { groupId: group.id, verifies: 'READ-STATE' };
        }
        // Tutorial, "Get Group by displayName": excludedAttributes=members on every group GET.
        const lookup = yield* send({
          purpose: 'lookupGroup',
          method: 'GET',
          path: '/Groups',
          query: { excludedAttributes: 'members', filter: eqFilter('displayName', group.displayName) },
        });
        const existing = listedResources(lookup)[0];
        if (typeof existing?.id === 'string') {
          // Matched by displayName: Entra links the group and adds its members (inferred).
          const outcome = yield* addMembers(mode, { ...group, id: existing.id }, members);
          return { ...outcome, groupId: existing.id };
        }
        const create = yield* send({
          purpose: 'createGroup',
          method: 'POST',
          path: '/Groups',
          body: entraGroupBody(group),
        });
        const created = createdId(create, `group ${group.displayName}`);
        if ('failure' in created) return created.failure;
        if (members.length === 0) return { groupId: created.id, verifies: 'GROUP-CREATE' };
        const outcome = yield* addMembers(mode, { ...group, id: created.id }, members);
        return { ...outcome, groupId: created.id };
      },
      addMembers: (group, added) => addMembers(mode, group, added),
      removeMembers: (group, removed) => removeMembers(mode, group, removed),
      *renameGroup(group, newName) {
        // Tutorial, "Update Group [Non-member attributes]": Replace on path displayName.
        yield* send(patchGroup(group, [{ op: opName(mode, 'replace'), path: 'displayName', value: newName }]));
        return { verifies: 'GROUP-RENAME' };
      },
      *unlinkGroup(group, deleteInTarget) {
        return yield* unlinkGroupProgram(group, deleteInTarget);
      },
      *deleteGroup(group) {
        // Tutorial, "Delete Group".
        return yield* deleteGroupProgram(group);
      },
      *importUsers() {
        return { skipped: 'Entra ID does not import users from the app: no documented flow pages through /Users' };
      },
      *importGroups() {
        return { skipped: 'Entra ID does not import groups from the app: no documented flow pages through /Groups' };
      },
    },
  };
}

/** Entra's default SCIM job, with its legacy quirks. */
export const entraLegacyProfile = entraProfile('legacy');
/** Entra with the aadOptscim062020 flag on the tenant URL. */
export const entraCompliantProfile = entraProfile('compliant');
