import type { SourceSpan } from '../errors.js';
import { type Diagnostic, errorAt } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { DataPath, SourceMap } from './source-map.js';
import type { NormalizedStep } from './step-shape.js';

type Kind = 'user' | 'group';

/** The scenario's declared keys, by kind. */
export interface DeclaredKeys {
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/**
 * Checks that every user and group key a step names is declared under `users:` / `groups:`,
 * pointing at the reference itself (not the step) so a typo is found at a glance.
 */
export function checkReferences(step: NormalizedStep, declared: DeclaredKeys, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const label = `step ${step.index + 1} (${step.action})`;
  const check = (kind: Kind, key: unknown, span: () => SourceSpan): void => {
    if (typeof key !== 'string') return;
    const keys = kind === 'user' ? declared.users : declared.groups;
    if (keys.has(key)) return;
    const code = kind === 'user' ? 'unknown-user' : 'unknown-group';
    diagnostics.push(errorAt(code, `unknown ${kind} "${key}" in ${label}`, span(), undeclaredHint(kind, key, keys)));
  };
  const pathOf = (argument: string): DataPath | undefined => step.origins.get(argument);
  const valueAt =
    (argument: string, ...rest: (string | number)[]) =>
    () =>
      sourceMap.spanAt([...(pathOf(argument) ?? []), ...rest]);
  const keyAt =
    (argument: string, ...rest: (string | number)[]) =>
    () =>
      sourceMap.keySpanAt([...(pathOf(argument) ?? []), ...rest]);
  const { args } = step;

  check('user', args.user, valueAt('user'));
  check('group', args.group, valueAt('group'));
  for (const argument of ['members', 'users']) {
    const list = args[argument];
    if (Array.isArray(list)) for (const [index, key] of list.entries()) check('user', key, valueAt(argument, index));
  }
  if (step.action === 'expectState') {
    const users = (args.users ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(users)) check('user', key, keyAt('users', key));
    const groups = (args.groups ?? {}) as Record<string, { members?: unknown }>;
    for (const [key, expected] of Object.entries(groups)) {
      check('group', key, keyAt('groups', key));
      const members = expected.members;
      if (Array.isArray(members))
        for (const [index, member] of members.entries())
          check('user', member, valueAt('groups', key, 'members', index));
    }
  }
  return diagnostics;
}

function undeclaredHint(kind: Kind, key: string, keys: ReadonlySet<string>): string {
  const section = `${kind}s`;
  const suggestion = didYouMean(key, keys);
  if (suggestion !== undefined) return suggestion;
  if (keys.size === 0) return `declare it under \`${section}:\` at the top of the file`;
  return `declared ${section}: ${[...keys].join(', ')}; declare "${key}" under \`${section}:\` to use it`;
}
