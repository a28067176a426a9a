import type { Finding } from '../checks/check-result.js';
import { createIdentityFindings, sentName } from '../checks/create-identity.js';
import type { Exchange } from '../http/exchange.js';
import { jsonObjectOf as object } from '../scim/resource.js';
import type { ResourceKind } from '../scim/resource-path.js';
import { type AddressedTarget, resourceOfPath, unsafeIdReason } from '../scim/resource-path.js';
import { type AcceptedCreate, nameAttribute, type RunLedger } from './ledger.js';

type Json = Record<string, unknown>;

function parsedBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** What the ledger made of a create's answer; the checks stage reports it as CREATE-IDENTITY. */
export interface CreationVerdict {
  kind: ResourceKind;
  adopted: boolean;
  /** The id the answer carried, adopted or not (CREATE-ID uniqueness counts it as issued). */
  id?: string;
  /** Why the answer does not identify what was sent (empty when adopted, or when no 2xx came). */
  findings: Finding[];
}

function searchFor(kind: ResourceKind, name: string): string {
  return `${nameAttribute(kind)} eq ${JSON.stringify(name)}`;
}

function possiblyLeft(
  ledger: RunLedger,
  scope: string,
  kind: ResourceKind,
  name: string | undefined,
  reason: string,
): void {
  // Without a name there is nothing to search for; such a create is a raw step's deliberate misuse.
  if (name !== undefined)
    ledger.possiblyLeft(scope, { resourceType: kind, name, search: searchFor(kind, name), reason });
}

function status(exchange: Exchange): number | undefined {
  return exchange.response?.status;
}

/** Why a create answer may still have created something although the run holds no id for it. */
function unknownOutcome(exchange: Exchange): string | undefined {
  const code = status(exchange);
  if (code === undefined)
    return `no answer came (${exchange.error?.message ?? 'unknown error'}); the server may have created it anyway`;
  if (code >= 500) return `the server answered ${code}; it may have created it anyway`;
  return undefined;
}

/**
 * A create (POST to /Users or /Groups) this run sent: the id enters the ledger only when the answer
 * identifies what was sent and the id is new. Anything else that may have created something is a
 * possible leftover under the name the run sent.
 */
function recordCreate(
  ledger: RunLedger,
  scope: string,
  kind: ResourceKind,
  sent: unknown,
  exchange: Exchange,
): CreationVerdict {
  const name = sentName(kind, sent);
  const code = status(exchange);
  const unknown = unknownOutcome(exchange);
  if (unknown !== undefined) {
    possiblyLeft(ledger, scope, kind, name, unknown);
    return { kind, adopted: false, findings: [] };
  }
  if (code === undefined || code < 200 || code >= 300) return { kind, adopted: false, findings: [] };
  const answer = object(exchange.response!.json);
  const findings = createIdentityFindings(kind, sent, answer, (id) =>
    ledger.isForeign(id) ? ledger.adoptionBlocker(id) : undefined,
  );
  const id = answer?.id;
  if (typeof id === 'string' && id !== '') {
    const unsafe = unsafeIdReason(id);
    if (unsafe !== undefined)
      findings.push({ message: `${unsafe}; scim-check will not address it`, path: '$.id', actual: id });
    // An id issued twice is CREATE-ID's finding; here it only keeps the id out of the ledger.
    if (findings.length === 0 && !ledger.issuedIds.has(id)) {
      ledger.adopt({ kind, id, name: name ?? id, scope });
      return { kind, adopted: true, id, findings };
    }
  }
  possiblyLeft(
    ledger,
    scope,
    kind,
    name,
    `the server answered ${code}, but the answer does not identify the resource the run sent, so the run holds no id for it`,
  );
  return { kind, adopted: false, ...(typeof id === 'string' && id !== '' ? { id } : {}), findings };
}

/**
 * A resource a Bulk result says it created for one of this request's bulkIds, or (without `bulkId`)
 * the resource a create answered 202 Accepted names in its Location (RFC 9967 §2.5.1.1); adopted
 * only once a read confirms it.
 */
export interface BulkCandidate {
  kind: ResourceKind;
  id: string;
  /** Absent for an accepted (202) create. */
  bulkId?: string;
  /** The operation's `data` (or the create's body), as sent. */
  sent: unknown;
}

/**
 * The resource a Bulk result's `location` names, by its last two path segments: servers build it
 * from their own host and mount point (SCIMMY leaves out the base path), so only `/Users/{id}`
 * is read from it. Safe because the executor reads that id back under --base-url and adopts it
 * only if it is what the operation sent.
 */
function locationResource(location: string, baseUrl: string): { kind: ResourceKind; id: string } | undefined {
  try {
    return resourceOfPath(new URL(location, baseUrl).pathname);
  } catch {
    return undefined;
  }
}

