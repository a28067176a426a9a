import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScimCheckError } from '../errors.js';
import { closestMatch } from '../scenario/did-you-mean.js';

/** The package root (two levels above src/cli and dist/cli), where the built-in scenarios ship. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_IN_SCENARIOS = join(PACKAGE_ROOT, 'scenarios');

/** A scenario file to load: where it is, and how reports should name it. */
export interface ScenarioPath {
  absolute: string;
  /** Relative to the working directory when inside it, else relative to the package (built-ins). */
  display: string;
}

const SCENARIO_FILE = /\.ya?ml$/i;

/** Every scenario file under a directory, recursively, in a stable order. */
export function scenarioFilesIn(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...scenarioFilesIn(path));
    else if (entry.isFile() && SCENARIO_FILE.test(entry.name)) files.push(path);
  }
  return files;
}

function displayPath(absolute: string, cwd: string): string {
  const fromCwd = relative(cwd, absolute);
  if (fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd)) return fromCwd.split(sep).join('/');
  return relative(PACKAGE_ROOT, absolute).split(sep).join('/');
}

/** `okta-group-push`, `okta-group-push.yaml` or `spec/filters` → the built-in file of that name. */
function builtInNamed(name: string): string | undefined {
  const wanted = name.replace(/\\/g, '/').replace(SCENARIO_FILE, '').toLowerCase();
  return scenarioFilesIn(BUILT_IN_SCENARIOS).find((file) => {
    const relativeName = relative(BUILT_IN_SCENARIOS, file)
      .split(sep)
      .join('/')
      .replace(SCENARIO_FILE, '')
      .toLowerCase();
    return relativeName === wanted || relativeName.split('/').at(-1) === wanted;
  });
}

/**
 * The likely meant scenario for a path that names none: a scenario file next to where the path
 * points (`scenarios/okta-grup-push.yaml` → `scenarios/okta-group-push.yaml`), else a built-in
 * name (`okta-grup-push` → `okta-group-push`).
 */
function nearestScenario(path: string, absolute: string): string | undefined {
  const typed = path.replace(/\\/g, '/');
  const slash = typed.lastIndexOf('/');
  const [folder, name] = slash === -1 ? ['', typed] : [typed.slice(0, slash + 1), typed.slice(slash + 1)];
  let siblings: string[] = [];
  try {
    siblings = readdirSync(dirname(absolute)).filter((entry) => SCENARIO_FILE.test(entry));
  } catch {
    // The folder does not exist either: only the built-in names can help.
  }
  const sibling = closestMatch(name, siblings);
  if (sibling !== undefined) return `${folder}${sibling}`;
  const builtIns = scenarioFilesIn(BUILT_IN_SCENARIOS).map((file) =>
    relative(BUILT_IN_SCENARIOS, file).split(sep).join('/').replace(SCENARIO_FILE, ''),
  );
  return closestMatch(typed.replace(SCENARIO_FILE, ''), builtIns);
}

/**
 * Turns the command line's paths into scenario files. No paths: every built-in scenario.
 * A directory: every scenario under it. A name that is not a local file: the built-in of that
 * name, so `scim-check run okta-group-push.yaml` works from any directory after an npx install.
 * A path that exists but is not a scenario file is passed on: the loader says what is wrong.
 */
export function resolveScenarioPaths(paths: readonly string[], cwd: string): ScenarioPath[] {
  if (paths.length === 0)
    return scenarioFilesIn(BUILT_IN_SCENARIOS).map((absolute) => ({ absolute, display: displayPath(absolute, cwd) }));
  const resolved: ScenarioPath[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (existsSync(absolute)) {
      if (statSync(absolute).isDirectory()) {
        const files = scenarioFilesIn(absolute);
        if (files.length === 0)
          throw new ScimCheckError('SCENARIO_NOT_FOUND', `no scenario files (*.yaml) in directory ${path}`, {
            hint: 'pass scenario files, or a directory that holds some',
          });
        resolved.push(...files.map((file) => ({ absolute: file, display: displayPath(file, cwd) })));
      } else {
        resolved.push({ absolute, display: displayPath(absolute, cwd) });
      }
      continue;
    }
    const builtIn = builtInNamed(path);
    if (builtIn === undefined) {
      const suggestion = nearestScenario(path, absolute);
      throw new ScimCheckError(
        'SCENARIO_NOT_FOUND',
        `scenario not found: ${path}${suggestion === undefined ? '' : ` — did you mean ${suggestion}?`}`,
        {
          hint: 'give a path to a .yaml file or a directory, or the name of a built-in scenario (see `scim-check list`)',
        },
      );
    }
    resolved.push({ absolute: builtIn, display: displayPath(builtIn, cwd) });
  }
  // The same file named twice runs once.
  return resolved.filter((entry, index) => resolved.findIndex((other) => other.absolute === entry.absolute) === index);
}
