import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateRun } from '../engine/simulate-run.js';
import { ScimCheckError } from '../errors.js';
import { planRun } from '../plan/plan.js';
import { loadScenarioFile } from '../scenario/index.js';
import type { IdpName, Scenario } from '../scenario/model.js';
import type { DocumentedOperation } from './evidence.js';
import type { IdpProfile, PlannedRequest } from './profile.js';

/**
 * The built-in scenarios that replay an IdP: `scenarios/*.yaml` and `scenarios/vendors/*.yaml`.
 * Not `spec/`, `standards/` or `readiness/`: those send raw requests a scenario author wrote, not
 * an IdP's. The package root is two levels above src/idp and dist/idp, as in src/cli/scenario-paths.ts
 * (which idp/ may not import).
 */
const IDP_SCENARIO_DIRECTORIES = ['scenarios', 'scenarios/vendors'];
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Requests scim-check sends for itself or a scenario author wrote: never the IdP's. */
const NOT_THE_IDPS: ReadonlySet<string> = new Set(['readBack', 'cleanup', 'raw']);

/** The built-in IdP scenarios, loaded; a built-in that does not load is a bug, so it throws. */
export async function builtInIdpScenarios(root: string = PACKAGE_ROOT): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  for (const directory of IDP_SCENARIO_DIRECTORIES) {
    const names = readdirSync(join(root, directory), { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const display = `${directory}/${name}`;
      const loaded = await loadScenarioFile(join(root, directory, name), display);
      if (!loaded.scenario)
        throw new ScimCheckError('INTERNAL', `built-in scenario ${display} does not load`, {
          hint: loaded.diagnostics.map((diagnostic) => diagnostic.title).join('; '),
        });
      scenarios.push(loaded.scenario);
    }
  }
  return scenarios;
}

/**
 * What the profile sends for those of the given scenarios whose `idp:` it is: the same in-memory
 * run as `run --dry-run` (src/engine/simulate-run.ts), keeping only the IdP's own requests as the
 * profile planned them (not read-backs, cleanup, raw steps or the engine's preflight).
 */
export async function plannedRequestsFor(
  profileName: IdpName,
  scenarios: readonly Scenario[],
): Promise<PlannedRequest[]> {
  const own = scenarios.filter((scenario) => scenario.idp === profileName);
  const requests: PlannedRequest[] = [];
  if (own.length === 0) return requests;
  await simulateRun(planRun(own), {
    toolVersion: 'coverage',
    env: {},
    onExchange(event) {
      // The preflight runs outside any step; read-backs and cleanup are scim-check's own.
      if (event.step === undefined || NOT_THE_IDPS.has(event.planned.purpose)) return;
      requests.push(event.planned);
    },
  });
  return requests;
}

/**
 * What each profile sends for its own scenarios, by profile name. One dry run per profile, so a
 * profile whose action throws cannot hide what the others send.
 */
export async function plannedRequestsByProfile(
  scenarios: readonly Scenario[],
): Promise<Map<IdpName, PlannedRequest[]>> {
  const byProfile = new Map<IdpName, PlannedRequest[]>();
  for (const name of new Set(scenarios.map((scenario) => scenario.idp)))
    byProfile.set(name, await plannedRequestsFor(name, scenarios));
  return byProfile;
}

/** Every request the built-in scenarios whose `idp:` is this profile make it send, in order. */
export async function plannedRequestsOf(profileName: IdpName): Promise<PlannedRequest[]> {
  return plannedRequestsFor(profileName, await builtInIdpScenarios());
}

/** Whether some planned request is this operation. */
export function isCovered(operation: DocumentedOperation, requests: readonly PlannedRequest[]): boolean {
  return requests.some((request) => operation.matches(request));
}

/**
 * The documented and observed operations of a profile that no planned request matches. Inferred
 * ones are our own guesses, so a scenario need not send them.
 */
export function uncoveredOperations(
  profile: Pick<IdpProfile, 'documentedOperations'>,
  requests: readonly PlannedRequest[],
): DocumentedOperation[] {
  return (profile.documentedOperations ?? []).filter(
    (operation) => operation.grade !== 'inferred' && !isCovered(operation, requests),
  );
}
