import { type AttributeDefinition, findAttributeDefinition } from './attribute-definition.js';
import { COMMON_ATTRIBUTES } from './core-schemas.js';
import type { ScimResource } from './resource.js';
import {
  type AttributeReference,
  findExtension,
  type ResourceTypeDefinition,
  resolveAttribute,
} from './resource-type.js';
import { isSchemaUrn } from './urns.js';

/**
 * What a client asked for with `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9).
 * A reference whose `attribute` is a bare extension URN (no `schema`) names the whole extension.
 */
export interface ProjectionRequest {
  attributes?: readonly AttributeReference[];
  excludedAttributes?: readonly AttributeReference[];
}

/** Which parts of one attribute were named: the whole of it, or some sub-attributes. */
interface Selection {
  whole: boolean;
  subAttributes: Set<string>;
}

/** Selections keyed by `<schema urn lower>|<attribute lower>`; `<urn>|*` names a whole extension. */
type SelectionMap = Map<string, Selection>;

function selectionKey(schemaUrn: string, attributeName: string): string {
  return `${schemaUrn.toLowerCase()}|${attributeName.toLowerCase()}`;
}

function buildSelections(
  resourceType: ResourceTypeDefinition,
  references: readonly AttributeReference[],
): SelectionMap {
  const selections: SelectionMap = new Map();
  for (const reference of references) {
    if (reference.schema === undefined && isSchemaUrn(reference.attribute)) {
      selections.set(selectionKey(reference.attribute, '*'), { whole: true, subAttributes: new Set() });
      continue;
    }
    // Unknown names are ignored: RFC 7644 §3.9 gives no error for them, and IdPs send
    // attribute lists written for other servers.
    const resolved = resolveAttribute(resourceType, reference);
    if (!resolved) continue;
    const key = selectionKey(resolved.schemaUrn, resolved.attribute.name);
    const selection = selections.get(key) ?? { whole: false, subAttributes: new Set<string>() };
    if (resolved.subAttribute) selection.subAttributes.add(resolved.subAttribute.name.toLowerCase());
    else selection.whole = true;
    selections.set(key, selection);
  }
  return selections;
}

type Mode = { kind: 'default'; excluded: SelectionMap } | { kind: 'attributes'; included: SelectionMap };

/** Applies `returned` to the sub-attributes of one complex value. */
function projectComplexValue(
  value: unknown,
  definition: AttributeDefinition,
  keep: (sub: AttributeDefinition) => boolean,
): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !definition.subAttributes) return value;
  const projected: Record<string, unknown> = {};
  for (const [key, subValue] of Object.entries(value)) {
    const sub = findAttributeDefinition(definition.subAttributes, key);
    if (sub && keep(sub)) projected[key] = subValue;
  }
  return projected;
}

function projectValue(
  value: unknown,
  definition: AttributeDefinition,
  keep: (sub: AttributeDefinition) => boolean,
): unknown {
  if (definition.type !== 'complex') return value;
  if (Array.isArray(value)) return value.map((element) => projectComplexValue(element, definition, keep));
  return projectComplexValue(value, definition, keep);
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return false;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

/** Decides one attribute's fate; returns undefined to drop it. */
function projectAttribute(
  definition: AttributeDefinition,
  value: unknown,
  schemaUrn: string,
  mode: Mode,
  wholeExtension: boolean,
): unknown {
  if (definition.returned === 'never') return undefined;
  const notNever = (sub: AttributeDefinition) => sub.returned !== 'never';
  if (definition.returned === 'always') return projectValue(value, definition, notNever);
  const key = selectionKey(schemaUrn, definition.name);
  if (mode.kind === 'attributes') {
    const selection = mode.included.get(key);
    if (wholeExtension || selection?.whole) return projectValue(value, definition, notNever);
    if (!selection) return undefined;
    // `attributes=name.familyName` keeps just that sub-attribute, plus any returned-always ones.
    return projectValue(
      value,
      definition,
      (sub) =>
        sub.returned === 'always' || (sub.returned !== 'never' && selection.subAttributes.has(sub.name.toLowerCase())),
    );
  }
  if (definition.returned === 'request' || wholeExtension) return undefined;
  const excluded = mode.excluded.get(key);
  if (excluded?.whole) return undefined;
  return projectValue(value, definition, (sub) => {
    if (sub.returned === 'always') return true;
    if (sub.returned === 'never' || sub.returned === 'request') return false;
    return !excluded?.subAttributes.has(sub.name.toLowerCase());
  });
}

/**
 * Shapes a resource for a response according to the attributes' `returned` characteristic
 * (RFC 7643 §7) and the client's `attributes` / `excludedAttributes` (RFC 7644 §3.9):
 * - `returned: always` (e.g. `id`) is kept whatever was asked, `never` (e.g. `password`) is always dropped;
 * - `request` attributes appear only when named in `attributes`;
 * - with `attributes`, only the named attributes (down to sub-attributes) plus the always ones remain;
 * - otherwise the default set minus `excludedAttributes`.
 * `schemas` is always kept so that the response stays a typed resource. Keys the resource type
 * does not declare are dropped, so responses only ever carry declared attributes.
 */
export function projectResource(
  resource: ScimResource,
  resourceType: ResourceTypeDefinition,
  request: ProjectionRequest = {},
): ScimResource {
  const mode: Mode =
    request.attributes && request.attributes.length > 0
      ? { kind: 'attributes', included: buildSelections(resourceType, request.attributes) }
      : { kind: 'default', excluded: buildSelections(resourceType, request.excludedAttributes ?? []) };
  const selections = mode.kind === 'attributes' ? mode.included : mode.excluded;
  const coreUrn = resourceType.schema.id;
  const projected: ScimResource = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') {
      projected[key] = value;
      continue;
    }
    const extension = findExtension(resourceType, key);
    if (extension) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const wholeExtension = selections.has(selectionKey(extension.schema.id, '*'));
      if (mode.kind === 'default' && wholeExtension) continue;
      const inner: Record<string, unknown> = {};
      for (const [innerKey, innerValue] of Object.entries(value)) {
        const definition = findAttributeDefinition(extension.schema.attributes, innerKey);
        if (!definition) continue;
        const kept = projectAttribute(
          definition,
          innerValue,
          extension.schema.id,
          mode,
          mode.kind === 'attributes' && wholeExtension,
        );
        if (kept !== undefined) inner[innerKey] = kept;
      }
      if (Object.keys(inner).length > 0) projected[key] = inner;
      continue;
    }
    const definition =
      findAttributeDefinition(resourceType.schema.attributes, key) ?? findAttributeDefinition(COMMON_ATTRIBUTES, key);
    if (!definition) continue;
    const kept = projectAttribute(definition, value, coreUrn, mode, false);
    if (kept !== undefined && !isEmpty(kept)) projected[key] = kept;
  }
  return projected;
}
