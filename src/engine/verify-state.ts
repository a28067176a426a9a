import type { CheckResult, Finding } from '../checks/check-result.js';
import { toCheckResult } from '../checks/run-exchange-checks.js';
import { diffGroup, diffUser } from '../checks/state-diff.js';
import { bodyObject } from '../idp/request-helpers.js';
import type { ScimResource } from '../scim/resource.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendPlanned } from './send-planned.js';

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

/** Reads a user back and judges it against the model (present) or expects it gone (deleted). */
export async function verifyUser(key: string, checkId: string, context: ScenarioContext, step: StepRecorder): Promise<void> {
  const user = context.model.user(key);
  const id = user.view.id;
  if (!id) return;
  const present = user.state === 'present';
  const exchange = await sendPlanned({ purpose: 'readBack', method: 'GET', path: `/Users/${id}`, ...(present ? { targetId: id } : {}) }, context, step);
  if (!exchange.response) return; // runtime trouble: the step errors on the exchange's error
  const status = exchange.response.status;
  const body = bodyObject(exchange);
  let findings: Finding[];
  if (present) {
    findings = status === 200 && body
      ? diffUser(body, context.model.expectedUser(key))
      : [{ message: `user ${user.view.userName} should exist, but reading it back gave ${status}`, expected: 200, actual: status }];
  } else {
    findings = status === 404 ? [] : [{
      message: status === 200 && body?.active === false ? 'DELETE treated as deactivate: the deleted user is still served' : 'a deleted user must be gone (404)',
      expected: 404,
      actual: status,
    }];
  }
  step.checks.push(result(context, checkId, findings, exchange.id, step));
}

/** Reads a group back and judges name and exact membership, or expects it gone. */
export async function verifyGroup(key: string, checkId: string, context: ScenarioContext, step: StepRecorder): Promise<void> {
  const group = context.model.group(key);
  const id = group.view.id;
  if (!id) return;
  const present = group.state === 'present' || group.state === 'unlinked';
  const exchange = await sendPlanned({ purpose: 'readBack', method: 'GET', path: `/Groups/${id}`, ...(present ? { targetId: id } : {}) }, context, step);
  if (!exchange.response) return;
  const status = exchange.response.status;
  const body = bodyObject(exchange);
  let findings: Finding[];
  if (present) {
    findings = status === 200 && body
      ? diffGroup(body, context.model.expectedGroup(key))
      : [{ message: `group ${group.view.displayName} should exist, but reading it back gave ${status}`, expected: 200, actual: status }];
  } else {
    findings = status === 404 ? [] : [{ message: 'a deleted group must be gone (404)', expected: 404, actual: status }];
  }
  step.checks.push(result(context, checkId, findings, exchange.id, step));
}

/** An import must list every resource the IdP manages exactly once (PAGE-WALK). */
export function verifyImport(kind: 'User' | 'Group', imported: ScimResource[], context: ScenarioContext, step: StepRecorder, checkId: string): void {
  const counts = new Map<string, number>();
  for (const resource of imported) if (typeof resource.id === 'string') counts.set(resource.id, (counts.get(resource.id) ?? 0) + 1);
  const findings: Finding[] = [];
  const entries = kind === 'User'
    ? [...context.model.users.values()].map(({ view, state }) => ({ id: view.id, name: view.userName, state }))
    : [...context.model.groups.values()].map(({ view, state }) => ({ id: view.id, name: view.displayName, state }));
  for (const entry of entries) {
    if (!entry.id || (entry.state !== 'present' && entry.state !== 'unlinked')) continue;
    const seen = counts.get(entry.id) ?? 0;
    if (seen === 0) findings.push({ message: `${kind} ${entry.name} is missing from the import`, path: '$.Resources', expected: entry.id, actual: '(not listed on any page)' });
    if (seen > 1) findings.push({ message: `${kind} ${entry.name} was listed ${seen} times across pages`, path: '$.Resources', expected: 1, actual: seen });
  }
  const lastExchange = step.exchanges.at(-1);
  step.checks.push(toCheckResult(checkId, { idp: context.profile.name }, findings, lastExchange?.id));
}
