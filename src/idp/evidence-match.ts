import type { PlannedRequest } from './profile.js';

// Small predicates the profiles' documented-operation tables (src/idp/evidence.ts) are written
// with: each operation's `matches` says method, path, query and body shape in these terms.

/** A PatchOp operation as found in a request body (any casing of `op`). */
export interface PatchOperationShape {
  op: string;
  path?: string;
  value?: unknown;
}

/** `/Users/{id}` or `/Groups/{id}`: one resource, not the collection. */
export function isResourcePath(request: PlannedRequest, kind: 'Users' | 'Groups'): boolean {
  return new RegExp(`^/${kind}/[^/?]+$`).test(request.path);
}

/** The request's JSON body as an object, or undefined. */
export function bodyOf(request: PlannedRequest): Record<string, unknown> | undefined {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** The Operations of a PATCH body, or [] when the request is not a PATCH with a PatchOp body. */
export function patchOperations(request: PlannedRequest): PatchOperationShape[] {
  if (request.method !== 'PATCH') return [];
  const operations = bodyOf(request)?.Operations;
  if (!Array.isArray(operations)) return [];
  return operations.filter(
    (operation): operation is PatchOperationShape =>
      typeof operation === 'object' && operation !== null && typeof (operation as { op?: unknown }).op === 'string',
  );
}

/** The query parameter names of a request, sorted, for an exact comparison. */
export function queryKeys(request: PlannedRequest): string[] {
  return Object.keys(request.query ?? {}).sort();
}

/** True when the request's filter starts with `attribute eq ` (Okta, Entra lookups). */
export function filtersOn(request: PlannedRequest, attribute: string): boolean {
  const filter = request.query?.filter;
  return typeof filter === 'string' && filter.startsWith(`${attribute} eq `);
}

/** True when the value is a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
