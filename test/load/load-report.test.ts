import { describe, expect, it } from 'vitest';
import { formatLoadSummary } from '../../src/load/format-load-summary.js';
import { loadJsonReport, loadVerdict } from '../../src/load/load-report.js';
import type { LoadPhaseResult, LoadResult } from '../../src/load/load-result.js';

/* The verdict and the summary of a load run, from hand-built results (no network). */

function phase(name: LoadPhaseResult['name'], actions: number, failed = 0, firstFailure?: string): LoadPhaseResult {
  return { name, actions, failed, skipped: 0, durationMs: 10, ...(firstFailure !== undefined ? { firstFailure } : {}) };
}

function result(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    baseUrl: 'https://scim.example.com/scim/v2',
    embedded: false,
    idp: 'okta',
    runId: 'r1',
    users: 100,
    groups: 2,
    membersPerGroup: 10,
    concurrency: 8,
    phases: [
      phase('connect', 1),
      phase('users', 100),
      phase('groups', 2),
      phase('verify', 3),
      phase('changes', 10),
      phase('cleanup', 102),
    ],
    requests: [],
    totals: { requests: 1000, errors: 0, retried429: 0 },
    sampling: { users: 1, groups: 1, mismatches: 0, examples: [] },
    cleanup: {
      deleted: 102,
      leftovers: 0,
      skipped: false,
      leftBehind: [],
      possibleLeftovers: [],
      possibleLeftoverCount: 0,
    },
    durationMs: 1000,
    peakRssBytes: 100 * 1048576,
    interrupted: false,
    ...overrides,
  };
}

const LEFTOVER = {
  resourceType: 'User' as const,
  name: 'ada.7.r1@example.com',
  search: 'userName eq "ada.7.r1@example.com"',
  reason: 'no answer came (no complete answer within 300 ms); the server may have created it anyway',
};

describe('loadVerdict', () => {
  it('passes a clean run', () => {
    expect(loadVerdict(result(), 0)).toEqual({ passed: true, errorRate: 0, reasons: [] });
  });

  it('fails when the actions of a phase failed, though no request did (e.g. every write was refused)', () => {
    const verdict = loadVerdict(
      result({
        phases: [
          phase('connect', 1),
          phase('users', 100, 100, 'refusing to PUT User x: this run did not create it'),
          phase('groups', 2, 2, 'pushGroup for group 0 returned no id'),
        ],
      }),
      0,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([
      '100 of 100 users actions failed (100%), above --max-error-rate 0%; first: refusing to PUT User x: this run did not create it',
      '2 of 2 groups actions failed (100%), above --max-error-rate 0%; first: pushGroup for group 0 returned no id',
    ]);
  });

  it('tolerates failed actions within --max-error-rate of the phase, and never counts verify or cleanup as actions', () => {
    const phases = [
      phase('connect', 1),
      phase('users', 100, 1, 'x'),
      phase('changes', 10, 0),
      phase('cleanup', 102, 0),
    ];
    expect(loadVerdict(result({ phases }), 0.01).passed).toBe(true);
    expect(loadVerdict(result({ phases }), 0).passed).toBe(false);
  });

  it('lists possible leftovers without failing on them alone: the action that caused each one counts', () => {
    const verdict = loadVerdict(
      result({ cleanup: { ...result().cleanup, possibleLeftovers: [LEFTOVER], possibleLeftoverCount: 1 } }),
      0,
    );
    expect(verdict.passed).toBe(true);
  });
});

describe('formatLoadSummary cleanup line', () => {
  it('says "0 left behind" only when nothing may be left', () => {
    expect(formatLoadSummary(result(), loadVerdict(result(), 0))).toContain('cleanup: 102 deleted, 0 left behind\n');
  });

  it('never says "0 left behind" while something may exist, and says how to find it', () => {
    const run = result({
      cleanup: {
        ...result().cleanup,
        deleted: 98,
        possibleLeftovers: [LEFTOVER, { ...LEFTOVER, name: 'b', search: 'userName eq "b"' }],
        possibleLeftoverCount: 2,
      },
    });
    const text = formatLoadSummary(run, loadVerdict(run, 0));
    expect(text).toContain(
      'cleanup: 98 deleted, 2 possibly left behind (search: userName eq "ada.7.r1@example.com", userName eq "b")\n',
    );
    expect(text).not.toMatch(/\b0 left behind/);
  });

  it('lists what could not be deleted, with the reason', () => {
    const run = result({
      cleanup: {
        ...result().cleanup,
        deleted: 101,
        leftovers: 1,
        leftBehind: [{ resourceType: 'Group', id: 'g9', name: 'Sales 1 r1', reason: 'DELETE answered 500' }],
      },
    });
    const text = formatLoadSummary(run, loadVerdict(run, 0));
    expect(text).toContain('cleanup: 101 deleted, 1 left behind\n  - Group Sales 1 r1 (id g9): DELETE answered 500\n');
    expect(text).toContain('FAILED: 1 created resources could not be deleted');
  });

  it('puts the possible leftovers, capped, and their count in the JSON report', () => {
    const run = result({ cleanup: { ...result().cleanup, possibleLeftovers: [LEFTOVER], possibleLeftoverCount: 250 } });
    const json = loadJsonReport(run, loadVerdict(run, 0), '0.0.0') as { cleanup: Record<string, unknown> };
    expect(json.cleanup).toMatchObject({ possibleLeftovers: [LEFTOVER], possibleLeftoverCount: 250, leftBehind: [] });
  });
});
