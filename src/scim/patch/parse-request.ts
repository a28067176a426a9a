import { ScimError } from '../scim-error.js';
import { URN } from '../urns.js';
import type { PatchOpName, PatchOperation } from './patch-operation.js';

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a member by name, case-insensitively (RFC 7643 §2.1 makes attribute names case-insensitive). */
function member(object: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function invalidSyntax(detail: string): ScimError {
  return new ScimError(400, 'invalidSyntax', detail);
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) throw invalidSyntax(`${where} is not an object.`);
  const opName = member(raw, 'op');
  if (typeof opName !== 'string') throw invalidSyntax(`${where} has no "op" string.`);
  // Entra ID's default mode sends "Add", "Replace", "Remove" (IDP-NOTES.md, Entra), so
  // the op name is matched regardless of case.
  const op = opName.toLowerCase() as PatchOpName;
  if (!OP_NAMES.includes(op)) throw invalidSyntax(`${where}.op "${opName}" is not one of add, replace, remove (RFC 7644 §3.5.2).`);

  const operation: PatchOperation = { op };
  const path = member(raw, 'path');
  if (path !== undefined && path !== null) {
    if (typeof path !== 'string') throw new ScimError(400, 'invalidPath', `${where}.path is not a string.`);
    operation.path = path;
  }
  const value = member(raw, 'value');
  if (value !== undefined) operation.value = value;

  // RFC 7644 §3.5.2.1 and §3.5.2.3: add and replace MUST carry a value; remove needs none.
  if (op !== 'remove' && value === undefined) throw invalidSyntax(`${where} (${op}) has no "value".`);
  // Without a path the target is the resource itself, so the value must be an object of attributes.
  if (op !== 'remove' && operation.path === undefined && !isPlainObject(value)) {
    throw new ScimError(400, 'invalidValue', `${where} (${op}) has no "path", so its "value" must be an object of attributes.`);
  }
  return operation;
}

/**
 * Validates a PatchOp request body (RFC 7644 §3.5.2): `schemas` lists the PatchOp URN,
 * `Operations` is a non-empty array, each `op` is add/replace/remove in any case, and
 * add/replace carry a `value`. Throws ScimError(400, 'invalidSyntax' | 'invalidValue' | 'invalidPath').
 * Returns the normalised operations.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax('A PATCH body must be a JSON object (RFC 7644 §3.5.2).');
  const schemas = member(body, 'schemas');
  const patchOpUrn = URN.patchOp.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((schema) => typeof schema === 'string' && schema.toLowerCase() === patchOpUrn)) {
    throw invalidSyntax(`"schemas" must contain "${URN.patchOp}" (RFC 7644 §3.5.2).`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('"Operations" must be an array (RFC 7644 §3.5.2).');
  if (operations.length === 0) throw invalidSyntax('"Operations" must hold at least one operation (RFC 7644 §3.5.2).');
  return operations.map(parseOperation);
}
