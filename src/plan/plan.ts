import { checkSelector, unmatchedGlobs } from '../checks/select-checks.js';
import { ScimCheckError } from '../errors.js';
import type { IdpProfile } from '../idp/profile.js';
import { findProfile, unknownProfileError } from '../idp/registry.js';
import type { IdpName, Scenario } from '../scenario/model.js';
import { selectOnly } from './only.js';

/** What the user selected on the command line; every field optional. */
export interface Selection {
  /** `--grep`: scenarios whose name or file contains this text (case-insensitive). */
  grep?: string;
  /** `--only scenario[:step]`. */
  only?: string;
  /** `--idp`: replay every scenario as this IdP instead of its own `idp:`. */
  idp?: string;
  /** `--check` / `--skip-check` globs over catalogue IDs. */
  check?: readonly string[];
  skipCheck?: readonly string[];
}

/** One scenario as it will run: under which profile, and (with `--only`) where setup ends. */
export interface PlannedScenario {
  scenario: Scenario;
  idp: IdpName;
  /** Undefined when this build has no such profile: the scenario is skipped with that reason. */
  profile: IdpProfile | undefined;
  /** `--only scenario:step`: 0-based index of the target step; the steps before it run as setup. */
  targetIndex?: number;
}

/** The ordered plan `run`, `--only`, `--dry-run` and `matrix` execute: pure data, decided before anything is sent. */
export interface RunPlan {
  scenarios: PlannedScenario[];
  /** `--check` / `--skip-check` as a predicate (all checks selected when absent). */
  selectCheck?: (id: string) => boolean;
}

function parseIdp(value: string | undefined): IdpName | undefined {
  if (value === undefined) return undefined;
  if (!findProfile(value)) throw unknownProfileError(value);
  return value as IdpName;
}

/** `--check` / `--skip-check` as a predicate; a glob that matches no catalogue ID is a usage error. */
function parseCheckSelection(
  include: readonly string[],
  exclude: readonly string[],
): ((id: string) => boolean) | undefined {
  const unknown = unmatchedGlobs([...include, ...exclude]);
  if (unknown.length > 0)
    throw new ScimCheckError('USAGE', `--check/--skip-check "${unknown[0]}" matches no check ID`, {
      hint: 'see `scim-check list checks` for the IDs; globs use *, e.g. FILTER-*',
    });
  return checkSelector(include, exclude);
}

/**
 * Scenarios × profile × selection → the ordered plan. Pure: it reads nothing and sends nothing,
 * and every selection the user can get wrong is a usage error (exit 2) here, before a request.
 */
export function planRun(scenarios: readonly Scenario[], selection: Selection = {}): RunPlan {
  const idp = parseIdp(selection.idp);
  const selectCheck = parseCheckSelection(selection.check ?? [], selection.skipCheck ?? []);
  let chosen = [...scenarios];
  if (selection.grep !== undefined) {
    const pattern = selection.grep.toLowerCase();
    chosen = chosen.filter(
      (scenario) => scenario.name.toLowerCase().includes(pattern) || scenario.file.toLowerCase().includes(pattern),
    );
    if (chosen.length === 0)
      throw new ScimCheckError('USAGE', `--grep "${selection.grep}" matches no scenario name or file`, {
        hint: 'see `scim-check list` for the names',
      });
  }
  let targetIndex: number | undefined;
  if (selection.only !== undefined) {
    const only = selectOnly(chosen, selection.only);
    chosen = [only.scenario];
    targetIndex = only.targetIndex;
  }
  return {
    scenarios: chosen.map((scenario) => {
      const name = idp ?? scenario.idp;
      return { scenario, idp: name, profile: findProfile(name), ...(targetIndex !== undefined ? { targetIndex } : {}) };
    }),
    ...(selectCheck !== undefined ? { selectCheck } : {}),
  };
}
