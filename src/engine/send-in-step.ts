import type { Sent } from '../executor/executor.js';
import type { PlannedRequest } from '../idp/profile.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';

/** Sends one request as the scenario's profile, on behalf of a step (its exchange and checks land in the step). */
export function sendInStep(planned: PlannedRequest, context: ScenarioContext, step: StepRecorder): Promise<Sent> {
  return context.executor.send(planned, { profile: context.profile, scope: context.scope, step });
}
