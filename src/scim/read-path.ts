import { matchesValueFilter, type PatchPath, parsePatchPath } from './filter/index.js';
import { asList, getProperty, isJsonObject, readRawValue } from './filter/read-values.js';
import type { ScimResource } from './resource.js';
import { type ResourceTypeDefinition, resolveAttribute } from './resource-type.js';

/**
 * Parsed paths by text (null: malformed). A run reads the same few paths (`userName`,
 * `emails[type eq "work"].value`...) on every read-back; the parse is pure, so it is done once.
 * Bounded, since paths come from scenario files and profiles, not from server responses.
 */
const PARSED = new Map<string, PatchPath | null>();
const MAX_PARSED = 1000;

function parsedPath(path: string): PatchPath | null {
  let parsed = PARSED.get(path);
  if (parsed === undefined) {
    try {
      parsed = parsePatchPath(path);
    } catch {
      parsed = null;
    }
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(path, parsed);
  }
  return parsed;
}

/**
 * The values an attribute path (PATCH path grammar, RFC 7644 §3.5.2: `title`, `name.givenName`,
 * `emails[type eq "work"].value`, extension-URN paths) selects in a resource. An unknown or
 * malformed path selects nothing. Shared by the expected-state diff and the IdP profiles.
 */
export function readPath(resource: ScimResource, path: string, resourceType: ResourceTypeDefinition): unknown[] {
  const parsed = parsedPath(path);
  if (parsed === null) return [];
  const resolved = resolveAttribute(resourceType, parsed.attribute);
  if (!resolved) return [];
  let values = asList(readRawValue(resource, resolved));
  const filter = parsed.valueFilter;
  if (filter)
    values = values.filter((element) => isJsonObject(element) && matchesValueFilter(element, filter, resolved));
  const subAttribute = resolved.subAttribute?.name ?? parsed.subAttribute;
  if (subAttribute !== undefined) values = values.flatMap((element) => asList(getProperty(element, subAttribute)));
  return values.filter((value) => value !== null && value !== undefined);
}
