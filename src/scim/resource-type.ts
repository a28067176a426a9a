import { type AttributeDefinition, findAttributeDefinition, type SchemaDefinition } from './attribute-definition.js';
import { COMMON_ATTRIBUTES, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './core-schemas.js';

/** A ResourceType (RFC 7643 §6): an endpoint, its core schema and its extensions. */
export interface ResourceTypeDefinition {
  name: string;
  endpoint: string;
  description: string;
  schema: SchemaDefinition;
  extensions: { schema: SchemaDefinition; required: boolean }[];
}

export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  extensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
};

export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA,
  extensions: [],
};

/** An attribute reference as written in filters, PATCH paths and `attributes=` (RFC 7644 §3.10). */
export interface AttributeReference {
  /** Schema URN prefix when the name was written fully qualified, e.g. the enterprise URN. */
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

/** Where an attribute reference lands: its schema, its definitions, and its canonical spelling. */
export interface ResolvedAttribute {
  /** The schema URN that defines it (the core schema's for common attributes). */
  schemaUrn: string;
  /** True when the value lives under `resource[schemaUrn]` (an extension) rather than at the top level. */
  inExtension: boolean;
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
}

/**
 * Resolves an attribute reference against a resource type, case-insensitively
 * (RFC 7643 §2.1: attribute names and schema URNs are case-insensitive).
 * Returns undefined for an unknown attribute or sub-attribute.
 */
export function resolveAttribute(
  resourceType: ResourceTypeDefinition,
  reference: AttributeReference,
): ResolvedAttribute | undefined {
  const schemas = [resourceType.schema, ...resourceType.extensions.map((extension) => extension.schema)];
  let schema: SchemaDefinition | undefined;
  let attribute: AttributeDefinition | undefined;
  if (reference.schema !== undefined) {
    const urn = reference.schema.toLowerCase();
    schema = schemas.find((candidate) => candidate.id.toLowerCase() === urn);
    if (!schema) return undefined;
    attribute = findAttributeDefinition(schema.attributes, reference.attribute);
    if (!attribute && schema === resourceType.schema)
      attribute = findAttributeDefinition(COMMON_ATTRIBUTES, reference.attribute);
  } else {
    schema = resourceType.schema;
    attribute =
      findAttributeDefinition(schema.attributes, reference.attribute) ??
      findAttributeDefinition(COMMON_ATTRIBUTES, reference.attribute);
  }
  if (!schema || !attribute) return undefined;
  const resolved: ResolvedAttribute = {
    schemaUrn: schema.id,
    inExtension: schema !== resourceType.schema,
    attribute,
  };
  if (reference.subAttribute !== undefined) {
    const subAttribute = findAttributeDefinition(attribute.subAttributes, reference.subAttribute);
    if (!subAttribute) return undefined;
    resolved.subAttribute = subAttribute;
  }
  return resolved;
}

/** The extension of a resource type whose schema URN is `urn`, compared case-insensitively (RFC 7643 §2.1). */
export function findExtension(
  resourceType: ResourceTypeDefinition,
  urn: string,
): ResourceTypeDefinition['extensions'][number] | undefined {
  const lower = urn.toLowerCase();
  return resourceType.extensions.find((extension) => extension.schema.id.toLowerCase() === lower);
}

/** The schema URNs a resource type knows (core first), for matching URN-prefixed names. */
export function schemaUrnsOf(resourceType: ResourceTypeDefinition): string[] {
  return [resourceType.schema.id, ...resourceType.extensions.map((extension) => extension.schema.id)];
}
