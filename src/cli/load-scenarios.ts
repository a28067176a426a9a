import { ScimCheckError } from '../errors.js';
import { type Diagnostic, formatDiagnostics, loadScenarioFile } from '../scenario/index.js';
import type { Scenario } from '../scenario/model.js';
import type { CliIo } from './io.js';
import type { ScenarioPath } from './scenario-paths.js';

export interface LoadedScenarios {
  scenarios: Scenario[];
  /** File texts by display path, so reporters can show the offending line. */
  sources: Map<string, string>;
  errorCount: number;
}

/**
 * Loads every scenario and prints each file's diagnostics to stderr as it goes. Nothing runs
 * if any file has errors: a half-valid suite would report a misleading pass.
 */
export async function loadScenarios(paths: readonly ScenarioPath[], io: CliIo): Promise<LoadedScenarios> {
  const scenarios: Scenario[] = [];
  const sources = new Map<string, string>();
  let errorCount = 0;
  for (const path of paths) {
    const result = await loadScenarioFile(path.absolute, path.display);
    if (result.source !== undefined) sources.set(path.display, result.source);
    const errors = result.diagnostics.filter((diagnostic: Diagnostic) => diagnostic.severity === 'error');
    errorCount += errors.length;
    if (result.diagnostics.length > 0) io.stderr.write(`${formatDiagnostics(result.diagnostics, result.source)}\n\n`);
    if (result.scenario && errors.length === 0) scenarios.push(result.scenario);
  }
  return { scenarios, sources, errorCount };
}

/** The usage error for a suite that did not load. */
export function invalidScenariosError(errorCount: number): ScimCheckError {
  return new ScimCheckError(
    'SCENARIO_INVALID',
    `${errorCount} error${errorCount === 1 ? '' : 's'} in scenario files; nothing was run`,
    {
      hint: 'fix the problems above (`scim-check validate FILE` checks a file without running it)',
    },
  );
}
