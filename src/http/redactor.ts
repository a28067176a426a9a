import { unescaperFor } from './escaped-text.js';
import { secretSpellings } from './secret-spellings.js';

/** Replaces every occurrence of the secrets it knows; the one redactor every output path uses. */
export type Redactor = (text: string) => string;

export const REDACTED = '[REDACTED]';

/** A redactor that knows no secret. */
export const redactNothing: Redactor = (text) => text;

/**
 * The shortest secret the redactor rewrites. Anything shorter occurs in ordinary text too often to
 * cut out of it without destroying the output, and is no secret a real server issues.
 */
export const MIN_REDACTED_LENGTH = 8;

/** Whether `secret` is long enough to be redacted (see MIN_REDACTED_LENGTH). */
export function isRedactable(secret: string): boolean {
  return secret.length >= MIN_REDACTED_LENGTH;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Builds a redactor for the given secrets (the bearer token). It finds each secret however it
 * came back: as is or in another case, in hex, base64 or base64url (also `Bearer <secret>`, and
 * inside a larger base64 blob; src/http/secret-spellings.ts), with any of its characters JSON
 * `\u`-escaped, `\/`-escaped, percent-encoded or written as an XML reference (escaped-text.ts).
 * The spellings and the matchers are built once, never per call; each call undoes the escapes
 * that matter in one linear pass and looks for the spellings with indexOf and one regex: a few ms
 * per MB of ordinary text, about 150 ms per MB of a HAR packed with escaped copies of the token.
 * Secrets shorter than MIN_REDACTED_LENGTH are left alone: redacting `e` or `scim` garbled every
 * line (`https://app.e[REDACTED]ample.com`, `[REDACTED]-check`); the CLI warns about them instead.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first: `a|ab` would stop at `a` and leave the `b` of `ab` unredacted.
  const spellings = secrets
    .flatMap((secret) => (secret !== undefined && isRedactable(secret) ? secretSpellings(secret) : []))
    .sort((a, b) => b.text.length - a.text.length);
  if (spellings.length === 0) return redactNothing;
  const exact = [...new Set(spellings.filter((spelling) => !spelling.anyCase).map((spelling) => spelling.text))];
  const anyCase = new RegExp(
    spellings
      .filter((spelling) => spelling.anyCase)
      .map((spelling) => escapeRegExp(spelling.text))
      .join('|'),
    'gi',
  );
  const characters = new Set<string>();
  for (const spelling of spellings) {
    for (const char of spelling.text) {
      characters.add(char);
      if (spelling.anyCase) characters.add(char.toLowerCase()).add(char.toUpperCase());
    }
  }
  const unescapeText = unescaperFor(characters);
  return (original) => {
    if (original.length === 0) return original;
    const unescaped = unescapeText(original);
    const found: [number, number][] = [];
    for (const needle of exact) {
      for (let index = unescaped.text.indexOf(needle); index !== -1; index = unescaped.text.indexOf(needle, index + 1))
        found.push([index, index + needle.length]);
    }
    for (const match of unescaped.text.matchAll(anyCase)) found.push([match.index, match.index + match[0].length]);
    if (found.length === 0) return original;
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let result = '';
    let copied = 0;
    let index = 0;
    while (index < found.length) {
      const from = found[index]![0];
      let to = found[index]![1];
      // Overlapping and touching finds are one redaction.
      for (index++; index < found.length && found[index]![0] <= to; index++) to = Math.max(to, found[index]![1]);
      const range = unescaped.originalRange(from, to);
      let start = range[0];
      // A find right after an escaping backslash (`\\u0053…` in JSON-in-JSON, `\n` before a secret
      // that starts with "n") takes that backslash along, so a JSON string stays valid JSON.
      let backslashes = 0;
      while (start - backslashes - 1 >= copied && original[start - backslashes - 1] === '\\') backslashes++;
      if (backslashes % 2 === 1) start -= 1;
      result += `${original.slice(copied, start)}${REDACTED}`;
      copied = range[1];
    }
    return result + original.slice(copied);
  };
}

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Redacts headers: credentials entirely (keeping the scheme), every other value and every name by
 * the redactor (a server can echo the token as a header name). Two names that redact alike keep
 * both values.
 */
/**
 * Headers as a transport records them: credentials masked (the scheme kept), nothing else
 * touched. Everything else is redacted where it is written out (src/report/output-guard.ts).
 */
export function maskCredentials(headers: Record<string, string>): Record<string, string> {
  return redactHeaders(headers, redactNothing);
}

export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = redact(rawName);
    let shown: string;
    if (SENSITIVE_HEADERS.has(rawName.toLowerCase())) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      shown = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      shown = redact(value);
    }
    result[name] = result[name] === undefined ? shown : `${result[name]}, ${shown}`;
  }
  return result;
}
