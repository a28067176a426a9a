import type { Finding } from '../checks/check-result.js';
import { ANSWER_CHECKS, judgedOnce, purposeJudgesStatus, rawStepVerdicts } from '../checks/raw-step-verdicts.js';
import { renderDeep } from '../scenario/index.js';
import type { FeatureGate, RawRequest, ResponseExpectation } from '../scenario/model.js';
import { readJsonPath } from '../checks/json-path.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { addressedResource } from '../scim/resource-path.js';
import { sendInStep } from './send-in-step.js';
import { inferRawPurpose } from '../checks/request-purpose.js';
import type { StepEnd } from './step-outcome.js';
import { templateContextOf } from './template-context.js';

/** Schema URNs /ResourceTypes names (resource schemas and extensions), fetched once per client. */
const ADVERTISED_SCHEMAS = new WeakMap<object, Promise<Set<string>>>();

function advertisedSchemas(context: ScenarioContext): Promise<Set<string>> {
  let pending = ADVERTISED_SCHEMAS.get(context.executor);
  if (!pending) {
    pending = context.executor.send({ purpose: 'raw', method: 'GET', path: '/ResourceTypes', headers: { accept: 'application/scim+json' } }).then((sent) => {
      const resources = ('exchange' in sent ? (sent.exchange.response?.json as { Resources?: unknown } | undefined) : undefined)?.Resources;
      const urns = new Set<string>();
      for (const type of Array.isArray(resources) ? (resources as Record<string, unknown>[]) : []) {
        if (typeof type?.schema === 'string') urns.add(type.schema);
        for (const extension of Array.isArray(type?.schemaExtensions) ? (type.schemaExtensions as Record<string, unknown>[]) : []) if (typeof extension?.schema === 'string') urns.add(extension.schema);
      }
      return urns;
    });
    ADVERTISED_SCHEMAS.set(context.executor, pending);
  }
  return pending;
}

/** Why a `when:` gate keeps this step from running, from what the server advertised. */
export async function gateSkipReason(gate: FeatureGate | undefined, context: ScenarioContext): Promise<string | undefined> {
  if (gate === undefined) return undefined;
  if (gate.feature !== undefined) {
    const advertised = context.features?.supports(gate.feature);
    if (advertised === undefined) return `the server's ServiceProviderConfig does not say whether ${gate.feature} is supported`;
    if (advertised !== gate.supported) return `the server's ServiceProviderConfig says ${gate.feature}.supported=${advertised}; this step runs only when it is ${gate.supported}`;
  }
  if (gate.schema !== undefined && !(await advertisedSchemas(context)).has(gate.schema)) return `the server's /ResourceTypes does not name ${gate.schema}, which this step needs`;
  return undefined;
}

/**
 * The raw escape hatch: sends the request as written (templates resolved), judges `expect:`, stores
 * `capture:`. With `check:` the verdict is reported under that SPEC-CHECKS row; with `when:` the step
 * runs only if the server advertises the feature, and a refusal of an advertised feature is also
 * reported as DISC-SPC-HONEST ("advertised but broken").
 */
export async function runRequestStep(
  step: { request: RawRequest; expect?: ResponseExpectation; capture?: Record<string, string>; check?: string; when?: FeatureGate },
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<StepEnd> {
  const gated = await gateSkipReason(step.when, context);
  if (gated) return { skipped: gated };
  // A deselected step is not sent, unless a later step needs what it captures.
  if (step.check !== undefined && step.capture === undefined && context.selectCheck && !context.selectCheck(step.check)) return { skipped: `${step.check} is not selected (--check / --skip-check)` };
  const templates = templateContextOf(context);
  const request = renderDeep(step.request, templates);
  const method = request.method.toUpperCase();
  const expectation = step.expect === undefined ? undefined : renderDeep(step.expect, templates);
  const purpose = inferRawPurpose(method, request.path, expectation?.status);
  const target = addressedResource(request.path, context.executor.baseUrl);
  const sent = await sendInStep({ ...request, method, purpose, ...(purpose !== 'raw' && target ? { targetId: target.id } : {}) }, context, recorder);
  if ('refused' in sent) return { errored: { code: 'UNSAFE_WRITE', message: sent.refused } };
  const { exchange } = sent;
  // A 429 left standing is not an answer to the request (RFC 6585 §4): the step errors with that
  // reason (stepOutcome) and nothing judges it.
  if (!exchange.response || exchange.error?.code === 'RATE_LIMITED') return { ok: true };

  const missing: Finding[] = [];
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const value = readJsonPath(exchange.response.json, path);
    if (value === undefined || value === null) missing.push({ message: `capture ${name} (${path}) found nothing in the response body`, path: `${name} (${path})` });
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
    captureMisses: missing,
  });
  const answerStays = step.check === undefined && purposeJudgesStatus(exchange, expectation, answered);
  recorder.checks.splice(0, recorder.checks.length, ...judgedOnce(recorder.checks, own, exchange.id, answerStays));
  return { ok: true };
}
