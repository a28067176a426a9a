import type { ScimResource } from '../../resource.js';
import { deleteMember, isJsonObject, type JsonObject, readAttribute, writeAttribute } from '../attribute-access.js';
import { coerceMultiValue } from '../coerce.js';
import { ElementIndex } from '../element-index.js';
import { assertElementEdit, elementsOf, selectElements } from '../multi-valued.js';
import type { PatchTarget } from '../patch-target.js';

function removeFromMultiValued(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  const { attribute } = target.resolved;
  const elements = elementsOf(readAttribute(resource, target.resolved));
  let remaining: unknown[];
  if (target.valueFilter === undefined && target.subAttribute === undefined) {
    if (value === undefined || value === null) {
      // RFC 7644 §3.5.2.2: no filter removes every value (Keycloak empties a group this way).
      remaining = [];
    } else {
      // Entra ID (default mode), authentik and JumpCloud remove members with
      // `path: "members"` plus a list of the members to drop (IDP-NOTES.md). Read literally,
      // RFC 7644 §3.5.2.2 would empty the whole group, which loses every other membership;
      // we deliberately remove only the listed values (SPEC-CHECKS INTEROP-REMOVE-MEMBER-BY-VALUE).
      const listed = coerceMultiValue(attribute, value, where);
      const index = new ElementIndex(attribute, elements);
      const named = new Set(listed.flatMap((probe) => index.holdersOf(probe)));
      remaining = elements.filter((element) => !named.has(element));
    }
  } else {
    const indexes = new Set(selectElements(elements, target));
    // A filter that matches nothing removes nothing and succeeds: the caller's intent (the
    // value is absent) already holds. RFC 7644 §3.5.2.2 does not require noTarget here, and
    // IdPs repeat member removals (SPEC-CHECKS PATCH-MEMBERS-REMOVE-ABSENT).
    const subAttribute = target.subAttribute;
    if (subAttribute === undefined) {
      remaining = elements.filter((_, index) => !indexes.has(index));
    } else {
      remaining = [];
      elements.forEach((element, index) => {
        if (!indexes.has(index) || !isJsonObject(element)) {
          remaining.push(element);
          return;
        }
        const edited: JsonObject = { ...element };
        deleteMember(edited, subAttribute.name);
        assertElementEdit(attribute, element, edited, where);
        // RFC 7644 §3.5.2.2: an element left with no sub-attributes is gone too.
        if (Object.keys(edited).length > 0) remaining.push(edited);
      });
    }
  }
  writeAttribute(resource, target.resolved, remaining.length === 0 ? undefined : remaining);
}

/**
 * The remove operation (RFC 7644 §3.5.2.2) on one target: unassigns an attribute or
 * sub-attribute, or drops the elements a value filter selects. Removing a required or
 * read-only attribute is caught afterwards by the mutability guard.
 */
export function applyRemove(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  if (target.resolved.attribute.multiValued) {
    removeFromMultiValued(resource, target, value, where);
    return;
  }
  const subAttribute = target.subAttribute;
  if (subAttribute === undefined) {
    writeAttribute(resource, target.resolved, undefined);
    return;
  }
  const stored = readAttribute(resource, target.resolved);
  if (!isJsonObject(stored)) return;
  const edited: JsonObject = { ...stored };
  deleteMember(edited, subAttribute.name);
  writeAttribute(resource, target.resolved, Object.keys(edited).length === 0 ? undefined : edited);
}
