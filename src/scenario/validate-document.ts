import { describeValue, displayPath } from './describe-value.js';
import { type Diagnostic, errorAt } from './diagnostic.js';
import { diagnosticsOfSchemaErrors, type ErrorLocator } from './schema-messages.js';
import { scenarioValidators } from './schema-validator.js';
import { parseInstancePath, type SourceMap } from './source-map.js';

/** Result of checking everything but the steps' insides against the JSON Schema. */
export interface DocumentValidation {
  diagnostics: Diagnostic[];
  /** Top-level keys with a problem (`users`, `env`, …); `''` when the document itself is wrong. */
  invalidSections: Set<string>;
}

const TOP_LEVEL_HINT =
  'a scenario has `name:` and `steps:`, and may have `description:`, `idp:`, `requires:`, `env:`, `users:` and `groups:`';

/** Examples for the shapes people get wrong, by `section/depth/keyword`. */
const SECTION_HINTS: Record<string, string> = {
  'users/1/type': 'declare each user under its key, e.g. `users: { alice: { email: "alice.{{run}}@example.com" } }`',
  'groups/1/type': 'declare each group under its key, e.g. `groups: { eng: { displayName: "Engineering {{run}}" } }`',
  'users/1/propertyNames': 'steps refer to users by this key, e.g. alice or user-1',
  'groups/1/propertyNames': 'steps refer to groups by this key, e.g. eng or group-1',
  'users/2/type': 'write the user as a mapping, e.g. `alice: { email: "alice.{{run}}@example.com" }`',
  'groups/2/type': 'write the group as a mapping, e.g. `eng: { displayName: "Engineering {{run}}" }`',
  'groups/2/required': 'add it, e.g. `eng: { displayName: "Engineering {{run}}" }`',
  'env/1/type': 'list the names of the variables, e.g. `env: [TENANT_ID]`',
  'requires/1/type': 'list ServiceProviderConfig features, e.g. `requires: [patch, filter]`',
};

/** `user "alice"`, `group "eng"`: how entries of the two key-by-name sections read in messages. */
function entryName(segments: readonly string[]): string | undefined {
  const [section, key] = segments;
  if (segments.length !== 2 || key === undefined) return undefined;
  if (section === 'users') return `user "${key}"`;
  if (section === 'groups') return `group "${key}"`;
  return undefined;
}

/**
 * Validates the document against the published schema. Errors inside a step are left out:
 * the schema's anyOf over every step form yields a pile of unhelpful branch errors there, so
 * steps are checked one by one by `normalizeStep` instead.
 */
export function validateDocument(data: unknown, sourceMap: SourceMap): DocumentValidation {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const title = `a scenario must be a mapping of keys such as \`name:\` and \`steps:\`, got ${describeValue(data)}`;
    const hint = Array.isArray(data)
      ? 'put the list of steps under `steps:` and give the scenario a `name:`'
      : TOP_LEVEL_HINT;
    return { diagnostics: [errorAt('type', title, sourceMap.spanAt([]), hint)], invalidSections: new Set(['']) };
  }
  const validate = scenarioValidators().document;
  if (validate(data)) return { diagnostics: [], invalidSections: new Set() };
  const errors = (validate.errors ?? []).filter((error) => !/^\/steps\/\d+(\/|$)/.test(error.instancePath));
  const invalidSections = new Set<string>();
  for (const error of errors) {
    invalidSections.add(parseInstancePath(error.instancePath)[0] ?? '');
  }
  const locator: ErrorLocator = {
    name: (segments) => (segments.length === 0 ? 'the scenario' : (entryName(segments) ?? displayPath(segments))),
    owner: (segments) => (segments.length === 0 ? 'the scenario' : (entryName(segments) ?? displayPath(segments))),
    valueSpan: (segments) => sourceMap.spanAt(segments),
    keySpan: (segments) => sourceMap.keySpanAt(segments),
    keyWord: () => 'key',
    rootHint: TOP_LEVEL_HINT,
    fallbackHint: (segments, keyword) => SECTION_HINTS[`${segments[0] ?? ''}/${segments.length}/${keyword}`],
  };
  return { diagnostics: diagnosticsOfSchemaErrors(errors, locator), invalidSections };
}
