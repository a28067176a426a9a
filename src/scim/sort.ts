import type { AttributeDefinition } from './attribute-definition.js';
import type { ScimResource } from './resource.js';
import { type AttributeReference, type ResourceTypeDefinition, resolveAttribute } from './resource-type.js';

/** `sortOrder` of RFC 7644 §3.4.2.3; anything but `descending` (any case) is ascending. */
export type SortOrder = 'ascending' | 'descending';

export function readSortOrder(value: unknown): SortOrder {
  return typeof value === 'string' && value.toLowerCase() === 'descending' ? 'descending' : 'ascending';
}

type SortKey = string | number | boolean | undefined;

/** The value to sort by: multi-valued attributes use the primary value, else the first (RFC 7644 §3.4.2.3). */
function pickValue(
  value: unknown,
  attribute: AttributeDefinition,
  subAttribute: AttributeDefinition | undefined,
): unknown {
  let current = value;
  if (attribute.multiValued) {
    if (!Array.isArray(current) || current.length === 0) return undefined;
    const primary = current.find(
      (element) =>
        element !== null && typeof element === 'object' && (element as Record<string, unknown>).primary === true,
    );
    current = primary ?? current[0];
  }
  if (attribute.type === 'complex') {
    if (current === null || typeof current !== 'object') return undefined;
    const record = current as Record<string, unknown>;
    const name = subAttribute?.name ?? (attribute.multiValued ? 'value' : undefined);
    if (name === undefined) return undefined;
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : record[key];
  }
  return current;
}

function toSortKey(value: unknown, definition: AttributeDefinition): SortKey {
  if (value === null || value === undefined || value === '') return undefined;
  switch (definition.type) {
    case 'dateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(time) ? String(value) : time;
    }
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true;
    default:
      // caseExact:false strings order without regard to case (RFC 7644 §3.4.2.3 refers to the
      // attribute's comparison rules).
      return definition.caseExact ? String(value) : String(value).toLowerCase();
  }
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Reads the sort key of a resource, or undefined when it has no value (or the attribute is
 * unknown to its type, which RFC 7644 §3.4.2.3 treats like a missing value).
 */
export function sortKeyOf(
  resource: ScimResource,
  resourceType: ResourceTypeDefinition,
  reference: AttributeReference,
): SortKey {
  const resolved = resolveAttribute(resourceType, reference);
  if (!resolved) return undefined;
  const container = resolved.inExtension ? resource[resolved.schemaUrn] : resource;
  if (container === null || typeof container !== 'object') return undefined;
  const raw = (container as Record<string, unknown>)[resolved.attribute.name];
  const value = pickValue(raw, resolved.attribute, resolved.subAttribute);
  return toSortKey(
    value,
    resolved.subAttribute ??
      (resolved.attribute.type === 'complex'
        ? (resolved.attribute.subAttributes?.find((sub) => sub.name === 'value') ?? resolved.attribute)
        : resolved.attribute),
  );
}

/**
 * Sorts resources by one attribute (RFC 7644 §3.4.2.3). Resources without a value sort last
 * when ascending and first when descending, i.e. descending is the exact reverse. The sort is
 * stable, so ties keep their incoming order.
 */
export function sortResources<T>(items: readonly T[], keyOf: (item: T) => SortKey, order: SortOrder): T[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((left, right) => {
    const comparison = compareKeys(left.key, right.key);
    return order === 'descending' ? -comparison : comparison;
  });
  return keyed.map((entry) => entry.item);
}
