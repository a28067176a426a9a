import type { SourceSpan } from '../errors.js';
import { ACTION_SPECS, ALL_ARGUMENT_NAMES, usageHint } from './action-specs.js';
import { describeValue, displayPath, quotedList } from './describe-value.js';
import { type Diagnostic, errorAt } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { isMapping } from './is-mapping.js';
import { ACTION_NAMES, type ActionName } from './model.js';
import { diagnosticsOfSchemaErrors, type ErrorLocator } from './schema-messages.js';
import { scenarioValidators } from './schema-validator.js';
import type { DataPath, SourceMap } from './source-map.js';

/** A step reduced to one action and one flat argument mapping, whichever YAML form it was written in. */
export interface NormalizedStep {
  index: number;
  action: ActionName;
  name?: string;
  args: Record<string, unknown>;
  /** Where each argument's value sits in the file (its data path). */
  origins: Map<string, DataPath>;
  span: SourceSpan;
}

const ACTION_SET: ReadonlySet<string> = new Set(ACTION_NAMES);

/** `step 3 (assignUser)`: steps are numbered from 1 in messages, like lines. */
function stepLabel(index: number, action?: string): string {
  return action === undefined ? `step ${index + 1}` : `step ${index + 1} (${action})`;
}

/**
 * Checks one step's shape by hand (ajv's anyOf over 17 step forms gives unreadable errors),
 * merges the scalar/mapping action value and sibling keys into one argument mapping,
 * then validates that against the schema's `<action>Arguments` definition.
 */
export function normalizeStep(
  value: unknown,
  index: number,
  sourceMap: SourceMap,
): { step?: NormalizedStep; diagnostics: Diagnostic[] } {
  const stepPath: DataPath = ['steps', index];
  const span = sourceMap.spanAt(stepPath);
  const label = stepLabel(index);
  if (typeof value === 'string') {
    if (!ACTION_SET.has(value)) return { diagnostics: [unknownAction(value, label, span)] };
    const action = value as ActionName;
    return finish({ index, action, args: {}, origins: new Map(), span }, sourceMap, [...stepPath, action]);
  }
  if (!isMapping(value)) {
    const title =
      value === null
        ? `${label} is empty`
        : `${label} must be an action name or a mapping, got ${describeValue(value)}`;
    return {
      diagnostics: [
        errorAt(value === null ? 'missing-action' : 'type', title, span, 'write e.g. `- assignUser: alice`'),
      ],
    };
  }

  const keys = Object.keys(value);
  const actionKeys = keys.filter((key) => ACTION_SET.has(key));
  if (actionKeys.length > 1) {
    const second = actionKeys[1]!;
    return {
      diagnostics: [
        errorAt(
          'multiple-actions',
          `${label} has more than one action ("${actionKeys[0]!}" and "${second}")`,
          sourceMap.keySpanAt([...stepPath, second]),
          'each step does one thing; start a new list item with "- " for the second action',
        ),
      ],
    };
  }
  if (actionKeys.length === 0) {
    const candidate = keys.find((key) => key !== 'name' && !ALL_ARGUMENT_NAMES.has(key));
    if (candidate !== undefined)
      return { diagnostics: [unknownAction(candidate, label, sourceMap.keySpanAt([...stepPath, candidate]))] };
    return {
      diagnostics: [
        errorAt(
          'missing-action',
          `${label} has no action`,
          span,
          `start the step with one of: ${ACTION_NAMES.join(', ')}`,
        ),
      ],
    };
  }

  const action = actionKeys[0] as ActionName;
  const spec = ACTION_SPECS[action];
  const diagnostics: Diagnostic[] = [];
  const args: Record<string, unknown> = {};
  const origins = new Map<string, DataPath>();
  const actionValue = value[action];
  const actionPath: DataPath = [...stepPath, action];
  if (isMapping(actionValue)) {
    for (const [key, argument] of Object.entries(actionValue)) {
      args[key] = argument;
      origins.set(key, [...actionPath, key]);
    }
  } else if (
    actionValue !== null &&
    actionValue !== undefined &&
    !Array.isArray(actionValue) &&
    spec.primary !== undefined
  ) {
    args[spec.primary] = actionValue;
    origins.set(spec.primary, actionPath);
  } else if (actionValue !== null && actionValue !== undefined) {
    const expected =
      spec.primary !== undefined
        ? `a ${spec.primary} key or a mapping of arguments`
        : spec.valueIsMapping === true
          ? 'a mapping of arguments'
          : 'no value or a mapping of arguments';
    diagnostics.push(
      errorAt(
        'type',
        `${action} in ${label} takes ${expected}, got ${describeValue(actionValue)}`,
        sourceMap.spanAt(actionPath),
        usageHint(action),
      ),
    );
  } else if (spec.valueIsMapping === true) {
    // `- request:` followed by arguments at the same indent as the action: they were meant to be nested.
    const misplaced = keys.filter(
      (key) =>
        key !== action &&
        spec.arguments.includes(key) &&
        !['expect', 'capture', 'check', 'when', 'needs', 'poll', 'forEachEndpoint'].includes(key),
    );
    const hint =
      misplaced.length === 0
        ? usageHint(action)
        : `indent ${quotedList(misplaced)} further so ${misplaced.length === 1 ? 'it sits' : 'they sit'} under ${action}:`;
    diagnostics.push(
      errorAt(
        'type',
        `${action} in ${label} takes a mapping of arguments, got nothing`,
        sourceMap.keySpanAt(actionPath),
        hint,
      ),
    );
  }

  let name: string | undefined;
  for (const [key, sibling] of Object.entries(value)) {
    if (key === action) continue;
    if (key === 'name') {
      if (typeof sibling === 'string') name = sibling;
      else
        diagnostics.push(
          errorAt(
            'type',
            `name of ${label} must be a string, got ${describeValue(sibling)}`,
            sourceMap.spanAt([...stepPath, key]),
          ),
        );
      continue;
    }
    if (origins.has(key)) {
      diagnostics.push(
        errorAt(
          'duplicate-argument',
          `argument "${key}" of ${stepLabel(index, action)} is given twice`,
          sourceMap.keySpanAt([...stepPath, key]),
          `it is also given inside the ${action} mapping; keep one`,
        ),
      );
      continue;
    }
    args[key] = sibling;
    origins.set(key, [...stepPath, key]);
  }
  if (diagnostics.length > 0) return { diagnostics };
  const step: NormalizedStep = { index, action, args, origins, span };
  if (name !== undefined) step.name = name;
  return finish(step, sourceMap, actionPath);
}

