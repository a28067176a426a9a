import type { IdpProfile } from '../idp/profile.js';
import { type Cursor, Directory, raw } from './recognise-context.js';
import { groupAction } from './recognise-groups.js';
import { pagedImport, probeRequests, testConnection } from './recognise-probes.js';
import { userAction } from './recognise-users.js';
import type { RecognisedSession, RecognisedStep } from './recognised-step.js';
import type { RecordedExchange } from './recorded-exchange.js';
import { addressedBy } from './scim-path.js';

/** Whether the profile's unassignment sends DELETE (then a recorded user DELETE is an unassignment). */
function unassignmentDeletes(profile: IdpProfile | undefined): boolean {
  if (profile === undefined) return false;
  const program = profile.actions.unassignUser({ key: 'u', id: 'x', userName: 'u', active: true, attributes: {} });
  const first = program.next();
  return !first.done && first.value.method === 'DELETE';
}

/**
 * Turns the IdP's requests into admin actions, in order: the test connection, an assignment, a
 * profile update or activation change (recognise-users.ts), a group push, membership change,
 * rename or delete (recognise-groups.ts), a paged import (recognise-probes.ts). What no rule
 * covers stays a raw request. `profile` tells the IdP's own habits apart where the wire cannot
 * (its test-connection probe, what a DELETE means to it).
 */
export function recogniseActions(exchanges: readonly RecordedExchange[], profile?: IdpProfile): RecognisedSession {
  const cursor: Cursor = { exchanges, index: 0, directory: new Directory(), ...(profile ? { profile } : {}) };
  const probe = probeRequests(profile);
  const unassignDeletes = unassignmentDeletes(profile);
  const steps: RecognisedStep[] = [];
  while (cursor.index < exchanges.length) {
    const exchange = exchanges[cursor.index]!;
    const { kind } = addressedBy(exchange.path);
    const step =
      testConnection(cursor, probe) ??
      userAction(cursor, unassignDeletes) ??
      pagedImport(cursor) ??
      groupAction(cursor) ??
      raw(cursor, `no IdP action sends ${exchange.method} ${kind === 'other' ? exchange.path : `/${kind}`} this way`);
    steps.push(step);
    cursor.index += step.exchanges.length;
  }
  return { steps, users: cursor.directory.users, groups: cursor.directory.groups };
}
