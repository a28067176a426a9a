import { describe, expect, it } from 'vitest';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import { MAX_FINDINGS_PER_CHECK } from '../../src/checks/finding-value.js';
import { ID, recorded, USER_URN } from './exchange-fixtures.js';

/*
 * Issue 11: the passive checks cost about as much as reading the body once, however the body is
 * shaped within the transport's bounds (src/scim/json-bounds.ts limits depth and members per object,
 * not the length of a multi-valued attribute), and a verdict keeps a bounded number of findings,
 * each quoting a bounded piece of what the server sent.
 */

const context = { idp: 'okta' as const, purpose: 'readBack' as const, targetId: ID, resourceKind: 'User' as const, issuedIds: new Set<string>() };

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

describe('passive checks on a User with one huge multi-valued attribute', () => {
  it('1,000,000 empty strings: every check together costs under 2 s of CPU (it was ~8 s), and verdicts stay small', () => {
    const user = { schemas: [USER_URN], id: ID, userName: 'bjensen@example.com', meta: { resourceType: 'User', location: `https://scim.example.com/scim/v2/Users/${ID}` }, emails: Array.from({ length: 1_000_000 }, () => '') };
    const exchange = recorded({ path: `/Users/${ID}`, status: 200, body: user });
    // Compiles the JSON schemas DT-SHAPE uses, once per process, outside the measurement.
    runExchangeChecks(recorded({ path: `/Users/${ID}`, status: 200, body: { schemas: [USER_URN], id: ID, userName: 'warm-up' } }), context);
    let results: ReturnType<typeof runExchangeChecks> = [];
    const seconds = cpuSeconds(() => {
      results = runExchangeChecks(exchange, context);
    });
    expect(seconds).toBeLessThan(2);
    const unassigned = results.find((result) => result.id === 'DT-UNASSIGNED')!;
    expect(unassigned.status).toBe('failed');
    expect(unassigned.findings!.length).toBeLessThanOrEqual(10);
    expect(unassigned.findings![0]!.path).toBe('$.emails[0]');
    for (const result of results) expect(result.findings?.length ?? 0).toBeLessThanOrEqual(MAX_FINDINGS_PER_CHECK + 1);
    expect(JSON.stringify(results).length).toBeLessThan(200_000);
  });

  it('a 5 MiB string value is quoted in a finding by its first KiB only', () => {
    const exchange = recorded({ path: `/Users/${ID}`, status: 200, body: { schemas: [USER_URN], id: ID, userName: 'bjensen@example.com', active: 'x'.repeat(5 * 1024 * 1024), meta: { resourceType: 'User' } } });
    const boolean = runExchangeChecks(exchange, context).find((result) => result.id === 'DT-BOOLEAN')!;
    expect(boolean.status).toBe('failed');
    expect(JSON.stringify(boolean).length).toBeLessThan(4096);
  });
});
