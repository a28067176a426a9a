import type { RecordedExchange } from './recorded-exchange.js';

/** A user the recording shows: its key in the draft, and what the traffic said about it. */
export interface RecordedUser {
  key: string;
  userName: string;
  /** The recorded server's id for it, once a response or a path showed one. */
  id?: string;
  /** The body the IdP created it with (its attributes tell the draft which fields to declare). */
  created?: Record<string, unknown>;
  /** The last full representation seen (a create or GET response, a PUT body): what a PUT is diffed against. */
  last?: Record<string, unknown>;
}

export interface RecordedGroup {
  key: string;
  /** The name the group was pushed with. */
  displayName: string;
  /** The name it has now (after renames). */
  currentName: string;
  id?: string;
  /** Its members as the recording has left them so far: what a later push is measured against. */
  members: RecordedUser[];
}

/** A `set:` value that names another user (the manager): written as `{{users.KEY.id}}`. */
export interface UserReference {
  userRef: RecordedUser;
}

/** One step of the draft: an IdP action recognised from a run of requests, or one raw request. */
export type RecognisedStep = { exchanges: RecordedExchange[] } & (
  | { action: 'testConnection' }
  | { action: 'assignUser'; user: RecordedUser }
  | { action: 'updateUser'; user: RecordedUser; set: Record<string, unknown> }
  | { action: 'deactivateUser' | 'reactivateUser' | 'unassignUser' | 'deleteUser'; user: RecordedUser }
  | { action: 'pushGroup'; group: RecordedGroup; members: RecordedUser[] }
  | { action: 'addMembers' | 'removeMembers'; group: RecordedGroup; users: RecordedUser[] }
  | { action: 'renameGroup'; group: RecordedGroup; to: string }
  | { action: 'deleteGroup'; group: RecordedGroup }
  | { action: 'unlinkGroup'; group: RecordedGroup; deleteInTarget: true }
  | { action: 'importUsers' | 'importGroups'; pageSize?: number }
  | { action: 'request'; why: string }
);

/** The recognised steps and the entities they name. */
export interface RecognisedSession {
  steps: RecognisedStep[];
  users: RecordedUser[];
  groups: RecordedGroup[];
}
