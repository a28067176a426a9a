import { ADSCIM_GROUP_URN } from '../idp/entra-requests.js';
import { OKTA_HEADERS } from '../idp/okta.js';
import type { IdpName } from '../idp/profile-names.js';

/*
 * Which IdP sent a request, from what it carries. The User-Agent is the strongest sign where an
 * IdP documents one: Okta's samples all carry `Okta SCIM Client 1.0.0` (SOURCES.okta20). Microsoft
 * documents no User-Agent for the Entra provisioning service (its tutorial's samples show none), so
 * Entra is recognised by the shapes its known-issues page documents (capitalised PATCH ops,
 * "True"/"False" strings), by the ADSCIM group schema and `excludedAttributes=members` of its
 * tutorial, and by an Azure/Entra User-Agent only as a weaker, observed-in-the-wild hint.
 */

/** A request as the recogniser needs it: path below the SCIM base (or the whole path), lower- or any-case headers. */
export interface RecognisableRequest {
  method: string;
  /** The path, with or without the query (`/Users?filter=…`); only what follows the last `/Users` or `/Groups` matters. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** One request's IdP, and the sign it was recognised by (for the console tag and the HAR `_scimCheck.idpReason`). */
export interface IdpRecognition {
  idp: IdpName;
  reason: string;
}

const OKTA_USER_AGENT = OKTA_HEADERS['user-agent'].replace(/ [\d.]+$/, ''); // `Okta SCIM Client`
/** Observed Entra agents (`Azure Active Directory SCIM Client`, `Azure AD Provisioning`…): not documented by Microsoft. */
const ENTRA_USER_AGENT = /azure active directory|azure ?ad\b|microsoft entra|aad ?provisioning/i;
const CAPITALISED_OPS = new Set(['Add', 'Replace', 'Remove']);

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The PatchOp operations of a body, or [] when it is not one. */
function operationsOf(json: unknown): Record<string, unknown>[] {
  if (!isRecord(json)) return [];
  const operations = json.Operations;
  return Array.isArray(operations) ? operations.filter(isRecord) : [];
}

/** `/scim/v2/Users/abc?x=1` → `{ collection: 'Users', id: 'abc', query }`. */
function resourceOf(path: string): { collection?: 'Users' | 'Groups'; id?: string; query: URLSearchParams } {
  const [pathname = '', search = ''] = path.split('?', 2);
  const query = new URLSearchParams(search);
  const match = /\/(Users|Groups)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match) return { query };
  return { collection: match[1] as 'Users' | 'Groups', ...(match[2] === undefined ? {} : { id: match[2] }), query };
}

/** Request shapes one IdP documents and the others do not send, most telling first. */
function recogniseShape(request: RecognisableRequest): IdpRecognition | undefined {
  const method = request.method.toUpperCase();
  const { collection, id, query } = resourceOf(request.path);
  const json = parseJson(request.body);
  const operations = operationsOf(json);
  // Entra known-issues page: default mode capitalises ops and sends booleans as "True"/"False".
  const capitalised = operations.find((operation) => CAPITALISED_OPS.has(String(operation.op)));
  if (capitalised !== undefined)
    return { idp: 'entra', reason: `PATCH op "${String(capitalised.op)}" capitalised (Entra default mode)` };
  const stringBoolean = operations.find((operation) => operation.value === 'True' || operation.value === 'False');
  if (stringBoolean !== undefined)
    return { idp: 'entra', reason: `boolean sent as the string "${String(stringBoolean.value)}" (Entra default mode)` };
  // Entra tutorial, "Create Group": the ADSCIM schema URN on every group create.
  if (isRecord(json) && Array.isArray(json.schemas) && json.schemas.includes(ADSCIM_GROUP_URN))
    return { idp: 'entra', reason: 'Group carries the ADSCIM schema (Entra tutorial, "Create Group")' };
  // Entra tutorial, "Get Group by displayName": group lookups exclude members.
  if (method === 'GET' && collection === 'Groups' && query.get('excludedAttributes') === 'members')
    return { idp: 'entra', reason: 'group lookup with excludedAttributes=members (Entra tutorial)' };
  const pathless = operations.filter((operation) => operation.path === undefined && isRecord(operation.value));
  for (const operation of pathless) {
    const value = operation.value as Record<string, unknown>;
    const keys = Object.keys(value);
    // Entra with aadOptscim062020: path-less replace whose keys are attribute paths (known-issues page).
    if (keys.some((key) => key.includes('.') || key.startsWith('urn:')) && operation.op === 'replace')
      return { idp: 'entra-compliant', reason: 'path-less replace keyed by attribute paths (Entra aadOptscim062020)' };
    // Okta SCIM 2.0 reference: (de)activation and the group rename are path-less replaces of an object.
    if (operation.op === 'replace' && keys.length === 1 && typeof value.active === 'boolean')
      return {
        idp: 'okta',
        reason: `path-less replace of {active: ${String(value.active)}} (Okta SCIM 2.0 reference)`,
      };
    if (operation.op === 'replace' && collection === 'Groups' && 'id' in value && 'displayName' in value)
      return { idp: 'okta', reason: 'path-less replace of {id, displayName} on a group (Okta group push)' };
  }
  // Okta SCIM 2.0 reference: the lookup pages with startIndex=1&count=100; SCIM 1.1: test connection count=2.
  if (
    method === 'GET' &&
    collection === 'Users' &&
    id === undefined &&
    query.get('startIndex') === '1' &&
    (query.get('count') === '100' || query.get('count') === '2')
  )
    return { idp: 'okta', reason: `GET /Users with startIndex=1&count=${query.get('count')} (Okta's fixed paging)` };
  // Okta SCIM 2.0 reference, "Create the User": a password and an empty groups array on create.
  if (method === 'POST' && collection === 'Users' && isRecord(json) && Array.isArray(json.groups) && 'password' in json)
    return { idp: 'okta', reason: 'user create with password and groups: [] (Okta SCIM 2.0 reference)' };
  return undefined;
}

