import type { ResourceTypeDefinition } from '../resource-type.js';
import { schemaUrnsOf } from '../resource-type.js';
import { ScimError } from '../scim-error.js';
import { isJsonObject } from './attribute-access.js';
import { type PatchTarget, resolvePatchTarget } from './patch-target.js';

/** One attribute of a path-less add/replace value, with the path it stands for. */
export interface TargetedValue {
  target: PatchTarget;
  value: unknown;
}

/** Members of a path-less value that are silently skipped: the client cannot set them, and IdPs echo them back. */
const IGNORED_MEMBERS = new Set(['schemas', 'meta']);

function targetForKey(key: string, resourceType: ResourceTypeDefinition, where: string): PatchTarget {
  try {
    return resolvePatchTarget(key, resourceType);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw Object.assign(
      new ScimError(
        400,
        'invalidValue',
        `${where}: "${key}" in "value" is not an attribute of ${resourceType.name} (${detail})`,
      ),
      { cause: error },
    );
  }
}

/**
 * Splits the value of a path-less add or replace (RFC 7644 §3.5.2.1, §3.5.2.3: the target is
 * the resource itself) into one targeted value per attribute. Each key is read as an
 * attribute path, so nested objects (`"name": {...}`), schema-URN objects
 * (`"urn:…:enterprise:2.0:User": {"department": "X"}`) and the dotted or URN-prefixed keys
 * Entra ID sends in its compliant mode (`"name.givenName"`, `"urn:…:User:department"`,
 * IDP-NOTES.md) all land on the same attributes. `schemas` and `meta` are ignored.
 */
export function expandPathlessValue(
  value: unknown,
  resourceType: ResourceTypeDefinition,
  where: string,
): TargetedValue[] {
  if (!isJsonObject(value)) {
    throw new ScimError(
      400,
      'invalidValue',
      `${where}: without a "path", "value" must be an object of attributes (RFC 7644 §3.5.2).`,
    );
  }
  const urns = schemaUrnsOf(resourceType);
  const targeted: TargetedValue[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (IGNORED_MEMBERS.has(key.toLowerCase())) continue;
    const urn = urns.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (urn === undefined) {
      targeted.push({ target: targetForKey(key, resourceType, where), value: member });
      continue;
    }
    if (member === null) continue;
    if (!isJsonObject(member))
      throw new ScimError(400, 'invalidValue', `${where}: "${key}" must hold an object of that schema's attributes.`);
    for (const [innerKey, innerValue] of Object.entries(member)) {
      targeted.push({ target: targetForKey(`${urn}:${innerKey}`, resourceType, where), value: innerValue });
    }
  }
  return targeted;
}
