import type { AttributeDefinition } from '../../attribute-definition.js';
import { deleteMember, isJsonObject, type JsonObject, readMember, writeMember } from '../attribute-access.js';
import { coerceComplexValue, coerceElement, coerceMultiValue, coerceSingleValue } from '../coerce.js';
import { assertElementEdit } from '../multi-valued.js';

/** How an operation changes a selected element: `add` merges, `replace` substitutes. */
export type ElementEditMode = 'add' | 'replace';

/** Coerces a value for a sub-attribute; undefined means "unassign it". */
export function coerceSubAttributeValue(subAttribute: AttributeDefinition, value: unknown, where: string): unknown {
  if (!subAttribute.multiValued) return coerceSingleValue(subAttribute, value, where);
  const elements = coerceMultiValue(subAttribute, value, where);
  return elements.length === 0 ? undefined : elements;
}

/** Copies `source`'s members onto a copy of `target`, under canonical names. */
export function mergeObjects(target: JsonObject, source: JsonObject): JsonObject {
  const merged: JsonObject = { ...target };
  for (const [key, value] of Object.entries(source)) writeMember(merged, key, value);
  return merged;
}

/**
 * The new value of one selected element of a multi-valued attribute.
 * With a sub-attribute (`emails[type eq "work"].value`) only that sub-attribute changes.
 * Without one, `add` merges the given sub-attributes into the element, and `replace`
 * substitutes the element (RFC 7644 §3.5.2.3: "all matching record values SHALL be
 * replaced"), keeping its read-only sub-attributes, which the client cannot set.
 */
function editElement(
  definition: AttributeDefinition,
  element: unknown,
  subAttribute: AttributeDefinition | undefined,
  value: unknown,
  mode: ElementEditMode,
  where: string,
): unknown {
  if (definition.type !== 'complex') return coerceElement(definition, value, where);
  const current: JsonObject = isJsonObject(element) ? element : {};
  if (subAttribute) {
    const edited: JsonObject = { ...current };
    const coerced = coerceSubAttributeValue(subAttribute, value, where);
    if (coerced === undefined) deleteMember(edited, subAttribute.name);
    else writeMember(edited, subAttribute.name, coerced);
    return edited;
  }
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const given = coerceComplexValue(definition, single, where);
  if (mode === 'add') return mergeObjects(current, given);
  const kept: JsonObject = {};
  for (const sub of definition.subAttributes ?? []) {
    const old = readMember(current, sub.name);
    if (sub.mutability === 'readOnly' && old !== undefined) kept[sub.name] = old;
  }
  return mergeObjects(kept, given);
}

/**
 * Edits the selected elements in place (`editElement` on each, checked against the
 * sub-attributes' mutability) and records the new elements in `written`, for
 * `enforceSinglePrimary`.
 */
export function editSelectedElements(
  definition: AttributeDefinition,
  elements: unknown[],
  indexes: readonly number[],
  subAttribute: AttributeDefinition | undefined,
  value: unknown,
  mode: ElementEditMode,
  where: string,
  written: Set<unknown>,
): void {
  for (const index of indexes) {
    const edited = editElement(definition, elements[index], subAttribute, value, mode, where);
    assertElementEdit(definition, elements[index], edited, where);
    elements[index] = edited;
    written.add(edited);
  }
}
