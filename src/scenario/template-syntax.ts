import { didYouMean } from './did-you-mean.js';

/**
 * The grammar of scenario templates, shared by the run-time renderer and the load-time checker
 * so the two can never disagree about what `{{ ... }}` means.
 */

/** Fields a template may read from a user: what an IdP knows about a user it provisioned. */
export const USER_TEMPLATE_FIELDS = [
  'id',
  'userName',
  'externalId',
  'email',
  'displayName',
  'givenName',
  'familyName',
] as const;

/** Fields a template may read from a group. */
export const GROUP_TEMPLATE_FIELDS = ['id', 'displayName', 'externalId'] as const;

/** A field name of {@link USER_TEMPLATE_FIELDS}. */
export type UserTemplateField = (typeof USER_TEMPLATE_FIELDS)[number];
/** A field name of {@link GROUP_TEMPLATE_FIELDS}. */
export type GroupTemplateField = (typeof GROUP_TEMPLATE_FIELDS)[number];

const ROOTS = ['run', 'users', 'groups', 'vars', 'env'] as const;

/** What one `{{ ... }}` refers to. */
export type TemplateReference =
  | { kind: 'run' }
  | { kind: 'user'; key: string; field: UserTemplateField }
  | { kind: 'group'; key: string; field: GroupTemplateField }
  | { kind: 'var'; name: string }
  | { kind: 'env'; name: string };

/** Why an expression is not a valid reference; `hint` says how to write it. */
export interface TemplateProblem {
  problem: string;
  hint: string;
}

/** One `{{ ... }}` found in a string. `offset` and `raw` locate it in that string. */
export interface TemplatePlaceholder {
  /** The whole placeholder as written, braces included. */
  raw: string;
  /** The expression inside the braces, trimmed. */
  expression: string;
  offset: number;
}

/** A string split into literal text and placeholders; `unclosed` is the offset of a `{{` with no `}}`. */
export interface ScannedTemplate {
  parts: (string | TemplatePlaceholder)[];
  unclosed?: number;
}

/** A placeholder, or `\{{`: the escape of a literal `{{` (as in Handlebars), e.g. in a replayed body. */
const PLACEHOLDER = /\\\{\{|\{\{([^{}]*)\}\}/g;

/** The escape of a literal `{{` in a template: `\{{` renders `{{`. */
export const LITERAL_BRACES = '\\{{';

/** Splits a string into literal text and `{{ ... }}` placeholders; an escaped `\{{` is literal `{{`. */
export function scanTemplate(text: string): ScannedTemplate {
  const parts: (string | TemplatePlaceholder)[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const offset = match.index;
    if (offset > last) parts.push(text.slice(last, offset));
    if (match[0] === LITERAL_BRACES) parts.push('{{');
    else parts.push({ raw: match[0], expression: (match[1] ?? '').trim(), offset });
    last = offset + match[0].length;
  }
  const rest = text.slice(last);
  const scanned: ScannedTemplate = { parts };
  // A `{{` that never closes is almost always a typo; rendering it verbatim would send junk to the server.
  const unclosed = rest.indexOf('{{');
  if (unclosed >= 0) scanned.unclosed = last + unclosed;
  if (rest !== '') parts.push(rest);
  return scanned;
}

/** How each root is written, for hints. */
const ROOT_USAGE = '{{run}}, {{users.KEY.FIELD}}, {{groups.KEY.FIELD}}, {{vars.NAME}} or {{env.NAME}}';

/** Parses the expression of a placeholder (`users.alice.userName`) into a reference. */
export function parseTemplateExpression(expression: string): TemplateReference | TemplateProblem {
  if (expression === '') return { problem: 'empty template {{}}', hint: `write ${ROOT_USAGE}` };
  const segments = expression.split('.').map((segment) => segment.trim());
  const [root, ...rest] = segments;
  switch (root) {
    case 'run':
      if (rest.length > 0)
        return {
          problem: `{{run}} has no fields, got {{${expression}}}`,
          hint: 'write {{run}}: the per-run unique token',
        };
      return { kind: 'run' };
    case 'users':
      return parseResourceReference('user', rest, USER_TEMPLATE_FIELDS, expression);
    case 'groups':
      return parseResourceReference('group', rest, GROUP_TEMPLATE_FIELDS, expression);
    case 'vars':
    case 'env': {
      const [name, ...extra] = rest;
      const usage =
        root === 'vars'
          ? '{{vars.NAME}}, where NAME is captured by an earlier request step'
          : '{{env.NAME}}, where NAME is listed under env:';
      if (name === undefined || name === '' || extra.length > 0)
        return {
          problem: `{{${expression}}} must name exactly one ${root === 'vars' ? 'variable' : 'environment variable'}`,
          hint: `write ${usage}`,
        };
      return root === 'vars' ? { kind: 'var', name } : { kind: 'env', name };
    }
    default:
      return {
        problem: `unknown template name "${root ?? ''}" in {{${expression}}}`,
        hint: didYouMean(root ?? '', ROOTS) ?? `templates can use ${ROOT_USAGE}`,
      };
  }
}

function parseResourceReference<F extends string>(
  kind: 'user' | 'group',
  rest: string[],
  fields: readonly F[],
  expression: string,
): TemplateReference | TemplateProblem {
  const [key, field, ...extra] = rest;
  const root = `${kind}s`;
  if (key === undefined || key === '' || field === undefined || field === '' || extra.length > 0) {
    return {
      problem: `{{${expression}}} must name a ${kind} and a field`,
      hint: `write {{${root}.KEY.FIELD}}; fields: ${fields.join(', ')}`,
    };
  }
  if (!(fields as readonly string[]).includes(field)) {
    return {
      problem: `unknown ${kind} field "${field}" in {{${expression}}}`,
      hint: didYouMean(field, fields) ?? `${kind} fields: ${fields.join(', ')}`,
    };
  }
  return kind === 'user'
    ? { kind, key, field: field as UserTemplateField }
    : { kind, key, field: field as GroupTemplateField };
}

/** True when a parse result is a problem rather than a reference. */
export function isTemplateProblem(parsed: TemplateReference | TemplateProblem): parsed is TemplateProblem {
  return 'problem' in parsed;
}