/**
 * The IdP one request most likely came from, and why; undefined when nothing in it is telling.
 * The User-Agent decides first (Okta documents its own); then request shapes (src/idp/okta.ts and
 * src/idp/entra*.ts hold the documented forms these signs are taken from).
 */
export function recogniseIdp(request: RecognisableRequest): IdpRecognition | undefined {
  const userAgent = header(request.headers, 'user-agent') ?? '';
  const shape = recogniseShape(request);
  if (userAgent.includes(OKTA_USER_AGENT)) {
    // The AIW (custom) app uses the same agent but PUTs groups (SOURCES.oktaAiw).
    if (request.method.toUpperCase() === 'PUT' && resourceOf(request.path).collection === 'Groups')
      return { idp: 'okta-aiw', reason: `User-Agent "${userAgent}" and a group PUT (Okta AIW app)` };
    return { idp: 'okta', reason: `User-Agent "${userAgent}"` };
  }
  if (ENTRA_USER_AGENT.test(userAgent)) {
    // The agent says Entra; the shape says which mode when it tells.
    if (shape?.idp === 'entra-compliant') return shape;
    return { idp: 'entra', reason: `User-Agent "${userAgent}"` };
  }
  return shape;
}

/** What a whole recording says about its IdP: the winner, its share of the recognised requests, and each vote. */
export interface SessionRecognition extends IdpRecognition {
  /** Requests recognised as each IdP. */
  votes: Partial<Record<IdpName, number>>;
  /** How many requests were recognised at all. */
  recognised: number;
}

/**
 * The IdP a recording came from, by a vote over its requests (each recognised request is one vote;
 * a tie goes to the IdP recognised first). Undefined when no request is telling.
 */
export function recogniseSession(requests: readonly RecognisableRequest[]): SessionRecognition | undefined {
  const votes: Partial<Record<IdpName, number>> = {};
  const firstReason = new Map<IdpName, string>();
  let recognised = 0;
  for (const request of requests) {
    const found = recogniseIdp(request);
    if (found === undefined) continue;
    recognised += 1;
    votes[found.idp] = (votes[found.idp] ?? 0) + 1;
    if (!firstReason.has(found.idp)) firstReason.set(found.idp, found.reason);
  }
  let winner: IdpName | undefined;
  for (const idp of firstReason.keys())
    if (winner === undefined || (votes[idp] ?? 0) > (votes[winner] ?? 0)) winner = idp;
  if (winner === undefined) return undefined;
  // An Okta org on the AIW template still sends mostly OIN-shaped requests: one group PUT decides.
  if (winner === 'okta' && (votes['okta-aiw'] ?? 0) > 0) winner = 'okta-aiw';
  // Entra with the flag sends lower-case ops, so only some of its requests carry a sign of the mode.
  if (winner === 'entra' && (votes['entra-compliant'] ?? 0) > 0 && !hasLegacySign(requests)) winner = 'entra-compliant';
  const count = votes[winner] ?? 0;
  return {
    idp: winner,
    reason: `${count} of ${recognised} recognised requests: ${firstReason.get(winner)}`,
    votes,
    recognised,
  };
}

/** Whether any request carries a default-mode-only Entra sign (capitalised ops or string booleans). */
function hasLegacySign(requests: readonly RecognisableRequest[]): boolean {
  return requests.some((request) => {
    const shape = recogniseShape(request);
    return shape?.idp === 'entra' && /capitalised|string/.test(shape.reason);
  });
}
