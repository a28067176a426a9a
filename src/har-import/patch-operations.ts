import { URN } from '../scim/urns.js';

/** One PATCH operation as recorded (RFC 7644 §3.5.2), op lower-cased for matching; the casing is kept apart. */
export interface RecordedOperation {
  op: string;
  path?: string;
  value?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The operations of a PatchOp body, or undefined when the body is not one. */
export function operationsOf(body: unknown): RecordedOperation[] | undefined {
  if (!isObject(body) || !Array.isArray(body.Operations)) return undefined;
  const operations: RecordedOperation[] = [];
  for (const raw of body.Operations) {
    if (!isObject(raw) || typeof raw.op !== 'string') return undefined;
    operations.push({
      op: raw.op.toLowerCase(),
      ...(typeof raw.path === 'string' ? { path: raw.path } : {}),
      ...('value' in raw ? { value: raw.value } : {}),
    });
  }
  return operations;
}

/**
 * `false`, `"False"`, `"false"` (Entra's default job sends booleans as strings, known-issues
 * page) as a boolean; undefined for anything else.
 */
export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

/** The `active` value an operation sets: `path: active`, or a path-less replace whose value is `{active}` (Okta). */
export function activeSetBy(operation: RecordedOperation): boolean | undefined {
  if (operation.op === 'remove') return undefined;
  if (operation.path?.toLowerCase() === 'active') return booleanOf(operation.value);
  if (operation.path === undefined && isObject(operation.value)) {
    const keys = Object.keys(operation.value);
    if (keys.length === 1 && keys[0]!.toLowerCase() === 'active') return booleanOf(operation.value[keys[0]!]);
  }
  return undefined;
}

const MANAGER_PATHS = new Set([
  'manager',
  'manager.value',
  `${URN.enterpriseUser}:manager`.toLowerCase(),
  `${URN.enterpriseUser}:manager.value`.toLowerCase(),
]);

/**
 * The scenario `set:` key for a SCIM attribute path (the inverse of src/idp/request-helpers.ts
 * toScimPath): `name.familyName` → `familyName`, the work email's value path → `email`, the
 * enterprise manager → `manager`; other plain paths as they are; undefined for a path a `set:`
 * cannot name (another value filter).
 */
export function friendlyKey(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower === 'name.givenname') return 'givenName';
  if (lower === 'name.familyname') return 'familyName';
  if (lower === 'name.middlename') return 'middleName';
  if (/^emails\[type eq "work"\]\.value$/i.test(path) || lower === 'emails') return 'email';
  if (MANAGER_PATHS.has(lower)) return 'manager';
  if (path.startsWith(`${URN.user}:`)) return friendlyKey(path.slice(URN.user.length + 1));
  if (/^(urn:[^\s[\]]+|[A-Za-z][A-Za-z0-9_$-]*(\.[A-Za-z][A-Za-z0-9_$-]*)?)$/.test(path)) return path;
  return undefined;
}

/** The id a manager value names: `"id"`, `{value: id}`, or Entra's `[{"$ref": null, "value": id}]`. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return referencedId(value[0]);
  if (isObject(value) && typeof value.value === 'string') return value.value;
  return undefined;
}

/** The work (or primary, or first) email of a user body. */
function workEmail(body: Record<string, unknown>): unknown {
  const emails = Array.isArray(body.emails) ? body.emails.filter(isObject) : [];
  return (emails.find((email) => email.type === 'work') ?? emails.find((email) => email.primary === true) ?? emails[0])
    ?.value;
}

/** Attributes a full user body carries that are not the admin's to change (RFC 7643 §3.1, §4.1). */
const NOT_CHANGES = new Set(['schemas', 'id', 'meta', 'groups', 'password', 'externalId', 'emails', 'name']);

/**
 * A user body as `set:` keys → values: `givenName`, `familyName`, `email`, plain attributes, and
 * extension attributes by URN path (RFC 7643 §3). What a PUT is compared by.
 */
export function flattenUser(body: Record<string, unknown>): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  const name = isObject(body.name) ? body.name : {};
  for (const part of ['givenName', 'familyName', 'middleName'])
    if (name[part] !== undefined) flat.set(part, name[part]);
  if (workEmail(body) !== undefined) flat.set('email', workEmail(body));
  for (const [attribute, value] of Object.entries(body)) {
    if (NOT_CHANGES.has(attribute)) continue;
    if (attribute.startsWith('urn:') && isObject(value)) {
      for (const [inner, innerValue] of Object.entries(value))
        flat.set(
          inner === 'manager' ? 'manager' : `${attribute}:${inner}`,
          inner === 'manager' ? referencedId(innerValue) : innerValue,
        );
    } else {
      flat.set(attribute, value);
    }
  }
  return flat;
}

/** What a PUT changed, as `set:` keys: every attribute whose value differs from the user as last seen. */
export function changedAttributes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const old = flattenUser(before);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of flattenUser(after))
    if (JSON.stringify(old.get(key)) !== JSON.stringify(value)) changes[key] = value;
  return changes;
}

/**
 * A PATCH of user attributes as `set:` keys → recorded values; undefined when an operation
 * cannot be written as a `set:` (a remove, a path with another filter).
 */
export function patchChanges(operations: RecordedOperation[]): Record<string, unknown> | undefined {
  const changes: Record<string, unknown> = {};
  for (const operation of operations) {
    if (operation.op !== 'add' && operation.op !== 'replace') return undefined;
    if (operation.path === undefined) {
      if (!isObject(operation.value)) return undefined;
      // Entra with aadOptscim062020 writes dotted paths as keys; Okta nests them as a resource would.
      for (const [path, value] of Object.entries(operation.value)) {
        if (isObject(value) && !path.startsWith('urn:')) {
          for (const [inner, innerValue] of Object.entries(value)) {
            const key = friendlyKey(`${path}.${inner}`);
            if (key === undefined) return undefined;
            changes[key] = innerValue;
          }
          continue;
        }
        const key = friendlyKey(path);
        if (key === undefined) return undefined;
        changes[key] = value;
      }
      continue;
    }
    const key = friendlyKey(operation.path);
    if (key === undefined) return undefined;
    changes[key] = key === 'email' && Array.isArray(operation.value) ? referencedId(operation.value) : operation.value;
  }
  return changes;
}
