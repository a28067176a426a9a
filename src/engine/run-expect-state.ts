import type { CheckResult, Finding } from '../checks/check-result.js';
import { scenarioCheck } from '../checks/scenario-expectation.js';
import {
  type ReadBack,
  type ResourceExpectation,
  readUserStatus,
  stateExpectationFindings,
} from '../checks/state-expectation.js';
import { bodyObject } from '../idp/request-helpers.js';
import { pathAsSent } from '../idp/user-mapping.js';
import { renderDeep } from '../scenario/index.js';
import type { StateExpectation } from '../scenario/model.js';
import { resourcePath } from '../scim/resource-path.js';
import { attributePaths } from './build-model.js';
import type { ModelUser } from './expected-model.js';
import { type ScenarioContext, type StepRecorder, serverTruthOf } from './run-context.js';
import { sendInStep } from './send-in-step.js';
import type { Divergence } from './server-truth.js';
import type { StepEnd } from './step-outcome.js';
import { templateContextOf } from './template-context.js';

type UserWant = NonNullable<StateExpectation['users']>[string];

/** Reads one resource back (when the run created it) and records the author's verdict on it. */
async function judge(
  readBack: Omit<ReadBack, 'status' | 'body'>,
  want: ResourceExpectation,
  title: string,
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<void> {
  let exchangeId: number | undefined;
  const seen: ReadBack = { ...readBack };
  if (readBack.id !== undefined) {
    const sent = await sendInStep(
      {
        purpose: 'readBack',
        method: 'GET',
        path: resourcePath(readBack.kind === 'user' ? 'User' : 'Group', readBack.id),
      },
      context,
      recorder,
    );
    const exchange = 'exchange' in sent ? sent.exchange : undefined;
    if (!exchange?.response) return; // runtime trouble: the step errors on the exchange's error
    exchangeId = exchange.id;
    seen.status = exchange.response.status;
    const body = bodyObject(exchange);
    if (body !== undefined) seen.body = body;
  }
  const findings = stateExpectationFindings(seen, want);
  const verdict = scenarioCheck(findings, title, exchangeId);
  const earlier =
    findings.length === 0 ? undefined : reportedEarlier(`${readBack.kind}:${readBack.key}`, findings, context);
  if (earlier !== undefined) {
    // The model follows the server: a divergence an action's read-back reported is not an error again.
    verdict.level = 'info';
    verdict.message = `still differs since step ${earlier.since} (reported there under ${earlier.checkId}): ${verdict.message ?? ''}`;
  }
  recorder.checks.push(verdict);
}

/** The first segment of an attribute path (`members`, `name`, `emails`, an extension URN's attribute). */
const headOf = (path: string): string => path.replace(/^\$\./, '').split(/[.[:]/)[0]!.toLowerCase();

/**
 * The divergence an earlier step already reported that explains every one of these findings (each
 * is about an attribute that diverged), or undefined: a finding about existence, or about an
 * attribute nobody reported, is the author's own and stays an error.
 */
function reportedEarlier(
  resource: string,
  findings: readonly Finding[],
  context: ScenarioContext,
): Divergence | undefined {
  const divergences = serverTruthOf(context).recorded(resource);
  if (divergences.length === 0) return undefined;
  const explains = (finding: Finding): Divergence | undefined =>
    finding.path === undefined
      ? undefined
      : divergences.find((divergence) => headOf(divergence.path) === headOf(finding.path!));
  const explained = findings.map(explains);
  return explained.every((divergence) => divergence !== undefined) ? explained[0] : undefined;
}

/** An expectation there is nothing to judge for under this IdP, with the reason. */
function skippedCheck(title: string, reason: string): CheckResult {
  return { ...scenarioCheck([], title), status: 'skipped', message: reason };
}

/**
 * The attributes an author expects, as this IdP puts them on the server: an email path retyped to
 * the IdP's email type; attributes the IdP never sends (Keycloak sends no `title`) or did not send
 * in an update are left out, and named, since the server cannot be expected to hold them.
 */
function attributesAsSent(
  want: UserWant,
  user: ModelUser,
  context: ScenarioContext,
): { attributes: Record<string, unknown>; unsent: string[] } {
  const attributes: Record<string, unknown> = {};
  const unsent: string[] = [];
  for (const [path, value] of Object.entries(attributePaths(want.attributes))) {
    const sentAs = pathAsSent(context.profile.userMapping, path);
    if (sentAs === undefined || user.unsent?.has(path)) unsent.push(path);
    else attributes[sentAs] = value;
  }
  return { attributes, unsent };
}

async function judgeUser(key: string, want: UserWant, context: ScenarioContext, recorder: StepRecorder): Promise<void> {
  const user = context.model.user(key);
  let title = `expectState: user ${key}`;
  const expectation: ResourceExpectation = {};
  let active = want.active;
  if (want.status !== undefined) {
    title += ` (${want.status})`;
    const reading = readUserStatus(key, want.status, {
      idp: context.profile.name,
      ...(user.removal ? { removal: user.removal } : {}),
      ...(user.notDone ? { notDone: user.notDone } : {}),
    });
    if ('skipped' in reading) {
      recorder.checks.push(skippedCheck(title, reading.skipped));
      return;
    }
    if ('finding' in reading) {
      recorder.checks.push(scenarioCheck([reading.finding], title));
      return;
    }
    // Raw `exists`/`active` next to a status still say what the server must hold.
    expectation.exists = want.exists ?? reading.exists;
    if (reading.because !== undefined && want.exists === undefined) expectation.because = reading.because;
    active ??= reading.exists ? reading.active : undefined;
  } else if (want.exists !== undefined) {
    expectation.exists = want.exists;
  }
  if (want.attributes !== undefined || active !== undefined) {
    const { attributes, unsent } = attributesAsSent(want, user, context);
    if (unsent.length > 0) title += `; not judged: ${unsent.join(', ')}, which ${context.profile.name} does not send`;
    if (active !== undefined) attributes.active = active;
    expectation.attributes = attributes;
  }
  if (user.view.id === undefined && user.notDone !== undefined) {
    recorder.checks.push(skippedCheck(title, `user ${key} was never put on the server: ${user.notDone.reason}`));
    return;
  }
  await judge({ kind: 'user', key, id: user.view.id }, expectation, title, context, recorder);
}

/**
 * The scenario author's own assertions about server state (`expectState:`): each named user or
 * group is read back and judged (src/checks/state-expectation.ts), by scenario key. A user's
 * `status:` is in the admin's terms and judged as the running profile carries it out, so a
 * scenario replayed under another IdP (`--idp`) still asks the right thing of the server.
 */
export async function runExpectState(
  state: StateExpectation,
  context: ScenarioContext,
  recorder: StepRecorder,
): Promise<StepEnd> {
  // `{{run}}` and captures in an expected value (a renamed group's displayName, an attribute) are
  // resolved as a request step's are; otherwise the template text itself is compared.
  state = renderDeep(state, templateContextOf(context));
  for (const [key, want] of Object.entries(state.users ?? {})) await judgeUser(key, want, context, recorder);
  for (const [key, want] of Object.entries(state.groups ?? {})) {
    const group = context.model.group(key);
    const title = `expectState: group ${key}`;
    if (group.view.id === undefined && group.notDone !== undefined) {
      // Google pushes no groups, JumpCloud no empty ones: nothing of the group to read.
      recorder.checks.push(skippedCheck(title, `group ${key} was never put on the server: ${group.notDone.reason}`));
      continue;
    }
    // What the IdP never sent of the admin's group changes cannot be expected of the server.
    const unsent = group.unsent ?? {};
    const notJudged = Object.entries({ members: want.members, displayName: want.displayName })
      .filter(([part, value]) => value !== undefined && unsent[part as keyof typeof unsent] !== undefined)
      .map(([part]) => `${part} (${unsent[part as keyof typeof unsent]})`);
    const judgedTitle =
      notJudged.length > 0
        ? `${title}; not judged: ${notJudged.join('; ')}, which ${context.profile.name} does not send`
        : title;
    const expectation: ResourceExpectation = {
      ...(want.exists !== undefined ? { exists: want.exists } : {}),
      ...(want.displayName !== undefined && unsent.displayName === undefined ? { displayName: want.displayName } : {}),
      ...(want.members !== undefined && unsent.members === undefined
        ? {
            memberIds: want.members.map((member) => context.model.user(member).view.id ?? `(${member} not created)`),
            memberKeys: want.members,
          }
        : {}),
    };
    await judge({ kind: 'group', key, id: group.view.id }, expectation, judgedTitle, context, recorder);
  }
  return { ok: true };
}
