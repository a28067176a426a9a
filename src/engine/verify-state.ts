import type { CheckResult, Finding } from '../checks/check-result.js';
import { metaTrackingFindings, observeMeta } from '../checks/exchange/meta-tracking.js';
import type { ResourceKind } from '../checks/request-purpose.js';
import { toCheckResult } from '../checks/run-exchange-checks.js';
import {
  diffGroup,
  diffUser,
  importFindings,
  type ReadBackExpectation,
  readBackFindings,
} from '../checks/state-diff.js';
import { type Exchange, isSuccess } from '../http/exchange.js';
import { bodyObject } from '../idp/request-helpers.js';
import { canonicalJson } from '../scim/canonical-json.js';
import { refusesContent } from '../scim/patch/quirks.js';
import { readPath } from '../scim/read-path.js';
import type { ScimResource } from '../scim/resource.js';
import { resourcePath } from '../scim/resource-path.js';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../scim/resource-type.js';
import { proveIgnoredHabit } from './isolate-refusal.js';
import { type ScenarioContext, type StepRecorder, serverTruthOf } from './run-context.js';
import { sendInStep } from './send-in-step.js';
import type { Divergence } from './server-truth.js';

/**
 * The step's last write: the IdP's own, never a re-send scim-check made to prove a cause. A
 * read-back verdict names it, so a failure shows what the IdP sent next to what came back.
 */
function causeOf(context: ScenarioContext, step: StepRecorder, before: number): Exchange | undefined {
  const { probes } = serverTruthOf(context);
  return step.exchanges
    .filter((exchange) => exchange.id < before && exchange.request.method !== 'GET' && !probes.has(exchange.id))
    .at(-1);
}

function verdictOf(
  context: ScenarioContext,
  checkId: string,
  findings: Finding[] | string,
  exchangeId: number,
  cause: Exchange | undefined,
): CheckResult {
  const verdict = toCheckResult(checkId, { idp: context.profile.name }, findings, exchangeId);
  if (cause !== undefined) verdict.causeExchangeId = cause.id;
  return verdict;
}

/** GETs a resource the run created; the exchange when it answered with something to judge. */
async function readBack(
  kind: ResourceKind,
  id: string,
  present: boolean,
  context: ScenarioContext,
  step: StepRecorder,
): Promise<Exchange | undefined> {
  const sent = await sendInStep(
    { purpose: 'readBack', method: 'GET', path: resourcePath(kind, id), ...(present ? { targetId: id } : {}) },
    context,
    step,
  );
  if (!('exchange' in sent)) return undefined; // a read is never refused
  const { exchange } = sent;
  // No answer, or one whose body could not be used (too large, too deep...): runtime trouble, the
  // step errors on the exchange's error; there is nothing to judge.
  if (!exchange.response || exchange.error !== undefined) return undefined;
  return exchange;
}

/**
 * A read-back the server answered with a 5xx says nothing about the state: ERR-NO-5XX, which
 * judges every exchange, reports the failure once, so the state row is skipped with the reason
 * rather than failed as "should be gone (404)" for the same 500.
 */
function serverFailed(exchange: Exchange): string | undefined {
  const status = exchange.response?.status ?? 0;
  return status >= 500
    ? `the server failed the read-back with ${status}, so the state is unknown; reported under ERR-NO-5XX`
    : undefined;
}

/**
 * A resource as the state judge sees it: what the IdP means, path by path (a user's attribute
 * paths; a group's displayName and one `members[value eq "id"]` path per member), and the
 * expectation built from such a map, so the same code follows the server for both kinds.
 */
interface Subject {
  resource: string;
  kind: ResourceKind;
  id: string;
  intended: Record<string, unknown>;
  /** What the server holds at a path. */
  heldAt(body: ScimResource, path: string): unknown;
  /** Whether the server's value at a path is not the wanted one (the state diff's own comparison). */
  differs(body: ScimResource, path: string, want: unknown): boolean;
  expectation(wanted: Record<string, unknown>): ReadBackExpectation;
}

const MEMBER_PATH = /^members\[value eq "(.*)"\]$/;
const memberPath = (id: string): string => `members[value eq ${JSON.stringify(id)}]`;
const memberIdsOf = (body: ScimResource): string[] => readPath(body, 'members.value', GROUP_RESOURCE_TYPE).map(String);

