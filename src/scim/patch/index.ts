export { applyPatch } from './apply-patch.js';
export { parsePatchRequest } from './parse-request.js';
export type { PatchOperation, PatchOpName } from './patch-operation.js';
