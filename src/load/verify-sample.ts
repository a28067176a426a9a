import type { Finding } from '../checks/check-result.js';
import { type ReadBackExpectation, readBackFindings } from '../checks/state-diff.js';
import { ExpectedModel } from '../engine/expected-model.js';
import { bodyObject } from '../http/exchange.js';
import { readPath } from '../scim/read-path.js';
import type { ScimResource } from '../scim/resource.js';
import type { ResourceKind } from '../scim/resource-path.js';
import { resourcePath } from '../scim/resource-path.js';
import { USER_RESOURCE_TYPE } from '../scim/resource-type.js';
import { type LoadContext, runPhase } from './load-context.js';
import type { LoadPhaseResult, SampleResult } from './load-result.js';

const MAX_EXAMPLES = 10;

/** Every `stride`-th index below `count`, as a sample of about `fraction` (at least one when count > 0). */
function sampleStride(fraction: number): number {
  return fraction <= 0 ? Infinity : Math.max(1, Math.round(1 / fraction));
}

/** What the profile sent to create each sampled user, by directory index. */
export interface SampledCreates {
  sent(index: number): ScimResource | undefined;
  /** Stops watching (after the users phase). */
  stop(): void;
}

/**
 * Keeps the create body the profile sent for each user the sample will read back: an executor
 * subscriber, so nothing sits in the send path, and only the sampled bodies are kept. The
 * read-back then judges only what the IdP really sent: authentik, for one, types its emails
 * "other", which the IdP's model (a work email) would otherwise blame on the server.
 */
export function watchSampledCreates(context: LoadContext): SampledCreates {
  const stride = sampleStride(context.plan.sampleFraction);
  const byName = new Map<string, number>();
  for (let index = 0; stride !== Infinity && index < context.directory.userCount; index += stride)
    byName.set(context.directory.user(index).userName, index);
  const bodies = new Map<number, ScimResource>();
  const stop = context.executor.subscribe(({ planned }) => {
    if (planned.purpose !== 'createUser' || byName.size === 0) return;
    const body = planned.body as ScimResource | undefined;
    const index = typeof body?.userName === 'string' ? byName.get(body.userName) : undefined;
    if (index !== undefined) bodies.set(index, body!);
  });
  return { sent: (index) => bodies.get(index), stop };
}

/** Attribute paths of the model that a create body does not carry: the IdP never sent them. */
function unsentPaths(attributes: Record<string, unknown>, sent: ScimResource): string[] {
  return Object.keys(attributes).filter((path) => readPath(sent, path, USER_RESOURCE_TYPE).length === 0);
}

function describe(finding: Finding): string {
  const detail =
    'expected' in finding || 'actual' in finding
      ? ` (expected ${JSON.stringify(finding.expected)}, got ${JSON.stringify(finding.actual)})`
      : '';
  return `${finding.message}${detail}`;
}

/**
 * Correctness sampling: reads back a fraction of the users and groups the sync created, right
 * after it, and judges them with `run`'s read-back rule (src/checks/state-diff.ts
 * `readBackFindings`) against what `run`'s expected model (src/engine/expected-model.ts) says
 * the IdP sent: users' names, email, active and the rest of what the profile sent in the create
 * (watchSampledCreates); groups' displayName and exact member set. Speed means nothing if the
 * data is wrong.
 */
export async function verifySample(
  context: LoadContext,
  creates: SampledCreates,
): Promise<{ phase: LoadPhaseResult; sampling: SampleResult }> {
  const { directory, plan } = context;
  const stride = sampleStride(plan.sampleFraction);
  const sampling: SampleResult = { users: 0, groups: 0, mismatches: 0, examples: [] };
  const userSample = stride === Infinity ? 0 : Math.ceil(directory.userCount / stride);
  const groupSample = stride === Infinity ? 0 : Math.ceil(directory.groupCount / stride);
  // The IdP's view of the sampled resources, as a scenario run would hold it.
  const model = new ExpectedModel();
  const mismatch = (what: string): string => {
    sampling.mismatches += 1;
    if (sampling.examples.length < MAX_EXAMPLES) sampling.examples.push(what);
    return what;
  };

  async function readBack(
    kind: ResourceKind,
    id: string,
    expectation: ReadBackExpectation,
  ): Promise<string | undefined> {
    const sent = await context.executor.send(
      { purpose: 'readBack', method: 'GET', path: resourcePath(kind, id), targetId: id },
      context.send,
    );
    if ('refused' in sent) return mismatch(`GET ${kind} ${id} was refused: ${sent.refused}`); // a read never is
    const { exchange } = sent;
    if (exchange.response === undefined)
      return mismatch(`GET ${resourcePath(kind, id)} got no answer (${exchange.error?.code ?? 'unknown error'})`);
    const findings = readBackFindings(
      expectation,
      exchange.response.status,
      bodyObject(exchange) as ScimResource | undefined,
    );
    return findings.length === 0
      ? undefined
      : mismatch(`${kind.toLowerCase()} ${id}: ${findings.map(describe).join('; ')}`);
  }

  const phase = await runPhase(context, 'verify', userSample + groupSample, async (task) => {
    if (task < userSample) {
      const index = task * stride;
      const id = context.userIds.get(index);
      if (!id) return undefined; // Its create failed; the users phase already counted that.
      sampling.users += 1;
      const view = directory.user(index, id);
      model.users.set(view.key, { view, state: 'present' });
      const sent = creates.sent(index);
      if (sent !== undefined) model.markUnsent(view.key, unsentPaths(model.expectedUser(view.key).attributes, sent));
      return readBack('User', id, {
        kind: 'user',
        name: view.userName,
        present: true,
        expected: model.expectedUser(view.key),
      });
    }
    const index = (task - userSample) * stride;
    const id = context.groupIds.get(index);
    if (!id) return undefined;
    sampling.groups += 1;
    const view = directory.group(index, id);
    view.members = directory.members(index, context.userIds);
    model.groups.set(view.key, { view, state: 'present' });
    return readBack('Group', id, {
      kind: 'group',
      name: view.displayName,
      present: true,
      expected: model.expectedGroup(view.key),
    });
  });
  return { phase, sampling };
}
