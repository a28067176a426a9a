import { readPath } from '../scim/read-path.js';
import type { ScimResource } from '../scim/resource.js';
import { GROUP_RESOURCE_TYPE } from '../scim/resource-type.js';
import type { Finding } from './check-result.js';
import { diffUser } from './state-diff.js';

/** What an `expectState:` entry says about one resource; the fields apply to its kind. */
export interface ResourceExpectation {
  exists?: boolean;
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
    return want.exists === false ? [] : [{ message: `${kind} ${key} was never created on the server, so its state cannot be read`, expected: 'created', actual: '(no id)' }];
  }
  const findings: Finding[] = [];
  const exists = status === 200;
  if (want.exists !== undefined && want.exists !== exists) findings.push({ message: `${kind} ${key} should ${want.exists ? '' : 'not '}exist`, expected: want.exists ? 200 : 404, actual: status });
  if (!exists || body === undefined) {
    if (expectsContent(want)) findings.push({ message: `${kind} ${key} should be readable, but GET gave ${status}`, expected: 200, actual: status });
    return findings;
  }
  if (kind === 'user') {
    findings.push(...diffUser(body, { id, attributes: want.attributes ?? {} }));
    return findings;
  }
  if (want.displayName !== undefined) {
    const name = readPath(body, 'displayName', GROUP_RESOURCE_TYPE)[0];
    if (name !== want.displayName) findings.push({ message: 'displayName differs', path: '$.displayName', expected: want.displayName, actual: name ?? '(absent)' });
  }
  if (want.memberIds !== undefined) {
    const expected = [...want.memberIds].sort();
    const actual = readPath(body, 'members.value', GROUP_RESOURCE_TYPE).map(String).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      findings.push({ message: `members should be exactly ${(want.memberKeys ?? want.memberIds).join(', ') || '(none)'}`, path: '$.members[*].value', expected, actual });
    }
  }
  return findings;
}
