import { getProperty, isJsonObject } from '../filter/read-values.js';
import { ScimError } from '../scim-error.js';
import { listsSchema, URN } from '../urns.js';
import type { PatchOperation, PatchOpName } from './patch-operation.js';

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove'];

function invalidSyntax(detail: string): ScimError {
  return new ScimError(400, 'invalidSyntax', detail);
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(raw)) throw invalidSyntax(`${where} is not an object.`);
  const opName = getProperty(raw, 'op');
  if (typeof opName !== 'string') throw invalidSyntax(`${where} has no "op" string.`);
  // Entra ID's default mode sends "Add", "Replace", "Remove" (IDP-NOTES.md, Entra), so
  // the op name is matched regardless of case.
  const op = opName.toLowerCase() as PatchOpName;
  if (!OP_NAMES.includes(op))
    throw invalidSyntax(`${where}.op "${opName}" is not one of add, replace, remove (RFC 7644 §3.5.2).`);

  const operation: PatchOperation = { op };
  const path = getProperty(raw, 'path');
  if (path !== undefined && path !== null) {
    if (typeof path !== 'string') throw new ScimError(400, 'invalidPath', `${where}.path is not a string.`);
    operation.path = path;
  }
  const value = getProperty(raw, 'value');
  if (value !== undefined) operation.value = value;

  // RFC 7644 §3.5.2.1 and §3.5.2.3: add and replace MUST carry a value; remove needs none.
  if (op !== 'remove' && value === undefined) throw invalidSyntax(`${where} (${op}) has no "value".`);
  // Without a path the target is the resource itself, so the value must be an object of attributes.
  if (op !== 'remove' && operation.path === undefined && !isJsonObject(value)) {
    throw new ScimError(
      400,
      'invalidValue',
      `${where} (${op}) has no "path", so its "value" must be an object of attributes.`,
    );
  }
  return operation;
}

/**
 * Validates a PatchOp request body (RFC 7644 §3.5.2): `schemas`, when present, lists the PatchOp URN,
 * `Operations` is a non-empty array, each `op` is add/replace/remove in any case, and
 * add/replace carry a `value`. Throws ScimError(400, 'invalidSyntax' | 'invalidValue' | 'invalidPath').
 * Returns the normalised operations.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax('A PATCH body must be a JSON object (RFC 7644 §3.5.2).');
  const schemas = getProperty(body, 'schemas');
  // authentik sends its path-less group replace with no `schemas` key at all (its PatchRequest is
  // dumped with exclude_unset: goauthentik/authentik groups.py _update_patch_general; Infisical
  // issue #6552), so a body that leaves the key out is read as a PatchOp (INTEROP-PATCH-NO-SCHEMAS).
  // A `schemas` that is there and names something else is still refused (PATCH-BODY-VALIDATED).
  if (schemas !== undefined && !listsSchema(schemas, URN.patchOp)) {
    throw invalidSyntax(`"schemas" must contain "${URN.patchOp}" (RFC 7644 §3.5.2).`);
  }
  const operations = getProperty(body, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('"Operations" must be an array (RFC 7644 §3.5.2).');
  if (operations.length === 0) throw invalidSyntax('"Operations" must hold at least one operation (RFC 7644 §3.5.2).');
  return operations.map(parseOperation);
}
