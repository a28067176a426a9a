/*
 * A text with its character escapes undone, and the way back to the original positions: what the
 * redactor searches, so a secret is found however its characters were escaped on the way, in any
 * mix. Undone here, one level deep:
 * - JSON `\u0053` (either hex case, `\U` too);
 * - a backslash before ASCII punctuation other than a backslash (JSON `\/` as PHP writes it, `\"`,
 *   Markdown `\_`). `\\` is left alone, so the JSON-in-JSON `\\u0053` of a HAR body reads as `\S`;
 * - percent-encoding of an ASCII byte (either hex case; bearer tokens are ASCII, RFC 6750 §2.1);
 * - XML/HTML character references (`&#83;`, `&#x53;`, `&amp;` …), as JUnit and Markdown escape.
 */

/** `text` with its escapes undone, and where each character of it came from. */
export interface UnescapedText {
  /** The text with escapes undone; `original` itself when there were none. */
  readonly text: string;
  /** The original range `[start, end)` that decoded characters `[from, to)` came from. */
  originalRange(from: number, to: number): [number, number];
}

const NAMED_REFERENCES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
const NAMED_CHARACTERS: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

/** `value` as hex digits matching either case, at least `width` long: 0x4f, 2 → `4[fF]`. */
function hexDigits(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

function oneOf(patterns: readonly string[]): string {
  return `(?:${patterns.join('|')})`;
}

function decode(sequence: string): string {
  const named = NAMED_CHARACTERS[sequence];
  if (named !== undefined) return named;
  if (sequence[0] === '%') return String.fromCharCode(Number.parseInt(sequence.slice(1), 16));
  if (sequence[0] === '\\')
    return sequence.length === 2 ? sequence[1]! : String.fromCharCode(Number.parseInt(sequence.slice(2), 16));
  const hex = sequence[2] === 'x' || sequence[2] === 'X';
  return String.fromCharCode(Number.parseInt(sequence.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
}

/**
 * An unescaper that undoes only escapes of `characters` (the characters of the secrets sought;
 * any other escape cannot be part of a find). The pattern names each wanted character's escapes
 * exactly, so the regex engine skips the hundreds of thousands of JSON `\"` and `%20` in a HAR
 * without stopping: about 2 ms per MB when nothing needs undoing. Built once per redactor.
 */
export function unescaperFor(characters: ReadonlySet<string>): (original: string) => UnescapedText {
  const units = [...characters].filter((char) => char.length === 1).map((char) => char.charCodeAt(0));
  if (units.length === 0) return (original) => ({ text: original, originalRange: (from, to) => [from, to] });
  const ascii = units.filter((unit) => unit < 0x80);
  const punctuation = [...characters].filter((char) => /^[!-/:-@[\]-`{-~]$/.test(char));
  const named = [...characters].flatMap((char) =>
    NAMED_REFERENCES[char] === undefined ? [] : [NAMED_REFERENCES[char]!],
  );
  const parts = [
    `\\\\[uU]${oneOf(units.map((unit) => hexDigits(unit, 4)))}`,
    `&#[xX]0*${oneOf(units.map((unit) => hexDigits(unit, 1)))};`,
    `&#0*${oneOf(units.map(String))};`,
  ];
  if (punctuation.length > 0)
    parts.push(`\\\\[${punctuation.map((char) => char.replace(/[\\\]^-]/, '\\$&')).join('')}]`);
  if (ascii.length > 0) parts.push(`%${oneOf(ascii.map((unit) => hexDigits(unit, 2)))}`);
  if (named.length > 0) parts.push(`&${oneOf(named)};`);
  const escapes = new RegExp(parts.join('|'), 'g');
  return (original) => unescapeWith(original, escapes);
}

function unescapeWith(original: string, escapes: RegExp): UnescapedText {
  const pieces: string[] = [];
  // Decoded positions of escapes, and the original length each stood for, in order.
  const at: number[] = [];
  const lengths: number[] = [];
  // shift[k]: how much longer the original is than the decoded text before escape k.
  const shift: number[] = [0];
  let copied = 0;
  let decodedLength = 0;
  escapes.lastIndex = 0;
  for (let match = escapes.exec(original); match !== null; match = escapes.exec(original)) {
    const length = match[0].length;
    pieces.push(original.slice(copied, match.index), decode(match[0]));
    decodedLength += match.index - copied;
    at.push(decodedLength);
    lengths.push(length);
    shift.push(shift[shift.length - 1]! + length - 1);
    decodedLength += 1;
    copied = match.index + length;
  }
  if (at.length === 0) return { text: original, originalRange: (from, to) => [from, to] };
  pieces.push(original.slice(copied));
  /** How many escapes lie before decoded position `position`. */
  const escapesBefore = (position: number): number => {
    let low = 0;
    let high = at.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (at[middle]! < position) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const start = (position: number): number => position + shift[escapesBefore(position)]!;
  return {
    text: pieces.join(''),
    originalRange(from, to) {
      const last = to - 1;
      const index = escapesBefore(last);
      const lastLength = at[index] === last ? lengths[index]! : 1;
      return [start(from), start(last) + lastLength];
    },
  };
}
