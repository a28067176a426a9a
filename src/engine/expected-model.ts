import type { ExpectedGroupState, ExpectedUserState } from '../checks/state-diff.js';
import type { GroupNotSent, GroupView, MemberRef, UserEffect, UserView } from '../idp/profile.js';
import { toScimPath, withChanges } from '../idp/request-helpers.js';
import { emailPath, FULL_USER_MAPPING, sentUserAttributes, type UserMapping } from '../idp/user-mapping.js';
import type { TemplateContext } from '../scenario/index.js';
import type { ActionName } from '../scenario/model.js';

/** Where a resource stands in the IdP's view. `unlinked`: left in the target app, no longer managed. */
export type ModelState = 'absent' | 'present' | 'deleted' | 'unlinked';

/** What the IdP did when the admin last took a user out of the app, and by which action. */
export interface UserRemoval {
  action: 'unassignUser' | 'deleteUser';
  effect: UserEffect;
}

/** An admin action the IdP did not carry out on a resource (the profile skipped it), and why. */
export interface NotDone {
  action: ActionName;
  reason: string;
}

export interface ModelUser {
  view: UserView;
  state: ModelState;
  /** Attribute paths the IdP changed on its side but never sent: not expected on the server. */
  unsent?: Set<string>;
  /** The mapping of the IdP that pushed the user: which attributes it sent, in what shape. */
  mapping?: UserMapping;
  /** Set while the user stands removed (unassigned or deleted); cleared when it is assigned again. */
  removal?: UserRemoval;
  /** The last action on the user that the IdP skipped. */
  notDone?: NotDone;
}

export interface ModelGroup {
  view: GroupView;
  state: ModelState;
  /** The last action on the group that the IdP skipped (a push Google never makes). */
  notDone?: NotDone;
  /** Parts of the admin's group changes the IdP never sent (keycloak-suvera's members, its lost rename). */
  unsent?: GroupNotSent;
}

/**
 * The IdP's view of the target: who exists, who is active, what attributes and memberships it
 * last pushed. It is the intent of the admin's actions, independent of the wire format, so a
 * server that applies an IdP's request differently from what the IdP meant (e.g. empties a group
 * on Entra's remove-by-value) is caught whatever the profile sent.
 */
export class ExpectedModel {
  readonly users = new Map<string, ModelUser>();
  readonly groups = new Map<string, ModelGroup>();

  user(key: string): ModelUser {
    const user = this.users.get(key);
    if (!user) throw new Error(`unknown user ${key}`); // the loader rejects undefined keys first
    return user;
  }

  group(key: string): ModelGroup {
    const group = this.groups.get(key);
    if (!group) throw new Error(`unknown group ${key}`);
    return group;
  }

  /** The member reference the IdP sends for a user; needs the user to exist on the server. */
  memberRef(key: string): MemberRef | undefined {
    const user = this.users.get(key);
    if (!user?.view.id || user.state !== 'present') return undefined;
    return { key, id: user.view.id, display: user.view.userName };
  }

  /**
   * Applies a scenario `set:` block to the user's view (friendly names to fields, the rest as
   * SCIM paths), with the same mapping full-PUT profiles use to build the resource they send.
   * The view keeps its identity: steps and template pools hold references to it.
   */
  applyUserChanges(key: string, changes: Record<string, unknown>): void {
    const view = this.user(key).view;
    Object.assign(view, withChanges(view, changes));
  }

  /** The IdP pushed the user (assign): it is on the server, as its mapping sends it, active unless created disabled. */
  userAssigned(key: string, mapping: UserMapping, createdInactive = false): void {
    const user = this.user(key);
    user.view.active = !createdInactive;
    user.state = 'present';
    user.mapping = mapping;
    delete user.removal;
  }

  /** The admin unassigned or deleted the user, and the IdP did this to it. */
  userRemoved(key: string, action: UserRemoval['action'], effect: UserEffect): void {
    const user = this.user(key);
    if (effect === 'deleted') user.state = 'deleted';
    else user.view.active = false;
    user.removal = { action, effect };
  }

