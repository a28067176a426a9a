import type { CheckResult, Finding } from '../checks/check-result.js';
import { toCheckResult } from '../checks/run-exchange-checks.js';
import { importFindings, readBackFindings, type ReadBackExpectation } from '../checks/state-diff.js';
import { bodyObject } from '../idp/request-helpers.js';
import type { ScimResource } from '../scim/resource.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { resourcePath } from '../scim/resource-path.js';
import type { ResourceKind } from '../checks/request-purpose.js';
import { sendInStep } from './send-in-step.js';

/**
 * A verdict on state read back. It names the step's last write as its cause, so a failure shows
 * what the IdP sent next to what came back: the read-back alone does not say why.
 */
function result(context: ScenarioContext, checkId: string, findings: Finding[], exchangeId: number, step: StepRecorder): CheckResult {
  const verdict = toCheckResult(checkId, { idp: context.profile.name }, findings, exchangeId);
  const cause = step.exchanges.filter((exchange) => exchange.id < exchangeId && exchange.request.method !== 'GET').at(-1);
  if (cause !== undefined) verdict.causeExchangeId = cause.id;
  return verdict;
}

/** GETs a resource the run created and records the verdict on what came back. */
async function readBack(kind: ResourceKind, id: string, expectation: ReadBackExpectation, checkId: string, context: ScenarioContext, step: StepRecorder): Promise<void> {
  const sent = await sendInStep({ purpose: 'readBack', method: 'GET', path: resourcePath(kind, id), ...(expectation.present ? { targetId: id } : {}) }, context, step);
  if (!('exchange' in sent)) return; // a read is never refused
  const { exchange } = sent;
  // No answer, or one whose body could not be used (too large, too deep...): runtime trouble, the
  // step errors on the exchange's error; there is nothing to judge.
  if (!exchange.response || exchange.error !== undefined) return;
  step.checks.push(result(context, checkId, readBackFindings(expectation, exchange.response.status, bodyObject(exchange)), exchange.id, step));
}

/** Reads a user back and judges it against the model (present) or expects it gone (deleted). */
export async function verifyUser(key: string, checkId: string, context: ScenarioContext, step: StepRecorder): Promise<void> {
  const { view, state } = context.model.user(key);
  if (!view.id) return;
  const expectation: ReadBackExpectation =
    state === 'present' ? { kind: 'user', name: view.userName, present: true, expected: context.model.expectedUser(key) } : { kind: 'user', name: view.userName, present: false };
  await readBack('User', view.id, expectation, checkId, context, step);
}

/** Reads a group back and judges name and exact membership, or expects it gone. */
export async function verifyGroup(key: string, checkId: string, context: ScenarioContext, step: StepRecorder): Promise<void> {
  const { view, state } = context.model.group(key);
  if (!view.id) return;
  // An unlinked group stays in the target app as the IdP left it.
  const present = state === 'present' || state === 'unlinked';
  const expectation: ReadBackExpectation = present
    ? { kind: 'group', name: view.displayName, present: true, expected: context.model.expectedGroup(key) }
    : { kind: 'group', name: view.displayName, present: false };
  await readBack('Group', view.id, expectation, checkId, context, step);
}

/** An import must list every resource the IdP manages exactly once (PAGE-WALK). */
export function verifyImport(kind: 'User' | 'Group', imported: ScimResource[], context: ScenarioContext, step: StepRecorder, checkId: string): void {
  const entries = kind === 'User'
    ? [...context.model.users.values()].map(({ view, state }) => ({ id: view.id, name: view.userName, state }))
    : [...context.model.groups.values()].map(({ view, state }) => ({ id: view.id, name: view.displayName, state }));
  const managed = entries.flatMap((entry) => (entry.id && (entry.state === 'present' || entry.state === 'unlinked') ? [{ id: entry.id, name: entry.name }] : []));
  step.checks.push(toCheckResult(checkId, { idp: context.profile.name }, importFindings(kind, managed, imported), step.exchanges.at(-1)?.id));
}
