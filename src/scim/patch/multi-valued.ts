import { type AttributeDefinition, findAttributeDefinition } from '../attribute-definition.js';
import { type FilterNode, matchesValueFilter } from '../filter/index.js';
import type { ResolvedAttribute } from '../resource-type.js';
import { ScimError } from '../scim-error.js';
import { isJsonObject, type JsonObject, readMember, writeMember } from './attribute-access.js';
import type { PatchTarget } from './patch-target.js';
import { jsonEqual } from './value-equality.js';

/** The stored elements of a multi-valued attribute; a lone stored value counts as one element. */
export function elementsOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...value] : [value];
}

const valueViews = new WeakMap<AttributeDefinition, AttributeDefinition>();

/**
 * The attribute a value filter is evaluated against. A simple multi-valued attribute is
 * filtered on `value` (RFC 7644 §3.4.2.2), so it is viewed as a complex attribute whose one
 * sub-attribute `value` has the attribute's own type and caseExact.
 */
function filterParent(target: PatchTarget): ResolvedAttribute {
  const { attribute } = target.resolved;
  if (attribute.type === 'complex') return target.resolved;
  let view = valueViews.get(attribute);
  if (!view) {
    view = { ...attribute, type: 'complex', subAttributes: [{ ...attribute, name: 'value', multiValued: false }] };
    valueViews.set(attribute, view);
  }
  return { ...target.resolved, attribute: view };
}

function matches(element: unknown, target: PatchTarget, filter: FilterNode): boolean {
  // Primitive elements of a simple multi-valued attribute are presented as `{ value }`.
  const subject = isJsonObject(element) ? element : { value: element };
  try {
    return matchesValueFilter(subject, filter, filterParent(target));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw Object.assign(new ScimError(400, 'invalidPath', `Invalid path "${target.path}": ${detail}`), {
      cause: error,
    });
  }
}

/** Indexes of the elements a target selects: those matching its value filter, or all of them. */
export function selectElements(elements: readonly unknown[], target: PatchTarget): number[] {
  const indexes: number[] = [];
  const filter = target.valueFilter;
  elements.forEach((element, index) => {
    if (filter === undefined || matches(element, target, filter)) indexes.push(index);
  });
  return indexes;
}

/**
 * The element a value filter describes, when it is a conjunction of `eq` comparisons on
 * sub-attributes (`emails[type eq "work"]` → `{type: "work"}`); otherwise undefined.
 * Used by `add` to create the element a filtered path names when none exists yet: Entra ID
 * adds `emails[type eq "work"].value` to users without a work email (SPEC-CHECKS
 * INTEROP-ADD-VALUEPATH-CREATES; RFC 7644 §3.5.2.1 leaves this case open).
 */
export function elementFromFilter(filter: FilterNode, definition: AttributeDefinition): JsonObject | undefined {
  const element: JsonObject = {};
  const collect = (node: FilterNode): boolean => {
    if (node.kind === 'and') return collect(node.left) && collect(node.right);
    if (node.kind !== 'compare' || node.operator !== 'eq' || node.value === null) return false;
    if (node.attribute.schema !== undefined || node.attribute.subAttribute !== undefined) return false;
    const subAttribute = findAttributeDefinition(definition.subAttributes, node.attribute.attribute);
    if (!subAttribute) return false;
    const existing = readMember(element, subAttribute.name);
    if (existing !== undefined && !jsonEqual(existing, node.value)) return false;
    writeMember(element, subAttribute.name, node.value);
    return true;
  };
  return collect(filter) ? element : undefined;
}

/**
 * RFC 7644 §3.5.2 and RFC 7643 §2.4: a PATCH that sets one element's `primary` to true makes
 * the server set `primary` to false on the others, and at most one value may be primary.
 * `written` holds the elements the operation put in place. Only elements that were primary
 * are switched to false; the others keep an unassigned `primary`, which means the same.
 */
export function enforceSinglePrimary(elements: readonly unknown[], written: ReadonlySet<unknown>, where: string): void {
  const newPrimaries = elements.filter(
    (element) => written.has(element) && isJsonObject(element) && readMember(element, 'primary') === true,
  );
  if (newPrimaries.length > 1) {
    throw new ScimError(400, 'invalidValue', `${where}: at most one value may have "primary": true (RFC 7643 §2.4).`);
  }
  if (newPrimaries.length === 0) return;
  for (const element of elements) {
    if (isJsonObject(element) && !newPrimaries.includes(element) && readMember(element, 'primary') === true) {
      writeMember(element, 'primary', false);
    }
  }
}

/**
 * Checks an in-place change to one element of a multi-valued complex attribute against the
 * sub-attributes' mutability (RFC 7644 §3.5.2, RFC 7643 §2.2): a read-only sub-attribute may
 * not change, an immutable one may only be set while it has no value.
 */
export function assertElementEdit(
  definition: AttributeDefinition,
  before: unknown,
  after: unknown,
  where: string,
): void {
  if (!isJsonObject(before) || !isJsonObject(after)) return;
  for (const subAttribute of definition.subAttributes ?? []) {
    if (subAttribute.mutability !== 'readOnly' && subAttribute.mutability !== 'immutable') continue;
    const old = readMember(before, subAttribute.name);
    const next = readMember(after, subAttribute.name);
    if (jsonEqual(old, next)) continue;
    if (subAttribute.mutability === 'immutable' && old === undefined) continue;
    throw new ScimError(
      400,
      'mutability',
      `${where}: "${definition.name}.${subAttribute.name}" is ${subAttribute.mutability} (RFC 7643 §2.2).`,
    );
  }
}
