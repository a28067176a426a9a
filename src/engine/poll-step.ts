import { setTimeout as sleep } from 'node:timers/promises';
import type { Finding } from '../checks/check-result.js';
import { ANSWER_CHECKS } from '../checks/raw-step-verdicts.js';
import { responseExpectationFindings } from '../checks/scenario-expectation.js';
import type { Sent } from '../executor/executor.js';
import type { PlannedRequest } from '../idp/profile.js';
import type { PollSpec, ResponseExpectation } from '../scenario/model.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendInStep } from './send-in-step.js';

/** What a polled send came back with: the last answer, and why it is judged as it is. */
export type PolledSent = Sent & {
  /** When every attempt missed the expectation: a finding saying so, judged with the step's own verdict. */
  notObserved?: Finding[];
};

/**
 * Sends a raw step's request; with `poll:` (a GET, checked at load time), sends it again,
 * `intervalMs` apart, until the answer meets `expect:` or `attempts` sends were made. Bounded by
 * the schema (at most 10 sends, 5 s apart) and by Ctrl-C, which ends the wait at once. An answer
 * that was superseded by a later attempt is a "not yet", not an answer to judge: the purpose checks
 * that judge its status (ANSWER_CHECKS) are dropped from the step; the other passive checks stay.
 * A 429 left standing ends the poll: it is not an answer (run-request-step.ts).
 */
export async function pollUntilExpected(
  planned: PlannedRequest,
  expectation: ResponseExpectation | undefined,
  poll: PollSpec | undefined,
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<PolledSent> {
  const attempts = poll === undefined || expectation === undefined ? 1 : poll.attempts;
  for (let attempt = 1; ; attempt++) {
    const sent = await sendInStep(planned, context, recorder);
    if ('refused' in sent || attempts === 1) return sent;
    const { exchange } = sent;
    if (!exchange.response || exchange.error?.code === 'RATE_LIMITED') return sent;
    if (responseExpectationFindings(exchange, expectation!).length === 0) return sent;
    if (attempt >= attempts || context.signal?.aborted)
      return {
        ...sent,
        notObserved: [
          {
            message: `the expected answer was not observed within ${attempt} attempts, ${poll!.intervalMs} ms apart; the last answer is judged`,
            expected: `expect: to hold within ${attempts} attempts`,
            actual: `${attempt} attempts, last answered ${exchange.response.status}`,
          },
        ],
      };
    try {
      await sleep(poll!.intervalMs, undefined, context.signal === undefined ? {} : { signal: context.signal });
    } catch {
      // Interrupted (Ctrl-C, --bail) while waiting: this answer stays the last one.
      return {
        ...sent,
        notObserved: [
          {
            message: `polling was interrupted after ${attempt} attempts; the last answer is judged`,
            actual: `${attempt} attempts, last answered ${exchange.response.status}`,
          },
        ],
      };
    }
    for (const check of recorder.checks.filter((item) => item.exchangeId === exchange.id && ANSWER_CHECKS.has(item.id)))
      recorder.checks.splice(recorder.checks.indexOf(check), 1);
  }
}
