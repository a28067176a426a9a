import type { AttributeDefinition } from '../attribute-definition.js';
import type { ScimResource } from '../resource.js';
import type { AttributeReference, ResolvedAttribute, ResourceTypeDefinition } from '../resource-type.js';
import { findSubAttribute, resolveFilterAttribute } from './resolve.js';

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `object[name]`, ignoring case: clients may store `UserName` or `emails[0].Value`,
 * and attribute names are case-insensitive (RFC 7643 §2.1). An exact match wins.
 */
export function getProperty(object: unknown, name: string): unknown {
  if (!isJsonObject(object)) return undefined;
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return object[key];
  }
  return undefined;
}

/** A value as a list: arrays as they are, absent values as empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The attribute's own value, from the top level or from its extension's object. */
export function readRawValue(resource: ScimResource, resolved: ResolvedAttribute): unknown {
  const container = resolved.inExtension ? getProperty(resource, resolved.schemaUrn) : resource;
  return getProperty(container, resolved.attribute.name);
}

/**
 * Multi-valued elements with the `primary` one first: RFC 7644 §3.4.2.3 sorts a multi-valued
 * attribute by its primary value, else its first value.
 */
function primaryFirst(elements: unknown[]): unknown[] {
  const primary = elements.filter((element) => getProperty(element, 'primary') === true);
  if (primary.length === 0) return elements;
  return [...primary, ...elements.filter((element) => !primary.includes(element))];
}

function leafValuesOf(elements: unknown[], subAttribute: AttributeDefinition): unknown[] {
  return primaryFirst(elements).flatMap((element) => asList(getProperty(element, subAttribute.name)));
}

/**
 * The leaf values a resolved reference denotes, flattened, nulls dropped. A complex attribute
 * named without a sub-attribute yields its elements' `value`s when it has that sub-attribute
 * (RFC 7644 §3.4.2.2), else the complex values themselves.
 */
export function readLeafValues(resource: ScimResource, resolved: ResolvedAttribute): unknown[] {
  const elements = asList(readRawValue(resource, resolved));
  let leaves: unknown[];
  if (resolved.subAttribute) {
    leaves = leafValuesOf(elements, resolved.subAttribute);
  } else if (resolved.attribute.type === 'complex') {
    const value = findSubAttribute(resolved.attribute, 'value');
    leaves = value ? leafValuesOf(elements, value) : elements;
  } else {
    leaves = elements;
  }
  return leaves.filter((leaf) => leaf !== null && leaf !== undefined);
}

/**
 * Reads the value(s) an attribute reference denotes in a resource: core attributes at the top
 * level, extension attributes under `resource[urn]`, keys matched case-insensitively. Always an
 * array of leaf values (multi-valued attributes flattened, the primary element first).
 * An unknown attribute is read by its literal names, so callers can still sort on it.
 */
export function readAttributeValues(
  resource: ScimResource,
  reference: AttributeReference,
  resourceType: ResourceTypeDefinition,
): unknown[] {
  const resolved = resolveFilterAttribute(resourceType, reference);
  if (resolved) return readLeafValues(resource, resolved);
  const inCore =
    reference.schema === undefined || reference.schema.toLowerCase() === resourceType.schema.id.toLowerCase();
  const container = inCore ? resource : getProperty(resource, reference.schema as string);
  const elements = primaryFirst(asList(getProperty(container, reference.attribute)));
  const subAttribute = reference.subAttribute;
  const leaves =
    subAttribute === undefined ? elements : elements.flatMap((element) => asList(getProperty(element, subAttribute)));
  return leaves.filter((leaf) => leaf !== null && leaf !== undefined);
}
