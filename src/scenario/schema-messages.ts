import type { ErrorObject } from 'ajv';
import type { SourceSpan } from '../errors.js';
import { describeSchemaType, describeValue, quotedList } from './describe-value.js';
import { type Diagnostic, type DiagnosticCode, errorAt } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { parseInstancePath } from './source-map.js';

/** Where ajv's instance paths land in the file and how they read in messages. */
export interface ErrorLocator {
  /** Human name of the value at `segments`, e.g. `users.alice.active` or `set in step 9 (updateUser)`. */
  name(segments: readonly string[]): string;
  /** Human name of the mapping at `segments` when it misses or has extra keys, e.g. `group "eng"`. */
  owner(segments: readonly string[]): string;
  valueSpan(segments: readonly string[]): SourceSpan;
  keySpan(segments: readonly string[]): SourceSpan;
  /** `key` in data, `argument` at the root of a step's arguments. */
  keyWord(segments: readonly string[]): string;
  /** Hint for a missing or unknown key at the root (a usage example). */
  rootHint?: string;
  /** A hint for errors that get none from the generic rules, e.g. an example of the expected shape. */
  fallbackHint?(segments: readonly string[], keyword: string): string | undefined;
}

/** What a pattern means, by the schema location that declares it. */
const PATTERN_RULES: readonly [suffix: string, rule: string, hint?: string][] = [
  ['/definitions/scenarioKey/pattern', 'must start with a letter and contain only letters, digits, "-" and "_"'],
  [
    '/definitions/envName/pattern',
    'must be an environment variable name (letters, digits and "_", not starting with a digit)',
  ],
  [
    '/definitions/varName/pattern',
    'must be a name of letters, digits and "_", not starting with a digit',
    'it is read back as {{vars.NAME}}',
  ],
  [
    '/definitions/jsonPath/pattern',
    'must be a JSON path such as "$.Resources[0].id"',
    'start with $, then .key, [index] or ["key"] segments',
  ],
  [
    '/definitions/attributePath/pattern',
    'must be an attribute name, a SCIM attribute path (name.givenName) or a URN path',
  ],
  ['/properties/method/pattern', 'must be one of GET, POST, PUT, PATCH or DELETE'],
  ['/properties/path/pattern', 'must start with "/"', 'the path is relative to the base URL, e.g. /Users'],
];

function patternRule(error: ErrorObject): [rule: string, hint?: string] {
  const found = PATTERN_RULES.find(([suffix]) => error.schemaPath.endsWith(suffix));
  return found === undefined ? [`must match the pattern ${String(error.params.pattern)}`] : [found[1], found[2]];
}

/** Names people carry over from other tools, mapped to the SCIM names the scenario format uses. */
const KEY_SYNONYMS: Record<string, string> = {
  firstName: 'givenName',
  first_name: 'givenName',
  lastName: 'familyName',
  last_name: 'familyName',
  surname: 'familyName',
  mail: 'email',
  username: 'userName',
  login: 'userName',
};

/** `did you mean "givenName"?` for a misspelt or foreign key, if an allowed key fits. */
function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const synonym = KEY_SYNONYMS[key];
  if (synonym !== undefined && allowed.includes(synonym)) return `did you mean "${synonym}"?`;
  return didYouMean(key, allowed);
}

function allowedKeys(error: ErrorObject): string[] {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(parent?.properties ?? {});
}

/**
 * Turns ajv errors into diagnostics with human titles, one per offending node.
 * Composite keywords (anyOf, if, …) are dropped: their branches' errors say more.
 */
