import { SCENARIO_EXPECT_ID } from '../checks/scenario-expectation.js';
import type { Step } from '../scenario/model.js';
import { isTemplateProblem, parseTemplateExpression, scanTemplate } from '../scenario/template-syntax.js';
import type { ExpectedModel } from './expected-model.js';
import type { StepResult } from './results.js';
import { wasDroppedByIdp } from './step-outcome.js';

/** A step that already ran (or was skipped), as later steps see it. */
export interface FinishedStep {
  step: Step;
  result: StepResult;
}

/** The row a step proves: its `check:`, or the scenario's own `expect:` pseudo-row. */
export function ownRow(step: Step): string {
  return step.action === 'request' && step.check !== undefined ? step.check : SCENARIO_EXPECT_ID;
}

/** `step 12 "or needs either side" (FILTER-LOGICAL)`: how reasons name a step. */
export function describeStep(step: Step): string {
  const label =
    step.name !== undefined ? `step ${step.index + 1} "${step.name}"` : `step ${step.index + 1} (${step.action})`;
  return step.action === 'request' && step.check !== undefined ? `${label} (${step.check})` : label;
}

/**
 * Why a finished step did not prove its point, or undefined when it did. A request step proves its
 * point when its own row passed, even if a generic check failed on the same answer (that failure
 * is reported there, and is no reason to hide the steps that build on it); any other step when it passed.
 */
export function notProved({ step, result }: FinishedStep): string | undefined {
  if (result.status === 'skipped') return `was skipped (${result.skipReason ?? 'no reason given'})`;
  if (result.status === 'errored') return `errored (${result.error?.message ?? 'no answer'})`;
  if (step.action !== 'request')
    return result.status === 'failed' ? `failed${result.error ? ` (${result.error.message})` : ''}` : undefined;
  const own = result.checks.filter((check) => check.id === ownRow(step));
  const failed = own.find((check) => check.status === 'failed' && check.level !== 'info');
  if (failed) return `failed (${failed.message ?? 'its expectation did not hold'})`;
  const unsupported = own.find((check) => check.status === 'skipped');
  if (unsupported) return `found the feature unsupported (${unsupported.message ?? 'skipped'})`;
  return undefined;
}

/** Every string inside a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** What a step's templates read: captured variables and the ids of scenario users and groups. */
function templateNeeds(step: Step): { vars: Set<string>; users: Set<string>; groups: Set<string> } {
  const needs = { vars: new Set<string>(), users: new Set<string>(), groups: new Set<string>() };
  const sources =
    step.action === 'request'
      ? [step.request, step.expect]
      : step.action === 'updateUser'
        ? [step.set]
        : step.action === 'renameGroup'
          ? [step.to]
          : [];
  for (const text of strings(sources)) {
    for (const part of scanTemplate(text).parts) {
      if (typeof part === 'string') continue;
      const reference = parseTemplateExpression(part.expression);
      if (isTemplateProblem(reference)) continue;
      if (reference.kind === 'var') needs.vars.add(reference.name);
      if (reference.kind === 'user' && reference.field === 'id') needs.users.add(reference.key);
      if (reference.kind === 'group' && reference.field === 'id') needs.groups.add(reference.key);
    }
  }
  return needs;
}

/** The users and groups an IdP action or a state check acts on, which must be on the server already. */
function subjects(step: Step): { users: string[]; groups: string[] } {
  switch (step.action) {
    case 'updateUser':
    case 'deactivateUser':
    case 'reactivateUser':
    case 'unassignUser':
    case 'deleteUser':
      return { users: [step.user], groups: [] };
    case 'pushGroup':
      return { users: step.members, groups: [] };
    case 'addMembers':
    case 'removeMembers':
      return { users: step.users, groups: [step.group] };
    case 'renameGroup':
    case 'unlinkGroup':
    case 'deleteGroup':
      return { users: [], groups: [step.group] };
    case 'expectState': {
      // `exists: false` is a legitimate thing to check after a create that failed.
      const expected = (entries: Record<string, { exists?: boolean }> | undefined) =>
        Object.entries(entries ?? {})
          .filter(([, state]) => state.exists !== false)
          .map(([key]) => key);
      return { users: expected(step.state.users), groups: expected(step.state.groups) };
    }
    default:
      return { users: [], groups: [] };
  }
}

