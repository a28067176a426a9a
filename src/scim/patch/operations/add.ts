import type { ScimResource } from '../../resource.js';
import { ScimError } from '../../scim-error.js';
import { type JsonObject, readAttribute, writeAttribute, writeMember } from '../attribute-access.js';
import { coerceElement, coerceMultiValue } from '../coerce.js';
import { ElementIndex } from '../element-index.js';
import { elementFromFilter, elementsOf, enforceSinglePrimary, selectElements } from '../multi-valued.js';
import type { PatchTarget } from '../patch-target.js';
import { editSelectedElements, mergeObjects } from './element-edit.js';
import { writeSingleValued, writeSubAttribute } from './single-valued.js';

/**
 * The element a filtered or sub-attribute path names when no element matches yet: the
 * filter's `eq` comparisons plus the given value. Without a derivable element there is
 * nothing to add to, which is `noTarget` (RFC 7644 §3.12).
 */
function newElementFor(target: PatchTarget, value: unknown, where: string): unknown {
  const { attribute } = target.resolved;
  const base = target.valueFilter === undefined ? {} : elementFromFilter(target.valueFilter, attribute);
  if (base === undefined) {
    throw new ScimError(
      400,
      'noTarget',
      `${where}: no value of "${attribute.name}" matches "${target.path}", and the filter does not describe one to create.`,
    );
  }
  if (target.subAttribute) {
    const element: JsonObject = { ...base };
    writeMember(element, target.subAttribute.name, value);
    return coerceElement(attribute, element, where);
  }
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const given = coerceElement(attribute, single, where);
  return attribute.type === 'complex' ? mergeObjects(base, given as JsonObject) : given;
}

function addToMultiValued(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  const { attribute } = target.resolved;
  const elements = elementsOf(readAttribute(resource, target.resolved));
  const written = new Set<unknown>();
  if (target.valueFilter === undefined && target.subAttribute === undefined) {
    // RFC 7644 §3.5.2.1: new values are added; a value already present changes nothing
    // (a member is "present" when its `value` is, whatever `display` or `$ref` say). The
    // index answers "present?" without comparing with every element (element-index.ts).
    const present = new ElementIndex(attribute, elements);
    for (const element of coerceMultiValue(attribute, value, where)) {
      if (present.holds(element)) continue;
      elements.push(element);
      present.add(element);
      written.add(element);
    }
  } else {
    const indexes = selectElements(elements, target);
    if (indexes.length === 0) {
      const created = newElementFor(target, value, where);
      elements.push(created);
      written.add(created);
    }
    editSelectedElements(attribute, elements, indexes, target.subAttribute, value, 'add', where, written);
  }
  enforceSinglePrimary(elements, written, where);
  writeAttribute(resource, target.resolved, elements.length === 0 ? undefined : elements);
}

/**
 * The add operation (RFC 7644 §3.5.2.1) on one target: appends to multi-valued attributes,
 * replaces single-valued ones, merges into complex ones, and creates what does not exist.
 * A null value adds nothing.
 */
export function applyAdd(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  if (value === null) return;
  if (target.resolved.attribute.multiValued) addToMultiValued(resource, target, value, where);
  else if (target.subAttribute) writeSubAttribute(resource, target, value, where);
  else writeSingleValued(resource, target, value, where);
}
