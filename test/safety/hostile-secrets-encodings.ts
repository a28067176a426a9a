/*
 * Every spelling of a bearer token a hostile server can echo, computed here from the token alone
 * and on purpose not with the redactor's code (src/http/redactor.ts): a bug there must not hide
 * the same bug here. hostile-secrets-server.ts echoes each of them; hostile-secrets.test.ts greps
 * every output for each of them.
 */

/** One way of writing the token down, e.g. `base64 of "Bearer <token>"`. */
export interface TokenEncoding {
  name: string;
  text: string;
}

function bytes(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}

/** `%53%65…`: every byte percent-encoded, with upper- or lower-case hex digits. */
export function percentEveryByte(text: string, hexCase: 'upper' | 'lower'): string {
  const hex = bytes(text)
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
  return hexCase === 'upper' ? hex.toUpperCase() : hex;
}

/** `\u0053\u0065…`: every UTF-16 unit as a JSON `\u` escape. */
export function jsonEscapeEveryChar(text: string, hexCase: 'upper' | 'lower'): string {
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const hex = text.charCodeAt(index).toString(16).padStart(4, '0');
    result += `\\u${hexCase === 'upper' ? hex.toUpperCase() : hex}`;
  }
  return result;
}

/** Every other character `\u`-escaped, the rest as is: a mix a naive decoder-free matcher misses. */
export function jsonEscapeEveryOtherChar(text: string): string {
  return [...text]
    .map((char, index) => (index % 2 === 0 ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char))
    .join('');
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * The part of base64(`prefix` + token + `suffix`) that is the same whatever the prefix and
 * suffix bytes are, for a prefix of `offset` bytes: what a token embedded in a larger base64
 * blob looks like. Found by encoding it between two different fillers and keeping the span where
 * both agree.
 */
export function base64Embedded(token: string, offset: 0 | 1 | 2, alphabet: 'base64' | 'base64url'): string {
  const encode = (filler: number): string =>
    Buffer.concat([Buffer.alloc(offset, filler), Buffer.from(token, 'utf8'), Buffer.alloc(3, filler)]).toString(
      alphabet,
    );
  const a = encode(0x00);
  const b = encode(0xff);
  let start = 0;
  while (start < a.length && a[start] !== b[start]) start++;
  let end = start;
  while (end < a.length && a[end] === b[end]) end++;
  return a.slice(start, end);
}

/** A base64 blob with the token embedded after `offset` (mod 3) other bytes, and more after it. */
export function base64Blob(token: string, offset: 0 | 1 | 2): string {
  return Buffer.from(`${'#'.repeat(offset + 3)}${token}#tail`, 'utf8').toString('base64');
}

/** Every spelling of `token` that must never reach an output. */
export function tokenEncodings(token: string): TokenEncoding[] {
  const list: TokenEncoding[] = [
    { name: 'the token', text: token },
    { name: 'the token in lower case (HTTP header names)', text: token.toLowerCase() },
    { name: 'every character \\u-escaped (lower-case hex)', text: jsonEscapeEveryChar(token, 'lower') },
    { name: 'every character \\u-escaped (upper-case hex)', text: jsonEscapeEveryChar(token, 'upper') },
    { name: 'every other character \\u-escaped', text: jsonEscapeEveryOtherChar(token) },
    { name: 'every byte percent-encoded (upper-case hex)', text: percentEveryByte(token, 'upper') },
    { name: 'every byte percent-encoded (lower-case hex)', text: percentEveryByte(token, 'lower') },
    { name: 'encodeURIComponent', text: encodeURIComponent(token) },
    {
      name: 'encodeURIComponent with lower-case hex',
      text: encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    },
    { name: 'base64', text: base64(token) },
    { name: 'base64 without padding', text: base64(token).replace(/=+$/, '') },
    { name: 'base64url', text: base64url(token) },
    { name: 'base64 of "Bearer <token>"', text: base64(`Bearer ${token}`) },
    { name: 'base64url of "Bearer <token>"', text: base64url(`Bearer ${token}`) },
  ];
  for (const offset of [0, 1, 2] as const) {
    list.push({ name: `base64, embedded at offset ${offset} mod 3`, text: base64Embedded(token, offset, 'base64') });
    list.push({
      name: `base64url, embedded at offset ${offset} mod 3`,
      text: base64Embedded(token, offset, 'base64url'),
    });
  }
  if (token.includes('/')) {
    list.push({ name: 'JSON with PHP-style \\/ escapes', text: token.replace(/\//g, '\\/') });
  }
  for (const entry of [...list]) {
    if (entry.text.includes('/') && entry.name.startsWith('base64'))
      list.push({ name: `${entry.name}, PHP-style \\/ escapes`, text: entry.text.replace(/\//g, '\\/') });
  }
  const seen = new Set<string>();
  return list.filter((entry) => !seen.has(entry.text) && seen.add(entry.text));
}

/** The encodings that may be an HTTP header name (RFC 9110 tchar only). */
export function headerNameEncodings(token: string): string[] {
  return tokenEncodings(token)
    .map((entry) => entry.text)
    .filter((text) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(text));
}
