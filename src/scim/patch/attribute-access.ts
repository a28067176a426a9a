import { isJsonObject } from '../filter/read-values.js';
import type { ScimResource } from '../resource.js';
import type { ResolvedAttribute } from '../resource-type.js';

/** A JSON object inside a resource: the resource itself, an extension object, or a complex value. */
export type JsonObject = Record<string, unknown>;

export { isJsonObject };

/** The key under which `name` is stored, matched case-insensitively (RFC 7643 §2.1). */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/** Reads a member case-insensitively; unassigned (absent or null) reads as undefined (RFC 7643 §2.5). */
export function readMember(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  const value = key === undefined ? undefined : object[key];
  return value === null ? undefined : value;
}

/** Deletes every spelling of `name`, so a stored `nickname` never shadows a new `nickName`. */
export function deleteMember(object: JsonObject, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) delete object[key];
  }
}

/** Writes a member under its canonical spelling, replacing any other spelling. */
export function writeMember(object: JsonObject, name: string, value: unknown): void {
  deleteMember(object, name);
  object[name] = value;
}

/**
 * The object holding an attribute's value: the resource itself for core and common
 * attributes, `resource[urn]` for an extension's (RFC 7643 §3.3). With `create`, a
 * missing extension object is created under the schema URN.
 */
function containerOf(resource: ScimResource, resolved: ResolvedAttribute, create: boolean): JsonObject | undefined {
  if (!resolved.inExtension) return resource;
  const existing = readMember(resource, resolved.schemaUrn);
  if (isJsonObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: JsonObject = {};
  writeMember(resource, resolved.schemaUrn, fresh);
  return fresh;
}

/** The current value of a resolved attribute (ignoring its sub-attribute), or undefined. */
export function readAttribute(resource: ScimResource, resolved: ResolvedAttribute): unknown {
  const container = containerOf(resource, resolved, false);
  return container === undefined ? undefined : readMember(container, resolved.attribute.name);
}

/** Sets a resolved attribute's value; `undefined` unassigns it. */
export function writeAttribute(resource: ScimResource, resolved: ResolvedAttribute, value: unknown): void {
  if (value === undefined) {
    const container = containerOf(resource, resolved, false);
    if (container !== undefined) deleteMember(container, resolved.attribute.name);
    return;
  }
  const container = containerOf(resource, resolved, true) as JsonObject;
  writeMember(container, resolved.attribute.name, value);
}