export function diagnosticsOfSchemaErrors(errors: readonly ErrorObject[], locator: ErrorLocator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seenNodes = new Set<string>();
  const add = (nodeKey: string, code: DiagnosticCode, title: string, span: SourceSpan, hint?: string): void => {
    if (seenNodes.has(nodeKey)) return;
    seenNodes.add(nodeKey);
    diagnostics.push(errorAt(code, title, span, hint));
  };
  const missingByOwner = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword === 'required') {
      const missing = missingByOwner.get(error.instancePath) ?? [];
      missing.push(String(error.params.missingProperty));
      missingByOwner.set(error.instancePath, missing);
    }
  }

  for (const error of errors) {
    const segments = parseInstancePath(error.instancePath);
    const nodeKey = error.instancePath;
    const name = locator.name(segments);
    const addHere = (key: string, code: DiagnosticCode, title: string, span: SourceSpan, hint?: string): void =>
      add(key, code, title, span, hint ?? locator.fallbackHint?.(segments, error.keyword));
    switch (error.keyword) {
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
      case 'if':
      case 'not':
        break;
      case 'required': {
        const missing = missingByOwner.get(error.instancePath);
        if (missing === undefined) break;
        missingByOwner.delete(error.instancePath);
        const word = locator.keyWord(segments);
        const title = `${locator.owner(segments)} is missing required ${word}${missing.length > 1 ? 's' : ''} ${quotedList(missing)}`;
        addHere(
          `${nodeKey}#required`,
          'required',
          title,
          locator.keySpan(segments),
          segments.length === 0 ? locator.rootHint : undefined,
        );
        break;
      }
      case 'additionalProperties': {
        const key = String(error.params.additionalProperty);
        const keySegments = [...segments, key];
        const word = locator.keyWord(segments);
        const allowed = allowedKeys(error);
        const hint =
          suggestKey(key, allowed) ??
          (segments.length === 0 && locator.rootHint !== undefined
            ? locator.rootHint
            : `allowed ${word}s: ${allowed.join(', ')}`);
        const code: DiagnosticCode = word === 'argument' ? 'unknown-argument' : 'unknown-key';
        addHere(
          `${error.instancePath}/${key}#key`,
          code,
          `unknown ${word} "${key}" in ${locator.owner(segments)}`,
          locator.keySpan(keySegments),
          hint,
        );
        break;
      }
      case 'propertyNames': {
        const key = String(error.params.propertyName);
        const inner = errors.find(
          (candidate) =>
            candidate !== error && candidate.instancePath === error.instancePath && candidate.propertyName === key,
        );
        const [rule, hint] = inner === undefined ? ['is not allowed here'] : patternRule(inner);
        addHere(
          `${error.instancePath}/${key}#key`,
          'invalid-value',
          `key "${key}" in ${name} ${rule}`,
          locator.keySpan([...segments, key]),
          hint,
        );
        break;
      }
      case 'type':
        addHere(
          nodeKey,
          'type',
          `${name} must be ${describeSchemaType(error.params.type)}, got ${describeValue(error.data)}`,
          locator.valueSpan(segments),
          typeHint(error),
        );
        break;
      case 'enum': {
        const allowed = (error.params.allowedValues as unknown[]).map(String);
        const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
        addHere(
          nodeKey,
          'invalid-value',
          `${name} must be one of ${allowed.join(', ')}; got ${describeValue(error.data)}`,
          locator.valueSpan(segments),
          hint,
        );
        break;
      }
      case 'pattern': {
        if (error.propertyName !== undefined) break; // reported by its propertyNames error
        const [rule, hint] = patternRule(error);
        addHere(
          nodeKey,
          'invalid-value',
          `${name} ${rule}, got ${describeValue(error.data)}`,
          locator.valueSpan(segments),
          hint,
        );
        break;
      }
      case 'minimum':
      case 'maximum': {
        const parent = error.parentSchema as { minimum?: number; maximum?: number };
        const bound =
          parent.minimum !== undefined && parent.maximum !== undefined
            ? `between ${parent.minimum} and ${parent.maximum}`
            : error.keyword === 'minimum'
              ? `at least ${String(parent.minimum)}`
              : `at most ${String(parent.maximum)}`;
        addHere(
          nodeKey,
          'invalid-value',
          `${name} must be ${bound}, got ${describeValue(error.data)}`,
          locator.valueSpan(segments),
        );
        break;
      }
      case 'minItems':
      case 'minProperties':
      case 'minLength':
        addHere(nodeKey, 'invalid-value', `${name} must not be empty`, locator.valueSpan(segments));
        break;
      case 'uniqueItems': {
        const list = error.data as unknown[];
        const duplicate = list[Number(error.params.i)];
        addHere(
          nodeKey,
          'invalid-value',
          `${name} lists ${describeValue(duplicate)} more than once`,
          locator.valueSpan([...segments, String(error.params.i)]),
        );
        break;
      }
      default:
        addHere(nodeKey, 'invalid-value', `${name} ${error.message ?? 'is invalid'}`, locator.valueSpan(segments));
    }
  }
  return diagnostics;
}

/** YAML 1.2 reads `yes`/`on` as strings; people coming from YAML 1.1 expect booleans. */
function typeHint(error: ErrorObject): string | undefined {
  const expected = error.params.type;
  if (expected === 'boolean' && typeof error.data === 'string') return 'write true or false (without quotes)';
  if ((expected === 'integer' || expected === 'number') && typeof error.data === 'string' && /^\d+$/.test(error.data))
    return 'remove the quotes';
  if (expected === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean'))
    return `quote it: "${String(error.data)}"`;
  return undefined;
}
