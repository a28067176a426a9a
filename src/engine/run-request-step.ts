import { responseExpectationFindings, scenarioCheck } from '../checks/scenario-expectation.js';
import { renderDeep } from '../scenario/index.js';
import type { RawRequest, ResponseExpectation } from '../scenario/model.js';
import { readJsonPath } from './capture.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendPlanned, unsafeWriteReason } from './send-planned.js';
import type { StepEnd } from './step-outcome.js';
import { templateContextOf } from './template-context.js';

/** The raw escape hatch: sends the request as written (templates resolved), judges `expect:`, stores `capture:`. */
export async function runRequestStep(
  step: { request: RawRequest; expect?: ResponseExpectation; capture?: Record<string, string> },
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<StepEnd> {
  const request = renderDeep(step.request, templateContextOf(context));
  const method = request.method.toUpperCase();
  const unsafe = unsafeWriteReason({ method, path: request.path }, context);
  if (unsafe) return { errored: { code: 'UNSAFE_WRITE', message: unsafe } };
  const exchange = await sendPlanned({ purpose: 'raw', ...request, method }, context, recorder);
  if (!exchange.response) return { ok: true };

  const expectation = step.expect === undefined ? undefined : renderDeep(step.expect, templateContextOf(context));
  if (expectation !== undefined) {
    recorder.checks.push(scenarioCheck(responseExpectationFindings(exchange, expectation), `expect: of ${method} ${request.path}`, exchange.id));
  }
  const missing: string[] = [];
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const value = readJsonPath(exchange.response.json, path);
    if (value === undefined || value === null) missing.push(`${name} (${path})`);
    else context.vars[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (missing.length > 0) {
    recorder.checks.push(scenarioCheck(missing.map((entry) => ({ message: `capture ${entry} found nothing in the response body`, path: entry })), 'capture: values from the response', exchange.id));
  }
  return { ok: true };
}
