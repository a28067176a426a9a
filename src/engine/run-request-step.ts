import type { Finding } from '../checks/check-result.js';
import { readJsonPath } from '../checks/json-path.js';
import { ANSWER_CHECKS, judgedOnce, purposeJudgesStatus, rawStepVerdicts } from '../checks/raw-step-verdicts.js';
import { inferRawPurpose } from '../checks/request-purpose.js';
import { renderDeep } from '../scenario/index.js';
import type { FeatureGate, PollSpec, RawRequest, ResponseExpectation } from '../scenario/model.js';
import { addressedResource } from '../scim/resource-path.js';
import { pollUntilExpected } from './poll-step.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import type { StepEnd } from './step-outcome.js';
import { templateContextOf } from './template-context.js';

/**
 * The raw escape hatch: sends the request as written (templates resolved), judges `expect:`, stores
 * `capture:`. With `check:` the verdict is reported under that SPEC-CHECKS row. Its `when:` gate was
 * decided before (run-scenario.ts, step-gates.ts); `when` here names only the feature the server
 * advertised, so a refusal of it is also reported as DISC-SPC-HONEST ("advertised but broken").
 */
export async function runRequestStep(
  step: {
    request: RawRequest;
    expect?: ResponseExpectation;
    capture?: Record<string, string>;
    check?: string;
    when?: FeatureGate;
    poll?: PollSpec;
    forEachEndpoint?: string;
  },
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<StepEnd> {
  // A deselected step is not sent, unless a later step needs what it captures.
  if (step.check !== undefined && step.capture === undefined && context.selectCheck && !context.selectCheck(step.check))
    return { skipped: `${step.check} is not selected (--check / --skip-check)` };
  const templates = templateContextOf(context);
  const request = renderDeep(step.request, templates);
  const expectation = step.expect === undefined ? undefined : renderDeep(step.expect, templates);
  if (step.forEachEndpoint === undefined) return sendAndJudge(step, request, expectation, context, recorder);
  const endpoints = await endpointsWith(step.forEachEndpoint, request.path, context);
  if (endpoints.length === 0)
    return { skipped: `the server's /ResourceTypes lists no endpoint with schema ${step.forEachEndpoint}` };
  // Every endpoint is asked and judged, even after one fails: the report names each broken one.
  let end: StepEnd = { ok: true };
  for (const path of endpoints) {
    const each = await sendAndJudge(step, { ...request, path }, expectation, context, recorder);
    if ('ok' in end && !('ok' in each)) end = each;
  }
  return end;
}

/**
 * The endpoints of the resource types /ResourceTypes lists with `schema` (RFC 7643 §6), read once
 * per run by the preflight's discovery; `fallback` (the step's own path) when it could not be read.
 */
async function endpointsWith(schema: string, fallback: string, context: ScenarioContext): Promise<string[]> {
  const declarations = await context.features?.declarations?.();
  return declarations?.endpointsOf(schema) ?? [fallback];
}

/** Sends one request of the step and judges its answer (`expect:`, `capture:`, `check:`). */
async function sendAndJudge(
  step: Parameters<typeof runRequestStep>[0],
  request: RawRequest,
  expectation: ResponseExpectation | undefined,
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<StepEnd> {
  const method = request.method.toUpperCase();
  const purpose = inferRawPurpose(method, request.path, expectation?.status);
  const target = addressedResource(request.path, context.executor.baseUrl);
  const sent = await pollUntilExpected(
    { ...request, method, purpose, ...(purpose !== 'raw' && target ? { targetId: target.id } : {}) },
    expectation,
    step.poll,
    context,
    recorder,
  );
  if ('refused' in sent) return { errored: { code: 'UNSAFE_WRITE', message: sent.refused } };
  const { exchange } = sent;
  // A 429 left standing is not an answer to the request (RFC 6585 §4): the step errors with that
  // reason (stepOutcome) and nothing judges it.
  if (!exchange.response || exchange.error?.code === 'RATE_LIMITED') return { ok: true };

  const missing: Finding[] = [];
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const value = readJsonPath(exchange.response.json, path);
    if (value === undefined || value === null)
      missing.push({
        message: `capture ${name} (${path}) found nothing in the response body`,
        path: `${name} (${path})`,
      });
    else context.vars[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  // The checks stage judged the exchange as it arrived; the step's own verdicts now take the place
  // of the purpose checks that judged the same answer (each request judged once, issue 12).
  const answered = recorder.checks.find((check) => check.exchangeId === exchange.id && ANSWER_CHECKS.has(check.id));
  const own = rawStepVerdicts(exchange, {
    check: step.check,
    expectation,
    advertisedFeature: step.when?.supported ? step.when.feature : undefined,
    idp: context.profile.name,
    label: `${method} ${request.path}`,
    ...(answered !== undefined ? { answered } : {}),
    captureMisses: [...missing, ...(sent.notObserved ?? [])],
  });
  const answerStays = step.check === undefined && purposeJudgesStatus(exchange, expectation, answered);
  recorder.checks.splice(0, recorder.checks.length, ...judgedOnce(recorder.checks, own, exchange.id, answerStays));
  return { ok: true };
}
