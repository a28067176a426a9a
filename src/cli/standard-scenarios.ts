import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RunResult } from '../engine/results.js';
import { runSuite } from '../engine/run-suite.js';
import type { Executor } from '../executor/executor.js';
import { planRun } from '../plan/plan.js';
import { loadScenarioFile } from '../scenario/index.js';
import type { Scenario } from '../scenario/model.js';
import {
  checkedRowIds,
  planIdpRequests,
  type StandardPack,
  type StandardReport,
  standardReports,
} from '../standards/index.js';
import type { CliIo } from './io.js';
import { invalidScenariosError, loadScenarios } from './load-scenarios.js';
import { BUILT_IN_SCENARIOS, resolveScenarioPaths, type ScenarioPath, scenarioFilesIn } from './scenario-paths.js';

/** Where the packs' own scenarios live; a plain run (no --standard) leaves them out. */
export const STANDARDS_FOLDER = join(BUILT_IN_SCENARIOS, 'standards');
const SPEC_FOLDER = join(BUILT_IN_SCENARIOS, 'spec');

/** Where the vendor gates' scenarios live (src/readiness/); a plain run leaves them out too. */
export const READINESS_FOLDER = join(BUILT_IN_SCENARIOS, 'readiness');

/** True for a scenario file under `folder`. */
function isScenarioIn(folder: string, path: ScenarioPath): boolean {
  const inside = relative(folder, path.absolute);
  return inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep);
}

/** True for a scenario of a standard pack (scenarios/standards/): it runs only with --standard. */
export function isStandardScenario(path: ScenarioPath): boolean {
  return isScenarioIn(STANDARDS_FOLDER, path);
}

/**
 * True for a built-in scenario a plain `run` leaves out: the standard packs' (run with
 * --standard) and the vendor gates' (run with `scim-check readiness`), which hold servers to a
 * draft or to one vendor's validator rather than to the RFCs and the IdPs' flows.
 */
export function isOptInScenario(path: ScenarioPath): boolean {
  return isStandardScenario(path) || isScenarioIn(READINESS_FOLDER, path);
}

/**
 * What `run --standard X` runs without scenario arguments: the packs' own scenarios, and every
 * spec scenario with a step that proves a row the packs reuse (`check:` one of their ids), so each
 * reused verdict is there to take. Passive rows (MEDIA-RESP-TYPE, ERR-BODY…) judge whatever runs.
 */
export async function standardScenarioPaths(packs: readonly StandardPack[], cwd: string): Promise<ScenarioPath[]> {
  const wanted = checkedRowIds(packs);
  const spec: string[] = [];
  for (const file of scenarioFilesIn(SPEC_FOLDER)) {
    const loaded = await loadScenarioFile(file);
    const proves = loaded.scenario?.steps.some(
      (step) => step.action === 'request' && step.check !== undefined && wanted.has(step.check),
    );
    if (proves) spec.push(file);
  }
  const own = packs.flatMap((pack) => pack.scenarios.map((name) => join(BUILT_IN_SCENARIOS, name)));
  return resolveScenarioPaths([...spec, ...own], cwd);
}

/** The built-in IdP flows (the top-level scenarios/*.yaml, one IdP each): whose requests the conflicts read. */
export async function idpFlowScenarios(): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const files = readdirSync(BUILT_IN_SCENARIOS, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const name of files) {
    const loaded = await loadScenarioFile(join(BUILT_IN_SCENARIOS, name), `scenarios/${name}`);
    // They ship with the program: one that does not load is a bug of ours, and the others still count.
    if (loaded.scenario !== undefined) scenarios.push(loaded.scenario);
  }
  return scenarios;
}

/**
 * The `standards` part of a finished run: the packs' rows judged from its verdicts, and the
 * conflicts derived from the requests every IdP profile plans for its built-in flows (planned
 * offline against an in-memory reference server; nothing is sent to the target).
 */
export async function standardsOf(
  packs: readonly StandardPack[],
  result: Pick<RunResult, 'scenarios'>,
): Promise<StandardReport[]> {
  if (packs.length === 0) return [];
  const requests = await planIdpRequests(await idpFlowScenarios());
  return standardReports(packs, result, requests);
}

/** What `matrix --standard` shares with its flows: the same door, target and run token. */
export interface StandardRunOptions {
  executor: Executor;
  target: RunResult['target'];
  runId: string;
  toolVersion: string;
  signal?: AbortSignal;
}

/**
 * `matrix --standard`: runs the packs' scenarios (and the spec scenarios they rely on) against the
 * matrix's target, through its executor, and judges them. The scenarios get their own `{{run}}`
 * token, as each profile's flows do, and clean up after themselves.
 */
export async function judgeStandardsOn(
  packs: readonly StandardPack[],
  options: StandardRunOptions,
  io: CliIo,
): Promise<StandardReport[]> {
  const loaded = await loadScenarios(await standardScenarioPaths(packs, io.cwd), io);
  if (loaded.errorCount > 0) throw invalidScenariosError(loaded.errorCount);
  const result = await runSuite(planRun(loaded.scenarios), {
    executor: options.executor,
    target: options.target,
    runId: `${options.runId}std`,
    toolVersion: options.toolVersion,
    env: {},
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return standardsOf(packs, result);
}
