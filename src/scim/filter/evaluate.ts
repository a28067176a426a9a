import type { ScimResource } from '../resource.js';
import type { ResolvedAttribute, ResourceTypeDefinition } from '../resource-type.js';
import type { FilterNode } from './ast.js';
import { hasValue, matchesComparison } from './compare.js';
import { asList, getProperty, isJsonObject, readLeafValues, readRawValue } from './read-values.js';
import { comparedDefinition, findSubAttribute, resolveFilterAttribute } from './resolve.js';

type LeafNode = Extract<FilterNode, { kind: 'compare' | 'present' | 'valuePath' }>;

/** Evaluates the logical structure; `leaf` decides attribute expressions in the current scope. */
function evaluate(node: FilterNode, leaf: (node: LeafNode) => boolean): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, leaf) && evaluate(node.right, leaf);
    case 'or':
      return evaluate(node.left, leaf) || evaluate(node.right, leaf);
    case 'not':
      return !evaluate(node.operand, leaf);
    default:
      return leaf(node);
  }
}

/**
 * Does a resource match a filter (RFC 7644 §3.4.2.2)? Unknown attributes simply do not match;
 * call validateFilter first to answer 400 invalidFilter instead.
 */
export function matchesFilter(
  resource: ScimResource,
  filter: FilterNode,
  resourceType: ResourceTypeDefinition,
): boolean {
  return evaluate(filter, (node) => {
    const resolved = resolveFilterAttribute(resourceType, node.attribute);
    if (!resolved) return false;
    if (node.kind === 'present') {
      return resolved.subAttribute
        ? readLeafValues(resource, resolved).some(hasValue)
        : hasValue(readRawValue(resource, resolved));
    }
    if (node.kind === 'compare') {
      const definition = comparedDefinition(resolved);
      return (
        definition !== undefined &&
        matchesComparison(readLeafValues(resource, resolved), definition, node.operator, node.value)
      );
    }
    if (resolved.subAttribute || resolved.attribute.type !== 'complex') return false;
    return asList(readRawValue(resource, resolved)).some(
      (element) => isJsonObject(element) && matchesValueFilter(element, node.filter, resolved),
    );
  });
}

/**
 * For PATCH value filters (RFC 7644 §3.5.2): does one element of a multi-valued complex attribute
 * match? Attribute references in `filter` name sub-attributes of `parent.attribute`.
 */
export function matchesValueFilter(
  element: Record<string, unknown>,
  filter: FilterNode,
  parent: ResolvedAttribute,
): boolean {
  return evaluate(filter, (node) => {
    if (node.kind === 'valuePath' || node.attribute.subAttribute !== undefined) return false;
    if (node.attribute.schema !== undefined && node.attribute.schema.toLowerCase() !== parent.schemaUrn.toLowerCase())
      return false;
    const subAttribute = findSubAttribute(parent.attribute, node.attribute.attribute);
    if (!subAttribute) return false;
    const value = getProperty(element, subAttribute.name);
    if (node.kind === 'present') return hasValue(value);
    return subAttribute.type !== 'complex' && matchesComparison(asList(value), subAttribute, node.operator, node.value);
  });
}
