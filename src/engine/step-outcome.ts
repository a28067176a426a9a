import { retryPolicyFor } from '../http/retry-policy.js';
import type { IdpName } from '../idp/profile-names.js';
import type { Outcome, StepResult } from './results.js';
import type { StepRecorder } from './run-context.js';

/** How a step ended apart from its checks. */
export type StepEnd =
  | { ok: true }
  | { skipped: string }
  /** The action could not go on (e.g. a create was refused); its checks say why in detail. */
  | { failed: string }
  /** The engine stopped the step before sending (safety), or a template could not be resolved. */
  | { errored: { code: string; message: string } };

/**
 * Turns what a step recorded into its verdict. Hurl's two failure classes: a request that got
 * no answer (timeout, reset, refused) makes the step `errored`; a failed check at level error
 * makes it `failed`. Warnings and info never fail a step.
 */
export function stepOutcome(recorder: StepRecorder, end: StepEnd, idp?: IdpName): Pick<StepResult, 'status' | 'error' | 'skipReason'> {
  if ('skipped' in end) return { status: 'skipped', skipReason: end.skipped };
  if ('errored' in end) return { status: 'errored', error: end.errored };
  const unanswered = recorder.exchanges.find((exchange) => exchange.error !== undefined);
  // A 429 under an IdP that never retries one: the IdP drops the request, which is what the run
  // simulates; the server did nothing wrong (RFC 6585 §4), so the step is skipped, not errored,
  // and INTEROP-NO-RETRY-429 carries the one warning (checks-stage.ts).
  if (unanswered?.error?.code === 'RATE_LIMITED' && idp !== undefined) {
    const { rateLimit } = retryPolicyFor(idp);
    if (!rateLimit.retries) return { status: 'skipped', skipReason: `the server answered ${unanswered.request.method} with 429 and ${rateLimit.idp} never retries (${rateLimit.why}): the IdP drops this change; see INTEROP-NO-RETRY-429` };
  }
  if (unanswered?.error) {
    return { status: 'errored', error: { code: unanswered.error.code, message: `${unanswered.request.method} ${unanswered.request.url}: ${unanswered.error.message}` } };
  }
  const failedCheck = recorder.checks.some((check) => check.status === 'failed' && check.level === 'error');
  if ('failed' in end) return { status: 'failed', error: { code: 'ACTION_FAILED', message: end.failed } };
  return { status: failedCheck ? 'failed' : 'passed' };
}

/** A scenario is as bad as its worst step: errored, then failed; skipped only if nothing ran. */
export function scenarioOutcome(steps: readonly Pick<StepResult, 'status'>[]): Outcome {
  if (steps.some((step) => step.status === 'errored')) return 'errored';
  if (steps.some((step) => step.status === 'failed')) return 'failed';
  if (steps.length > 0 && steps.every((step) => step.status === 'skipped')) return 'skipped';
  return 'passed';
}
