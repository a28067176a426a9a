import type { RunResult } from '../engine/results.js';
import { conflictsOf } from './conflicts.js';
import { judgePacks, verdictsById } from './judge-rows.js';
import type { StandardPack } from './pack.js';
import type { PlannedIdpRequest } from './planned-request.js';
import type { JudgedRow, StandardReport } from './report.js';

/** The sentence every report of a run with a pack prints next to the pack's name. */
export function draftNote(pack: Pick<StandardPack, 'document'>): string {
  return `${pack.document.name} (${pack.document.version}, ${pack.document.date}) is a draft and may change; this pack follows that revision`;
}

function summaryOf(rows: readonly JudgedRow[]): StandardReport['summary'] {
  const count = (verdict: JudgedRow['verdict']): number => rows.filter((row) => row.verdict === verdict).length;
  return {
    follows: count('follows'),
    deviates: count('deviates'),
    notChecked: count('not checked'),
    clientRules: count('client rule'),
  };
}

/**
 * The `standards` part of a run's result: each selected pack (listing order, required packs
 * included) with its rows judged from the run's verdicts and its conflicts with the IdP profiles'
 * planned requests.
 */
export function standardReports(
  packs: readonly StandardPack[],
  result: Pick<RunResult, 'scenarios'>,
  requests: readonly PlannedIdpRequest[],
): StandardReport[] {
  const judged = judgePacks(packs, result);
  const verdicts = verdictsById(result);
  return packs.map((pack) => {
    const rows = judged.get(pack.name) ?? [];
    return {
      name: pack.name,
      title: pack.title,
      document: { ...pack.document },
      draft: true,
      draftNote: draftNote(pack),
      requires: [...pack.requires],
      notes: [...pack.notes],
      rows,
      summary: summaryOf(rows),
      conflicts: conflictsOf(pack, rows, requests, verdicts),
    };
  });
}
