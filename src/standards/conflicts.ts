import type { CheckResult } from '../checks/check-result.js';
import type { StandardPack } from './pack.js';
import type { PlannedIdpRequest } from './planned-request.js';
import type { ConflictEffect, ConflictEntry, ConflictingIdp, JudgedRow } from './report.js';

/**
 * The IdPs whose planned requests a rule refuses, each with the actions that send them and the
 * offending part of the first one, in the order the profiles' scenarios ran.
 */
function conflictingIdps(
  requests: readonly PlannedIdpRequest[],
  matches: (request: PlannedIdpRequest) => string | undefined,
): ConflictingIdp[] {
  const byIdp = new Map<string, ConflictingIdp>();
  for (const request of requests) {
    const offending = matches(request);
    if (offending === undefined) continue;
    const entry = byIdp.get(request.idp);
    if (entry === undefined)
      byIdp.set(request.idp, { idp: request.idp, actions: [request.action], example: offending });
    else if (!entry.actions.includes(request.action)) entry.actions.push(request.action);
  }
  return [...byIdp.values()];
}

/** Whether the server accepts what a client rule forbids, from the row that judges it; undefined when not judged. */
function accepts(id: string, verdicts: ReadonlyMap<string, readonly CheckResult[]>): boolean | undefined {
  const found = verdicts.get(id) ?? [];
  if (found.some((check) => check.status === 'failed')) return false;
  return found.some((check) => check.status === 'passed') ? true : undefined;
}

/**
 * The effect of a rule on the IdPs that break it. A server rule's verdict decides: a server that
 * follows it refuses them (`breaks here`); one that deviates is what keeps them working. A client
 * rule binds the IdPs, and a server may or may not enforce it: the row named in `acceptedWhen`
 * tells whether this one still accepts their requests.
 */
function effectOf(verdict: JudgedRow['verdict'], serverAccepts: boolean | undefined): ConflictEffect {
  if (verdict === 'client rule') return serverAccepts === false ? 'breaks here' : 'breaks where enforced';
  if (verdict === 'follows') return 'breaks here';
  if (verdict === 'deviates') return 'needs this deviation';
  return 'breaks where enforced';
}

/**
 * The conflict report of one pack: for each of its rules that refuses some requests, the IdP
 * profiles whose documented requests (planned offline, src/standards/planned-requests.ts) it
 * refuses, crossed with this server's verdict on the rule. Derived from the predicates and the
 * plans, never written by hand: a profile that changes how it deactivates changes the table.
 */
export function conflictsOf(
  pack: StandardPack,
  judged: readonly JudgedRow[],
  requests: readonly PlannedIdpRequest[],
  verdicts: ReadonlyMap<string, readonly CheckResult[]>,
): ConflictEntry[] {
  const entries: ConflictEntry[] = [];
  for (const row of pack.rows) {
    const rule = row.conflict;
    if (rule === undefined) continue;
    const verdict = judged.find((entry) => entry.id === row.id)?.verdict ?? 'not checked';
    const serverAccepts = rule.acceptedWhen === undefined ? undefined : accepts(rule.acceptedWhen, verdicts);
    entries.push({
      rule: row.id,
      section: row.section,
      requirement: row.requirement,
      refuses: rule.refuses,
      verdict,
      ...(serverAccepts === undefined ? {} : { serverAccepts }),
      ...(rule.acceptedWhen === undefined ? {} : { acceptedWhen: rule.acceptedWhen }),
      effect: effectOf(verdict, serverAccepts),
      idps: conflictingIdps(requests, rule.matches),
    });
  }
  return entries;
}
