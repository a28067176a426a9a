import type { ScimResource } from '../resource.js';
import type { ResourceTypeDefinition } from '../resource-type.js';
import { deleteMember, findKey, isJsonObject, readMember } from './attribute-access.js';

function hasData(value: unknown): boolean {
  return isJsonObject(value) && Object.values(value).some((member) => member !== undefined && member !== null);
}

/**
 * Keeps `schemas` in step with the extension objects after a PATCH (RFC 7643 §3: `schemas`
 * lists the extensions a resource uses). An extension that gained data is added to
 * `schemas` (SPEC-CHECKS PATCH-EXTENSION-PATH); one the PATCH emptied is dropped from the
 * resource and from `schemas`. A URN already listed for an extension that was empty before
 * is left alone (Entra creates users with an empty enterprise object).
 */
export function syncExtensionSchemas(
  original: ScimResource,
  patched: ScimResource,
  resourceType: ResourceTypeDefinition,
): void {
  const schemasKey = findKey(patched, 'schemas');
  const schemas = schemasKey === undefined ? undefined : patched[schemasKey];
  for (const extension of resourceType.extensions) {
    const urn = extension.schema.id;
    const listedAt = Array.isArray(schemas)
      ? schemas.findIndex((schema) => typeof schema === 'string' && schema.toLowerCase() === urn.toLowerCase())
      : -1;
    const now = readMember(patched, urn);
    if (hasData(now)) {
      if (Array.isArray(schemas) && listedAt < 0) schemas.push(urn);
      continue;
    }
    if (!hasData(readMember(original, urn))) continue;
    deleteMember(patched, urn);
    if (Array.isArray(schemas) && listedAt >= 0) schemas.splice(listedAt, 1);
  }
}
