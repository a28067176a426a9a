/**
 * JSON text with object keys sorted and undefined members left out (as JSON itself leaves them),
 * so two values compare equal whatever their key order. With `unorderedArrays`, array elements
 * are sorted too: for "did the data change" between two reads of a resource, where a server may
 * list multi-valued attributes in any order (RFC 7643 §2.4: multi-valued attributes are unordered).
 */
export function canonicalJson(value: unknown, options: { unorderedArrays?: boolean } = {}): string {
  if (Array.isArray(value)) {
    const elements = value.map((element) => canonicalJson(element, options));
    return `[${(options.unorderedArrays ? elements.sort() : elements).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], options)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