/**
 * DELETE operations of a Bulk request (RFC 7644 §3.7): a resource whose result says 2xx or 404 is
 * gone, exactly as after a plain DELETE; otherwise the deletion was at least sent. Without this,
 * cleanup deleted it a second time, and a server that answers that with 400 or 500 instead of
 * 404 produced a false leftover. Results are matched by their `location` (DELETE needs no bulkId).
 */
function recordBulkDeletes(ledger: RunLedger, operations: unknown[], exchange: Exchange, baseUrl: string): void {
  const results = ((object(exchange.response?.json)?.Operations as unknown[] | undefined) ?? [])
    .map(object)
    .filter((entry): entry is Json => entry !== undefined);
  for (const operation of operations) {
    const op = object(operation);
    if (String(op?.method ?? '').toUpperCase() !== 'DELETE' || typeof op?.path !== 'string') continue;
    const target = locationResource(op.path, baseUrl);
    if (target === undefined || !ledger.owns(target.id)) continue;
    const result = results.find(
      (entry) =>
        String(entry.method ?? '').toUpperCase() === 'DELETE' &&
        typeof entry.location === 'string' &&
        locationResource(entry.location, baseUrl)?.id === target.id,
    );
    const code = Number(object(result?.status)?.code ?? result?.status);
    if (Number.isFinite(code) && ((code >= 200 && code < 300) || code === 404)) ledger.release(target.id);
    else ledger.deletionSent(target.id);
  }
}

/**
 * RFC 7644 §3.7.3: a Bulk response's results count only for the bulkIds this request carried.
 * A result carries a `location` but no body, so nothing in it shows which resource it is: each
 * usable one becomes a candidate the executor reads back before adopting (confirmBulkCandidate).
 */
function recordBulk(
  ledger: RunLedger,
  scope: string,
  sent: unknown,
  exchange: Exchange,
  baseUrl: string,
): { creation?: CreationVerdict; candidates: BulkCandidate[] } {
  const operations = object(parsedBody(sent))?.Operations;
  const candidates: BulkCandidate[] = [];
  if (!Array.isArray(operations)) return { candidates };
  const results = new Map<string, Json>();
  for (const result of (object(exchange.response?.json)?.Operations as unknown[] | undefined) ?? []) {
    const entry = object(result);
    if (typeof entry?.bulkId === 'string' && !results.has(entry.bulkId)) results.set(entry.bulkId, entry);
  }
  // RFC 7644 §3.7.3: with failOnErrors, the server stops after that many errors and leaves the rest unprocessed.
  const failOnErrors = Number(object(parsedBody(sent))?.failOnErrors);
  const errors = [...results.values()].filter(
    (result) => Number(object(result.status)?.code ?? result.status) >= 400,
  ).length;
  const stoppedEarly = Number.isInteger(failOnErrors) && failOnErrors > 0 && errors >= failOnErrors;
  recordBulkDeletes(ledger, operations as unknown[], exchange, baseUrl);
  const findings: Finding[] = [];
  let firstKind: ResourceKind | undefined;
  for (const operation of operations as unknown[]) {
    const op = object(operation);
    if (
      String(op?.method ?? '').toUpperCase() !== 'POST' ||
      typeof op?.bulkId !== 'string' ||
      typeof op.path !== 'string'
    )
      continue;
    const kind: ResourceKind | undefined = /^\/?Users\/?$/i.test(op.path)
      ? 'User'
      : /^\/?Groups\/?$/i.test(op.path)
        ? 'Group'
        : undefined;
    if (kind === undefined) continue;
    firstKind ??= kind;
    const name = sentName(kind, op.data);
    const unknown = unknownOutcome(exchange);
    if (unknown !== undefined) {
      possiblyLeft(ledger, scope, kind, name, unknown);
      continue;
    }
    const result = results.get(op.bulkId);
    const rawStatus = result?.status;
    const code = Number(object(rawStatus)?.code ?? rawStatus);
    if (result === undefined && stoppedEarly) continue;
    if (result === undefined || !Number.isFinite(code) || code >= 500) {
      possiblyLeft(
        ledger,
        scope,
        kind,
        name,
        `the Bulk response has no usable result for bulkId ${op.bulkId}; the server may have created it`,
      );
      continue;
    }
    if (code < 200 || code >= 300) continue;
    const target = typeof result.location === 'string' ? locationResource(result.location, baseUrl) : undefined;
    const blocker =
      target === undefined
        ? 'its location does not end in /Users/{id} or /Groups/{id}'
        : target.kind !== kind
          ? `its location is a ${target.kind}, not a ${kind}`
          : (unsafeIdReason(target.id) ?? ledger.adoptionBlocker(target.id));
    if (blocker !== undefined || target === undefined) {
      findings.push({
        message: `the result for bulkId ${op.bulkId} cannot be this run's ${kind}: ${blocker}; scim-check will not write to it`,
        path: `$.Operations[?(@.bulkId=="${op.bulkId}")].location`,
        actual: result.location ?? '(missing)',
      });
      possiblyLeft(
        ledger,
        scope,
        kind,
        name,
        `the Bulk result for bulkId ${op.bulkId} does not identify what was sent, so the run holds no id for it`,
      );
      continue;
    }
    candidates.push({ kind, id: target.id, bulkId: op.bulkId, sent: op.data });
  }
  return {
    ...(firstKind !== undefined && findings.length > 0
      ? { creation: { kind: firstKind, adopted: false, findings } }
      : {}),
    candidates,
  };
}

