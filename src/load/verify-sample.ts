import { runPhase, type LoadContext } from './load-context.js';
import type { LoadPhaseResult, SampleResult } from './load-result.js';

const MAX_EXAMPLES = 10;

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Differences between a user as read back and as the IdP sent it (RFC 7643 §4.1 attributes). */
function userMismatch(body: Json, expected: { userName: string; givenName?: string; familyName?: string; email?: string }): string | undefined {
  const name = asObject(body.name);
  const emails = Array.isArray(body.emails) ? body.emails.map((email) => asObject(email)?.value) : [];
  // userName is caseExact false (RFC 7643 §4.1.1): a server may normalise its case.
  if (typeof body.userName !== 'string' || body.userName.toLowerCase() !== expected.userName.toLowerCase()) return `userName is ${JSON.stringify(body.userName)}, expected ${JSON.stringify(expected.userName)}`;
  if (name?.givenName !== expected.givenName) return `name.givenName is ${JSON.stringify(name?.givenName)}, expected ${JSON.stringify(expected.givenName)}`;
  if (name?.familyName !== expected.familyName) return `name.familyName is ${JSON.stringify(name?.familyName)}, expected ${JSON.stringify(expected.familyName)}`;
  if (expected.email !== undefined && !emails.some((email) => typeof email === 'string' && email.toLowerCase() === expected.email!.toLowerCase())) return `emails do not include ${expected.email}`;
  if (body.active !== true) return `active is ${JSON.stringify(body.active)}, expected true`;
  return undefined;
}

function groupMismatch(body: Json, displayName: string, memberIds: readonly string[]): string | undefined {
  if (body.displayName !== displayName) return `displayName is ${JSON.stringify(body.displayName)}, expected ${JSON.stringify(displayName)}`;
  const actual = new Set((Array.isArray(body.members) ? body.members : []).map((member) => asObject(member)?.value));
  const missing = memberIds.filter((id) => !actual.has(id));
  if (missing.length > 0 || actual.size !== memberIds.length) return `has ${actual.size} members, expected ${memberIds.length}${missing.length > 0 ? ` (missing ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})` : ''}`;
  return undefined;
}

/** Every `stride`-th index below `count`, as a sample of about `fraction` (at least one when count > 0). */
function sampleStride(fraction: number): number {
  return fraction <= 0 ? Infinity : Math.max(1, Math.round(1 / fraction));
}

/**
 * Correctness sampling: reads back a fraction of the users and groups the sync created, right
 * after it, and compares them with what the IdP sent (users: names, email, active; groups:
 * displayName and the exact member set). Speed means nothing if the data is wrong.
 */
export async function verifySample(context: LoadContext): Promise<{ phase: LoadPhaseResult; sampling: SampleResult }> {
  const { directory, plan } = context;
  const stride = sampleStride(plan.sampleFraction);
  const sampling: SampleResult = { users: 0, groups: 0, mismatches: 0, examples: [] };
  const userSample = stride === Infinity ? 0 : Math.ceil(directory.userCount / stride);
  const groupSample = stride === Infinity ? 0 : Math.ceil(directory.groupCount / stride);
  const mismatch = (what: string): string => {
    sampling.mismatches += 1;
    if (sampling.examples.length < MAX_EXAMPLES) sampling.examples.push(what);
    return what;
  };
  const phase = await runPhase(context, 'verify', userSample + groupSample, async (task) => {
    if (task < userSample) {
      const index = task * stride;
      const id = context.userIds.get(index);
      if (!id) return undefined; // Its create failed; the users phase already counted that.
      sampling.users += 1;
      const exchange = await context.client.send({ purpose: 'readBack', method: 'GET', path: `/Users/${encodeURIComponent(id)}` }, 'verifyUser');
      const body = asObject(exchange.response?.json);
      if (exchange.response?.status !== 200 || !body) return mismatch(`GET /Users/${id} answered ${exchange.response?.status ?? exchange.error?.code}`);
      const problem = userMismatch(body, directory.user(index));
      return problem === undefined ? undefined : mismatch(`user ${id}: ${problem}`);
    }
    const index = (task - userSample) * stride;
    const id = context.groupIds.get(index);
    if (!id) return undefined;
    sampling.groups += 1;
    const exchange = await context.client.send({ purpose: 'readBack', method: 'GET', path: `/Groups/${encodeURIComponent(id)}` }, 'verifyGroup');
    const body = asObject(exchange.response?.json);
    if (exchange.response?.status !== 200 || !body) return mismatch(`GET /Groups/${id} answered ${exchange.response?.status ?? exchange.error?.code}`);
    const expectedMembers = directory.members(index, context.userIds).map((member) => member.id);
    const problem = groupMismatch(body, directory.group(index).displayName, expectedMembers);
    return problem === undefined ? undefined : mismatch(`group ${id}: ${problem}`);
  });
  return { phase, sampling };
}
