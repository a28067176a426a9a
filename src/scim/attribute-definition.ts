/** Attribute characteristics (RFC 7643 §2.2, §7). */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute definition as published under `/Schemas` (RFC 7643 §7). */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** A Schema resource (RFC 7643 §7). */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'subAttributes'>>;

function define(
  name: string,
  type: AttributeType,
  options: Options = {},
  subAttributes?: AttributeDefinition[],
): AttributeDefinition {
  const attribute: AttributeDefinition = {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description: options.description ?? '',
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
  };
  if (options.canonicalValues) attribute.canonicalValues = options.canonicalValues;
  if (options.referenceTypes) attribute.referenceTypes = options.referenceTypes;
  if (subAttributes) attribute.subAttributes = subAttributes;
  return attribute;
}

/** Shorthands used by the core schema tables, so they read like RFC 7643 §8.7. */
export const attr = {
  string: (name: string, options?: Options) => define(name, 'string', options),
  boolean: (name: string, options?: Options) => define(name, 'boolean', options),
  integer: (name: string, options?: Options) => define(name, 'integer', options),
  dateTime: (name: string, options?: Options) => define(name, 'dateTime', options),
  reference: (name: string, referenceTypes: string[], options?: Options) =>
    define(name, 'reference', { ...options, referenceTypes }),
  complex: (name: string, subAttributes: AttributeDefinition[], options?: Options) =>
    define(name, 'complex', options, subAttributes),
};

/** The definition named `name`, matched case-insensitively (RFC 7643 §2.1). */
export function findAttributeDefinition(
  definitions: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return definitions?.find((definition) => definition.name.toLowerCase() === lower);
}
