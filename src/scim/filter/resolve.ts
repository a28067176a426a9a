import { type AttributeDefinition, attr, findAttributeDefinition } from '../attribute-definition.js';
import {
  type AttributeReference,
  type ResolvedAttribute,
  type ResourceTypeDefinition,
  resolveAttribute,
} from '../resource-type.js';

/**
 * `schemas` is on every resource (RFC 7643 §3) but in no schema's attribute list, and RFC 7644
 * §3.4.2.2 filters on it (`schemas eq "urn:…:enterprise:2.0:User"`). Schema URIs compare
 * case-insensitively (RFC 7643 §2.1), hence caseExact false.
 */
const SCHEMAS_ATTRIBUTE: AttributeDefinition = attr.reference('schemas', ['uri'], {
  multiValued: true,
  required: true,
  mutability: 'readOnly',
  returned: 'always',
  description: 'The schema URIs of the resource (RFC 7643 §3).',
});

/** resolveAttribute, plus the `schemas` attribute every resource has. */
export function resolveFilterAttribute(
  resourceType: ResourceTypeDefinition,
  reference: AttributeReference,
): ResolvedAttribute | undefined {
  const resolved = resolveAttribute(resourceType, reference);
  if (resolved) return resolved;
  const coreSchema =
    reference.schema === undefined || reference.schema.toLowerCase() === resourceType.schema.id.toLowerCase();
  if (coreSchema && reference.subAttribute === undefined && reference.attribute.toLowerCase() === 'schemas') {
    return { schemaUrn: resourceType.schema.id, inExtension: false, attribute: SCHEMAS_ATTRIBUTE };
  }
  return undefined;
}

/** Finds a sub-attribute definition by name, case-insensitively (RFC 7643 §2.1). */
export function findSubAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  return findAttributeDefinition(parent.subAttributes, name);
}

/**
 * The definition whose type and caseExact govern a comparison. A complex attribute named without
 * a sub-attribute (`emails co "example.com"`, RFC 7644 §3.4.2.2) is compared through its `value`
 * sub-attribute; a complex attribute without one (`name`) cannot be compared (undefined).
 */
export function comparedDefinition(resolved: ResolvedAttribute): AttributeDefinition | undefined {
  if (resolved.subAttribute) return resolved.subAttribute;
  if (resolved.attribute.type !== 'complex') return resolved.attribute;
  return findSubAttribute(resolved.attribute, 'value');
}
