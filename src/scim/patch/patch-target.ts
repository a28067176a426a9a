import { type AttributeDefinition, findAttributeDefinition } from '../attribute-definition.js';
import { type FilterNode, parsePatchPath, validateFilter } from '../filter/index.js';
import type { AttributeReference, ResolvedAttribute, ResourceTypeDefinition } from '../resource-type.js';
import { resolveAttribute } from '../resource-type.js';
import { ScimError } from '../scim-error.js';

/**
 * Where a PATCH operation lands (RFC 7644 §3.5.2 `path`): an attribute, optionally a value
 * filter selecting elements of a multi-valued attribute, optionally a sub-attribute — either
 * of the attribute itself (`name.familyName`) or of the selected elements (`emails[...].value`).
 */
export interface PatchTarget {
  /** The path as the client wrote it, for error details. */
  path: string;
  /** The attribute (its `subAttribute` is left unset; see `subAttribute` below). */
  resolved: ResolvedAttribute;
  valueFilter?: FilterNode;
  subAttribute?: AttributeDefinition;
}

function invalidPath(path: string, detail: string): ScimError {
  return new ScimError(400, 'invalidPath', `Invalid path "${path}": ${detail}`);
}

/**
 * Rejects a value filter naming unknown sub-attributes or comparing with values of the wrong
 * type. The filter module reports `invalidFilter`; for a PATCH path RFC 7644 §3.12 expects
 * `invalidPath` (SPEC-CHECKS PATCH-INVALID-PATH), so the error is re-labelled.
 */
function checkValueFilter(
  path: string,
  filter: FilterNode,
  attribute: AttributeReference,
  resourceType: ResourceTypeDefinition,
): void {
  try {
    validateFilter({ kind: 'valuePath', attribute, filter }, resourceType);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw Object.assign(invalidPath(path, detail), { cause: error });
  }
}

/**
 * An attribute named without a schema URN. RFC 7644 §3.10 reads an unqualified name as the core
 * schema's ("If the URN is omitted, the attribute name is assumed to be the core schema"), so a
 * name only an extension defines is strictly unknown. Entra relies on the lenient reading: its
 * provisioning tutorial ("Develop a SCIM endpoint", Example 5, "Update a user") sets the
 * enterprise `manager` with the bare path `manager`. Every IdP profile must work against the
 * reference server, so a name the core schema lacks resolves to the one extension that defines
 * it; when several extensions do, the name stays unresolved (ambiguous, and RFC 7644 §3.10 gives
 * no tie-break).
 */
function resolveUnqualified(
  resourceType: ResourceTypeDefinition,
  reference: AttributeReference,
): ResolvedAttribute | undefined {
  const resolved = resolveAttribute(resourceType, reference);
  if (resolved !== undefined || reference.schema !== undefined) return resolved;
  const candidates = resourceType.extensions
    .map((extension) => resolveAttribute(resourceType, { ...reference, schema: extension.schema.id }))
    .filter((candidate): candidate is ResolvedAttribute => candidate !== undefined);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Parses and resolves a PATCH path against a resource type. Unknown attributes, a filter on a
 * single-valued attribute and unknown sub-attributes are 400 `invalidPath` (RFC 7644 §3.12).
 * An unqualified name only one extension defines resolves there (see resolveUnqualified).
 */
export function resolvePatchTarget(path: string, resourceType: ResourceTypeDefinition): PatchTarget {
  let parsed: ReturnType<typeof parsePatchPath>;
  try {
    parsed = parsePatchPath(path);
  } catch (error) {
    if (error instanceof ScimError) throw error;
    // The server must answer 400, never 500, whatever the parser trips on.
    throw Object.assign(invalidPath(path, 'the path cannot be parsed.'), { cause: error });
  }
  const { subAttribute: attributeSubName, ...attributeOnly } = parsed.attribute;
  const resolved = resolveUnqualified(resourceType, attributeOnly);
  if (!resolved)
    throw invalidPath(path, `"${parsed.attribute.attribute}" is not an attribute of ${resourceType.name}.`);
  const target: PatchTarget = { path, resolved };
  const subName = attributeSubName ?? parsed.subAttribute;
  if (parsed.valueFilter !== undefined) {
    if (!resolved.attribute.multiValued)
      throw invalidPath(
        path,
        `a value filter needs a multi-valued attribute, and "${resolved.attribute.name}" is single-valued.`,
      );
    if (resolved.attribute.type === 'complex')
      checkValueFilter(path, parsed.valueFilter, { ...attributeOnly, schema: resolved.schemaUrn }, resourceType);
    target.valueFilter = parsed.valueFilter;
  }
  if (subName !== undefined) {
    const subAttribute = findAttributeDefinition(resolved.attribute.subAttributes, subName);
    if (!subAttribute) throw invalidPath(path, `"${subName}" is not a sub-attribute of "${resolved.attribute.name}".`);
    target.subAttribute = subAttribute;
  }
  return target;
}
