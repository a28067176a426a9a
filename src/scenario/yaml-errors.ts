import { visit, type YAMLError } from 'yaml';
import { type Diagnostic, errorAt } from './diagnostic.js';
import type { SourceMap } from './source-map.js';

/** Hints for the YAML error codes people actually hit when writing scenarios by hand. */
const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indentation must use spaces; replace the tab with spaces',
  BAD_INDENT: 'items of one list or mapping must start at the same column',
  MULTIPLE_DOCS: 'a scenario file holds one YAML document; remove the extra `---` (or split the file in two)',
  BLOCK_AS_IMPLICIT_KEY: 'items of one list or mapping must start at the same column',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing ":" or a missing closing quote above',
  MISSING_CHAR: 'close the string with the same quote character it starts with',
  UNEXPECTED_TOKEN: 'quote values that contain YAML punctuation such as ": ", "#", "{" or "["',
  BLOCK_IN_FLOW: 'inside { } or [ ], quote a value that contains ": ", e.g. to: "Platform: Core"',
  BAD_SCALAR_START: 'quote a value that starts with @ or `, e.g. "@example"',
  DUPLICATE_KEY: 'each key may appear only once in a mapping; remove or rename one of them',
};

/** yaml's wording replaced where it talks about the parser rather than the file. */
const YAML_TITLES: Record<string, string> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document',
  MULTILINE_IMPLICIT_KEY: 'expected ":" after this key on the same line',
  BLOCK_IN_FLOW: 'this value cannot be written unquoted inside { } or [ ]',
};

/** yaml's messages, first line only, without a trailing position or full stop. */
export function cleanMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/** A lower-case first letter, as in compiler messages. */
export function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * Turns one of yaml's errors into a diagnostic that speaks about the file, not the parser,
 * pointing where the fix belongs (the opening quote or bracket, not where yaml gave up).
 */
export function diagnosticOfYamlError(error: YAMLError, sourceMap: SourceMap, text: string): Diagnostic {
  const [start, end] = error.pos;
  if (error.code === 'DUPLICATE_KEY') {
    const keyText = /^[^:\n]*/.exec(text.slice(start))?.[0].trim() ?? '';
    const keyEnd = start + Math.max(1, keyText.length);
    return errorAt(
      'duplicate-key',
      `duplicate key "${keyText.replace(/^["']|["']$/g, '')}"`,
      sourceMap.spanOfOffsets(start, keyEnd),
      YAML_HINTS.DUPLICATE_KEY,
    );
  }
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
    // yaml reports the end of the file; the opening quote is where the fix belongs.
    const opening = findUnclosedQuote(sourceMap, start);
    if (opening !== undefined) {
      return errorAt(
        'yaml-syntax',
        'unclosed quoted string',
        sourceMap.spanOfOffsets(opening, opening + 1),
        YAML_HINTS.MISSING_CHAR,
      );
    }
  }
  if (error.code === 'MISSING_CHAR' && /implicit map keys need to be followed by map values/i.test(error.message)) {
    // A bare word under a key of the same mapping, most often an action without arguments after a
    // step's `name:`. yaml calls it a missing character, which the quote hint above would misread.
    return errorAt(
      'yaml-syntax',
      'expected ":" after this key',
      sourceMap.spanOfOffsets(start, end),
      'a key in a mapping needs a ":"; an action without arguments next to `name:` is written `testConnection: {}`',
    );
  }
  const unclosedFlow =
    /^Flow (sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/.exec(error.message);
  if (error.code === 'BAD_INDENT' && unclosedFlow !== null) {
    // yaml notices on the next line; the bracket that never closes is where the fix belongs.
    const [, kind, closer] = unclosedFlow;
    const opener = closer === ']' ? '[' : '{';
    const opening = findUnclosedBracket(text, start, opener, closer!);
    const span =
      opening !== undefined ? sourceMap.spanOfOffsets(opening, opening + 1) : sourceMap.spanOfOffsets(start, end);
    return errorAt(
      'yaml-syntax',
      `${kind === 'sequence' ? 'list' : 'mapping'} opened with "${opener}" is never closed`,
      span,
      `close it with "${closer}" on the same line, or indent its continuation lines more than the key`,
    );
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence/i.test(error.message)) {
    return errorAt(
      'yaml-syntax',
      'list item is not lined up with the items above it',
      sourceMap.spanOfOffsets(start, end),
      'items of one list must start at the same column; line up the "-"',
    );
  }
  const unexpected = /^Unexpected \S+ token in YAML stream: "(.*)"/.exec(error.message);
  if (error.code === 'UNEXPECTED_TOKEN' && unexpected !== null) {
    const token = unexpected[1] ?? '';
    const closers: Record<string, string> = { '}': '{', ']': '[' };
    const opener = closers[token];
    const hint =
      opener === undefined
        ? YAML_HINTS.UNEXPECTED_TOKEN
        : `remove the extra "${token}", or add the "${opener}" it should close`;
    return errorAt('yaml-syntax', `unexpected "${token}"`, sourceMap.spanOfOffsets(start, end), hint);
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && /nested mappings/i.test(error.message)) {
    return errorAt(
      'yaml-syntax',
      'unexpected nested mapping in this value',
      sourceMap.spanOfOffsets(start, end),
      'quote the value if it contains ": "; otherwise check the indentation of the next line (a more indented line continues this value)',
    );
  }
  return errorAt(
    'yaml-syntax',
    YAML_TITLES[error.code] ?? lowerFirst(cleanMessage(error.message)),
    sourceMap.spanOfOffsets(start, end),
    YAML_HINTS[error.code],
  );
}

