import type { Exchange } from '../http/exchange.js';
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
 * Why the IdP dropped a request of these exchanges, when one got a 429 under an IdP that never
 * retries one: that is what the run simulates, and the server did nothing wrong (RFC 6585 §4), so
 * the step is skipped (not errored) and its state is not judged; INTEROP-NO-RETRY-429 carries the
 * one warning (checks-stage.ts).
 */
export function droppedByIdp(exchanges: readonly Exchange[], idp: IdpName): string | undefined {
  const limited = exchanges.find((exchange) => exchange.error?.code === 'RATE_LIMITED');
  if (limited === undefined) return undefined;
  const { rateLimit } = retryPolicyFor(idp);
  if (rateLimit.retries) return undefined;
  return `the server answered ${limited.request.method} with 429 and ${rateLimit.idp} never retries (${rateLimit.why}): ${DROPPED}`;
}

/** Ends every droppedByIdp reason; a step skipped for one it needed quotes it, so both are found. */
const DROPPED = 'the IdP drops this change; see INTEROP-NO-RETRY-429';

/** Whether a step was skipped because the IdP dropped a request of it, or of a step it needed. */
export function wasDroppedByIdp(result: Pick<StepResult, 'status' | 'skipReason'>): boolean {
  return result.status === 'skipped' && (result.skipReason ?? '').includes(DROPPED);
}

/**
 * Turns what a step recorded into its verdict. Hurl's two failure classes: a request that got
 * no answer (timeout, reset, refused) makes the step `errored`; a failed check at level error
 * makes it `failed`. Warnings and info never fail a step.
 */
export function stepOutcome(
  recorder: StepRecorder,
  end: StepEnd,
  idp?: IdpName,
): Pick<StepResult, 'status' | 'error' | 'skipReason'> {
  if ('skipped' in end) return { status: 'skipped', skipReason: end.skipped };
  if ('errored' in end) return { status: 'errored', error: end.errored };
  const unanswered = recorder.exchanges.find((exchange) => exchange.error !== undefined);
  const dropped = idp === undefined ? undefined : droppedByIdp(recorder.exchanges, idp);
  if (dropped !== undefined) return { status: 'skipped', skipReason: dropped };
  if (unanswered?.error) {
    return {
      status: 'errored',
      error: {
        code: unanswered.error.code,
        message: `${unanswered.request.method} ${unanswered.request.url}: ${unanswered.error.message}`,
      },
    };
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
