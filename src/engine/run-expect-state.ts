import { scenarioCheck } from '../checks/scenario-expectation.js';
import { stateExpectationFindings, type ReadBack, type ResourceExpectation } from '../checks/state-expectation.js';
import { bodyObject } from '../idp/request-helpers.js';
import type { StateExpectation } from '../scenario/model.js';
import { attributePaths } from './build-model.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { resourcePath } from '../scim/resource-path.js';
import { sendInStep } from './send-in-step.js';
import type { StepEnd } from './step-outcome.js';

/** Reads one resource back (when the run created it) and records the author's verdict on it. */
async function judge(readBack: Omit<ReadBack, 'status' | 'body'>, want: ResourceExpectation, context: ScenarioContext, recorder: StepRecorder): Promise<void> {
  let exchangeId: number | undefined;
  const seen: ReadBack = { ...readBack };
  if (readBack.id !== undefined) {
    const sent = await sendInStep({ purpose: 'readBack', method: 'GET', path: resourcePath(readBack.kind === 'user' ? 'User' : 'Group', readBack.id) }, context, recorder);
    const exchange = 'exchange' in sent ? sent.exchange : undefined;
    if (!exchange?.response) return; // runtime trouble: the step errors on the exchange's error // runtime trouble: the step errors on the exchange's error
    exchangeId = exchange.id;
    seen.status = exchange.response.status;
    const body = bodyObject(exchange);
    if (body !== undefined) seen.body = body;
  }
  recorder.checks.push(scenarioCheck(stateExpectationFindings(seen, want), `expectState: ${readBack.kind} ${readBack.key}`, exchangeId));
}

/**
 * The scenario author's own assertions about server state (`expectState:`): each named user or
 * group is read back and judged (src/checks/state-expectation.ts), by scenario key.
 */
export async function runExpectState(state: StateExpectation, context: ScenarioContext, recorder: StepRecorder): Promise<StepEnd> {
  for (const [key, want] of Object.entries(state.users ?? {})) {
    const attributes = want.attributes === undefined && want.active === undefined ? undefined : { ...attributePaths(want.attributes), ...(want.active !== undefined ? { active: want.active } : {}) };
    const expectation: ResourceExpectation = { ...(want.exists !== undefined ? { exists: want.exists } : {}), ...(attributes !== undefined ? { attributes } : {}) };
    await judge({ kind: 'user', key, id: context.model.user(key).view.id }, expectation, context, recorder);
  }
  for (const [key, want] of Object.entries(state.groups ?? {})) {
    const expectation: ResourceExpectation = {
      ...(want.exists !== undefined ? { exists: want.exists } : {}),
      ...(want.displayName !== undefined ? { displayName: want.displayName } : {}),
      ...(want.members !== undefined
        ? { memberIds: want.members.map((member) => context.model.user(member).view.id ?? `(${member} not created)`), memberKeys: want.members }
        : {}),
    };
    await judge({ kind: 'group', key, id: context.model.group(key).view.id }, expectation, context, recorder);
  }
  return { ok: true };
}