/** Start offset of the quoted scalar that runs to `end` (the one whose closing quote is missing). */
function findUnclosedQuote(sourceMap: SourceMap, end: number): number | undefined {
  let found: number | undefined;
  visit(sourceMap.document, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range !== undefined && node.range !== null && node.range[1] >= end && found === undefined) {
        found = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Where a quote may open a quoted scalar: at the start of a value, not inside a word (`it's`). */
const QUOTE_MAY_OPEN = new Set(['', ':', '-', '[', '{', ',', '?']);

/**
 * The opening bracket that is never closed, on the nearest line before `before` that leaves one
 * open: brackets inside quoted strings and comments do not count, and brackets closed on the
 * same line do not either. yaml only notices on a later line; `lastIndexOf` pointed at a `{`
 * inside a string (`"a{b"`) or at an inner pair that was closed.
 */
function findUnclosedBracket(text: string, before: number, opener: string, closer: string): number | undefined {
  let lineEnd = text.lastIndexOf('\n', before - 1);
  for (let lines = 0; lineEnd > 0 && lines < 50; lines++) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const open = unclosedOnLine(text, lineStart, lineEnd, opener, closer);
    if (open !== undefined) return open;
    lineEnd = lineStart - 1;
  }
  return undefined;
}

/** The innermost `opener` left open at the end of one line, skipping quoted strings and comments. */
function unclosedOnLine(text: string, from: number, to: number, opener: string, closer: string): number | undefined {
  const stack: number[] = [];
  let previous = '';
  for (let index = from; index < to; index++) {
    const char = text[index]!;
    if (char === ' ' || char === '\t') continue;
    if (char === '#' && (index === from || text[index - 1] === ' ' || text[index - 1] === '\t')) break;
    if ((char === '"' || char === "'") && QUOTE_MAY_OPEN.has(previous)) {
      index = endOfQuoted(text, index, to);
      previous = char;
      continue;
    }
    if (char === opener) stack.push(index);
    else if (char === closer) stack.pop();
    previous = char;
  }
  return stack.at(-1);
}

/** The index of the closing quote of the quoted scalar starting at `start` (or the line's end). */
function endOfQuoted(text: string, start: number, to: number): number {
  const quote = text[start];
  for (let index = start + 1; index < to; index++) {
    if (quote === '"' && text[index] === '\\') index++;
    else if (text[index] === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return to;
}
