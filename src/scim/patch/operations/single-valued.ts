import type { ScimResource } from '../../resource.js';
import {
  deleteMember,
  isJsonObject,
  type JsonObject,
  readAttribute,
  writeAttribute,
  writeMember,
} from '../attribute-access.js';
import { coerceSingleValue } from '../coerce.js';
import type { PatchTarget } from '../patch-target.js';
import { coerceSubAttributeValue, mergeObjects } from './element-edit.js';

/**
 * Sets (or, for null, unassigns) one sub-attribute of a single-valued complex attribute,
 * creating the complex value when it has none (`name.familyName`, the enterprise
 * `manager.value`). An emptied complex value becomes unassigned (RFC 7643 §2.5).
 */
export function writeSubAttribute(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  const subAttribute = target.subAttribute;
  if (!subAttribute) throw new Error('writeSubAttribute needs a target with a sub-attribute');
  const stored = readAttribute(resource, target.resolved);
  const complex: JsonObject = isJsonObject(stored) ? { ...stored } : {};
  const coerced = coerceSubAttributeValue(subAttribute, value, where);
  if (coerced === undefined) deleteMember(complex, subAttribute.name);
  else writeMember(complex, subAttribute.name, coerced);
  writeAttribute(resource, target.resolved, Object.keys(complex).length === 0 ? undefined : complex);
}

/**
 * add or replace on a whole single-valued attribute. A simple value is replaced
 * (RFC 7644 §3.5.2.1, §3.5.2.3). A complex value has the given sub-attributes merged in and
 * the others left unchanged (RFC 7644 §3.5.2.3). null unassigns (RFC 7643 §2.5).
 */
export function writeSingleValued(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  const { attribute } = target.resolved;
  const coerced = coerceSingleValue(attribute, value, where);
  if (coerced === undefined) {
    writeAttribute(resource, target.resolved, undefined);
    return;
  }
  if (attribute.type !== 'complex') {
    writeAttribute(resource, target.resolved, coerced);
    return;
  }
  const stored = readAttribute(resource, target.resolved);
  const merged = mergeObjects(isJsonObject(stored) ? stored : {}, coerced as JsonObject);
  writeAttribute(resource, target.resolved, Object.keys(merged).length === 0 ? undefined : merged);
}