function unknownAction(name: string, label: string, span: SourceSpan): Diagnostic {
  return errorAt(
    'unknown-action',
    `unknown action "${name}" in ${label}`,
    span,
    didYouMean(name, ACTION_NAMES) ?? `actions: ${ACTION_NAMES.join(', ')}`,
  );
}

/** Validates the merged arguments; errors point into whichever form each argument was written in. */
function finish(
  step: NormalizedStep,
  sourceMap: SourceMap,
  actionPath: DataPath,
): { step?: NormalizedStep; diagnostics: Diagnostic[] } {
  const validate = scenarioValidators().actionArguments(step.action);
  if (validate(step.args)) return { step, diagnostics: [] };
  const label = stepLabel(step.index, step.action);
  const pathOf = (segments: readonly string[]): DataPath => {
    const [argument, ...rest] = segments;
    const origin = argument === undefined ? undefined : step.origins.get(argument);
    return origin === undefined ? actionPath : [...origin, ...rest];
  };
  const locator: ErrorLocator = {
    name: (segments) => (segments.length === 0 ? label : `${displayPath(segments)} in ${label}`),
    owner: (segments) => (segments.length === 0 ? label : `${displayPath(segments)} in ${label}`),
    valueSpan: (segments) => sourceMap.spanAt(pathOf(segments)),
    keySpan: (segments) => sourceMap.keySpanAt(pathOf(segments)),
    keyWord: (segments) => (segments.length === 0 ? 'argument' : 'key'),
    rootHint: usageHint(step.action),
  };
  return { diagnostics: diagnosticsOfSchemaErrors(validate.errors ?? [], locator) };
}
