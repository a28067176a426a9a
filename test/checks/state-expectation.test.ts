import { describe, expect, it } from 'vitest';
import { stateExpectationFindings } from '../../src/checks/state-expectation.js';

// `expectState:` verdicts: existence first, then user attributes or group name and exact members.

const alice = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'alice@example.com',
  active: false,
  title: 'Engineer',
};
const eng = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g1',
  displayName: 'Eng',
  members: [{ value: 'u1' }, { value: 'u2' }],
};

describe('stateExpectationFindings', () => {
  it('passes a user whose read-back holds the expected attributes', () => {
    expect(
      stateExpectationFindings(
        { kind: 'user', key: 'alice', id: 'u1', status: 200, body: alice },
        { attributes: { active: false, title: 'Engineer' } },
      ),
    ).toEqual([]);
  });

  it('reports each user attribute that differs, with its JSON path', () => {
    const findings = stateExpectationFindings(
      { kind: 'user', key: 'alice', id: 'u1', status: 200, body: alice },
      { attributes: { active: true } },
    );
    expect(findings).toEqual([expect.objectContaining({ path: '$.active', expected: true, actual: false })]);
  });

  it('reports a resource that should be gone but is still served, and one that should exist but is not', () => {
    expect(
      stateExpectationFindings(
        { kind: 'user', key: 'alice', id: 'u1', status: 200, body: alice },
        { exists: false },
      )[0],
    ).toMatchObject({ message: 'user alice should not exist', expected: 404, actual: 200 });
    expect(
      stateExpectationFindings(
        { kind: 'group', key: 'eng', id: 'g1', status: 404 },
        { exists: true, memberIds: [] },
      ).map((finding) => finding.message),
    ).toEqual(['group eng should exist', 'group eng should be readable, but GET gave 404']);
  });

  it('accepts a never-created resource only when it is expected not to exist', () => {
    expect(stateExpectationFindings({ kind: 'group', key: 'eng', id: undefined }, { exists: false })).toEqual([]);
    expect(stateExpectationFindings({ kind: 'group', key: 'eng', id: undefined }, {})[0]?.message).toMatch(
      /never created/,
    );
  });

  it('judges a group by exact displayName and exact member set, naming members by scenario key', () => {
    const read = { kind: 'group' as const, key: 'eng', id: 'g1', status: 200, body: eng };
    expect(stateExpectationFindings(read, { displayName: 'Eng', memberIds: ['u2', 'u1'] })).toEqual([]);
    const findings = stateExpectationFindings(read, {
      displayName: 'Platform',
      memberIds: ['u1'],
      memberKeys: ['alice'],
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      'displayName differs',
      'members should be exactly alice',
    ]);
    expect(findings[1]).toMatchObject({ expected: ['u1'], actual: ['u1', 'u2'] });
  });
});
