import type { AttributeDefinition } from '../attribute-definition.js';
import { type PatchPath, parsePatchPath } from '../filter/index.js';
import { isJsonObject } from '../filter/read-values.js';
import {
  GROUP_RESOURCE_TYPE,
  type ResolvedAttribute,
  type ResourceTypeDefinition,
  resolveAttribute,
  schemaUrnsOf,
  USER_RESOURCE_TYPE,
} from '../resource-type.js';
import { URN } from '../urns.js';

// How the quirk finder (quirks.ts) reads a PatchOp request: where a path or a path-less value key
// lands in the schema, and the small shapes IdP habits take. Kept apart so quirks.ts holds only
// the habits themselves: how each is found and how each is written in RFC form.

export { isJsonObject };

/** One PatchOp operation as sent (not yet validated). */
export type Operation = Record<string, unknown>;

/** The PATCH op names of RFC 7644 §3.5.2, in their RFC (lower-case) spelling. */
export const OP_NAMES = new Set(['add', 'replace', 'remove']);
/** A boolean written as a string, in any case (`"False"`, `"true"`). */
export const BOOLEAN_STRING = /^(true|false)$/i;

/** The resource type a request addresses, as the schema lookups need it. */
export function resourceTypeOf(kind: 'User' | 'Group' | undefined): ResourceTypeDefinition | undefined {
  return kind === 'User' ? USER_RESOURCE_TYPE : kind === 'Group' ? GROUP_RESOURCE_TYPE : undefined;
}

/** The `Operations` of a PatchOp body, or undefined when it has none. */
export function operationsOf(body: unknown): Operation[] | undefined {
  const operations = isJsonObject(body) ? body.Operations : undefined;
  return Array.isArray(operations) ? (operations as Operation[]) : undefined;
}

/** An operation's op in lower case, when it is a string. */
export function opOf(operation: Operation): string | undefined {
  return typeof operation?.op === 'string' ? operation.op.toLowerCase() : undefined;
}

function parsed(path: string): PatchPath | undefined {
  try {
    return parsePatchPath(path);
  } catch {
    return undefined;
  }
}

/** What a path (or a path-less value key) lands on; `bare` when only the enterprise URN resolves it. */
export function target(
  path: string,
  type: ResourceTypeDefinition,
): { path: PatchPath; resolved: ResolvedAttribute; sub?: AttributeDefinition; bare: boolean } | undefined {
  const found = parsed(path);
  if (found === undefined) return undefined;
  const { subAttribute, ...attribute } = found.attribute;
  let resolved = resolveAttribute(type, attribute);
  let bare = false;
  if (resolved === undefined && attribute.schema === undefined && type === USER_RESOURCE_TYPE) {
    resolved = resolveAttribute(type, { ...attribute, schema: URN.enterpriseUser });
    bare = resolved !== undefined;
  }
  if (resolved === undefined) return undefined;
  const subName = subAttribute ?? found.subAttribute;
  const sub =
    subName === undefined
      ? undefined
      : resolved.attribute.subAttributes?.find((candidate) => candidate.name.toLowerCase() === subName.toLowerCase());
  return { path: found, resolved, ...(sub !== undefined ? { sub } : {}), bare };
}

/** The definition a value written at this target must fit. */
export function definitionAt(landing: NonNullable<ReturnType<typeof target>>): {
  definition: AttributeDefinition;
  singular: boolean;
} {
  if (landing.sub !== undefined) return { definition: landing.sub, singular: !landing.sub.multiValued };
  return {
    definition: landing.resolved.attribute,
    singular: !landing.resolved.attribute.multiValued && landing.path.valueFilter === undefined,
  };
}

/** A path-less value key that is an attribute path (dotted, or a URN-qualified attribute), not an attribute or schema container. */
export function isPathKey(key: string, type: ResourceTypeDefinition): boolean {
  const urn = schemaUrnsOf(type).find((candidate) => key.toLowerCase().startsWith(`${candidate.toLowerCase()}:`));
  if (urn !== undefined) return true;
  if (schemaUrnsOf(type).some((candidate) => candidate.toLowerCase() === key.toLowerCase())) return false;
  return !key.startsWith('urn:') && key.includes('.');
}

/** `emails[type eq "work"].value` → the pieces of its RFC form, when the filter is one `eq` on a string. */
export function valuePathParts(
  path: string,
): { attribute: string; filterAttribute: string; filterValue: string; subAttribute: string } | undefined {
  const found = parsed(path);
  const filter = found?.valueFilter;
  if (
    found === undefined ||
    found.subAttribute === undefined ||
    filter?.kind !== 'compare' ||
    filter.operator !== 'eq' ||
    typeof filter.value !== 'string'
  )
    return undefined;
  const attribute =
    found.attribute.schema === undefined
      ? found.attribute.attribute
      : `${found.attribute.schema}:${found.attribute.attribute}`;
  return {
    attribute,
    filterAttribute: filter.attribute.attribute,
    filterValue: filter.value,
    subAttribute: found.subAttribute,
  };
}

/** The `"$ref": null` members of a value (an object, or the objects of an array). */
export function nullRefs(value: unknown): number {
  const entries = Array.isArray(value) ? value : [value];
  return entries.filter((entry) => isJsonObject(entry) && '$ref' in entry && entry.$ref === null).length;
}

/** The value with every `"$ref": null` left out. */
export function withoutNullRefs(value: unknown): unknown {
  const strip = (entry: unknown): unknown => {
    if (!isJsonObject(entry) || entry.$ref !== null) return entry;
    const { $ref: _ref, ...rest } = entry;
    return rest;
  };
  return Array.isArray(value) ? value.map(strip) : strip(value);
}

/** True for the bare `members` path (no value filter). */
export function isMembersPath(path: unknown): boolean {
  return typeof path === 'string' && path.trim().toLowerCase() === 'members';
}

/** A boolean string as a JSON boolean; anything else as it is. */
export function booleanOf(value: unknown): unknown {
  return typeof value === 'string' && BOOLEAN_STRING.test(value) ? value.toLowerCase() === 'true' : value;
}
