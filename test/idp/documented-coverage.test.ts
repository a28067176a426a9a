import { beforeAll, describe, expect, it } from 'vitest';
import { builtInIdpScenarios, plannedRequestsFor, uncoveredOperations } from '../../src/idp/coverage.js';
import type { IdpProfile, PlannedRequest } from '../../src/idp/profile.js';
import { allProfiles } from '../../src/idp/registry.js';
import type { Scenario } from '../../src/scenario/model.js';

/**
 * Issue 19's rule: running the built-in scenarios reproduces every request a profile's sources
 * show the IdP sending. Each profile's documented and observed operations must be matched by a
 * request its own scenarios (scenarios/*.yaml, scenarios/vendors/*.yaml) make it send.
 */
let scenarios: Scenario[];
beforeAll(async () => {
  scenarios = await builtInIdpScenarios();
});

function describeUncovered(profile: IdpProfile, requests: readonly PlannedRequest[]): string[] {
  return uncoveredOperations(profile, requests).map(
    (operation) =>
      `${operation.id} (${operation.grade}): ${operation.summary} — ${operation.citations.join('; ')} — no built-in scenario with idp: ${profile.name} sends it`,
  );
}

describe('every documented operation is sent by a built-in scenario', () => {
  for (const profile of allProfiles()) {
    // Profiles still without a table: skipped by name until the field becomes required.
    const test = profile.documentedOperations === undefined ? it.skip : it;
    // Each profile gets its own dry run (as `run --dry-run` does it), so one broken profile fails alone.
    test(profile.name, async () => {
      const requests = await plannedRequestsFor(profile.name, scenarios);
      expect(describeUncovered(profile, requests)).toEqual([]);
    }, 60_000);
  }
});

describe('uncoveredOperations', () => {
  const operation = {
    summary: 'a request',
    action: 'assignUser' as const,
    citations: ['a document'],
    matches: (request: PlannedRequest) => request.method === 'POST' && request.path === '/Users',
  };
  const create: PlannedRequest = { purpose: 'createUser', method: 'POST', path: '/Users', body: {} };
  const lookup: PlannedRequest = { purpose: 'lookupUser', method: 'GET', path: '/Users' };

  it('names a documented or observed operation no request matches, and not an inferred one', () => {
    const profile = {
      documentedOperations: [
        { ...operation, id: 'documented', grade: 'documented' as const },
        { ...operation, id: 'observed', grade: 'observed' as const },
        { ...operation, id: 'inferred', grade: 'inferred' as const },
      ],
    };
    expect(uncoveredOperations(profile, [lookup]).map((entry) => entry.id)).toEqual(['documented', 'observed']);
    expect(uncoveredOperations(profile, [lookup, create])).toEqual([]);
  });
});
