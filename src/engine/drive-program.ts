import type { ActionOutcome, ActionProgram } from '../idp/profile.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendPlanned, unsafeWriteReason } from './send-planned.js';

/** How a program ended: its outcome, or the reason the engine stopped it. */
export type ProgramResult = { outcome: ActionOutcome } | { refused: string };

/**
 * Feeds a profile's action program: sends each request it yields, hands back the exchange,
 * until it returns its outcome. Stops it when it would write to a resource the run did not create.
 */
export async function driveProgram(program: ActionProgram, context: ScenarioContext, step: StepRecorder): Promise<ProgramResult> {
  let next = program.next();
  while (!next.done) {
    const planned = next.value;
    const unsafe = unsafeWriteReason(planned, context);
    if (unsafe) {
      program.return({});
      return { refused: unsafe };
    }
    const exchange = await sendPlanned(planned, context, step);
    next = program.next(exchange);
  }
  return { outcome: next.value };
}
