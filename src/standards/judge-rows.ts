import type { CheckResult } from '../checks/check-result.js';
import type { RunResult } from '../engine/results.js';
import type { PackRow, StandardName, StandardPack } from './pack.js';
import type { JudgedRow } from './report.js';

/** Why a row whose check nothing in this run judged is not checked (a run with scenario arguments). */
export const NOT_RUN = 'not run in this run';

/** Every verdict of the run, by check id. */
export function verdictsById(result: Pick<RunResult, 'scenarios'>): Map<string, CheckResult[]> {
  const byId = new Map<string, CheckResult[]>();
  for (const scenario of result.scenarios)
    for (const step of scenario.steps)
      for (const check of step.checks) {
        const list = byId.get(check.id);
        if (list === undefined) byId.set(check.id, [check]);
        else list.push(check);
      }
  return byId;
}

/**
 * A catalogue row's verdict across the run, as the draft reads it: any failure is a deviation
 * whatever its level (a SHOULD of RFC 7644 the draft makes a MUST still deviates, a waived failure
 * still fails the rule), a pass with no failure follows, and nothing judged is not checked.
 */
export function verdictOfCheck(
  id: string,
  verdicts: ReadonlyMap<string, readonly CheckResult[]>,
): Pick<JudgedRow, 'verdict' | 'message'> {
  const found = verdicts.get(id) ?? [];
  const failed = found.find((check) => check.status === 'failed');
  if (failed !== undefined) return { verdict: 'deviates', message: failed.message ?? failed.title };
  if (found.some((check) => check.status === 'passed')) return { verdict: 'follows' };
  const skipped = found.find((check) => check.status === 'skipped');
  return { verdict: 'not checked', message: skipped?.message ?? NOT_RUN };
}

function judgeRow(
  row: PackRow,
  verdicts: ReadonlyMap<string, readonly CheckResult[]>,
  judgedPacks: ReadonlyMap<StandardName, readonly JudgedRow[]>,
): JudgedRow {
  const base = { id: row.id, section: row.section, requirement: row.requirement, strength: row.strength };
  const { verification } = row;
  switch (verification.kind) {
    case 'check':
      return { ...base, ...verdictOfCheck(row.id, verdicts) };
    case 'client':
      return { ...base, verdict: 'client rule', message: 'binds IdPs, not the server: see the conflicts' };
    case 'not-checked':
      return { ...base, verdict: 'not checked', message: verification.reason };
    case 'pack': {
      const rows = judgedPacks.get(verification.pack) ?? [];
      const deviating = rows.filter((judged) => judged.verdict === 'deviates').map((judged) => judged.id);
      if (deviating.length > 0)
        return { ...base, verdict: 'deviates', message: `${verification.pack} deviates: ${deviating.join(', ')}` };
      if (rows.some((judged) => judged.verdict === 'follows'))
        return { ...base, verdict: 'follows', message: `every judged ${verification.pack} row follows` };
      return { ...base, verdict: 'not checked', message: `no ${verification.pack} row was judged` };
    }
  }
}

/**
 * Judges every row of the packs from the run's verdicts. Packs are judged in listing order, so a
 * pack that builds on another (IPSIE §4.2 on interop-01) finds it already judged.
 */
export function judgePacks(
  packs: readonly StandardPack[],
  result: Pick<RunResult, 'scenarios'>,
): Map<StandardName, JudgedRow[]> {
  const verdicts = verdictsById(result);
  const judged = new Map<StandardName, JudgedRow[]>();
  for (const pack of packs)
    judged.set(
      pack.name,
      pack.rows.map((row) => judgeRow(row, verdicts, judged)),
    );
  return judged;
}
