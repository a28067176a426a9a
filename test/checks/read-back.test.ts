import { describe, expect, it } from 'vitest';
import { importFindings, readBackFindings } from '../../src/checks/state-diff.js';

// Read-back verdicts after an IdP action, and the import walk (PAGE-WALK).

const user = { id: 'u1', userName: 'ada@example.com', active: true };

describe('readBackFindings', () => {
  it('passes a present user that matches the model, and reports a difference by path', () => {
    const expectation = {
      kind: 'user' as const,
      name: 'ada@example.com',
      present: true as const,
      expected: { id: 'u1', attributes: { active: true } },
    };
    expect(readBackFindings(expectation, 200, user)).toEqual([]);
    expect(
      readBackFindings({ ...expectation, expected: { id: 'u1', attributes: { active: false } } }, 200, user),
    ).toEqual([expect.objectContaining({ path: '$.active', expected: false, actual: true })]);
  });

  it('reports a present resource that does not read back', () => {
    expect(
      readBackFindings(
        { kind: 'group', name: 'Eng', present: true, expected: { id: 'g1', displayName: 'Eng', memberIds: [] } },
        404,
        undefined,
      ),
    ).toEqual([{ message: 'group Eng should exist, but reading it back gave 404', expected: 200, actual: 404 }]);
  });

  it('wants a deleted resource gone, and names DELETE treated as deactivation', () => {
    expect(readBackFindings({ kind: 'user', name: 'ada', present: false }, 404, undefined)).toEqual([]);
    expect(
      readBackFindings({ kind: 'user', name: 'ada', present: false }, 200, { ...user, active: false })[0]?.message,
    ).toBe('DELETE treated as deactivate: the deleted user is still served');
    expect(readBackFindings({ kind: 'group', name: 'Eng', present: false }, 200, { id: 'g1' })[0]?.message).toBe(
      'a deleted group must be gone (404)',
    );
  });
});

describe('importFindings', () => {
  it('wants every managed resource exactly once across the pages', () => {
    const managed = [
      { id: 'u1', name: 'ada' },
      { id: 'u2', name: 'bo' },
      { id: 'u3', name: 'cy' },
    ];
    const findings = importFindings('User', managed, [{ id: 'u1' }, { id: 'u2' }, { id: 'u2' }, { id: 'stranger' }]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'User bo was listed 2 times across pages',
      'User cy is missing from the import',
    ]);
    expect(importFindings('User', managed.slice(0, 1), [{ id: 'u1' }, { id: 'other' }])).toEqual([]);
  });
});
