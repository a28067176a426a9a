import { type AttributeDefinition, findAttributeDefinition } from '../attribute-definition.js';
import { isJsonObject, readMember } from './attribute-access.js';

/** Structural JSON equality, used to decide whether an operation changed anything. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Equality of two simple values under an attribute's `caseExact` (RFC 7643 §2.2). */
function simpleValuesEqual(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && !definition.caseExact)
    return a.toLowerCase() === b.toLowerCase();
  return jsonEqual(a, b);
}

/**
 * True when a complex multi-valued attribute identifies its elements by `value` alone:
 * Group `members`, whose `value` is the member's immutable id (RFC 7643 §4.2).
 */
export function identifiedByValue(definition: AttributeDefinition): boolean {
  const value = definition.subAttributes?.find((sub) => sub.name === 'value');
  return value?.mutability === 'immutable';
}

/**
 * True when `element` (stored) already holds `probe` (sent by a client): for members the
 * same `value`; otherwise every sub-attribute of the probe is present with an equal value.
 * This decides "already present" for add (RFC 7644 §3.5.2.1) and which elements Entra's
 * `remove` with a value list means.
 */
export function elementHolds(definition: AttributeDefinition, element: unknown, probe: unknown): boolean {
  if (definition.type !== 'complex') return simpleValuesEqual(definition, element, probe);
  if (!isJsonObject(element) || !isJsonObject(probe)) return false;
  const subAttributes = definition.subAttributes ?? [];
  const valueDefinition = subAttributes.find((sub) => sub.name === 'value');
  if (valueDefinition && identifiedByValue(definition) && readMember(probe, 'value') !== undefined) {
    return simpleValuesEqual(valueDefinition, readMember(element, 'value'), readMember(probe, 'value'));
  }
  const probeKeys = Object.keys(probe).filter((key) => probe[key] !== undefined && probe[key] !== null);
  if (probeKeys.length === 0) return false;
  return probeKeys.every((key) => {
    const subAttribute = findAttributeDefinition(subAttributes, key);
    const stored = readMember(element, key);
    return subAttribute ? simpleValuesEqual(subAttribute, stored, probe[key]) : jsonEqual(stored, probe[key]);
  });
}
