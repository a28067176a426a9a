import { isScalar } from 'yaml';
import type { SourceSpan } from '../errors.js';
import type { DeclaredKeys } from './check-references.js';
import { type Diagnostic, errorAt } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { isMapping } from './is-mapping.js';
import type { DataPath, SourceMap } from './source-map.js';
import type { NormalizedStep } from './step-shape.js';
import { isTemplateProblem, parseTemplateExpression, scanTemplate, type TemplateReference } from './template-syntax.js';

/** What a template may refer to at one place in the scenario. */
interface TemplateScope {
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  /** Names listed under `env:`. */
  env: readonly string[];
  /** Variables captured by steps that run before this place. */
  vars: ReadonlySet<string>;
  /** Variables captured anywhere, by the 0-based index of the capturing step, for "move this step" hints. */
  capturedBy: ReadonlyMap<string, number>;
  /** True in `users:` and `groups:`, which are resolved before any step runs: only run and env exist there. */
  definitions?: boolean;
}

/**
 * Checks the templates of a whole scenario: users, groups and step arguments. Definitions may use
 * only `{{run}}` and `{{env.NAME}}`; a step may use `{{vars.x}}` only once an earlier step captured it.
 */
export function checkScenarioTemplates(
  data: Record<string, unknown>,
  steps: readonly NormalizedStep[],
  declared: DeclaredKeys,
  sourceMap: SourceMap,
  text: string,
): Diagnostic[] {
  const env = Array.isArray(data.env) ? data.env.filter((name): name is string => typeof name === 'string') : [];
  const capturedBy = new Map<string, number>();
  for (const step of steps) {
    const capture = step.args.capture;
    if (step.action !== 'request' || !isMapping(capture)) continue;
    for (const name of Object.keys(capture)) if (!capturedBy.has(name)) capturedBy.set(name, step.index);
  }
  const diagnostics: Diagnostic[] = [];
  // Definitions are resolved before the first step runs, when no ids or captures exist yet.
  const definitionScope: TemplateScope = {
    users: declared.users,
    groups: declared.groups,
    env,
    vars: new Set(),
    capturedBy,
    definitions: true,
  };
  for (const section of ['users', 'groups'] as const) {
    if (isMapping(data[section]))
      diagnostics.push(...checkTemplates(data[section], [section], definitionScope, sourceMap, text));
  }
  for (const step of steps) {
    const vars = new Set([...capturedBy].filter(([, index]) => index < step.index).map(([name]) => name));
    const scope: TemplateScope = { users: declared.users, groups: declared.groups, env, vars, capturedBy };
    for (const [argument, value] of Object.entries(step.args)) {
      // Capture values are JSON paths into the response, not templates.
      if (argument === 'capture') continue;
      const origin = step.origins.get(argument);
      if (origin !== undefined) diagnostics.push(...checkTemplates(value, origin, scope, sourceMap, text));
    }
  }
  return diagnostics;
}

/**
 * Checks every template in the strings of `value` (found at `path`) statically, so a typo in
 * `{{users.alcie.id}}` fails at load time with a position, not halfway through a run.
 */
function checkTemplates(
  value: unknown,
  path: DataPath,
  scope: TemplateScope,
  sourceMap: SourceMap,
  text: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visitStrings(value, path, (string, stringPath) => {
    const scanned = scanTemplate(string);
    for (const part of scanned.parts) {
      if (typeof part === 'string') continue;
      const parsed = parseTemplateExpression(part.expression);
      const span = () => placeholderSpan(sourceMap, text, stringPath, string, part.raw, part.offset);
      if (isTemplateProblem(parsed)) diagnostics.push(errorAt('template', parsed.problem, span(), parsed.hint));
      else {
        const problem = scopeProblem(parsed, part.raw, scope);
        if (problem !== undefined) diagnostics.push(errorAt('template', problem.title, span(), problem.hint));
      }
    }
    if (scanned.unclosed !== undefined) {
      const span = placeholderSpan(
        sourceMap,
        text,
        stringPath,
        string,
        string.slice(scanned.unclosed),
        scanned.unclosed,
      );
      diagnostics.push(
        errorAt('template', 'unclosed template: "{{" without a closing "}}"', span, 'close it with "}}", e.g. {{run}}'),
      );
    }
  });
  return diagnostics;
}

function scopeProblem(
  reference: TemplateReference,
  raw: string,
  scope: TemplateScope,
): { title: string; hint: string } | undefined {
  if (scope.definitions === true && reference.kind !== 'run' && reference.kind !== 'env') {
    return {
      title: `${raw} cannot be used in a user or group definition`,
      hint: 'definitions are resolved before the first step runs, so only {{run}} and {{env.NAME}} are available here; use it in a step instead',
    };
  }
  switch (reference.kind) {
    case 'run':
      return undefined;
    case 'user':
    case 'group': {
      const keys = reference.kind === 'user' ? scope.users : scope.groups;
      if (keys.has(reference.key)) return undefined;
      const section = `${reference.kind}s`;
      const hint =
        didYouMean(reference.key, keys) ??
        (keys.size > 0 ? `declared ${section}: ${[...keys].join(', ')}` : `declare it under ${section}:`);
      return { title: `unknown ${reference.kind} "${reference.key}" in template ${raw}`, hint };
    }
    case 'var': {
      if (scope.vars.has(reference.name)) return undefined;
      const later = scope.capturedBy.get(reference.name);
      if (later !== undefined) {
        return {
          title: `${raw} is used before it is captured`,
          hint: `"${reference.name}" is captured by step ${later + 1}; use it only in steps after that one`,
        };
      }
      const hint =
        didYouMean(reference.name, scope.capturedBy.keys()) ??
        `capture it in an earlier request step, e.g. capture: { ${reference.name}: "$.Resources[0].id" }`;
      return { title: `${raw} is not captured by any step`, hint };
    }
    case 'env': {
      if (scope.env.includes(reference.name)) return undefined;
      const hint =
        didYouMean(reference.name, scope.env) ??
        `scenarios read only the environment variables they list; add it: env: [${[...scope.env, reference.name].join(', ')}]`;
      return { title: `${raw} reads an environment variable the scenario does not list under env:`, hint };
    }
  }
}

/** Calls `visit` for every string value (not key) inside `value`, with its data path. */
function visitStrings(value: unknown, path: DataPath, visit: (text: string, path: DataPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value))
    for (const [index, item] of value.entries()) visitStrings(item, [...path, index], visit);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) visitStrings(item, [...path, key], visit);
  }
}

/**
 * The span of the placeholder itself when the scalar's source spells it out verbatim (plain and
 * quoted scalars without escapes inside it), else the span of the whole string.
 */
function placeholderSpan(
  sourceMap: SourceMap,
  text: string,
  path: DataPath,
  value: string,
  raw: string,
  offset: number,
): SourceSpan {
  const { node } = sourceMap.locate(path);
  if (!isScalar(node) || node.range === undefined || node.range === null) return sourceMap.spanOf(node);
  const [start, end] = node.range;
  const nodeSource = text.slice(start, end);
  // The n-th occurrence in the value is the n-th occurrence in the source when the source spells it out.
  let occurrence = 0;
  for (let at = value.indexOf(raw); at >= 0 && at < offset; at = value.indexOf(raw, at + 1)) occurrence++;
  let found = nodeSource.indexOf(raw);
  for (let n = 0; n < occurrence && found >= 0; n++) found = nodeSource.indexOf(raw, found + 1);
  if (found < 0) return sourceMap.spanOf(node);
  return sourceMap.spanOfOffsets(start + found, start + found + raw.length);
}