/**
 * The read that confirms a Bulk candidate: the resource at its location must be the one the
 * operation sent (the same identity rule as a direct create), or it is not adopted.
 */
export function confirmBulkCandidate(
  ledger: RunLedger,
  scope: string,
  candidate: BulkCandidate,
  read: Exchange,
): CreationVerdict {
  if (candidate.bulkId === undefined) {
    const pending = ledger.acceptedCreation(candidate.id);
    const shown = read.response?.status === 200 ? read.response.json : undefined;
    return pending === undefined
      ? { kind: candidate.kind, adopted: false, findings: [] }
      : settleAccepted(ledger, pending, shown);
  }
  const { kind, id } = candidate;
  const name = sentName(kind, candidate.sent);
  const findings =
    read.response?.status === 200
      ? createIdentityFindings(kind, candidate.sent, read.response.json, (seen) =>
          ledger.isForeign(seen) ? ledger.adoptionBlocker(seen) : undefined,
        )
      : [
          {
            message: `the location the Bulk result for bulkId ${candidate.bulkId} names could not be read back (${read.response?.status ?? read.error?.code}), so nothing shows it is the resource that was sent; scim-check will not write to it`,
            actual: read.response?.status ?? read.error?.code,
          },
        ];
  const readId = object(read.response?.json)?.id;
  if (findings.length === 0 && readId !== id)
    findings.push({
      message: `the resource read back from the Bulk result's location has id ${JSON.stringify(readId)}, not ${JSON.stringify(id)}`,
      path: '$.id',
      expected: id,
      actual: readId,
    });
  if (findings.length === 0 && !ledger.issuedIds.has(id)) {
    ledger.issuedIds.add(id);
    ledger.adopt({ kind, id, name: name ?? id, scope });
    return { kind, adopted: true, findings };
  }
  possiblyLeft(
    ledger,
    scope,
    kind,
    name,
    `the Bulk result for bulkId ${candidate.bulkId} does not identify what was sent, so the run holds no id for it`,
  );
  return { kind, adopted: false, findings };
}

/**
 * A create answered 202 Accepted (RFC 9967 §2.5.1.1): there is no body to say what was created,
 * and the resource may not exist yet. When the Location names /Users/{id} or /Groups/{id} (the
 * normal SCIM location, one of the two values §2.5.1.1 allows), the ledger waits for that id: the
 * executor reads it back at once, and any later read that shows it with the identity that was sent
 * adopts it. A Location naming the completion event instead leaves only the name to search for.
 */
function recordAcceptedCreate(
  ledger: RunLedger,
  scope: string,
  kind: ResourceKind,
  sent: unknown,
  exchange: Exchange,
  baseUrl: string,
): LedgerRecord {
  const name = sentName(kind, sent);
  const location = exchange.response?.headers.location?.trim();
  const target = location === undefined || location === '' ? undefined : locationResource(location, baseUrl);
  if (target === undefined || target.kind !== kind || unsafeIdReason(target.id) !== undefined || name === undefined) {
    possiblyLeft(
      ledger,
      scope,
      kind,
      name,
      'the server accepted the create for asynchronous processing (202 Accepted) and its Location names no resource, so the run holds no id for it',
    );
    return {};
  }
  const blocker = ledger.adoptionBlocker(target.id);
  if (blocker !== undefined) {
    possiblyLeft(ledger, scope, kind, name, 'the Location of the 202 Accepted names a resource the run cannot adopt');
    return {
      creation: {
        kind,
        adopted: false,
        findings: [
          {
            message: `the 202 Accepted names an existing resource in its Location: ${blocker}; scim-check will not write to it`,
            path: 'headers.location',
            actual: location,
          },
        ],
      },
    };
  }
  ledger.awaitCreation({ kind, id: target.id, name, scope, sent });
  return { bulkCandidates: [{ kind, id: target.id, sent }] };
}

/**
 * A read showed (or did not show) the resource an accepted create is waiting for. Not shown yet:
 * it keeps waiting. Shown with the identity that was sent: adopted. Shown as something else: the
 * run will not adopt it, and the name is all it has left.
 */
