import { type ResourceKind, targetOfPath } from '../scim/resource-path.js';

/**
 * Why a request was sent. Profiles label every request they plan; checks use the label to
 * know which rules apply (a 201 is required of a create, a ListResponse of a lookup...).
 */
export type RequestPurpose =
  | 'discoverConfig'
  | 'listUsers'
  | 'lookupUser'
  | 'createUser'
  | 'getUser'
  | 'replaceUser'
  | 'patchUser'
  | 'deleteUser'
  | 'listGroups'
  | 'lookupGroup'
  | 'createGroup'
  | 'getGroup'
  | 'replaceGroup'
  | 'patchGroup'
  | 'deleteGroup'
  /** The engine reading a resource back to verify state; the IdP would not send it. */
  | 'readBack'
  /** A raw `request` step from the scenario: only the scenario's own expectations apply, plus passive rules. */
  | 'raw'
  /** Housekeeping at the end of a run. */
  | 'cleanup';

export type { ResourceKind };

/** The resource type a purpose is about, if any. */
export function resourceKindOf(purpose: RequestPurpose): ResourceKind | undefined {
  if (/User/.test(purpose)) return 'User';
  if (/Group/.test(purpose)) return 'Group';
  return undefined;
}

/**
 * The purpose a raw `request` step has when its author expects success: a POST to /Users
 * expecting 201 is a create, a GET of /Users/{id} expecting 200 a read, and so on. The purpose
 * switches on the passive rules for that kind of request (CREATE-201-LOCATION, READ-200...),
 * so a spec scenario is held to the same rules as an IdP action. Steps that expect an error, or
 * expect nothing, stay `raw`: a deliberately bad request must not be judged as a create. The
 * checks that judge the answer itself (ANSWER_CHECKS in raw-step-verdicts.ts) then step aside for
 * the step's own verdict, so the request is judged once.
 */
export function inferRawPurpose(
  method: string,
  path: string,
  expectedStatus: number | number[] | undefined,
): RequestPurpose {
  const statuses =
    expectedStatus === undefined ? [] : Array.isArray(expectedStatus) ? expectedStatus : [expectedStatus];
  if (statuses.length === 0 || statuses.some((status) => status < 200 || status >= 300)) return 'raw';
  // 202 Accepted is the asynchronous answer (RFC 9967 §2.5.1.1): no resource, no 201/200/204, so
  // the purpose rules for a synchronous answer do not apply; the ASYNC-* rows judge it.
  if (statuses.includes(202)) return 'raw';
  const target = targetOfPath(path);
  if (target.type !== 'collection' && target.type !== 'resource') return 'raw';
  const kind = target.kind;
  const upper = method.toUpperCase();
  if (target.type === 'collection' && upper === 'POST' && statuses.every((status) => status === 201))
    return `create${kind}`;
  if (target.type === 'collection' && upper === 'GET') return `list${kind}s`;
  if (target.type === 'resource') {
    if (upper === 'GET') return `get${kind}`;
    if (upper === 'PUT') return `replace${kind}`;
    if (upper === 'PATCH') return `patch${kind}`;
    if (upper === 'DELETE') return `delete${kind}`;
  }
  return 'raw';
}