function userSubject(key: string, context: ScenarioContext): Subject {
  const { view } = context.model.user(key);
  const expected = context.model.expectedUser(key);
  const heldAt = (body: ScimResource, path: string): unknown => {
    const values = readPath(body, path, USER_RESOURCE_TYPE);
    return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  };
  return {
    resource: `user:${key}`,
    kind: 'User',
    id: expected.id,
    intended: expected.attributes,
    heldAt,
    differs: (body, path, want) => diffUser(body, { id: body.id as string, attributes: { [path]: want } }).length > 0,
    expectation: (wanted) => ({
      kind: 'user',
      name: view.userName,
      present: true,
      expected: { id: expected.id, attributes: wanted },
    }),
  };
}

function groupSubject(key: string, context: ScenarioContext): Subject {
  const { view } = context.model.group(key);
  const expected = context.model.expectedGroup(key);
  const intended: Record<string, unknown> = { displayName: expected.displayName };
  for (const id of expected.memberIds) intended[memberPath(id)] = true;
  const heldAt = (body: ScimResource, path: string): unknown => {
    const member = MEMBER_PATH.exec(path);
    if (member) return memberIdsOf(body).includes(JSON.parse(`"${member[1]!}"`) as string) ? true : undefined;
    return readPath(body, path, GROUP_RESOURCE_TYPE)[0];
  };
  return {
    resource: `group:${key}`,
    kind: 'Group',
    id: expected.id,
    intended,
    heldAt,
    differs: (body, path, want) => {
      if (MEMBER_PATH.test(path)) return heldAt(body, path) !== want;
      return (
        diffGroup(body, { id: body.id as string, displayName: want as string, memberIds: memberIdsOf(body) }).length > 0
      );
    },
    expectation: (wanted) => ({
      kind: 'group',
      name: view.displayName,
      present: true,
      expected: {
        id: expected.id,
        displayName: wanted.displayName as string,
        memberIds: Object.keys(wanted).flatMap((path) =>
          wanted[path] === true && MEMBER_PATH.test(path)
            ? [JSON.parse(`"${MEMBER_PATH.exec(path)![1]!}"`) as string]
            : [],
        ),
      },
    }),
  };
}

/** Paths where the server holds something other than what the IdP means, with what it holds. */
function divergencesOf(
  subject: Subject,
  body: ScimResource,
  paths: readonly string[],
  since: number,
  checkId: string,
): Divergence[] {
  const all = new Set(paths);
  // Members the server holds that the IdP never pushed diverge too.
  if (subject.kind === 'Group') for (const id of memberIdsOf(body)) all.add(memberPath(id));
  return [...all].flatMap((path) =>
    subject.differs(body, path, subject.intended[path])
      ? [{ path, intended: subject.intended[path], held: subject.heldAt(body, path), since, checkId }]
      : [],
  );
}

/**
 * Reads a present resource back and judges it against the IdP's intent, following the server
 * where an earlier step already found it holds something else (issue 12, "the expected model
 * follows the server"): a divergence is reported once, at the step whose write caused it, and
 * later read-backs get at most an info note "still differs since step N". A refused write is
 * reported by its own verdict (the isolation's INTEROP row, or the PATCH/PUT rule), so its
 * read-back does not fail for it a second time.
 */
