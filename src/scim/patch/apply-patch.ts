import type { ScimResource } from '../resource.js';
import type { ResourceTypeDefinition } from '../resource-type.js';
import { ScimError } from '../scim-error.js';
import { syncExtensionSchemas } from './extension-schemas.js';
import { assertGuardsHold, snapshotGuarded } from './mutability-guard.js';
import { applyAdd } from './operations/add.js';
import { applyRemove } from './operations/remove.js';
import { applyReplace } from './operations/replace.js';
import type { PatchOperation } from './patch-operation.js';
import { resolvePatchTarget } from './patch-target.js';
import { expandPathlessValue, type TargetedValue } from './pathless-value.js';

function describe(operation: PatchOperation, index: number): string {
  return operation.path === undefined
    ? `Operations[${index}] (${operation.op})`
    : `Operations[${index}] (${operation.op} "${operation.path}")`;
}

function applyOperation(
  resource: ScimResource,
  operation: PatchOperation,
  resourceType: ResourceTypeDefinition,
  where: string,
): void {
  const { op, path, value } = operation;
  if (op === 'remove') {
    // RFC 7644 §3.5.2.2: remove without a path is 400 noTarget.
    if (path === undefined)
      throw new ScimError(400, 'noTarget', `${where}: remove needs a "path" (RFC 7644 §3.5.2.2).`);
    applyRemove(resource, resolvePatchTarget(path, resourceType), value, where);
    return;
  }
  if (op !== 'add' && op !== 'replace')
    throw new ScimError(400, 'invalidSyntax', `${where}: unknown op "${String(op)}".`);
  if (value === undefined)
    throw new ScimError(400, 'invalidSyntax', `${where}: ${op} needs a "value" (RFC 7644 §3.5.2.1, §3.5.2.3).`);
  const targeted: TargetedValue[] =
    path === undefined
      ? expandPathlessValue(value, resourceType, where)
      : [{ target: resolvePatchTarget(path, resourceType), value }];
  const apply = op === 'add' ? applyAdd : applyReplace;
  for (const { target, value: targetValue } of targeted) apply(resource, target, targetValue, where);
}

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) in order, each to the result of the one
 * before. Atomic: the operations work on a deep copy that is returned only when all of them
 * succeeded, so on any error the input is untouched ("the original SCIM resource MUST be
 * restored", RFC 7644 §3.5.2). Never mutates `resource` or `operations`.
 * Throws ScimError 400 with `noTarget`, `invalidPath`, `invalidValue`, `mutability`
 * (or `invalidSyntax` for an operation that bypassed parsePatchRequest).
 */
export function applyPatch(
  resource: ScimResource,
  operations: PatchOperation[],
  resourceType: ResourceTypeDefinition,
): ScimResource {
  const patched = structuredClone(resource);
  operations.forEach((operation, index) => {
    const where = describe(operation, index);
    const snapshot = snapshotGuarded(patched, resourceType);
    applyOperation(patched, operation, resourceType, where);
    assertGuardsHold(snapshot, patched, where);
  });
  syncExtensionSchemas(resource, patched, resourceType);
  return patched;
}
