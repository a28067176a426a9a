import type { AttributeDefinition } from '../attribute-definition.js';
import type { AttributeReference, ResolvedAttribute, ResourceTypeDefinition } from '../resource-type.js';
import { ScimError } from '../scim-error.js';
import {
  type CompareOperator,
  type FilterNode,
  type FilterValue,
  ORDERING_OPERATORS,
  SUBSTRING_OPERATORS,
} from './ast.js';
import { formatAttributeReference } from './attribute-reference.js';
import { toComparable } from './compare.js';
import { comparedDefinition, findSubAttribute, resolveFilterAttribute } from './resolve.js';

function invalid(detail: string): ScimError {
  return new ScimError(400, 'invalidFilter', `Invalid filter: ${detail}`);
}

/** Checks that `operator value` makes sense for the attribute (RFC 7644 §3.4.2.2). */
function checkComparison(
  definition: AttributeDefinition,
  name: string,
  operator: CompareOperator,
  value: FilterValue,
): void {
  const type = definition.type;
  if (ORDERING_OPERATORS.has(operator) && (type === 'boolean' || type === 'binary')) {
    // "Boolean and Binary attributes SHALL cause a failed response ... invalidFilter" (RFC 7644 §3.4.2.2).
    throw invalid(`"${operator}" cannot be used on "${name}", which is ${type}`);
  }
  if (SUBSTRING_OPERATORS.has(operator) && type !== 'string' && type !== 'reference') {
    throw invalid(`"${operator}" compares strings, but "${name}" is ${type}`);
  }
  if (value === null) {
    if (operator !== 'eq' && operator !== 'ne')
      throw invalid(`"${operator} null" is meaningless; use "${name} pr" or "not (${name} pr)"`);
    return;
  }
  const comparable = toComparable(value, definition);
  const textual = type === 'dateTime' && comparable?.kind === 'string';
  if (!comparable || textual) {
    const wanted =
      type === 'dateTime'
        ? 'a dateTime string such as "2011-05-13T04:42:34Z"'
        : type === 'integer' || type === 'decimal'
          ? 'a number'
          : type === 'boolean'
            ? 'true or false'
            : 'a quoted string';
    throw invalid(`"${name}" is ${type}, so its comparison value must be ${wanted}, not ${JSON.stringify(value)}`);
  }
}

function checkNode(
  node: FilterNode,
  leaf: (node: Extract<FilterNode, { kind: 'compare' | 'present' | 'valuePath' }>) => void,
): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      checkNode(node.left, leaf);
      checkNode(node.right, leaf);
      return;
    case 'not':
      checkNode(node.operand, leaf);
      return;
    default:
      leaf(node);
  }
}

function checkValueFilter(filter: FilterNode, parent: ResolvedAttribute, parentName: string): void {
  checkNode(filter, (node) => {
    if (node.kind === 'valuePath') throw invalid(`value filters cannot be nested inside "${parentName}[…]"`);
    const reference: AttributeReference = node.attribute;
    const name = formatAttributeReference(reference);
    const subAttribute =
      reference.subAttribute === undefined && reference.schema === undefined
        ? findSubAttribute(parent.attribute, reference.attribute)
        : undefined;
    if (!subAttribute) throw invalid(`"${name}" is not a sub-attribute of "${parentName}"`);
    if (node.kind === 'compare')
      checkComparison(subAttribute, `${parentName}.${subAttribute.name}`, node.operator, node.value);
  });
}

/**
 * Rejects filters a server must refuse with 400 invalidFilter (RFC 7644 §3.4.2.2, §3.12): unknown
 * attributes, comparisons on complex attributes without a `value`, ordering on boolean or binary,
 * substring operators on non-strings, and comparison values of the wrong type.
 */
export function validateFilter(filter: FilterNode, resourceType: ResourceTypeDefinition): void {
  checkNode(filter, (node) => {
    const name = formatAttributeReference(node.attribute);
    const resolved = resolveFilterAttribute(resourceType, node.attribute);
    if (!resolved) throw invalid(`unknown attribute "${name}" for resource type ${resourceType.name}`);
    if (node.kind === 'present') return;
    if (node.kind === 'valuePath') {
      if (resolved.subAttribute || resolved.attribute.type !== 'complex') {
        throw invalid(`a value filter needs a complex attribute, and "${name}" is not one`);
      }
      checkValueFilter(node.filter, resolved, resolved.attribute.name);
      return;
    }
    const definition = comparedDefinition(resolved);
    if (!definition) {
      throw invalid(
        `"${name}" is a complex attribute; compare one of its sub-attributes instead, e.g. "${resolved.attribute.name}.${resolved.attribute.subAttributes?.[0]?.name ?? 'value'}"`,
      );
    }
    checkComparison(definition, name, node.operator, node.value);
  });
}
