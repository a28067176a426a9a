import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run-suite.js';
import { Executor } from '../../src/executor/executor.js';
import { createInProcessTransport } from '../../src/executor/in-process-transport.js';
import { RunLedger } from '../../src/executor/ledger.js';
import { authentikProfile } from '../../src/idp/authentik.js';
import { planRun } from '../../src/plan/plan.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { quirksIn, withRfcForm } from '../../src/scim/patch/quirks.js';
import { URN } from '../../src/scim/urns.js';
import { createReferenceService, type ReferenceService } from '../../src/server/index.js';
import { drive, eng } from './drive.js';

/*
 * authentik's path-less group replace goes out without the PatchOp `schemas` (goauthentik/authentik
 * groups.py _update_patch_general dumps its PatchRequest with exclude_unset; Infisical issue #6552
 * saw it from authentik 2026.2). The reference server reads it as a PatchOp; a strict server that
 * refuses it gets INTEROP-PATCH-NO-SCHEMAS, proven by the same request re-sent with the URN.
 */

const FILE = 'scenarios/authentik-group-push.yaml';

interface Verdict {
  id: string;
  status: string;
  level: string;
  proofExchangeId?: number;
  message?: string;
}

async function verdicts(service: ReferenceService): Promise<Verdict[]> {
  const loaded = await loadScenarioFile(FILE, FILE);
  const executor = new Executor({ transport: createInProcessTransport(service), ledger: new RunLedger('noschemas') });
  const result = await runSuite(planRun([loaded.scenario!], { idp: 'authentik' }), {
    executor,
    target: { baseUrl: executor.baseUrl, embedded: true },
    runId: 'noschemas',
    toolVersion: 'test',
    env: {},
  });
  return result.scenarios.flatMap((run) => run.steps.flatMap((step) => step.checks as Verdict[]));
}

/** The reference server behind a strict envelope check: a PATCH without `schemas` is refused with 400. */
function strictEnvelopeServer(): ReferenceService {
  const reference = createReferenceService();
  return {
    ...reference,
    dispatch: async (request) => {
      if (request.method === 'PATCH' && request.body !== undefined && !('schemas' in JSON.parse(request.body)))
        return {
          status: 400,
          headers: { 'content-type': 'application/scim+json' },
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '400',
            scimType: 'invalidSyntax',
            detail: '"schemas" must contain the PatchOp URN.',
          }),
        };
      return reference.dispatch(request);
    },
  };
}

describe("authentik's PATCH without schemas (INTEROP-PATCH-NO-SCHEMAS)", () => {
  it('is found in the rename authentik sends, and its RFC form adds the PatchOp URN', () => {
    const [rename] = drive(authentikProfile, authentikProfile.actions.renameGroup(eng(), 'Platform')).requests;
    const request = { method: 'PATCH', kind: 'Group' as const, body: rename!.body };
    expect(quirksIn(request)).toEqual([
      { kind: 'patch-no-schemas', checkId: 'INTEROP-PATCH-NO-SCHEMAS', occurrences: ['"schemas" left out'] },
    ]);
    expect(withRfcForm(request, 'patch-no-schemas')).toEqual({ schemas: [URN.patchOp], ...(rename!.body as object) });
    // The member PATCHes carry the envelope: no habit there.
    const [add] = drive(
      authentikProfile,
      authentikProfile.actions.addMembers(eng(), [{ key: 'a', id: 'u-a', display: 'a' }]),
    ).requests;
    expect(quirksIn({ method: 'PATCH', kind: 'Group', body: add!.body })).toEqual([]);
  });

  it('passes on the reference server, which reads the body as a PatchOp', async () => {
    const failed = (await verdicts(createReferenceService())).filter(
      (check) => check.status === 'failed' && check.level !== 'info',
    );
    expect(failed).toEqual([]);
  });

  it('fails on a strict server as an interop finding, proven by the re-send with the PatchOp URN', async () => {
    const checks = await verdicts(strictEnvelopeServer());
    const finding = checks.find((check) => check.id === 'INTEROP-PATCH-NO-SCHEMAS');
    expect(finding).toMatchObject({ status: 'failed', level: 'error', proofExchangeId: expect.any(Number) });
    expect(finding?.message).toMatch(/a PatchOp body without "schemas"/);
    // The refusal is blamed on the habit, not on the server's PATCH rules.
    expect(checks.filter((check) => check.status === 'failed' && check.id.startsWith('PATCH-'))).toEqual([]);
  });
});