  /** The IdP skipped an admin action on a user or group; an expectation it makes moot is skipped with the reason. */
  actionNotDone(kind: 'user' | 'group', key: string, action: ActionName, reason: string): void {
    const resource = kind === 'user' ? this.users.get(key) : this.groups.get(key);
    if (resource) resource.notDone = { action, reason };
  }

  /** Records `set:` keys an update did not carry, given the mapping's `updateSends`. */
  markUnsentUpdate(key: string, changes: Record<string, unknown>, mapping: UserMapping): void {
    const sends = mapping.updateSends;
    if (sends === undefined) return;
    this.markUnsent(
      key,
      Object.keys(changes).filter((name) => !sends.includes(toScimPath(name))),
    );
  }

  /** Records `set:` keys (or attribute paths) the IdP did not send. */
  markUnsent(key: string, changes: readonly string[]): void {
    if (changes.length === 0) return;
    const user = this.user(key);
    user.unsent ??= new Set();
    for (const name of changes) user.unsent.add(toScimPath(name));
  }

  /**
   * What a read-back of the user must show: what the IdP's mapping sent of its view (the
   * attributes it carries, its email type, its displayName), less what an update left out.
   */
  expectedUser(key: string): ExpectedUserState {
    const { view, unsent, mapping = FULL_USER_MAPPING } = this.user(key);
    const attributes = sentUserAttributes(view, mapping);
    for (const path of unsent ?? []) {
      delete attributes[path];
      // An unsent email change: whatever type this IdP gives its email.
      if (path === toScimPath('email')) delete attributes[emailPath(mapping)];
    }
    return { id: view.id ?? '', attributes };
  }

  expectedGroup(key: string): ExpectedGroupState {
    const view = this.group(key).view;
    const deleted = (member: MemberRef): boolean => this.users.get(member.key)?.state === 'deleted';
    const deletedMemberIds = view.members.filter(deleted).map((member) => member.id);
    return {
      id: view.id ?? '',
      displayName: view.displayName,
      memberIds: view.members.filter((member) => !deleted(member)).map((member) => member.id),
      ...(deletedMemberIds.length > 0 ? { deletedMemberIds } : {}),
    };
  }

  /**
   * Values scenario templates can use: `{{users.alice.id}}`, `{{groups.eng.displayName}}`. The
   * pools read the views live (getters), so they are built once per model instead of once per
   * rendered step; a template always sees the model as it stands when it is rendered.
   */
  templateValues(): Pick<TemplateContext, 'users' | 'groups'> {
    if (
      this.templatePools === undefined ||
      this.templatePools.userCount !== this.users.size ||
      this.templatePools.groupCount !== this.groups.size
    ) {
      const users: TemplateContext['users'] = {};
      for (const key of this.users.keys()) {
        const view = (): UserView => this.user(key).view;
        users[key] = {
          get id() {
            return view().id;
          },
          get userName() {
            return view().userName;
          },
          get externalId() {
            return view().externalId;
          },
          get email() {
            return view().email;
          },
          get displayName() {
            return view().displayName;
          },
          get givenName() {
            return view().givenName;
          },
          get familyName() {
            return view().familyName;
          },
        };
      }
      const groups: TemplateContext['groups'] = {};
      for (const key of this.groups.keys()) {
        const view = (): GroupView => this.group(key).view;
        groups[key] = {
          get id() {
            return view().id;
          },
          get displayName() {
            return view().displayName;
          },
          get externalId() {
            return view().externalId;
          },
        };
      }
      this.templatePools = { users, groups, userCount: this.users.size, groupCount: this.groups.size };
    }
    return { users: this.templatePools.users, groups: this.templatePools.groups };
  }

  private templatePools:
    | (Pick<TemplateContext, 'users' | 'groups'> & { userCount: number; groupCount: number })
    | undefined;
}
