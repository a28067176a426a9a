import { resourceKindOf } from '../checks/request-purpose.js';
import { runExchangeChecks } from '../checks/run-exchange-checks.js';
import type { Exchange } from '../http/exchange.js';
import type { PlannedRequest } from '../idp/profile.js';
import { bodyObject, isSuccess } from '../idp/request-helpers.js';
import type { Feature } from '../scenario/model.js';
import type { TargetFeatures } from './preflight.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

const MAY_ADDRESS = /(users|groups)\//i;

/** The resource id a write addresses (`/Users/{id}`, `/Groups/{id}`), if it addresses one. */
export function addressedId(path: string): { kind: 'User' | 'Group'; id: string } | undefined {
  // Most paths (/ServiceProviderConfig, /Users?filter=…) address no resource: one cheap test first.
  if (!MAY_ADDRESS.test(path)) return undefined;
  const match = /^\/?(Users|Groups)\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(path.replace(/^https?:\/\/[^/]+/i, '').replace(/^.*?\/(Users|Groups)\//i, '/$1/'));
  if (!match || match[2] === '.search') return undefined;
  return { kind: match[1]!.toLowerCase() === 'users' ? 'User' : 'Group', id: decodeURIComponent(match[2]!) };
}

/**
 * Why a request must not be sent: writes only ever touch resources this run created, so a run
 * can never change or delete anyone's real data (an Okta-style lookup may find a stranger).
 */
export function unsafeWriteReason(request: Pick<PlannedRequest, 'method' | 'path'>, context: ScenarioContext): string | undefined {
  if (!WRITE_METHODS.has(request.method.toUpperCase())) return undefined;
  const target = addressedId(request.path);
  if (!target) return undefined;
  if (context.created.some((resource) => resource.id === target.id)) return undefined;
  // An id that embeds this run's token was minted by the run itself (a ghost for PUT-NO-CREATE):
  // no real resource can have it, so writing to it cannot touch anyone's data.
  if (target.id.includes(context.runId)) return undefined;
  return `refusing to ${request.method.toUpperCase()} ${target.kind} ${target.id}: this run did not create it, and scim-check never modifies data it did not create`;
}

const FEATURES: readonly Feature[] = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'];

const ADVERTISED = new WeakMap<TargetFeatures, Partial<Record<Feature, boolean>>>();

/** The SPC `supported` flags the server stated, for SPC-gated passive checks (worked out once per run). */
function advertisedFlags(features: TargetFeatures): Partial<Record<Feature, boolean>> {
  let flags = ADVERTISED.get(features);
  if (flags === undefined) {
    flags = {};
    for (const feature of FEATURES) {
      const supported = features.supports(feature);
      if (supported !== undefined) flags[feature] = supported;
    }
    ADVERTISED.set(features, flags);
  }
  return flags;
}

/**
 * Sends one planned request with the profile's headers, records the exchange and its passive
 * checks into the step, and remembers what a successful create made (for safety and cleanup).
 */
export async function sendPlanned(planned: PlannedRequest, context: ScenarioContext, step: StepRecorder): Promise<Exchange> {
  // Lower-cased so a scenario's `Accept` overrides the profile's `accept` instead of doubling it.
  const headers: Record<string, string> = {};
  for (const name in context.profile.headers) headers[name.toLowerCase()] = context.profile.headers[name]!;
  if (planned.headers !== undefined) for (const name in planned.headers) headers[name.toLowerCase()] = planned.headers[name]!;
  if (planned.body === undefined && planned.method === 'GET') delete headers['content-type'];
  // A raw step sets a header to "" to leave it out (MEDIA-NO-ACCEPT sends no Accept at all).
  for (const name in headers) if (headers[name] === '') delete headers[name];
  // The profile name picks the IdP's retry habits for 429s and resets (src/http/retry-policy.ts).
  const exchange = await context.client.send({ ...planned, headers, idp: context.profile.name });
  step.exchanges.push(exchange);
  const resourceKind = resourceKindOf(planned.purpose) ?? addressedId(planned.path)?.kind;
  step.checks.push(
    ...runExchangeChecks(exchange, {
      idp: context.profile.name,
      purpose: planned.purpose,
      issuedIds: context.issuedIds,
      ...(context.features !== undefined ? { advertised: advertisedFlags(context.features) } : {}),
      ...(planned.targetId !== undefined ? { targetId: planned.targetId } : {}),
      ...(resourceKind !== undefined ? { resourceKind } : {}),
    }),
  );
  const isCreate = planned.purpose === 'createUser' || planned.purpose === 'createGroup' || (planned.purpose === 'raw' && planned.method.toUpperCase() === 'POST');
  const id = bodyObject(exchange)?.id;
  if (isCreate && isSuccess(exchange) && typeof id === 'string') {
    context.issuedIds.add(id);
    const body = bodyObject(exchange)!;
    const kind = planned.purpose === 'createGroup' || /\/Groups\/?$/i.test(planned.path) ? 'Group' : 'User';
    if (/\/(Users|Groups)\/?$/i.test(planned.path)) {
      context.created.push({ kind, id, name: String(body.userName ?? body.displayName ?? id) });
    }
  }
  return exchange;
}
