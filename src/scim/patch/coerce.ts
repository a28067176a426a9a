import { type AttributeDefinition, findAttributeDefinition } from '../attribute-definition.js';
import { ScimError } from '../scim-error.js';
import { findKey, isJsonObject, type JsonObject } from './attribute-access.js';

// Turns a client-supplied PATCH value into the stored form for an attribute definition:
// it checks the JSON type (RFC 7643 §2.3), canonicalises sub-attribute names, and accepts
// the shapes real IdPs send (IDP-NOTES.md). Every object and array it returns is new, so
// nothing from the request is aliased into the patched resource.

function invalidValue(where: string, detail: string): ScimError {
  return new ScimError(400, 'invalidValue', `${where}: ${detail}`);
}

/** xsd:dateTime as RFC 7643 §2.3.5 requires, e.g. 2011-05-13T04:42:34Z. */
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Checks and normalises a value for a simple (non-complex) attribute. */
function coerceSimpleValue(definition: AttributeDefinition, value: unknown, where: string): unknown {
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Entra ID's default mode and Keycloak's patch mode send "True"/"False" strings
      // (IDP-NOTES.md; Microsoft's SCIM known-issues page), so they are accepted here.
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw invalidValue(where, `"${definition.name}" is a boolean (RFC 7643 §2.3.2).`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw invalidValue(where, `"${definition.name}" is an integer (RFC 7643 §2.3.4).`);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw invalidValue(where, `"${definition.name}" is a decimal (RFC 7643 §2.3.3).`);
    case 'dateTime':
      if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
      throw invalidValue(where, `"${definition.name}" is an xsd:dateTime string (RFC 7643 §2.3.5).`);
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value === 'string') return value;
      throw invalidValue(
        where,
        `"${definition.name}" is a ${definition.type} and takes a JSON string (RFC 7643 §2.3).`,
      );
    case 'complex':
      return coerceComplexValue(definition, value, where);
  }
}

/**
 * Checks a complex value: an object whose members are known sub-attributes. Members that
 * are null are dropped (Entra sends `"$ref": null`; RFC 7643 §2.5 makes null unassigned).
 * Read-only sub-attributes (`members.display`, `manager.displayName`) are dropped when the
 * parent itself is writable, as a service provider ignores read-only values it is sent
 * (RFC 7643 §2.2; RFC 7644 §3.3); Okta sends `display` with every member it adds.
 */
export function coerceComplexValue(definition: AttributeDefinition, value: unknown, where: string): JsonObject {
  if (!isJsonObject(value))
    throw invalidValue(
      where,
      `"${definition.name}" is complex and takes an object of sub-attributes (RFC 7643 §2.3.8).`,
    );
  const result: JsonObject = {};
  const subAttributes = definition.subAttributes ?? [];
  for (const [key, subValue] of Object.entries(value)) {
    const subAttribute = findAttributeDefinition(subAttributes, key);
    if (!subAttribute) throw invalidValue(where, `"${key}" is not a sub-attribute of "${definition.name}".`);
    if (subValue === null || subValue === undefined) continue;
    if (subAttribute.mutability === 'readOnly' && definition.mutability !== 'readOnly') continue;
    const existing = findKey(result, subAttribute.name);
    if (existing !== undefined)
      throw invalidValue(where, `"${subAttribute.name}" appears twice in one "${definition.name}" value.`);
    result[subAttribute.name] = subAttribute.multiValued
      ? coerceMultiValue(subAttribute, subValue, where)
      : coerceSimpleValue(subAttribute, subValue, where);
  }
  return result;
}

/** Checks one element of a multi-valued attribute. */
export function coerceElement(definition: AttributeDefinition, value: unknown, where: string): unknown {
  if (Array.isArray(value)) throw invalidValue(where, `an element of "${definition.name}" cannot itself be an array.`);
  return coerceSimpleValue(definition, value, where);
}

/**
 * Checks a value for a multi-valued attribute. A single object or value where an array is
 * expected is wrapped (liberal acceptance of IdP shapes); null elements are dropped; null
 * for the whole attribute is an empty list (unassigned, RFC 7643 §2.5).
 */
export function coerceMultiValue(definition: AttributeDefinition, value: unknown, where: string): unknown[] {
  if (value === null) return [];
  const elements = Array.isArray(value) ? value : [value];
  return elements.filter((element) => element !== null).map((element) => coerceElement(definition, element, where));
}

function isEmptyComplex(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.every((entry) => entry === '' || entry === null);
}

/**
 * Checks a value for a single-valued attribute; null (and "" or all-empty sub-attributes for a complex one) means unassign and yields undefined.
 * A one-element array for a single-valued complex attribute is unwrapped: Entra sets the
 * enterprise `manager` with `value: [{"$ref": null, "value": "id"}]` (IDP-NOTES.md, Entra).
 */
export function coerceSingleValue(definition: AttributeDefinition, value: unknown, where: string): unknown {
  if (value === null) return undefined;
  // An empty string for a complex attribute can only mean "none": the Entra gallery validator
  // removes the manager with a replace whose value is "" (SCIM-Validation-Test-Overview.md,
  // SCIM_Update_Manager_Test), and a string is never a valid complex value anyway.
  if (value === '' && definition.type === 'complex') return undefined;
  // Likewise a complex value whose sub-attributes are all empty: the validator's recorded "Remove
  // Manager" sends {"value": ""} (kayasax/SCIMTool report, 2026-02-10). Stored, it would be a
  // manager whose id is "", which DT-UNASSIGNED rightly flags.
  if (definition.type === 'complex' && isEmptyComplex(value)) return undefined;
  if (Array.isArray(value)) {
    if (definition.type === 'complex' && value.length === 1) return coerceSingleValue(definition, value[0], where);
    throw invalidValue(where, `"${definition.name}" is single-valued and takes no array.`);
  }
  return coerceSimpleValue(definition, value, where);
}
