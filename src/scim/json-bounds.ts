/*
 * How deep and how wide a SCIM body may be before scim-check refuses to look inside it. SCIM data
 * is small in both directions: a complex attribute's sub-attributes are never complex (RFC 7643
 * §2.3.8), so a resource nests about 4 levels (resource → multi-valued attribute → value →
 * sub-attribute) and a ListResponse or BulkResponse around it 3 or 4 more; and a resource has a
 * few dozen attributes (RFC 7643 §4 declares 24 for a User), an extension a few more. Multi-valued
 * attributes may be long (a group's members), so arrays are bounded only by the body size cap.
 *
 * Past these bounds a body is not parsed at all, so no walker of server data (checks, state diffs,
 * excerpts, reports) ever meets it: nested 3,000 levels deep it would overflow the stack in the
 * first recursive walk, and an object with 600,000 members costs about a second of CPU for every
 * pass over its keys (V8 keeps such objects as hash tables), with dozens of checks each making one.
 */

/** Objects and arrays nested deeper than this are not parsed. */
export const MAX_JSON_NESTING = 64;

/** An object with more members than this is not parsed (arrays may be longer). */
export const MAX_OBJECT_MEMBERS = 1000;

/** Why a JSON text is outside the bounds, as transports and reports state it. */
export interface JsonBoundsViolation {
  code: 'BODY_TOO_DEEP' | 'BODY_TOO_WIDE';
  message: string;
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const COLON = 0x3a; // :

/**
 * The index of the quote that closes the string opened at `open` (the text's length when none
 * does): the next quote not escaped by an odd run of backslashes. indexOf jumps over long strings
 * far faster than a loop over their characters.
 */
function closingQuote(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/**
 * Whether JSON text stays within MAX_JSON_NESTING and MAX_OBJECT_MEMBERS (or the limits given):
 * one pass over the text, without recursion and without parsing, brackets and colons inside strings
 * ignored. Deep text is refused at the first bracket past the limit; wide text is scanned to the
 * end, so the message can say how many members the widest object has. Text that is not JSON gets
 * an answer too (JSON.parse then decides).
 */
export function jsonBoundsViolation(
  text: string,
  limits: { nesting: number; members: number } = { nesting: MAX_JSON_NESTING, members: MAX_OBJECT_MEMBERS },
): JsonBoundsViolation | undefined {
  // members[d] counts the members of the object open at depth d (-1 for an array).
  const members = new Int32Array(limits.nesting + 2);
  let depth = 0;
  let widest = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = closingQuote(text, index);
    } else if (code === COLON) {
      if (depth > 0 && members[depth]! >= 0 && ++members[depth]! > widest) widest = members[depth]!;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > limits.nesting) {
        return {
          code: 'BODY_TOO_DEEP',
          message: `the response body is JSON nested deeper than ${limits.nesting} levels (SCIM resources nest about 4, RFC 7643 §2.3.8); scim-check does not look inside it`,
        };
      }
      members[depth] = code === OPEN_OBJECT ? 0 : -1;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    }
  }
  if (widest > limits.members) {
    return {
      code: 'BODY_TOO_WIDE',
      message: `the response body has an object with ${widest.toLocaleString('en-US')} members, more than the ${limits.members.toLocaleString('en-US')} scim-check checks (a SCIM resource has a few dozen attributes); scim-check does not look inside it`,
    };
  }
  return undefined;
}
