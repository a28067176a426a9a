import { ScimCheckError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { isTemplateProblem, parseTemplateExpression, scanTemplate, type TemplateReference } from './template-syntax.js';

/** What templates can read while a scenario runs. */
export interface TemplateContext {
  /** The per-run unique token (`{{run}}`). */
  run: string;
  /** What the IdP knows about each scenario user; `id` once the server issued one. */
  users: Record<
    string,
    {
      id?: string;
      userName: string;
      externalId?: string;
      email?: string;
      displayName?: string;
      givenName?: string;
      familyName?: string;
    }
  >;
  groups: Record<string, { id?: string; displayName: string; externalId?: string }>;
  /** Values captured by earlier `request` steps (`{{vars.name}}`). */
  vars: Record<string, string>;
  /** Only the variables the scenario opted into with `env: [NAME]` (`{{env.NAME}}`). */
  env: Record<string, string | undefined>;
}

function templateError(message: string, hint: string): ScimCheckError {
  return new ScimCheckError('TEMPLATE_ERROR', message, { hint });
}

/** Which step makes a resource's SCIM id known, for "not known yet" hints. */
const CREATING_ACTION = { user: 'assignUser', group: 'pushGroup' } as const;

function resolve(reference: TemplateReference, raw: string, context: TemplateContext): string {
  switch (reference.kind) {
    case 'run':
      return context.run;
    case 'user':
    case 'group': {
      const pool: Record<string, Record<string, string | undefined>> = reference.kind === 'user'
        ? context.users
        : context.groups;
      const resource = pool[reference.key];
      if (resource === undefined) {
        throw templateError(
          `${raw} refers to unknown ${reference.kind} "${reference.key}"`,
          didYouMean(reference.key, Object.keys(pool)) ?? `declare it under ${reference.kind}s:`,
        );
      }
      const value = resource[reference.field];
      if (value !== undefined) return value;
      if (reference.field === 'id') {
        const action = CREATING_ACTION[reference.kind];
        throw templateError(
          `${raw} is not known yet: ${reference.kind} "${reference.key}" has no SCIM id until the server creates it`,
          `use it only after the ${action} step for ${reference.key}`,
        );
      }
      throw templateError(
        `${raw} has no value: ${reference.kind} "${reference.key}" has no ${reference.field}`,
        `give ${reference.key} a ${reference.field} under ${reference.kind}s:`,
      );
    }
    case 'var': {
      const value = context.vars[reference.name];
      if (value !== undefined) return value;
      throw templateError(
        `${raw} is not known yet: no earlier step captured "${reference.name}"`,
        `capture it in an earlier request step, e.g. capture: { ${reference.name}: "$.id" }`,
      );
    }
    case 'env': {
      if (!Object.hasOwn(context.env, reference.name)) {
        throw templateError(
          `${raw} reads an environment variable the scenario did not opt into`,
          `list it in the scenario: env: [${reference.name}]`,
        );
      }
      const value = context.env[reference.name];
      if (value !== undefined) return value;
      throw templateError(
        `${raw} is empty: environment variable ${reference.name} is not set`,
        `set ${reference.name} in the environment scim-check runs in`,
      );
    }
  }
}

/**
 * Replaces every `{{ ... }}` in `text`. Throws a `TEMPLATE_ERROR` for a malformed or unknown
 * reference, or one whose value is not known yet (e.g. a user's id before the user was created):
 * sending the literal placeholder to the server would make a confusing failure downstream.
 */
export function renderTemplate(text: string, context: TemplateContext): string {
  // Most strings hold no template; skipping the scan keeps rendering off the hot path.
  if (!text.includes('{{')) return text;
  const scanned = scanTemplate(text);
  if (scanned.unclosed !== undefined) {
    throw templateError(`unclosed template in ${JSON.stringify(text)}`, 'close it with "}}", e.g. {{run}}');
  }
  let out = '';
  for (const part of scanned.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const parsed = parseTemplateExpression(part.expression);
    if (isTemplateProblem(parsed)) throw templateError(parsed.problem, parsed.hint);
    out += resolve(parsed, part.raw, context);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Renders every string inside objects and arrays (values only: keys are attribute names, never
 * templated). Other values are returned as they are; the input is not modified.
 */
export function renderDeep<T>(value: T, context: TemplateContext): T {
  if (typeof value === 'string') return renderTemplate(value, context) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => renderDeep(item, context)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderDeep(item, context);
    return out as T;
  }
  return value;
}

/** The expressions of every placeholder in `text`, trimmed (`{{ run }}` → `run`), in order. */
export function templateReferences(text: string): string[] {
  return scanTemplate(text).parts.flatMap((part) => (typeof part === 'string' ? [] : [part.expression]));
}