function settleAccepted(ledger: RunLedger, pending: AcceptedCreate, shown: unknown): CreationVerdict {
  const { kind, id } = pending;
  if (object(shown) === undefined) return { kind, adopted: false, findings: [] };
  const findings = createIdentityFindings(kind, pending.sent, shown, (seen) =>
    ledger.isForeign(seen) ? ledger.adoptionBlocker(seen) : undefined,
  );
  const shownId = object(shown)?.id;
  if (findings.length === 0 && shownId !== id)
    findings.push({
      message: `the resource read back from the 202's Location has id ${JSON.stringify(shownId)}, not ${JSON.stringify(id)}`,
      path: '$.id',
      expected: id,
      actual: shownId,
    });
  ledger.settleCreation(id);
  if (findings.length === 0 && !ledger.issuedIds.has(id)) {
    ledger.issuedIds.add(id);
    ledger.adopt({ kind, id, name: pending.name, scope: pending.scope });
    return { kind, adopted: true, findings };
  }
  possiblyLeft(
    ledger,
    pending.scope,
    kind,
    pending.name,
    "the resource at the 202 Accepted's Location is not the one the run sent, so the run holds no id for it",
  );
  return { kind, adopted: false, findings };
}

/** Ids on resources the run did not create, in a read's answer: never write targets from now on. */
function recordSightings(ledger: RunLedger, json: unknown): void {
  const body = object(json);
  if (body === undefined) return;
  const resources = Array.isArray(body.Resources) ? (body.Resources as unknown[]) : [body];
  for (const resource of resources) {
    const entry = object(resource);
    if (entry === undefined || typeof entry.id !== 'string' || ledger.owns(entry.id)) continue;
    // The id a 202's Location named for this run's create (recordAcceptedCreate): the run's own
    // once it shows what was sent; until then neither owned nor foreign, so never written to.
    const pending = ledger.acceptedCreation(entry.id);
    if (pending !== undefined) {
      if (createIdentityFindings(pending.kind, pending.sent, entry, () => undefined).length === 0)
        settleAccepted(ledger, pending, entry);
      continue;
    }
    ledger.sawForeign(entry.id);
    // Members of a group this run did not create are someone else's users.
    if (Array.isArray(entry.members))
      for (const member of entry.members as unknown[]) {
        const value = object(member)?.value;
        if (typeof value === 'string') ledger.sawForeign(value);
      }
  }
}

/** What one exchange did to the ledger: the verdict on a create's answer, and Bulk results still to confirm. */
export interface LedgerRecord {
  creation?: CreationVerdict;
  bulkCandidates?: BulkCandidate[];
}

/**
 * Keeps the ledger true after one exchange: what a create made, what a delete removed, what a PUT
 * created by accident, and which ids belong to others.
 */
export function recordInLedger(
  ledger: RunLedger,
  scope: string,
  target: AddressedTarget,
  method: string,
  sent: unknown,
  exchange: Exchange,
  baseUrl: string,
): LedgerRecord {
  const code = status(exchange);
  switch (method) {
    case 'POST':
      if (target.type === 'collection' && code === 202)
        return recordAcceptedCreate(ledger, scope, target.kind, parsedBody(sent), exchange, baseUrl);
      if (target.type === 'collection')
        return { creation: recordCreate(ledger, scope, target.kind, parsedBody(sent), exchange) };
      if (target.type === 'bulk') {
        const bulk = recordBulk(ledger, scope, sent, exchange, baseUrl);
        return { ...(bulk.creation !== undefined ? { creation: bulk.creation } : {}), bulkCandidates: bulk.candidates };
      }
      if (target.type === 'search' && code === 200) recordSightings(ledger, exchange.response?.json);
      return {};
    case 'GET':
      if (code === 200) recordSightings(ledger, exchange.response?.json);
      return {};
    case 'DELETE':
      if (target.type !== 'resource') return {};
      // A 202 (RFC 9967 §2.5.1.1) accepted the DELETE without saying it happened: cleanup asks first.
      if (code !== undefined && code !== 202 && ((code >= 200 && code < 300) || code === 404))
        ledger.release(target.id);
      else ledger.deletionSent(target.id);
      return {};
    case 'PUT':
      // RFC 7644 §3.5.1: PUT replaces, it never creates; a 201 means something new exists now.
      if (target.type === 'resource' && code === 201) {
        const kind = target.kind;
        possiblyLeft(
          ledger,
          scope,
          kind,
          sentName(kind, parsedBody(sent)),
          `PUT ${kind === 'User' ? '/Users' : '/Groups'}/${target.id} was answered 201 Created: the server created a resource instead of refusing an unknown id`,
        );
      }
      return {};
    default:
      return {};
  }
}
