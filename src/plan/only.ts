import { basename } from 'node:path';
import { ScimCheckError } from '../errors.js';
import { closestMatch } from '../scenario/did-you-mean.js';
import { stepSubject } from '../scenario/index.js';
import type { Scenario, Step } from '../scenario/model.js';

/** What `--only scenario[:step]` selected: one scenario, cut after the target step. */
export interface OnlySelection {
  scenario: Scenario;
  /** 0-based index of the target step; undefined runs the whole scenario. */
  targetIndex: number | undefined;
}

function scenarioKeys(scenario: Scenario): string[] {
  const file = basename(scenario.file);
  return [scenario.file, file, file.replace(/\.ya?ml$/i, ''), scenario.name].map((key) => key.toLowerCase());
}

/** How a step reads in hints and matches: its `name:`, else the action and whom it acts on. */
function stepText(step: Step): string {
  const label = step.name ?? stepSubject(step);
  return label === undefined ? step.action : `${step.action} ${label}`;
}

function stepLabel(step: Step): string {
  return `${step.index + 1} ${stepText(step)}`;
}

function findStep(scenario: Scenario, wanted: string): Step {
  const steps = scenario.steps;
  const hint = `steps of ${basename(scenario.file)}: ${steps.map(stepLabel).join(', ')}`;
  if (/^\d+$/.test(wanted)) {
    const step = steps[Number(wanted) - 1];
    if (!step)
      throw new ScimCheckError('USAGE', `--only: ${basename(scenario.file)} has ${steps.length} steps, not ${wanted}`, {
        hint,
      });
    return step;
  }
  const lower = wanted.toLowerCase();
  const matches = steps.filter(
    (step) =>
      step.name?.toLowerCase() === lower ||
      step.action.toLowerCase() === lower ||
      stepText(step).toLowerCase() === lower,
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new ScimCheckError(
      'USAGE',
      `--only: "${wanted}" matches steps ${matches.map((step) => step.index + 1).join(', ')} of ${basename(scenario.file)}`,
      {
        hint: `name the step by its number, e.g. --only ${basename(scenario.file).replace(/\.ya?ml$/i, '')}:${matches[0]!.index + 1}`,
      },
    );
  }
  const suggestion = closestMatch(
    wanted,
    steps.flatMap((step) => [step.action, stepText(step), ...(step.name === undefined ? [] : [step.name])]),
  );
  throw new ScimCheckError(
    'USAGE',
    `--only: no step "${wanted}" in ${basename(scenario.file)}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
    { hint },
  );
}

/**
 * Resolves `--only scenario[:step]` among the loaded scenarios. The scenario is matched by file,
 * file name (with or without .yaml) or name; the step by number (1 = first), name or action.
 * Every earlier step stays, because later steps depend on what they created (the expected model
 * starts empty); everything after the target is dropped. Cleanup still runs.
 */
export function selectOnly(scenarios: readonly Scenario[], spec: string): OnlySelection {
  const colon = spec.lastIndexOf(':');
  const scenarioPart = (colon > 0 ? spec.slice(0, colon) : spec).trim();
  const stepPart = colon > 0 ? spec.slice(colon + 1).trim() : '';
  const wanted = scenarioPart.toLowerCase();
  const scenario = scenarios.find((candidate) => scenarioKeys(candidate).includes(wanted));
  if (!scenario) {
    const suggestion = closestMatch(
      scenarioPart,
      scenarios.map((candidate) => basename(candidate.file).replace(/\.ya?ml$/i, '')),
    );
    throw new ScimCheckError(
      'USAGE',
      `--only: no scenario "${scenarioPart}" among the selected scenarios${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
      {
        hint: 'use the scenario file name or its `name:`, optionally with :STEP (a number or a step name), e.g. --only okta-group-push:5',
      },
    );
  }
  if (stepPart === '') return { scenario, targetIndex: undefined };
  const target = findStep(scenario, stepPart);
  return { scenario: { ...scenario, steps: scenario.steps.slice(0, target.index + 1) }, targetIndex: target.index };
}
