import { readPath } from '../scim/read-path.js';
import type { ScimResource } from '../scim/resource.js';
import { GROUP_RESOURCE_TYPE } from '../scim/resource-type.js';
import type { Finding } from './check-result.js';
import { diffUser } from './state-diff.js';

/** What an `expectState:` entry says about one resource; the fields apply to its kind. */
export interface ResourceExpectation {
  exists?: boolean;
  /** Why the existence is expected, when it follows from what the IdP does (`status: unassigned`). */
  because?: string;
  /** Users: `active` and further attributes by attribute path. */
  attributes?: Record<string, unknown>;
  /** Groups: the exact displayName and the exact member ids. */
  displayName?: string;
  memberIds?: string[];
  /** How the members were named in the scenario, for the message. */
  memberKeys?: string[];
}

/** A read-back as the judge sees it: no id means the run never created the resource. */
export interface ReadBack {
  kind: 'user' | 'group';
  key: string;
  id: string | undefined;
  status?: number;
  body?: ScimResource;
}

/** True when the expectation says anything about the resource's content, not just its existence. */
function expectsContent(want: ResourceExpectation): boolean {
  return want.attributes !== undefined || want.displayName !== undefined || want.memberIds !== undefined;
}

/**
 * Judges a scenario author's `expectState:` entry against what was read back: existence first,
 * then the content (user attributes via the shared state diff; group name and exact members).
 */
export function stateExpectationFindings(readBack: ReadBack, want: ResourceExpectation): Finding[] {
  const { kind, key, id, status, body } = readBack;
  if (id === undefined) {
    return want.exists === false
      ? []
      : [
          {
            message: `${kind} ${key} was never created on the server, so its state cannot be read`,
            expected: 'created',
            actual: '(no id)',
          },
        ];
  }
  const findings: Finding[] = [];
  const exists = status === 200;
  if (want.exists !== undefined && want.exists !== exists) {
    findings.push({
      message: `${kind} ${key} should ${want.exists ? '' : 'not '}exist${want.because === undefined ? '' : ` (${want.because})`}`,
      expected: want.exists ? 200 : 404,
      actual: status,
    });
  }
  if (!exists || body === undefined) {
    if (expectsContent(want))
      findings.push({
        message: `${kind} ${key} should be readable, but GET gave ${status}`,
        expected: 200,
        actual: status,
      });
    return findings;
  }
  if (kind === 'user') {
    findings.push(...diffUser(body, { id, attributes: want.attributes ?? {} }));
    return findings;
  }
  if (want.displayName !== undefined) {
    const name = readPath(body, 'displayName', GROUP_RESOURCE_TYPE)[0];
    if (name !== want.displayName)
      findings.push({
        message: 'displayName differs',
        path: '$.displayName',
        expected: want.displayName,
        actual: name ?? '(absent)',
      });
  }
  if (want.memberIds !== undefined) {
    const expected = [...want.memberIds].sort();
    const actual = readPath(body, 'members.value', GROUP_RESOURCE_TYPE).map(String).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      findings.push({
        message: `members should be exactly ${(want.memberKeys ?? want.memberIds).join(', ') || '(none)'}`,
        path: '$.members[*].value',
        expected,
        actual,
      });
    }
  }
  return findings;
}

/** What the run knows of how the IdP treated a user: the facts a `status:` expectation is read against. */
export interface UserStanding {
  /** The IdP profile's name, for messages. */
  idp: string;
  /** Set while the user stands removed: by which admin action, and what the IdP did. */
  removal?: { action: 'unassignUser' | 'deleteUser'; effect: 'deactivated' | 'deleted' };
  /** The last admin action on the user that the IdP skipped, and why. */
  notDone?: { action: string; reason: string };
}

/** A `status:` read as raw server state, or skipped (the IdP never did it), or wrong on its face. */
export type StatusReading =
  | { exists: boolean; active?: boolean; because?: string }
  | { skipped: string }
  | { finding: Finding };

/**
 * Reads a user `status:` in the admin's terms as the server state this IdP leaves behind:
 * `active`/`deactivated` are `active` true/false; `unassigned` and `deleted` are what the IdP's
 * removal did, gone (404) or kept with `active: false` (Okta and Entra unassign by deactivating).
 * When the IdP skipped the removal (Okta never sends DELETE), there is nothing to judge.
 */
export function readUserStatus(
  key: string,
  status: 'active' | 'deactivated' | 'unassigned' | 'deleted',
  standing: UserStanding,
): StatusReading {
  if (status === 'active') return { exists: true, active: true };
  if (status === 'deactivated') return { exists: true, active: false };
  const { removal, notDone, idp } = standing;
  // A user the IdP deleted is unassigned and deleted alike; one it only deactivated is deleted only if that was a delete.
  const removed =
    removal !== undefined &&
    (status === 'unassigned' || removal.action === 'deleteUser' || removal.effect === 'deleted');
  if (removed) {
    const verb = removal.action === 'deleteUser' ? 'deletes' : 'unassigns';
    return removal.effect === 'deleted'
      ? { exists: false, because: `${idp} deletes a user it ${verb}` }
      : { exists: true, active: false, because: `${idp} keeps a user it ${verb}, with active false` };
  }
  const wanted = status === 'unassigned' ? ['unassignUser', 'deleteUser'] : ['deleteUser'];
  if (notDone !== undefined && wanted.includes(notDone.action))
    return {
      skipped: `${idp} did not ${notDone.action === 'deleteUser' ? 'delete' : 'unassign'} user ${key}: ${notDone.reason}`,
    };
  return {
    finding: {
      message: `user ${key} was not ${status} in this run (no ${wanted.join(' or ')} step removed it)`,
      expected: status,
      actual:
        removal === undefined
          ? 'assigned'
          : `${removal.action === 'deleteUser' ? 'deleted' : 'unassigned'} (${removal.effect})`,
    },
  };
}
