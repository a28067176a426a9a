export type { CompareOperator, FilterNode, FilterValue, PatchPath } from './ast.js';
export { formatAttributeReference, parseAttributeReference } from './attribute-reference.js';
export { matchesFilter, matchesValueFilter } from './evaluate.js';
export { FILTER_LIMITS } from './limits.js';
export { parseFilter } from './parse-filter.js';
export { parsePatchPath } from './parse-patch-path.js';
export { getProperty, readAttributeValues } from './read-values.js';
export { resolveFilterAttribute } from './resolve.js';
export { validateFilter } from './validate.js';
