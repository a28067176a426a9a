import { describe, expect, it } from 'vitest';
import { formatStandards } from '../../src/report/pretty/format-standards.js';
import { createTheme } from '../../src/report/pretty/theme.js';
import { NOT_RUN, type StandardReport } from '../../src/standards/index.js';

/** A hand-made report: what a run with `--standard interop-01` and one scenario argument could produce. */
function report(): StandardReport {
  return {
    name: 'interop-01',
    title: 'SCIM 2.0 Interoperability Profile',
    document: {
      name: 'draft-zollner-scim-interop-profile-01',
      title: 'SCIM 2.0 Interoperability Profile',
      version: '-01',
      date: '2026-04-15',
      publisher: 'IETF',
      url: 'https://www.ietf.org/archive/id/draft-zollner-scim-interop-profile-01.txt',
    },
    draft: true,
    draftNote: 'draft-zollner-scim-interop-profile-01 (-01, 2026-04-15) is a draft and may change',
    requires: [],
    notes: [],
    rows: [
      {
        id: 'INTEROP01-PATCH-PATH-REQUIRED',
        section: '§6.5.1.1',
        requirement: 'Every PATCH operation has a path',
        strength: 'MUST',
        verdict: 'deviates',
        message: 'status 200 is not the expected 400\u001b]52;c;cGF5bG9hZA==\u0007',
      },
      {
        id: 'DEL-NAME-REUSABLE',
        section: '§6.6',
        requirement: 'reusable',
        strength: 'MUST',
        verdict: 'not checked',
        message: NOT_RUN,
      },
      {
        id: 'PAGE-WALK',
        section: '§6.4',
        requirement: 'paging',
        strength: 'MUST',
        verdict: 'not checked',
        message: NOT_RUN,
      },
      { id: 'FILTER-EQ', section: '§6.3', requirement: 'eq', strength: 'MUST', verdict: 'follows' },
      { id: 'X-SHOULD', section: '§6.2.1', requirement: 'unique names', strength: 'SHOULD', verdict: 'deviates' },
    ],
    summary: { follows: 1, deviates: 2, notChecked: 2, clientRules: 0 },
    conflicts: [
      {
        rule: 'INTEROP01-PATCH-PATH-REQUIRED',
        section: '§6.5.1.1',
        requirement: 'Every PATCH operation has a path',
        refuses: 'PATCH operations without path',
        verdict: 'follows',
        effect: 'breaks here',
        idps: [
          { idp: 'okta', actions: ['deactivateUser', 'reactivateUser'], example: '{"op":"replace"}' },
          { idp: 'entra-compliant', actions: ['updateUser'], example: '{"op":"replace"}' },
        ],
      },
      {
        rule: 'INTEROP01-CLIENT-EQ-AND',
        section: '§6.3',
        requirement: 'eq and and only',
        refuses: 'filters with other operators',
        verdict: 'client rule',
        effect: 'breaks where enforced',
        idps: [],
      },
    ],
  };
}

describe('the standards block of the pretty summary', () => {
  const lines = formatStandards([report()], createTheme(false));
  const text = lines.join('\n');

  it('says the pack follows a draft that may change, with its row counts', () => {
    expect(lines[0]).toBe(
      'Standard interop-01: SCIM 2.0 Interoperability Profile — DRAFT: draft-zollner-scim-interop-profile-01 (-01, 2026-04-15) is a draft and may change',
    );
    expect(lines[1]).toBe('  Rows: 1 follow, 2 deviate, 2 not checked (5)');
  });

  it('lists deviations (SHOULD ones as such) with the server text made inert, and the rows not run on one line', () => {
    expect(text).toContain(
      '  ✗ deviates  INTEROP01-PATCH-PATH-REQUIRED  §6.5.1.1  Every PATCH operation has a path — status 200 is not the expected 400\\u001b]52;c;cGF5bG9hZA==\\u0007',
    );
    expect(text).toContain('  ! deviates (SHOULD)  X-SHOULD  §6.2.1  unique names');
    expect(text).toContain(
      '  ○ 2 rows not run here (DEL-NAME-REUSABLE, PAGE-WALK): run --standard interop-01 without scenario arguments to judge them',
    );
    expect(text).not.toContain('FILTER-EQ');
  });

  it('prints the conflicts: the rule, the server stance, and the IdPs it breaks', () => {
    expect(text).toContain(
      '  §6.5.1.1 PATCH operations without path — this server follows the rule and refuses them\n      will break against this server: okta (deactivateUser, reactivateUser), entra-compliant (updateUser)',
    );
    expect(text).toContain('  1 other rule refuses nothing a profile sends');
  });

  it('prints nothing for a run without --standard', () => {
    expect(formatStandards(undefined, createTheme(false))).toEqual([]);
  });
});