/** The users and groups a step creates or changes. */
function touched(step: Step): { users: string[]; groups: string[] } {
  if (step.action === 'assignUser') return { users: [step.user], groups: [] };
  if (step.action === 'pushGroup') return { users: [], groups: [step.group] };
  return step.action === 'expectState' ? { users: [], groups: [] } : subjects(step);
}

/**
 * The latest earlier step on one of an `expectState`'s users or groups that the IdP dropped (a
 * 429 it never retries, step-outcome.ts droppedByIdp), directly or because it needed such a step:
 * the state the author expects was never asked of the server, so judging it would blame the server.
 */
function droppedChange(
  step: Extract<Step, { action: 'expectState' }>,
  finished: readonly FinishedStep[],
): FinishedStep | undefined {
  const users = new Set(Object.keys(step.state.users ?? {}));
  const groups = new Set(Object.keys(step.state.groups ?? {}));
  for (let index = finished.length - 1; index >= 0; index--) {
    const candidate = finished[index]!;
    if (!wasDroppedByIdp(candidate.result)) continue;
    const changed = touched(candidate.step);
    if (changed.users.some((key) => users.has(key)) || changed.groups.some((key) => groups.has(key))) return candidate;
  }
  return undefined;
}

function latest(finished: readonly FinishedStep[], matches: (step: Step) => boolean): FinishedStep | undefined {
  for (let index = finished.length - 1; index >= 0; index--) if (matches(finished[index]!.step)) return finished[index];
  return undefined;
}

/**
 * Why `step` cannot run meaningfully, because something it builds on did not happen: a step it
 * `needs:` that did not prove its point, a `{{vars.x}}` its capturing step did not capture, a user
 * or group its creating step did not create. Undefined when nothing is missing; a step that does
 * not depend on a failed one always runs (a failed step does not end the scenario).
 */
export function unmetDependency(
  step: Step,
  finished: readonly FinishedStep[],
  vars: Readonly<Record<string, string>>,
  model: ExpectedModel,
): string | undefined {
  if (step.action === 'expectState') {
    const dropped = droppedChange(step, finished);
    if (dropped !== undefined)
      return `expects the outcome of ${describeStep(dropped.step)}, which the IdP dropped: it ${notProved(dropped) ?? 'was skipped'}`;
  }
  if (step.action === 'request') {
    for (const name of step.needs ?? []) {
      const needed = latest(finished, (candidate) => candidate.name === name);
      const why = needed === undefined ? 'did not run' : notProved(needed);
      if (why !== undefined)
        return `needs ${needed === undefined ? `"${name}"` : describeStep(needed.step)}, which ${why}`;
    }
  }
  const templates = templateNeeds(step);
  for (const name of templates.vars) {
    if (vars[name] !== undefined) continue;
    const capturing = latest(
      finished,
      (candidate) => candidate.action === 'request' && candidate.capture?.[name] !== undefined,
    );
    if (capturing === undefined) continue;
    const why = notProved(capturing) ?? 'found nothing at its JSON path';
    return `needs {{vars.${name}}}, which ${describeStep(capturing.step)} did not capture: it ${why}`;
  }
  const { users, groups } = subjects(step);
  const missing = (kind: 'user' | 'group', key: string): string | undefined => {
    const entry = kind === 'user' ? model.users.get(key) : model.groups.get(key);
    if (entry === undefined || (entry.state === 'present' && entry.view.id !== undefined)) return undefined;
    const creating = latest(finished, (candidate) =>
      kind === 'user'
        ? candidate.action === 'assignUser' && candidate.user === key
        : candidate.action === 'pushGroup' && candidate.group === key,
    );
    // Deleted or unassigned on purpose, or never created: the step's own verdict says so.
    if (
      creating === undefined ||
      creating.result.status === 'passed' ||
      entry.state === 'deleted' ||
      entry.state === 'unlinked'
    )
      return undefined;
    return `needs ${kind} "${key}", which ${describeStep(creating.step)} did not create: it ${notProved(creating) ?? 'failed'}`;
  };
  for (const key of [...users, ...templates.users]) {
    const reason = missing('user', key);
    if (reason !== undefined) return reason;
  }
  for (const key of [...groups, ...templates.groups]) {
    const reason = missing('group', key);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
