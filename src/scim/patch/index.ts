export type { PatchOpName, PatchOperation } from './patch-operation.js';
export { parsePatchRequest } from './parse-request.js';
export { applyPatch } from './apply-patch.js';