async function judgePresent(
  subject: Subject,
  checkId: string,
  context: ScenarioContext,
  step: StepRecorder,
): Promise<void> {
  const truth = serverTruthOf(context);
  const exchange = await readBack(subject.kind, subject.id, true, context, step);
  if (exchange === undefined) return;
  const cause = causeOf(context, step, exchange.id);
  const body = bodyObject(exchange);
  if (exchange.response!.status !== 200 || body === undefined) {
    step.checks.push(
      verdictOf(
        context,
        checkId,
        serverFailed(exchange) ??
          readBackFindings(subject.expectation(subject.intended), exchange.response!.status, body),
        exchange.id,
        cause,
      ),
    );
    return;
  }
  step.checks.push(...metaVerdicts(subject.id, body, exchange, cause, context));
  const stepNumber = truth.stepNumber(step) ?? 0;
  // Divergences found earlier and still meant the same way: judged against what the server holds,
  // unless it now holds what the IdP meant after all.
  const carried = truth.carried(subject.resource, subject.intended).filter((divergence) => {
    if (!subject.differs(body, divergence.path, divergence.intended)) {
      truth.resolve(subject.resource, divergence.path);
      return false;
    }
    return true;
  });
  const wanted = { ...subject.intended };
  for (const divergence of carried) {
    if (divergence.held === undefined) delete wanted[divergence.path];
    else wanted[divergence.path] = subject.heldAt(body, divergence.path);
  }
  const findings = readBackFindings(subject.expectation(wanted), 200, body);
  const carriedPaths = new Set(carried.map((divergence) => divergence.path));
  const fresh = (at: ScimResource): Divergence[] =>
    divergencesOf(subject, at, Object.keys(subject.intended), stepNumber, checkId).filter(
      (divergence) => !carriedPaths.has(divergence.path),
    );

  if (cause !== undefined && refusesContent(cause.response?.status)) {
    // The IdP's write was refused: the refusal's own verdict reports it (the isolation's INTEROP
    // row, or the PATCH/PUT rule). Whatever the server holds now (scim-check's RFC-form re-send
    // may have applied it), the IdP's write did not: the read-back neither fails nor passes it.
    const settled = truth.settled.get(cause.id);
    const by = settled?.checkId ?? "the write's own rule";
    const holds =
      findings.length === 0
        ? "holds the intended state only through scim-check's RFC-form re-send"
        : 'does not hold what the IdP sent';
    step.checks.push(
      verdictOf(
        context,
        checkId,
        `the server refused the IdP's request (exchange #${cause.id}) and ${holds}; reported once, under ${by}`,
        exchange.id,
        cause,
      ),
    );
    truth.record(
      subject.resource,
      fresh(body).map((divergence) => ({ ...divergence, checkId: settled?.checkId ?? checkId })),
    );
  } else if (findings.length === 0) {
    step.checks.push(verdictOf(context, checkId, findings, exchange.id, cause));
  } else {
    // Accepted but not (fully) applied: when the request carried IdP habits, the RFC form of one may apply it.
    let latest = body;
    const proven =
      cause === undefined || !isSuccess(cause)
        ? []
        : await proveIgnoredHabit(cause, context, step, async () => {
            const again = await readBack(subject.kind, subject.id, true, context, step);
            const againBody = again === undefined ? undefined : bodyObject(again);
            if (againBody !== undefined) latest = againBody;
            return againBody === undefined || fresh(againBody).length > 0;
          });
    if (proven.length > 0) {
      step.checks.push(...proven);
      step.checks.push(
        verdictOf(
          context,
          checkId,
          `the server ignored the IdP's request as sent and applied it in RFC form; reported once, under ${proven[0]!.id}`,
          exchange.id,
          cause,
        ),
      );
    } else {
      step.checks.push(verdictOf(context, checkId, findings, exchange.id, cause));
      truth.record(subject.resource, fresh(latest));
    }
  }
  if (carried.length > 0) step.checks.push(stillDiffers(context, subject, carried, body, exchange.id));
}

/**
 * What a change of the resource itself changes: its data less `meta` and the read-only values a
 * server derives from other resources. A member's `display` follows the user's name (RFC 7643
 * §4.2), and a user's `groups` follows the groups' members (§4.1.2): when another resource
 * changes them, this one was not modified, so its meta need not move.
 */
function ownData(body: ScimResource): Record<string, unknown> {
  const { meta: _meta, groups: _groups, ...data } = body;
  if (!Array.isArray(data.members)) return data;
  return {
    ...data,
    members: data.members.map((member: unknown) => {
      if (member === null || typeof member !== 'object') return member;
      const { display: _display, $ref: _ref, ...reference } = member as Record<string, unknown>;
      return reference;
    }),
  };
}

/**
 * CHAR-LASTMODIFIED and VER-CHANGES on IdP flows: when a read-back shows data that differ from the
 * previous read-back of the same resource, and the step's write was accepted, the meta must show
 * the change (src/checks/exchange/meta-tracking.ts has the rule and its clock-step reasoning).
 */
