import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_CHECK } from '../../src/checks/finding-value.js';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import { ID, recorded, USER_URN } from './exchange-fixtures.js';

/*
 * Issue 11: the passive checks cost about as much as reading the body once, however the body is
 * shaped within the transport's bounds (src/scim/json-bounds.ts limits depth and members per object,
 * not the length of a multi-valued attribute), and a verdict keeps a bounded number of findings,
 * each quoting a bounded piece of what the server sent.
 */

const context = {
  idp: 'okta' as const,
  purpose: 'readBack' as const,
  targetId: ID,
  resourceKind: 'User' as const,
  issuedIds: new Set<string>(),
};

describe('passive checks on a User with one huge multi-valued attribute', () => {
  // The CPU this costs is a benchmark, not a timed test: `npm run bench -- --only bounds` (row 8b).
  it('1,000,000 empty strings: every check runs to a verdict, and verdicts stay small', () => {
    const user = {
      schemas: [USER_URN],
      id: ID,
      userName: 'bjensen@example.com',
      meta: { resourceType: 'User', location: `https://scim.example.com/scim/v2/Users/${ID}` },
      emails: Array.from({ length: 1_000_000 }, () => ''),
    };
    const exchange = recorded({ path: `/Users/${ID}`, status: 200, body: user });
    const results = runExchangeChecks(exchange, context);
    const unassigned = results.find((result) => result.id === 'DT-UNASSIGNED')!;
    expect(unassigned.status).toBe('failed');
    expect(unassigned.findings!.length).toBeLessThanOrEqual(10);
    expect(unassigned.findings![0]!.path).toBe('$.emails[0]');
    for (const result of results) expect(result.findings?.length ?? 0).toBeLessThanOrEqual(MAX_FINDINGS_PER_CHECK + 1);
    expect(JSON.stringify(results).length).toBeLessThan(200_000);
  });

  it('a 5 MiB string value is quoted in a finding by its first KiB only', () => {
    const exchange = recorded({
      path: `/Users/${ID}`,
      status: 200,
      body: {
        schemas: [USER_URN],
        id: ID,
        userName: 'bjensen@example.com',
        active: 'x'.repeat(5 * 1024 * 1024),
        meta: { resourceType: 'User' },
      },
    });
    const boolean = runExchangeChecks(exchange, context).find((result) => result.id === 'DT-BOOLEAN')!;
    expect(boolean.status).toBe('failed');
    expect(JSON.stringify(boolean).length).toBeLessThan(4096);
  });
});
