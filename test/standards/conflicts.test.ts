import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/check-result.js';
import { idpFlowScenarios } from '../../src/cli/standard-scenarios.js';
import type { Scenario } from '../../src/scenario/model.js';
import {
  type ConflictEntry,
  conflictsOf,
  type JudgedRow,
  type PlannedIdpRequest,
  planIdpRequests,
  type StandardPack,
  selectStandards,
} from '../../src/standards/index.js';

/*
 * The conflict report is derived, never written by hand: these tests plan the requests the real
 * IdP profiles send for their built-in scenarios (offline, against an in-memory reference
 * server) and evaluate the drafts' rules over them.
 */

let scenarios: Scenario[];
let requests: PlannedIdpRequest[];
beforeAll(async () => {
  scenarios = await idpFlowScenarios();
  requests = await planIdpRequests(scenarios);
}, 60_000);

const [interop, , al2] = selectStandards(['ipsie-al2']) as [StandardPack, StandardPack, StandardPack];

/** The pack's rows judged as given (every other row: not checked), and the conflicts under that verdict. */
function conflicts(
  pack: StandardPack,
  verdicts: Record<string, JudgedRow['verdict']>,
  checks: Record<string, CheckResult['status']> = {},
  planned: readonly PlannedIdpRequest[] = requests,
): ConflictEntry[] {
  const judged: JudgedRow[] = pack.rows.map((row) => ({
    id: row.id,
    section: row.section,
    requirement: row.requirement,
    strength: row.strength,
    verdict: verdicts[row.id] ?? (row.verification.kind === 'client' ? 'client rule' : 'not checked'),
  }));
  const byId = new Map(
    Object.entries(checks).map(([id, status]) => [id, [{ id, status } as CheckResult]] as [string, CheckResult[]]),
  );
  return conflictsOf(pack, judged, planned, byId);
}

const rule = (entries: ConflictEntry[], id: string): ConflictEntry => entries.find((entry) => entry.rule === id)!;
const actionsOf = (entry: ConflictEntry, idp: string): string[] | undefined =>
  entry.idps.find((candidate) => candidate.idp === idp)?.actions;

describe('conflicts between the drafts and the IdP profiles', () => {
  it("plans only the IdPs' own requests, for every profile with a built-in flow", () => {
    const idps = new Set(requests.map((request) => request.idp));
    expect([...idps].sort()).toEqual(
      [
        'authentik',
        'entra',
        'entra-compliant',
        'google',
        'jumpcloud',
        'keycloak',
        'keycloak-patch',
        'okta',
        'okta-aiw',
        'onelogin',
        'ping',
        'rauthy',
        'entra-validator',
        'keycloak-suvera',
      ].sort(),
    );
    // No read-back or raw step: every request belongs to an admin action.
    expect(requests.every((request) => request.action !== 'request' && request.action !== 'expectState')).toBe(true);
  });

  it('path-less PATCH: a server that refuses it breaks Okta deactivation and Entra compliant-mode updates', () => {
    const follows = rule(
      conflicts(interop, { 'INTEROP01-PATCH-PATH-REQUIRED': 'follows' }),
      'INTEROP01-PATCH-PATH-REQUIRED',
    );
    expect(follows.effect).toBe('breaks here');
    expect(actionsOf(follows, 'okta')).toEqual(expect.arrayContaining(['deactivateUser', 'reactivateUser']));
    expect(actionsOf(follows, 'entra-compliant')).toEqual(['updateUser']);
    expect(follows.idps.find((idp) => idp.idp === 'okta')?.example).toMatch(/^\{"op":"replace","value":\{/);
    // Entra outside its compliant mode, Google and Keycloak name a path on every operation.
    for (const idp of ['entra', 'google', 'keycloak-patch']) expect(actionsOf(follows, idp), idp).toBeUndefined();

    const deviates = rule(
      conflicts(interop, { 'INTEROP01-PATCH-PATH-REQUIRED': 'deviates' }),
      'INTEROP01-PATCH-PATH-REQUIRED',
    );
    expect(deviates.effect).toBe('needs this deviation');
    expect(deviates.idps).toEqual(follows.idps);
  });

  it("follows the profiles: replayed as Entra, Okta's scenario no longer sends path-less PATCH", async () => {
    const okta = scenarios.filter((scenario) => scenario.file === 'scenarios/okta-user-lifecycle.yaml');
    const asEntra = await planIdpRequests(okta.map((scenario) => ({ ...scenario, idp: 'entra' })));
    const asOkta = await planIdpRequests(okta);
    const entry = (planned: PlannedIdpRequest[]) =>
      rule(conflicts(interop, {}, {}, planned), 'INTEROP01-PATCH-PATH-REQUIRED').idps.map((idp) => idp.idp);
    expect(entry(asOkta)).toEqual(['okta']);
    expect(entry(asEntra)).toEqual([]);
  });

  it('no PUT: a client rule, judged by whether this server still accepts PUT', () => {
    const accepted = rule(conflicts(interop, {}, { 'PUT-SUPPORTED': 'passed' }), 'INTEROP01-CLIENT-NO-PUT');
    expect(accepted).toMatchObject({ verdict: 'client rule', serverAccepts: true, effect: 'breaks where enforced' });
    for (const idp of ['okta-aiw', 'keycloak', 'authentik']) expect(actionsOf(accepted, idp), idp).toBeDefined();
    expect(actionsOf(accepted, 'entra')).toBeUndefined();
    const refused = rule(conflicts(interop, {}, { 'PUT-SUPPORTED': 'failed' }), 'INTEROP01-CLIENT-NO-PUT');
    expect(refused).toMatchObject({ serverAccepts: false, effect: 'breaks here' });
  });

  it('IPSIE without password: Okta sends one with every create', () => {
    const entry = rule(conflicts(al2, { 'IPSIE-NO-PASSWORD': 'follows' }), 'IPSIE-NO-PASSWORD');
    expect(entry.effect).toBe('breaks here');
    expect(actionsOf(entry, 'okta')).toContain('assignUser');
  });

  it('undeclared schema URIs: Entra pushes groups with its ADSCIM extension', () => {
    const entry = rule(
      conflicts(interop, { 'INTEROP01-UNDECLARED-REFUSED': 'deviates' }),
      'INTEROP01-UNDECLARED-REFUSED',
    );
    expect(entry.effect).toBe('needs this deviation');
    expect(actionsOf(entry, 'entra')).toContain('pushGroup');
    expect(entry.idps.find((idp) => idp.idp === 'entra')?.example).toMatch(/^schema /);
  });
});
