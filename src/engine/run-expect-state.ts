import type { Finding } from '../checks/check-result.js';
import { scenarioCheck } from '../checks/scenario-expectation.js';
import { diffUser } from '../checks/state-diff.js';
import { bodyObject } from '../idp/request-helpers.js';
import { readPath } from '../scim/read-path.js';
import { GROUP_RESOURCE_TYPE } from '../scim/resource-type.js';
import type { StateExpectation } from '../scenario/model.js';
import { attributePaths } from './build-model.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendPlanned } from './send-planned.js';
import type { StepEnd } from './step-outcome.js';

/**
 * The scenario author's own assertions about server state (`expectState:`): each named user or
 * group is read back and compared with what the step says, by scenario key.
 */
export async function runExpectState(state: StateExpectation, context: ScenarioContext, recorder: StepRecorder): Promise<StepEnd> {
  for (const [key, want] of Object.entries(state.users ?? {})) {
    const id = context.model.user(key).view.id;
    const findings: Finding[] = [];
    let exchangeId: number | undefined;
    if (!id) {
      if (want.exists !== false) findings.push({ message: `user ${key} was never created on the server, so its state cannot be read`, expected: 'created', actual: '(no id)' });
    } else {
      const exchange = await sendPlanned({ purpose: 'readBack', method: 'GET', path: `/Users/${id}` }, context, recorder);
      exchangeId = exchange.id;
      if (!exchange.response) continue;
      const status = exchange.response.status;
      const exists = status === 200;
      if (want.exists !== undefined && want.exists !== exists) findings.push({ message: `user ${key} should ${want.exists ? '' : 'not '}exist`, expected: want.exists ? 200 : 404, actual: status });
      const body = bodyObject(exchange);
      if (exists && body) {
        const attributes: Record<string, unknown> = attributePaths(want.attributes);
        if (want.active !== undefined) attributes.active = want.active;
        findings.push(...diffUser(body, { id, attributes }));
      } else if (want.active !== undefined || want.attributes !== undefined) {
        findings.push({ message: `user ${key} should be readable, but GET gave ${status}`, expected: 200, actual: status });
      }
    }
    recorder.checks.push(scenarioCheck(findings, `expectState: user ${key}`, exchangeId));
  }

  for (const [key, want] of Object.entries(state.groups ?? {})) {
    const id = context.model.group(key).view.id;
    const findings: Finding[] = [];
    let exchangeId: number | undefined;
    if (!id) {
      if (want.exists !== false) findings.push({ message: `group ${key} was never created on the server, so its state cannot be read`, expected: 'created', actual: '(no id)' });
    } else {
      const exchange = await sendPlanned({ purpose: 'readBack', method: 'GET', path: `/Groups/${id}` }, context, recorder);
      exchangeId = exchange.id;
      if (!exchange.response) continue;
      const status = exchange.response.status;
      const exists = status === 200;
      if (want.exists !== undefined && want.exists !== exists) findings.push({ message: `group ${key} should ${want.exists ? '' : 'not '}exist`, expected: want.exists ? 200 : 404, actual: status });
      const body = bodyObject(exchange);
      if (exists && body) {
        if (want.displayName !== undefined) {
          const name = readPath(body, 'displayName', GROUP_RESOURCE_TYPE)[0];
          if (name !== want.displayName) findings.push({ message: 'displayName differs', path: '$.displayName', expected: want.displayName, actual: name ?? '(absent)' });
        }
        if (want.members !== undefined) {
          const expected = want.members.map((member) => context.model.user(member).view.id ?? `(${member} not created)`).sort();
          const actual = readPath(body, 'members.value', GROUP_RESOURCE_TYPE).map(String).sort();
          if (JSON.stringify(expected) !== JSON.stringify(actual)) {
            findings.push({ message: `members should be exactly ${want.members.join(', ') || '(none)'}`, path: '$.members[*].value', expected, actual });
          }
        }
      } else if (want.displayName !== undefined || want.members !== undefined) {
        findings.push({ message: `group ${key} should be readable, but GET gave ${status}`, expected: 200, actual: status });
      }
    }
    recorder.checks.push(scenarioCheck(findings, `expectState: group ${key}`, exchangeId));
  }
  return { ok: true };
}
