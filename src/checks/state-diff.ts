import { readPath } from '../scim/read-path.js';
import type { ScimResource } from '../scim/resource.js';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../scim/resource-type.js';
import type { Finding } from './check-result.js';
import { sameJsonValue } from './same-value.js';

/** What the IdP believes a user looks like on the server: attribute path → expected value. */
export interface ExpectedUserState {
  id: string;
  /** Attribute paths (PATCH path grammar) and the value the IdP last sent for each. */
  attributes: Record<string, unknown>;
}

export interface ExpectedGroupState {
  id: string;
  displayName: string;
  memberIds: string[];
  /**
   * Members whose user the IdP has since deleted. No IdP sends a membership removal for them, and
   * RFC 7644 §3.6 does not say whether a deleted resource leaves the groups that list it: a server
   * that drops it and one that keeps the reference both hold what the IdP pushed.
   */
  deletedMemberIds?: string[];
}

/** userName and other caseExact:false strings compare without case (RFC 7643 §2.3.1, §4.1.1). */
const CASE_INSENSITIVE_PATHS = new Set(['username', 'displayname']);

/** An email value, whatever type the IdP gives it (`emails[type eq "other"].value` for authentik), or none. */
const EMAIL_VALUE_PATH = /^emails(\[type eq "[^"]*"\])?\.value$/;

/**
 * The value of an email sent without a `type` (Rauthy, src/idp/user-mapping.ts): RFC 7643 §4.1.2
 * makes `type` optional, so the server holds it when some email has that value, whatever other
 * emails it keeps or defaults.
 */
const UNTYPED_EMAIL_VALUE_PATH = 'emails.value';

function jsonPath(path: string): string {
  return `$.${path.replace(/\[type eq "([^"]*)"\]/g, '[?(@.type=="$1")]')}`;
}

/**
 * A multi-valued attribute the IdP sent whole (`phoneNumbers: [{value, type}]` from a scenario's
 * `attributes`) is held when every element sent is there, in any order (RFC 7644 §3.4.2.2 keeps no
 * order), each with the sub-attributes sent; a server may add its own (`primary: false`), as it
 * may add attributes (RFC 7644 §3.3). readPath flattens the array, so one element read back must
 * not be compared as the bare element against the array sent.
 */
function holdsEverySent(path: string, sent: readonly unknown[], held: readonly unknown[]): boolean {
  return sent.every((element) =>
    held.some((candidate) =>
      isObject(element) && isObject(candidate)
        ? Object.entries(element).every(([key, value]) => sameValue(`${path}.${key}`, value, candidate[key]))
        : sameValue(path, element, candidate),
    ),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(path: string, expected: unknown, actual: unknown): boolean {
  if (
    typeof expected === 'string' &&
    typeof actual === 'string' &&
    (CASE_INSENSITIVE_PATHS.has(path.toLowerCase()) || EMAIL_VALUE_PATH.test(path))
  ) {
    return expected.toLowerCase() === actual.toLowerCase();
  }
  return sameJsonValue(expected, actual);
}

/**
 * Diffs a user read back from the server against the IdP's expected model. Only attributes
 * the IdP sent are compared: a server may add its own (RFC 7644 §3.3 lets it default values).
 */
export function diffUser(resource: ScimResource, expected: ExpectedUserState): Finding[] {
  const findings: Finding[] = [];
  if (resource.id !== expected.id)
    findings.push({
      message: 'the read-back returned another resource',
      path: '$.id',
      expected: expected.id,
      actual: resource.id,
    });
  for (const [path, want] of Object.entries(expected.attributes)) {
    const values = readPath(resource, path, USER_RESOURCE_TYPE);
    const actual = values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    if (want === null || want === undefined) {
      if (actual !== undefined)
        findings.push({ message: `${path} should be unassigned`, path: jsonPath(path), expected: null, actual });
      continue;
    }
    const held = Array.isArray(want)
      ? values.length > 0 && holdsEverySent(path, want, values)
      : path === UNTYPED_EMAIL_VALUE_PATH
        ? values.some((value) => sameValue(path, want, value))
        : sameValue(path, want, actual);
    if (actual === undefined || !held) {
      findings.push({
        message: `${path} does not hold what the IdP sent`,
        path: jsonPath(path),
        expected: want,
        actual: Array.isArray(want) && values.length > 0 ? values : (actual ?? '(absent)'),
      });
    }
  }
  return findings;
}

/** Diffs a group read back from the server: its name and its exact member set (by id). */
export function diffGroup(resource: ScimResource, expected: ExpectedGroupState): Finding[] {
  const findings: Finding[] = [];
  if (resource.id !== expected.id)
    findings.push({
      message: 'the read-back returned another resource',
      path: '$.id',
      expected: expected.id,
      actual: resource.id,
    });
  const name = readPath(resource, 'displayName', GROUP_RESOURCE_TYPE)[0];
  if (!sameValue('displayName', expected.displayName, name)) {
    findings.push({
      message: 'displayName does not hold what the IdP sent',
      path: '$.displayName',
      expected: expected.displayName,
      actual: name ?? '(absent)',
    });
  }
  const deleted = new Set(expected.deletedMemberIds);
  const actualIds = readPath(resource, 'members.value', GROUP_RESOURCE_TYPE)
    .map(String)
    .filter((id) => !deleted.has(id));
  const want = [...expected.memberIds].sort();
  const have = [...actualIds].sort();
  if (JSON.stringify(want) !== JSON.stringify(have)) {
    const missing = want.filter((id) => !have.includes(id));
    const extra = have.filter((id) => !want.includes(id));
    const parts = [
      missing.length ? `missing ${missing.length}` : '',
      extra.length ? `unexpected ${extra.length}` : '',
      have.length !== new Set(have).size ? 'duplicates' : '',
    ]
      .filter(Boolean)
      .join(', ');
    findings.push({
      message: `the member set differs from what the IdP pushed (${parts})`,
      path: '$.members[*].value',
      expected: want,
      actual: have,
    });
  }
  return findings;
}

/** What the IdP expects of one resource it reads back: present (with this state) or gone. */
export type ReadBackExpectation =
  | { kind: 'user'; name: string; present: true; expected: ExpectedUserState }
  | { kind: 'group'; name: string; present: true; expected: ExpectedGroupState }
  | { kind: 'user' | 'group'; name: string; present: false };

/**
 * Judges a read-back against the IdP's model: a present resource must answer 200 and match the
 * model; a deleted one must be gone (404). A deleted user still served with `active:false` is
 * the common bug of treating DELETE as deactivation, and is named as such.
 */
export function readBackFindings(
  expectation: ReadBackExpectation,
  status: number,
  body: ScimResource | undefined,
): Finding[] {
  const { kind, name } = expectation;
  if (expectation.present) {
    if (status !== 200 || body === undefined)
      return [
        { message: `${kind} ${name} should exist, but reading it back gave ${status}`, expected: 200, actual: status },
      ];
    return expectation.kind === 'user' ? diffUser(body, expectation.expected) : diffGroup(body, expectation.expected);
  }
  if (status === 404) return [];
  const deactivatedInstead = kind === 'user' && status === 200 && body?.active === false;
  return [
    {
      message: deactivatedInstead
        ? 'DELETE treated as deactivate: the deleted user is still served'
        : `a deleted ${kind} must be gone (404)`,
      expected: 404,
      actual: status,
    },
  ];
}

/** One resource the IdP manages, as an import must list it. */
export interface ManagedResource {
  id: string;
  name: string;
}

/** An import must list every resource the IdP manages exactly once (PAGE-WALK, RFC 7644 §3.4.2.4). */
export function importFindings(
  kind: 'User' | 'Group',
  managed: readonly ManagedResource[],
  imported: readonly ScimResource[],
): Finding[] {
  const counts = new Map<string, number>();
  for (const resource of imported)
    if (typeof resource.id === 'string') counts.set(resource.id, (counts.get(resource.id) ?? 0) + 1);
  const findings: Finding[] = [];
  for (const entry of managed) {
    const seen = counts.get(entry.id) ?? 0;
    if (seen === 0)
      findings.push({
        message: `${kind} ${entry.name} is missing from the import`,
        path: '$.Resources',
        expected: entry.id,
        actual: '(not listed on any page)',
      });
    if (seen > 1)
      findings.push({
        message: `${kind} ${entry.name} was listed ${seen} times across pages`,
        path: '$.Resources',
        expected: 1,
        actual: seen,
      });
  }
  return findings;
}
