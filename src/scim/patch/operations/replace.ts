import type { ScimResource } from '../../resource.js';
import { ScimError } from '../../scim-error.js';
import { readAttribute, writeAttribute } from '../attribute-access.js';
import { coerceMultiValue } from '../coerce.js';
import { elementsOf, enforceSinglePrimary, selectElements } from '../multi-valued.js';
import type { PatchTarget } from '../patch-target.js';
import { applyAdd } from './add.js';
import { editSelectedElements } from './element-edit.js';
import { writeSingleValued, writeSubAttribute } from './single-valued.js';

function replaceInMultiValued(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  const { attribute } = target.resolved;
  if (target.valueFilter === undefined && target.subAttribute === undefined) {
    // "the attribute and all values are replaced" (RFC 7644 §3.5.2.3): Okta's full push of members.
    const elements = coerceMultiValue(attribute, value, where);
    enforceSinglePrimary(elements, new Set(elements), where);
    writeAttribute(resource, target.resolved, elements.length === 0 ? undefined : elements);
    return;
  }
  const elements = elementsOf(readAttribute(resource, target.resolved));
  const indexes = selectElements(elements, target);
  if (indexes.length === 0) {
    // RFC 7644 §3.5.2.3: a value filter that matches no record is 400 noTarget.
    if (target.valueFilter !== undefined) {
      throw new ScimError(
        400,
        'noTarget',
        `${where}: no value of "${attribute.name}" matches "${target.path}" (RFC 7644 §3.5.2.3).`,
      );
    }
    // `emails.value` on a user without emails: the target has no value, so replace acts as add.
    applyAdd(resource, target, value, where);
    return;
  }
  const written = new Set<unknown>();
  editSelectedElements(attribute, elements, indexes, target.subAttribute, value, 'replace', where, written);
  enforceSinglePrimary(elements, written, where);
  writeAttribute(resource, target.resolved, elements);
}

/**
 * The replace operation (RFC 7644 §3.5.2.3) on one target. A target without a value acts as
 * add; on a complex attribute only the given sub-attributes change; null unassigns.
 */
export function applyReplace(resource: ScimResource, target: PatchTarget, value: unknown, where: string): void {
  if (target.resolved.attribute.multiValued) replaceInMultiValued(resource, target, value, where);
  else if (target.subAttribute) writeSubAttribute(resource, target, value, where);
  else writeSingleValued(resource, target, value, where);
}