function metaVerdicts(
  id: string,
  body: ScimResource,
  exchange: Exchange,
  cause: Exchange | undefined,
  context: ScenarioContext,
): CheckResult[] {
  const { lastSeen } = serverTruthOf(context);
  const now = {
    meta: observeMeta(body, Date.parse(exchange.startedAt) + exchange.durationMs),
    content: canonicalJson(ownData(body), { unorderedArrays: true }),
  };
  const previous = lastSeen.get(id);
  lastSeen.set(id, now);
  if (previous === undefined || previous.content === now.content || cause === undefined || !isSuccess(cause)) return [];
  const findings = metaTrackingFindings(previous.meta, now.meta, Date.parse(cause.startedAt));
  const verdicts = [
    verdictOf(
      context,
      'CHAR-LASTMODIFIED',
      findings.filter((finding) => finding.path !== '$.meta.version'),
      exchange.id,
      cause,
    ),
  ];
  if (previous.meta.version !== undefined && now.meta.version !== undefined)
    verdicts.push(
      verdictOf(
        context,
        'VER-CHANGES',
        findings.filter((finding) => finding.path === '$.meta.version'),
        exchange.id,
        cause,
      ),
    );
  return verdicts;
}

/** The info note on a divergence reported at an earlier step: never a second error. */
function stillDiffers(
  context: ScenarioContext,
  subject: Subject,
  carried: readonly Divergence[],
  body: ScimResource,
  exchangeId: number,
): CheckResult {
  const first = carried[0]!;
  const findings: Finding[] = carried.map((divergence) => ({
    message: `still differs since step ${divergence.since}: ${divergence.path} holds what the server kept, not what the IdP sent`,
    path: divergence.path,
    expected: divergence.intended ?? '(absent)',
    actual: subject.heldAt(body, divergence.path) ?? '(absent)',
  }));
  const note = toCheckResult(first.checkId, { idp: context.profile.name }, findings, exchangeId);
  note.level = 'info';
  note.message = `still differs since step ${first.since} (reported there): ${carried.map((divergence) => divergence.path).join(', ')}`;
  return note;
}

/** Reads a user back and judges it against the model (present) or expects it gone (deleted). */
export async function verifyUser(
  key: string,
  checkId: string,
  context: ScenarioContext,
  step: StepRecorder,
): Promise<void> {
  const { view, state } = context.model.user(key);
  if (!view.id) return;
  if (state === 'present') return judgePresent(userSubject(key, context), checkId, context, step);
  const exchange = await readBack('User', view.id, false, context, step);
  if (exchange === undefined) return;
  const expectation: ReadBackExpectation = { kind: 'user', name: view.userName, present: false };
  step.checks.push(
    verdictOf(
      context,
      checkId,
      serverFailed(exchange) ?? readBackFindings(expectation, exchange.response!.status, bodyObject(exchange)),
      exchange.id,
      causeOf(context, step, exchange.id),
    ),
  );
}

/** Reads a group back and judges name and exact membership, or expects it gone. */
export async function verifyGroup(
  key: string,
  checkId: string,
  context: ScenarioContext,
  step: StepRecorder,
): Promise<void> {
  const { view, state } = context.model.group(key);
  if (!view.id) return;
  // An unlinked group stays in the target app as the IdP left it.
  if (state === 'present' || state === 'unlinked')
    return judgePresent(groupSubject(key, context), checkId, context, step);
  const exchange = await readBack('Group', view.id, false, context, step);
  if (exchange === undefined) return;
  const expectation: ReadBackExpectation = { kind: 'group', name: view.displayName, present: false };
  step.checks.push(
    verdictOf(
      context,
      checkId,
      serverFailed(exchange) ?? readBackFindings(expectation, exchange.response!.status, bodyObject(exchange)),
      exchange.id,
      causeOf(context, step, exchange.id),
    ),
  );
}

/** An import must list every resource the IdP manages exactly once (PAGE-WALK). */
export function verifyImport(
  kind: 'User' | 'Group',
  imported: ScimResource[],
  context: ScenarioContext,
  step: StepRecorder,
  checkId: string,
): void {
  const entries =
    kind === 'User'
      ? [...context.model.users.values()].map(({ view, state }) => ({ id: view.id, name: view.userName, state }))
      : [...context.model.groups.values()].map(({ view, state }) => ({ id: view.id, name: view.displayName, state }));
  const managed = entries.flatMap((entry) =>
    entry.id && (entry.state === 'present' || entry.state === 'unlinked') ? [{ id: entry.id, name: entry.name }] : [],
  );
  step.checks.push(
    toCheckResult(
      checkId,
      { idp: context.profile.name },
      importFindings(kind, managed, imported),
      step.exchanges.at(-1)?.id,
    ),
  );
}
