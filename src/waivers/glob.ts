/**
 * A tiny glob for waiver fields: `*` matches any run of characters, `?` exactly one, everything
 * else literally. Case-insensitive, because check IDs are upper-case and people type them lower.
 */
export function globToRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.+()[\]{}|/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** True when `value` matches the glob `pattern`. */
export function matchesGlob(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}
