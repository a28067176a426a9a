/**
 * Entity tags for SCIM resources (RFC 7644 §3.14, RFC 7232 §2.3).
 * The server issues weak tags, `W/"<version>"`; `meta.version` carries the same string.
 */

/** Formats a resource version as a weak entity-tag, the form `meta.version` and `ETag` share. */
export function formatETag(version: string): string {
  return `W/"${version}"`;
}

/**
 * Splits an `If-Match` / `If-None-Match` header into its entity-tags. Commas inside quotes
 * do not split. `*` comes back as itself.
 */
function parseETagList(header: string): string[] {
  const tags: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of header) {
    if (character === '"') quoted = !quoted;
    if (character === ',' && !quoted) {
      if (current.trim() !== '') tags.push(current.trim());
      current = '';
    } else {
      current += character;
    }
  }
  if (current.trim() !== '') tags.push(current.trim());
  return tags;
}

/** The opaque part of an entity-tag: no `W/` prefix, no quotes (tolerates unquoted input). */
function opaqueTag(tag: string): string {
  let value = tag.startsWith('W/') || tag.startsWith('w/') ? tag.slice(2) : tag;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return value;
}

/**
 * True when a conditional header names the current entity-tag, or is `*`.
 * Weak comparison (RFC 7232 §2.3.2) is used for both headers: SCIM versions are weak tags,
 * and RFC 7644 §3.14 asks servers to accept them in `If-Match` too.
 */
export function etagMatches(header: string, currentETag: string): boolean {
  const current = opaqueTag(currentETag);
  return parseETagList(header).some((tag) => tag === '*' || opaqueTag(tag) === current);
}
