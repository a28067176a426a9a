import type { FilterNode } from './ast.js';
import { FilterParser } from './parser.js';
import { syntaxErrorFactory } from './syntax-error.js';

const failFilter = syntaxErrorFactory('Invalid filter', 'invalidFilter');

/**
 * Parses a `filter` query parameter or SearchRequest `filter` (RFC 7644 §3.4.2.2).
 * Throws ScimError(400, 'invalidFilter') whose detail names the position and what was expected.
 */
export function parseFilter(text: string): FilterNode {
  if (typeof text !== 'string' || text.trim() === '') throw failFilter('the filter is empty');
  const parser = new FilterParser(text, failFilter, 'filter');
  const filter = parser.parseOr(0, false);
  parser.expectEnd();
  return filter;
}
