import type { RequestPurpose } from '../checks/request-purpose.js';
import type { Exchange } from '../http/exchange.js';
import type { HttpRequest } from '../http/http-transport.js';
import type { IdpName } from '../scenario/model.js';
import type { ScimResource } from '../scim/resource.js';
import type { DocumentedOperation, Quirk } from './evidence.js';
import type { UserMapping } from './user-mapping.js';

/** One request an IdP would send, labelled with why, so checks know which rules apply. */
export interface PlannedRequest extends HttpRequest {
  purpose: RequestPurpose;
  /** The resource id this request addresses (reads, writes, deletes). */
  targetId?: string;
}

/** A user as the IdP knows it right now (templates resolved). */
export interface UserView {
  key: string;
  /** The SCIM id, once the server issued one. */
  id?: string;
  userName: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  displayName?: string;
  externalId?: string;
  active: boolean;
  /** Further SCIM attributes by attribute path (`title`, `name.middleName`, extension paths...). */
  attributes: Record<string, unknown>;
}

export interface MemberRef {
  key: string;
  id: string;
  /** What the IdP shows as the member's display (the userName for Okta). */
  display: string;
}

export interface GroupView {
  key: string;
  id?: string;
  displayName: string;
  externalId?: string;
  /** Members as the IdP last pushed them (before the current action). */
  members: MemberRef[];
}

/** What an IdP does to a user the admin unassigns or deletes: removes it (404) or keeps it with `active: false`. */
export type UserEffect = 'deactivated' | 'deleted';

/** What an action program reports back to the engine once its requests are done. */
export interface ActionOutcome {
  userId?: string;
  groupId?: string;
  /** Resources an import read, in order. */
  imported?: ScimResource[];
  /** The SPEC-CHECKS ID the resulting server state is judged by (read-back diff). */
  verifies?: string;
  /**
   * Appended to the read-back verdict's message when it fails: why the IdP expects that state
   * (e.g. the RFC reading that conflicts with what Entra relies on).
   */
  verifyHint?: string;
  /** The action could not proceed (a response it needs was missing or wrong); the reason. */
  failed?: string;
  /** The IdP does not do this action at all; the step is skipped with this reason. */
  skipped?: string;
  /**
   * For unassign/delete: what the IdP did to the user. The expected model records it, so an
   * `expectState` in the admin's terms (`status: unassigned`) is judged as this IdP removes users.
   */
  userEffect?: UserEffect;
  /** For unlink/delete of a group: whether the group was deleted in the target app. */
  groupDeleted?: boolean;
  /**
   * For assign: the user was created disabled (`active: false`), as Ping provisions a user who is
   * disabled in its datastore. Without it an assigned user is active.
   */
  createdInactive?: boolean;
  /**
   * For group actions: the parts of the admin's change the IdP never sent, each with why
   * (keycloak-suvera sends no members, and its rename PUTs the old name back). The model keeps
   * the server's side of them as it was, and an `expectState` on them is not judged.
   */
  groupNotSent?: GroupNotSent;
}

/** What of a group change the IdP did not send, with the reason for each part. */
export interface GroupNotSent {
  members?: string;
  displayName?: string;
}

/**
 * An action as a generator: it yields the requests the IdP sends, one at a time, and receives
 * each exchange back. This keeps profiles pure (no I/O) while letting them react to responses
 * (lookup-then-create, GET-then-PUT), and lets tests drive them with recorded exchanges.
 */
export type ActionProgram = Generator<PlannedRequest, ActionOutcome, Exchange>;

export interface ProfileActions {
  testConnection(): ActionProgram;
  assignUser(user: UserView): ActionProgram;
  updateUser(user: UserView, changes: Record<string, unknown>): ActionProgram;
  deactivateUser(user: UserView): ActionProgram;
  reactivateUser(user: UserView): ActionProgram;
  unassignUser(user: UserView): ActionProgram;
  deleteUser(user: UserView): ActionProgram;
  pushGroup(group: GroupView, members: MemberRef[]): ActionProgram;
  addMembers(group: GroupView, added: MemberRef[]): ActionProgram;
  removeMembers(group: GroupView, removed: MemberRef[]): ActionProgram;
  renameGroup(group: GroupView, newName: string): ActionProgram;
  unlinkGroup(group: GroupView, deleteInTarget: boolean): ActionProgram;
  deleteGroup(group: GroupView): ActionProgram;
  importUsers(pageSize: number | undefined): ActionProgram;
  importGroups(pageSize: number | undefined): ActionProgram;
}

/** An IdP's habits: how each admin action becomes HTTP, with the sources that show it. */
export interface IdpProfile {
  name: IdpName;
  title: string;
  summary: string;
  /** False when no public source shows the wire format (Google): every report says so. */
  verified: boolean;
  /**
   * Whether this IdP reads /ServiceProviderConfig and leaves out what it says is unsupported.
   * Only then may a scenario's `requires:` skip it; an IdP that never reads it (Okta, Entra, …)
   * sends PATCH and filters anyway, so its flows run and the contradiction is a finding.
   */
  readsServiceProviderConfig?: boolean;
  /** The profile's reading list: the public documents it follows (each claim cites its own in `quirks`). */
  sources: string[];
  /**
   * Each habit a server has to cope with, graded by its evidence (src/idp/evidence.ts). What the
   * profile had to infer is here too, graded `inferred`: the one place for that list.
   */
  quirks: readonly Quirk[];
  /** Every request the sources show this IdP sending; a built-in scenario must send each one. */
  documentedOperations: readonly DocumentedOperation[];
  /** Headers sent on every request. */
  headers: Record<string, string>;
  /**
   * Which user attributes its mapping sends, in what shape, at create and update: the expected
   * model expects only these (src/idp/user-mapping.ts).
   */
  userMapping: UserMapping;
  actions: ProfileActions;
}
