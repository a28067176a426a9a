import type { PatchPath } from './ast.js';
import { parseAttributePath } from './attribute-reference.js';
import { FilterParser } from './parser.js';
import { syntaxErrorFactory } from './syntax-error.js';

const failPath = syntaxErrorFactory('Invalid path', 'invalidPath');

/**
 * Parses a PATCH operation `path`: `PATH = attrPath / valuePath [subAttr]` (RFC 7644 §3.5.2).
 * Any syntax fault, including one inside the value filter, is ScimError(400, 'invalidPath').
 */
export function parsePatchPath(text: string): PatchPath {
  if (typeof text !== 'string' || text.trim() === '') throw failPath('the path is empty');
  const parser = new FilterParser(text, failPath, 'path');
  const word = parser.peek();
  if (word.type !== 'word') parser.unexpected(word, 'an attribute name');
  parser.next();
  const attribute = parseAttributePath(word.text, word.position, failPath);
  const path: PatchPath = { attribute };
  if (parser.peek().type === '[') {
    path.valueFilter = parser.parseValueFilter(attribute, word, 0);
    const following = parser.peek();
    if (following.type === 'word' && following.text.startsWith('.')) {
      parser.next();
      path.subAttribute = parser.parseSubAttributeWord(following);
    }
  }
  const end = parser.peek();
  if (end.type !== 'end') {
    const expected =
      path.valueFilter === undefined
        ? '"[" or the end of the path'
        : path.subAttribute === undefined
          ? '".subAttribute" or the end of the path'
          : 'the end of the path';
    parser.unexpected(end, expected);
  }
  return path;
}
