import { FILTER_LIMITS } from './limits.js';
import type { SyntaxErrorFactory } from './syntax-error.js';

/**
 * A token of the filter / path language. Words are maximal runs of characters other than
 * white space, brackets, parentheses and quotes: attribute paths (which may contain `:` and
 * `.` in a schema URN), operators, `and`/`or`/`not`, and unquoted literals (numbers, true…).
 * The parser decides what a word means from where it stands.
 */
export type Token =
  | { type: '(' | ')' | '[' | ']' | 'end'; position: number; text: string }
  | { type: 'word'; position: number; text: string }
  | { type: 'string'; position: number; text: string; value: string };

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** Splits filter text into tokens; positions are 0-based character offsets. */
export function tokenize(text: string, fail: SyntaxErrorFactory): Token[] {
  if (text.length > FILTER_LIMITS.maxLength) {
    throw fail(`too long (${text.length} characters; at most ${FILTER_LIMITS.maxLength} are accepted)`);
  }
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (isWhitespace(char)) {
      index += 1;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ type: char as '(' | ')' | '[' | ']', position: index, text: char });
      index += 1;
    } else if (char === '"') {
      const token = readString(text, index, fail);
      tokens.push(token);
      index += token.text.length;
    } else {
      const start = index;
      while (
        index < text.length &&
        !isWhitespace(text[index] as string) &&
        !PUNCTUATION.has(text[index] as string) &&
        text[index] !== '"'
      ) {
        index += 1;
      }
      tokens.push({ type: 'word', position: start, text: text.slice(start, index) });
    }
  }
  tokens.push({ type: 'end', position: text.length, text: '' });
  return tokens;
}

/** Reads a JSON string literal (RFC 8259 §7) starting at the opening quote. */
function readString(text: string, start: number, fail: SyntaxErrorFactory): Token & { type: 'string' } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"') {
      return { type: 'string', position: start, text: text.slice(start, index + 1), value };
    }
    if (char === '\\') {
      const escaped = text[index + 1];
      if (escaped === undefined) break;
      if (escaped === 'u') {
        const hex = text.slice(index + 2, index + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw fail(`invalid \\u escape at position ${index}: expected four hexadecimal digits`);
        }
        value += String.fromCharCode(parseInt(hex, 16));
        index += 6;
        continue;
      }
      const replacement = SIMPLE_ESCAPES[escaped];
      if (replacement === undefined) {
        throw fail(
          `invalid escape "\\${escaped}" at position ${index}: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`,
        );
      }
      value += replacement;
      index += 2;
      continue;
    }
    value += char;
    index += 1;
  }
  throw fail(`unterminated string starting at position ${start}: expected a closing '"'`);
}
