import { type AttributeDefinition, findAttributeDefinition } from '../scim/attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../scim/core-schemas.js';
import { getProperty } from '../scim/filter/index.js';
import type { ScimResource } from '../scim/resource.js';
import { findExtension, type ResourceTypeDefinition } from '../scim/resource-type.js';
import { ScimError } from '../scim/scim-error.js';
import { isSchemaUrn, listsSchema } from '../scim/urns.js';

/**
 * Why the input is being normalised: a client body for POST or PUT, or the result of
 * applying a PATCH to the stored resource (where a missing required attribute means the
 * PATCH removed it, which RFC 7644 §3.5.2.2 answers with `mutability`).
 */
export type InputMode = 'create' | 'replace' | 'patch';

function invalidValue(path: string, expected: string): ScimError {
  return new ScimError(400, 'invalidValue', `Attribute "${path}" must be ${expected}.`);
}

const BASE64 = /^[A-Za-z0-9+/_\-\s]*={0,2}$/;

/** Converts one scalar to the attribute's type, or throws `invalidValue` (RFC 7643 §2.3). */
function normalizeScalar(definition: AttributeDefinition, value: unknown, path: string): unknown {
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Entra ID sends "True"/"False" strings (INTEROP-BOOLEAN-STRINGS); anything else is a type error.
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
      throw invalidValue(path, 'a boolean');
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw invalidValue(path, 'an integer');
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw invalidValue(path, 'a number');
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw invalidValue(path, 'an xsd:dateTime string');
    case 'binary':
      if (typeof value === 'string' && BASE64.test(value)) return value;
      throw invalidValue(path, 'a base64 string');
    case 'complex':
      throw invalidValue(path, 'an object');
    default:
      if (typeof value === 'string') return value;
      // Numbers for string attributes (employee numbers, phone numbers) are common in IdP
      // mappings; keeping their text loses nothing.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw invalidValue(path, 'a string');
  }
}

function normalizeComplex(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidValue(path, 'an object');
  const result: Record<string, unknown> = {};
  for (const [key, subValue] of Object.entries(value)) {
    const sub = findAttributeDefinition(definition.subAttributes ?? [], key);
    // Unknown and read-only sub-attributes are dropped, not refused (RFC 7644 §3.3: the
    // provider may ignore what it does not keep; `display` of members is recomputed).
    if (!sub || sub.mutability === 'readOnly' || subValue === null || subValue === undefined) continue;
    const normalized = normalizeAttribute(sub, subValue, `${path}.${sub.name}`);
    if (normalized !== undefined) result[sub.name] = normalized;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Normalises one attribute value; undefined means "unassigned" (null, `[]`, `{}`). */
function normalizeAttribute(definition: AttributeDefinition, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (definition.multiValued) {
    if (!Array.isArray(value)) throw invalidValue(path, 'an array');
    const elements = value
      .filter((element) => element !== null && element !== undefined)
      .map((element, index) =>
        definition.type === 'complex'
          ? normalizeComplex(definition, element, `${path}[${index}]`)
          : normalizeScalar(definition, element, `${path}[${index}]`),
      )
      .filter((element) => element !== undefined);
    if (elements.length === 0) return undefined;
    return definition.type === 'complex' ? keepOnePrimary(elements as Record<string, unknown>[]) : elements;
  }
  if (definition.type === 'complex') return normalizeComplex(definition, value, path);
  return normalizeScalar(definition, value, path);
}

/**
 * RFC 7643 §2.4: `primary: true` appears at most once. When a body (or a PATCH that appended
 * a new primary value) marks several, the last one wins, which is the one most recently added.
 */
function keepOnePrimary(elements: Record<string, unknown>[]): Record<string, unknown>[] {
  const primaries = elements.filter((element) => element.primary === true);
  if (primaries.length <= 1) return elements;
  const winner = primaries[primaries.length - 1];
  return elements.map((element) =>
    element.primary === true && element !== winner ? { ...element, primary: false } : element,
  );
}

function normalizeAttributes(
  source: Record<string, unknown>,
  definitions: readonly AttributeDefinition[],
  target: Record<string, unknown>,
  prefix: string,
): void {
  for (const [key, value] of Object.entries(source)) {
    const definition = findAttributeDefinition(definitions, key);
    // Read-only attributes (id, meta, groups) are ignored without error so GET-modify-PUT
    // round trips work (RFC 7644 §3.1, §3.5.1); unknown attributes are dropped.
    if (!definition || definition.mutability === 'readOnly') continue;
    const normalized = normalizeAttribute(definition, value, `${prefix}${definition.name}`);
    if (normalized !== undefined) target[definition.name] = normalized;
  }
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Turns a client body (or a patched resource) into the store's canonical form: attribute names
 * spelled as the schema spells them (names are case-insensitive, RFC 7643 §2.1), values type-checked
 * (`invalidValue` otherwise), unassigned values removed, read-only and unknown attributes dropped,
 * extension attributes kept under their URN, and `schemas` rebuilt from what is present.
 * `id` and `meta` are not part of the result: the service sets them.
 */
export function normalizeResourceInput(
  body: Record<string, unknown>,
  resourceType: ResourceTypeDefinition,
  mode: InputMode,
): ScimResource {
  const coreUrn = resourceType.schema.id;
  if (mode !== 'patch') {
    const schemas = getProperty(body, 'schemas');
    // RFC 7643 §3: `schemas` is REQUIRED and names the resource's core schema.
    if (!listsSchema(schemas, coreUrn)) {
      throw new ScimError(400, 'invalidSyntax', `The "schemas" attribute must be an array that contains "${coreUrn}".`);
    }
  }
  const core: Record<string, unknown> = {};
  const extensions: Record<string, Record<string, unknown>> = {};
  const coreDefinitions = [...resourceType.schema.attributes, ...COMMON_ATTRIBUTES];
  // Keys are client text: without a prototype, `__proto__` is an ordinary (unknown, dropped) key.
  const plain = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') continue;
    if (isSchemaUrn(key)) {
      const extension = findExtension(resourceType, key);
      if (!extension || value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) throw invalidValue(extension.schema.id, 'an object');
      const target = extensions[extension.schema.id] ?? {};
      normalizeAttributes(
        value as Record<string, unknown>,
        extension.schema.attributes,
        target,
        `${extension.schema.id}:`,
      );
      if (Object.keys(target).length > 0) extensions[extension.schema.id] = target;
      continue;
    }
    plain[key] = value;
  }
  normalizeAttributes(plain, coreDefinitions, core, '');
  for (const definition of resourceType.schema.attributes) {
    if (definition.required && definition.mutability !== 'readOnly' && isEmptyValue(core[definition.name])) {
      if (mode === 'patch')
        throw new ScimError(400, 'mutability', `Required attribute "${definition.name}" cannot be removed.`);
      throw new ScimError(400, 'invalidValue', `Required attribute "${definition.name}" is missing or empty.`);
    }
  }
  const schemas = [coreUrn, ...Object.keys(extensions)];
  for (const extension of resourceType.extensions) {
    if (extension.required && !extensions[extension.schema.id]) {
      throw new ScimError(400, 'invalidValue', `Required extension "${extension.schema.id}" is missing.`);
    }
  }
  return { schemas, ...core, ...extensions };
}
