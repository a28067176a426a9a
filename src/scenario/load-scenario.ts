import type { SourceSpan } from '../errors.js';
import { buildGroups, buildUsers } from './build-entities.js';
import { buildStep } from './build-step.js';
import { checkNeeds } from './check-needs.js';
import { checkPoll } from './check-poll.js';
import { checkReferences } from './check-references.js';
import { checkScenarioTemplates } from './check-templates.js';
import { type Diagnostic, errorAt, hasErrors } from './diagnostic.js';
import { isMapping } from './is-mapping.js';
import type { Feature, GroupSpec, IdpName, Scenario, UserSpec } from './model.js';
import { parseScenarioYaml } from './parse-yaml.js';
import { readScenarioFile } from './read-scenario-file.js';
import { type NormalizedStep, normalizeStep } from './step-shape.js';
import { validateDocument } from './validate-document.js';

/** What loading a scenario produced: the scenario when there were no errors, and every diagnostic. */
export interface LoadResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  /** The file's text when it could be read, so diagnostics can show the offending line. */
  source?: string;
}

type Mapping = Record<string, unknown>;

/** Compiler order: by position, file-level problems first; ties keep the order they were found in. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.line - b.span.line || a.span.column - b.span.column;
}

/**
 * Loads a scenario from its text: YAML → JSON Schema → step shapes → typed {@link Scenario} →
 * references and templates. Pure, and never throws: every problem, including a bug in
 * scim-check itself (code `internal`), comes back as a diagnostic.
 */
export function loadScenarioText(text: string, file: string): LoadResult {
  try {
    const result = loadFromText(text, file);
    result.diagnostics.sort(byPosition);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const span: SourceSpan = { file, line: 1, column: 1 };
    return {
      diagnostics: [
        errorAt(
          'internal',
          `internal error while loading the scenario: ${message}`,
          span,
          'this is a bug in scim-check; please report it with the scenario file',
        ),
      ],
      source: text,
    };
  }
}

/**
 * Reads and loads a scenario file; file problems (missing, a directory, too large, not UTF-8,
 * …) become diagnostics too. `displayPath` is the path diagnostics and `Scenario.file` show.
 */
export async function loadScenarioFile(path: string, displayPath: string = path): Promise<LoadResult> {
  const read = await readScenarioFile(path, displayPath);
  if ('diagnostic' in read)
    return read.source === undefined
      ? { diagnostics: [read.diagnostic] }
      : { diagnostics: [read.diagnostic], source: read.source };
  return loadScenarioText(read.text, displayPath);
}

function loadFromText(text: string, file: string): LoadResult {
  const parsed = parseScenarioYaml(text, file);
  const diagnostics = [...parsed.diagnostics];
  const { sourceMap, data } = parsed;
  if (hasErrors(diagnostics)) return { diagnostics, source: text };

  const document = validateDocument(data, sourceMap);
  diagnostics.push(...document.diagnostics);
  // Nothing below makes sense of a document that is not a mapping.
  if (!isMapping(data)) return { diagnostics, source: text };

  const steps: NormalizedStep[] = [];
  if (Array.isArray(data.steps)) {
    data.steps.forEach((value: unknown, index) => {
      const normalized = normalizeStep(value, index, sourceMap);
      diagnostics.push(...normalized.diagnostics);
      if (normalized.step !== undefined) steps.push(normalized.step);
    });
  }

  const usersValid = !document.invalidSections.has('users');
  const groupsValid = !document.invalidSections.has('groups');
  const usersSection = isMapping(data.users) ? (data.users as Record<string, Mapping>) : {};
  const groupsSection = isMapping(data.groups) ? (data.groups as Record<string, Mapping>) : {};
  const users: Record<string, UserSpec> = usersValid ? buildUsers(usersSection, sourceMap) : {};
  const groups: Record<string, GroupSpec> = groupsValid ? buildGroups(groupsSection, sourceMap) : {};

  // A key is declared even when its entry has a bad field, so references to it are not flagged twice.
  const declared = { users: new Set(Object.keys(usersSection)), groups: new Set(Object.keys(groupsSection)) };
  const sectionsReadable =
    (data.users === undefined || isMapping(data.users)) && (data.groups === undefined || isMapping(data.groups));
  if (sectionsReadable) {
    for (const step of steps) diagnostics.push(...checkReferences(step, declared, sourceMap));
    diagnostics.push(...checkScenarioTemplates(data, steps, declared, sourceMap, text));
  }
  diagnostics.push(...checkNeeds(steps, sourceMap));
  diagnostics.push(...checkPoll(steps, sourceMap));

  if (hasErrors(diagnostics)) return { diagnostics, source: text };
  const scenario: Scenario = {
    file,
    name: data.name as string,
    idp: (data.idp as IdpName | undefined) ?? 'generic',
    requires: (data.requires as Feature[] | undefined) ?? [],
    env: (data.env as string[] | undefined) ?? [],
    users,
    groups,
    steps: steps.map(buildStep),
    source: text,
  };
  if (typeof data.description === 'string') scenario.description = data.description;
  return { scenario, diagnostics, source: text };
}
