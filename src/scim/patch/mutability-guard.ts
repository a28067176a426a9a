import type { AttributeDefinition } from '../attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../core-schemas.js';
import type { ScimResource } from '../resource.js';
import type { ResolvedAttribute, ResourceTypeDefinition } from '../resource-type.js';
import { ScimError } from '../scim-error.js';
import { isJsonObject, readAttribute, readMember } from './attribute-access.js';
import { jsonEqual } from './value-equality.js';

// Mutability is checked on the outcome of each operation rather than on its request shape,
// so every route to an attribute (a path, a path-less value, a dotted key) is judged alike,
// and an operation that leaves a read-only value as it was is accepted: Okta's group rename
// re-sends the group's own `id` (IDP-NOTES.md, Okta), and RFC 7644 §3.5.2 forbids
// *modifying* read-only attributes, not naming them.

function guardsSubAttributes(attribute: AttributeDefinition): boolean {
  return (
    attribute.type === 'complex' &&
    !attribute.multiValued &&
    (attribute.subAttributes ?? []).some((sub) => sub.mutability === 'readOnly' || sub.mutability === 'immutable')
  );
}

function isGuarded(attribute: AttributeDefinition, requiredCounts: boolean): boolean {
  return (
    attribute.mutability === 'readOnly' ||
    attribute.mutability === 'immutable' ||
    (requiredCounts && attribute.required) ||
    guardsSubAttributes(attribute)
  );
}

const guardedByType = new WeakMap<ResourceTypeDefinition, ResolvedAttribute[]>();

/** The attributes of a resource type whose values the guard watches. */
function guardedAttributes(resourceType: ResourceTypeDefinition): ResolvedAttribute[] {
  const cached = guardedByType.get(resourceType);
  if (cached) return cached;
  const core = resourceType.schema.id;
  const list: ResolvedAttribute[] = [];
  for (const attribute of [...resourceType.schema.attributes, ...COMMON_ATTRIBUTES]) {
    if (isGuarded(attribute, true)) list.push({ schemaUrn: core, inExtension: false, attribute });
  }
  for (const extension of resourceType.extensions) {
    for (const attribute of extension.schema.attributes) {
      // A required attribute of an optional extension may go away with the extension.
      if (isGuarded(attribute, extension.required))
        list.push({ schemaUrn: extension.schema.id, inExtension: true, attribute });
    }
  }
  guardedByType.set(resourceType, list);
  return list;
}

/** The watched values of a resource before an operation (deep copies). */
export interface GuardSnapshot {
  entries: { resolved: ResolvedAttribute; value: unknown }[];
}

/** Records the values the guard compares after the operation. */
export function snapshotGuarded(resource: ScimResource, resourceType: ResourceTypeDefinition): GuardSnapshot {
  return {
    entries: guardedAttributes(resourceType).map((resolved) => ({
      resolved,
      value: structuredClone(readAttribute(resource, resolved)),
    })),
  };
}

function mutabilityError(where: string, detail: string): ScimError {
  return new ScimError(400, 'mutability', `${where}: ${detail}`);
}

function changeAllowed(mutability: AttributeDefinition['mutability'], before: unknown, after: unknown): boolean {
  if (jsonEqual(before, after)) return true;
  if (mutability === 'readOnly') return false;
  // RFC 7644 §3.5.2: a client MAY add a value to an immutable attribute that had none.
  if (mutability === 'immutable') return before === undefined;
  return true;
}

/**
 * Fails the operation with 400 `mutability` when it changed a read-only attribute, changed an
 * immutable one that had a value, or unassigned a required one (RFC 7644 §3.5.2, §3.5.2.2;
 * RFC 7643 §2.2). Sub-attributes of single-valued complex attributes are checked the same way.
 */
export function assertGuardsHold(snapshot: GuardSnapshot, resource: ScimResource, where: string): void {
  for (const { resolved, value: before } of snapshot.entries) {
    const { attribute } = resolved;
    const after = readAttribute(resource, resolved);
    if (!changeAllowed(attribute.mutability, before, after)) {
      throw mutabilityError(
        where,
        `"${attribute.name}" is ${attribute.mutability} and cannot be changed (RFC 7643 §2.2).`,
      );
    }
    if (attribute.required && before !== undefined && after === undefined) {
      throw mutabilityError(where, `"${attribute.name}" is required and cannot be removed (RFC 7644 §3.5.2.2).`);
    }
    if (guardsSubAttributes(attribute) && isJsonObject(before) && isJsonObject(after)) {
      for (const sub of attribute.subAttributes ?? []) {
        if (!changeAllowed(sub.mutability, readMember(before, sub.name), readMember(after, sub.name))) {
          throw mutabilityError(
            where,
            `"${attribute.name}.${sub.name}" is ${sub.mutability} and cannot be changed (RFC 7643 §2.2).`,
          );
        }
      }
    }
  }
}
