import { type Diagnostic, errorAt } from './diagnostic.js';
import type { SourceMap } from './source-map.js';
import type { NormalizedStep } from './step-shape.js';

/**
 * Checks `poll:` at load time: it re-sends the request, so it belongs on a read (a GET; sending a
 * write again would repeat the write), and it stops when `expect:` holds, so it needs one.
 */
export function checkPoll(steps: readonly NormalizedStep[], sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const step of steps) {
    const origin = step.origins.get('poll');
    if (step.action !== 'request' || step.args.poll === undefined || origin === undefined) continue;
    const span = sourceMap.keySpanAt(origin);
    const method = String(step.args.method ?? '').toUpperCase();
    if (method !== 'GET')
      diagnostics.push(
        errorAt(
          'invalid-value',
          `step ${step.index + 1} polls a ${method} request; poll: re-sends the request, so it is only for GET`,
          span,
          'poll with a GET that reads what the write changed, in a step after the write',
        ),
      );
    else if (step.args.expect === undefined)
      diagnostics.push(
        errorAt(
          'invalid-value',
          `step ${step.index + 1} polls without expect:, so nothing says when to stop`,
          span,
          'add the expect: that shows the effect, e.g. `expect: { status: 404 }` after a DELETE',
        ),
      );
  }
  return diagnostics;
}
