import type { Feature, PollSpec, RawRequest, ResponseExpectation, StateExpectation, Step } from './model.js';
import type { NormalizedStep } from './step-shape.js';

/**
 * Turns a normalized step, whose arguments already passed `<action>Arguments` of the schema,
 * into the typed {@link Step}, filling in the documented defaults.
 */
export function buildStep(normalized: NormalizedStep): Step {
  const { index, span, args } = normalized;
  const base = normalized.name === undefined ? { index, span } : { index, name: normalized.name, span };
  const user = args.user as string;
  const group = args.group as string;
  switch (normalized.action) {
    case 'testConnection':
      return { ...base, action: 'testConnection' };
    case 'assignUser':
    case 'deactivateUser':
    case 'reactivateUser':
    case 'unassignUser':
    case 'deleteUser':
      return { ...base, action: normalized.action, user };
    case 'updateUser':
      return { ...base, action: 'updateUser', user, set: args.set as Record<string, unknown> };
    case 'pushGroup':
      // Okta pushes a group before (or without) linking members; no members is a valid push.
      return { ...base, action: 'pushGroup', group, members: (args.members as string[] | undefined) ?? [] };
    case 'addMembers':
    case 'removeMembers':
      return { ...base, action: normalized.action, group, users: args.users as string[] };
    case 'renameGroup':
      return { ...base, action: 'renameGroup', group, to: args.to as string };
    case 'unlinkGroup':
      // IdPs default to leaving the group in the target app when it stops being pushed.
      return {
        ...base,
        action: 'unlinkGroup',
        group,
        deleteInTarget: (args.deleteInTarget as boolean | undefined) ?? false,
      };
    case 'deleteGroup':
      return { ...base, action: 'deleteGroup', group };
    case 'importUsers':
    case 'importGroups': {
      const pageSize = args.pageSize as number | undefined;
      return pageSize === undefined
        ? { ...base, action: normalized.action }
        : { ...base, action: normalized.action, pageSize };
    }
    case 'request':
      return buildRequestStep(base, args);
    case 'expectState':
      return { ...base, action: 'expectState', state: pick(args, ['users', 'groups']) as StateExpectation };
  }
}

function buildRequestStep(base: Pick<Step, 'index' | 'span' | 'name'>, args: Record<string, unknown>): Step {
  const request: RawRequest = {
    // The schema accepts any case, as HTTP tools do; the wire and the reports use upper case.
    method: (args.method as string).toUpperCase(),
    path: args.path as string,
  };
  const query = args.query as Record<string, string | number> | undefined;
  if (query !== undefined)
    request.query = Object.fromEntries(Object.entries(query).map(([name, value]) => [name, String(value)]));
  if (args.headers !== undefined) request.headers = args.headers as Record<string, string>;
  if (args.body !== undefined) request.body = args.body;
  if (args.anonymous === true) request.anonymous = true;
  const step: Extract<Step, { action: 'request' }> = { ...base, action: 'request', request };
  if (args.expect !== undefined) step.expect = args.expect as ResponseExpectation;
  if (args.capture !== undefined) step.capture = args.capture as Record<string, string>;
  if (args.check !== undefined) step.check = args.check as string;
  const when = args.when as { feature?: Feature; supported?: boolean; schema?: string; attribute?: string } | undefined;
  // A gate without `supported` means "the feature is advertised as supported".
  if (when !== undefined) {
    step.when = { supported: when.supported ?? true };
    if (when.feature !== undefined) step.when.feature = when.feature;
    if (when.schema !== undefined) step.when.schema = when.schema;
    if (when.attribute !== undefined) step.when.attribute = when.attribute;
  }
  // `needs: a step name` is the one-element list.
  const needs = args.needs as string | string[] | undefined;
  if (needs !== undefined) step.needs = ([] as string[]).concat(needs);
  if (args.poll !== undefined) step.poll = args.poll as PollSpec;
  if (args.forEachEndpoint !== undefined) step.forEachEndpoint = args.forEachEndpoint as string;
  return step;
}

/** The listed keys of `source` that are present. */
function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
