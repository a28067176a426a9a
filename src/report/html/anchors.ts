import { basename } from 'node:path';
import type { ScenarioResult, StepResult } from '../../engine/results.js';
import { isScenarioStep } from '../pretty/step-label.js';

/*
 * The ids deep links point at (the DOM contract): a scenario is `SLUG`, its file's base name
 * without `.yaml` (`okta-group-push`), `-2`, `-3` … when two files share one; a step is
 * `SLUG/N` with N the 1-based number the pretty reporter prints, and the steps the engine adds
 * (preflight, cleanup) are `SLUG/cleanup`. Ids follow the run's own scenario order, not the order
 * the page shows them in, so a link stays valid however the failures sort.
 */

/** Every scenario's slug and every step's id, built once per report. */
export interface Anchors {
  scenario(scenario: ScenarioResult): string;
  step(step: StepResult): string;
}

/**
 * A file name as an id: characters other than letters, digits, `.`, `_` and `-` become `-`, so the
 * id works unescaped in a URL fragment and a CSS selector.
 */
function slugOf(file: string): string {
  const base = basename(file).replace(/\.ya?ml$/i, '');
  const slug = base.replace(/[^A-Za-z0-9._-]+/g, '-');
  return slug === '' ? 'scenario' : slug;
}

export function buildAnchors(scenarios: readonly ScenarioResult[]): Anchors {
  const slugs = new Map<ScenarioResult, string>();
  const steps = new Map<StepResult, string>();
  const taken = new Set<string>();
  for (const scenario of scenarios) {
    const base = slugOf(scenario.file);
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix++) slug = `${base}-${suffix}`;
    taken.add(slug);
    slugs.set(scenario, slug);
    const stepIds = new Set<string>();
    for (const step of scenario.steps) {
      const own = isScenarioStep(step) ? `${slug}/${step.index + 1}` : `${slug}/${step.action}`;
      let id = own;
      for (let suffix = 2; stepIds.has(id); suffix++) id = `${own}-${suffix}`;
      stepIds.add(id);
      steps.set(step, id);
    }
  }
  return {
    scenario: (scenario) => slugs.get(scenario) ?? slugOf(scenario.file),
    step: (step) => steps.get(step) ?? `step-${step.index + 1}`,
  };
}

/** The id of a root cause's entry in the index: its fingerprint with `#` (a fragment delimiter) as `-`. */
export function causeAnchor(fingerprint: string): string {
  return `cause-${fingerprint.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
}
