import { isScenarioStep, type StepResult } from '../../engine/results.js';

export { isScenarioStep };

/**
 * `5 pushGroup eng`: the 1-based step number as a reader counts steps in the file
 * (`StepResult.index` is 0-based like the scenario model), the action and its label.
 */
export function stepLabel(step: Pick<StepResult, 'index' | 'action' | 'name' | 'subject'>): string {
  const label = step.name === undefined || step.name === '' ? step.subject : step.name;
  const name = label === undefined || label === '' ? '' : ` ${label}`;
  return isScenarioStep(step) ? `${step.index + 1} ${step.action}${name}` : `${step.action}${name}`;
}
