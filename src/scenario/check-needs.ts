import { type Diagnostic, errorAt } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { SourceMap } from './source-map.js';
import type { NormalizedStep } from './step-shape.js';

/**
 * Checks `needs:` at load time: each entry must be the `name:` of an earlier step, so a typo or a
 * forward reference is a diagnostic at its position rather than a step that never runs.
 */
export function checkNeeds(steps: readonly NormalizedStep[], sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const earlier: string[] = [];
  for (const step of steps) {
    const needs = step.args.needs;
    const origin = step.origins.get('needs');
    if (needs !== undefined && origin !== undefined) {
      const names = Array.isArray(needs) ? needs : [needs];
      names.forEach((name, position) => {
        if (typeof name !== 'string' || earlier.includes(name)) return;
        const span = sourceMap.spanAt(Array.isArray(needs) ? [...origin, position] : origin);
        const later = steps.find((other) => other.index > step.index && other.name === name);
        const hint =
          later !== undefined
            ? `"${name}" is step ${later.index + 1}; a step can only need steps that run before it`
            : (didYouMean(name, earlier) ??
              (earlier.length === 0
                ? 'give the step it builds on a `name:` and list that name here'
                : 'list the `name:` of an earlier step'));
        diagnostics.push(
          errorAt(
            'invalid-value',
            `step ${step.index + 1} needs "${name}", which is not the name of an earlier step`,
            span,
            hint,
          ),
        );
      });
    }
    if (step.name !== undefined) earlier.push(step.name);
  }
  return diagnostics;
}
