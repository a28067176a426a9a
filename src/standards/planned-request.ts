import type { ActionName, IdpName } from '../scenario/model.js';

/**
 * One request an IdP profile sends for an admin action, as the conflict report reads it: the
 * profile's own request (never scim-check's read-backs), with the headers it goes out with.
 */
export interface PlannedIdpRequest {
  idp: IdpName;
  /** The built-in scenario it comes from, e.g. `scenarios/okta-user-lifecycle.yaml`. */
  scenario: string;
  /** The admin action that sent it, e.g. `deactivateUser`. */
  action: ActionName;
  /** Upper case. */
  method: string;
  /** Below the SCIM base URL, without the query: `/Users/2819c223`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The JSON body, parsed; undefined when there is none (or it is not JSON). */
  body: unknown;
}

/** A JSON object, or undefined for anything else. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The operations of a PATCH body (RFC 7644 §3.5.2), each as an object; empty for anything else. */
export function patchOperations(request: PlannedIdpRequest): Record<string, unknown>[] {
  if (request.method !== 'PATCH') return [];
  const operations = objectOf(request.body)?.Operations;
  return Array.isArray(operations) ? operations.map(objectOf).filter((operation) => operation !== undefined) : [];
}

/** The resource type a path addresses (`/Users`, `/Groups/{id}`), if any. */
export function resourceTypeOf(request: Pick<PlannedIdpRequest, 'path'>): 'User' | 'Group' | undefined {
  const match = /^\/(Users|Groups)(?:\/|$)/.exec(request.path);
  return match === null ? undefined : match[1] === 'Users' ? 'User' : 'Group';
}
