import type { ActionName } from './model.js';

/** How a step's arguments are written in YAML, per action (mirrors the JSON Schema definitions). */
export interface ActionSpec {
  /** Argument that may be written as the action's scalar value (`- assignUser: alice`). */
  primary?: 'user' | 'group';
  /** True when the action's value must be a mapping of arguments (`request`, `expectState`). */
  valueIsMapping?: boolean;
  /** Every argument name, in the order they are documented. */
  arguments: readonly string[];
  /** One-line example shown in hints (flow style, so it fits on the hint line). */
  usage: string;
}

/** The step grammar of every action; the JSON Schema's `<action>Arguments` definitions hold the types. */
export const ACTION_SPECS: Readonly<Record<ActionName, ActionSpec>> = {
  testConnection: { arguments: [], usage: '- testConnection' },
  assignUser: { primary: 'user', arguments: ['user'], usage: '- assignUser: alice' },
  updateUser: {
    primary: 'user',
    arguments: ['user', 'set'],
    usage: '- updateUser: { user: alice, set: { familyName: Smith } }',
  },
  deactivateUser: { primary: 'user', arguments: ['user'], usage: '- deactivateUser: alice' },
  reactivateUser: { primary: 'user', arguments: ['user'], usage: '- reactivateUser: alice' },
  unassignUser: { primary: 'user', arguments: ['user'], usage: '- unassignUser: alice' },
  deleteUser: { primary: 'user', arguments: ['user'], usage: '- deleteUser: alice' },
  pushGroup: {
    primary: 'group',
    arguments: ['group', 'members'],
    usage: '- pushGroup: { group: eng, members: [alice, bob] }',
  },
  addMembers: {
    primary: 'group',
    arguments: ['group', 'users'],
    usage: '- addMembers: { group: eng, users: [carol] }',
  },
  removeMembers: {
    primary: 'group',
    arguments: ['group', 'users'],
    usage: '- removeMembers: { group: eng, users: [bob] }',
  },
  renameGroup: {
    primary: 'group',
    arguments: ['group', 'to'],
    usage: '- renameGroup: { group: eng, to: "Platform {{run}}" }',
  },
  unlinkGroup: {
    primary: 'group',
    arguments: ['group', 'deleteInTarget'],
    usage: '- unlinkGroup: { group: eng, deleteInTarget: true }',
  },
  deleteGroup: { primary: 'group', arguments: ['group'], usage: '- deleteGroup: eng' },
  importUsers: { arguments: ['pageSize'], usage: '- importUsers: { pageSize: 100 }' },
  importGroups: { arguments: ['pageSize'], usage: '- importGroups: { pageSize: 100 }' },
  request: {
    valueIsMapping: true,
    arguments: [
      'method',
      'path',
      'query',
      'headers',
      'body',
      'anonymous',
      'expect',
      'capture',
      'check',
      'when',
      'needs',
      'poll',
      'forEachEndpoint',
    ],
    usage: '- request: { method: GET, path: /Users, expect: { status: 200 } }',
  },
  expectState: {
    valueIsMapping: true,
    arguments: ['users', 'groups'],
    usage: '- expectState: { users: { alice: { active: true } } }',
  },
};

/** Every argument name of any action, to tell a misplaced argument from a misspelt action. */
export const ALL_ARGUMENT_NAMES: ReadonlySet<string> = new Set(
  Object.values(ACTION_SPECS).flatMap((spec) => spec.arguments),
);

/** `write it as …` hint for an action. */
export function usageHint(action: ActionName): string {
  return `write it as \`${ACTION_SPECS[action].usage}\``;
}
