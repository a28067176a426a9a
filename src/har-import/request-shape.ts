import { normalisedPath } from './scim-path.js';

/**
 * A request as drift compares it: what the IdP's habit is (method, path, query names and the
 * filter's form, body keys, op casing, value types, media-type headers), never the values a
 * person or a server put in it. Strings become `<string>`; booleans, numbers and the strings
 * "True"/"False" stay, because their type is the habit.
 */
export interface RequestShape {
  method: string;
  /** `/Users/{id}`. */
  path: string;
  /** Query parameters; the filter with each quoted value shown as `"…"`. */
  query: Record<string, string>;
  headers: { 'user-agent'?: string; 'content-type'?: string; accept?: string };
  body?: unknown;
}

/** The headers whose differences matter to a server: who is calling, and the media types (RFC 7644 §3.1, §8.1). */
export const COMPARED_HEADERS = ['user-agent', 'content-type', 'accept'] as const;

/** Body keys whose string values are the protocol's words, kept as sent (op names, paths, URNs, types). */
const PROTOCOL_KEYS = new Set(['schemas', 'op', 'type', 'resourceType', 'primary']);

/** `members[value eq "2819c…"]` → `members[value eq "…"]`; word values such as `"work"` stay. */
export function pathShape(path: string): string {
  return path.replace(/"([^"]*)"/g, (whole, inner: string) => (/^[A-Za-z]+$/.test(inner) ? whole : '"…"'));
}

/** The filter's form: attribute, operator and structure, with every quoted value as `"…"` (RFC 7644 §3.4.2.2). */
export function filterShape(filter: string): string {
  return filter.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}

export function bodyShape(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (PROTOCOL_KEYS.has(key) || /^(true|false)$/i.test(value)) return value;
    if (key === 'path') return pathShape(value);
    return '<string>';
  }
  if (Array.isArray(value)) return value.map((item) => bodyShape(item, key));
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort())
      result[name] = bodyShape((value as Record<string, unknown>)[name], name);
    return result;
  }
  return value;
}

/** The parts of a request drift compares; `headers` lower-cased by the caller. */
export function requestShape(request: {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
}): RequestShape {
  const query: Record<string, string> = {};
  for (const [name, value] of request.query) query[name] = name === 'filter' ? filterShape(value) : value;
  const headers: RequestShape['headers'] = {};
  for (const name of COMPARED_HEADERS) if (request.headers[name] !== undefined) headers[name] = request.headers[name];
  return {
    method: request.method.toUpperCase(),
    path: normalisedPath(request.path),
    query,
    headers,
    ...(request.body === undefined ? {} : { body: bodyShape(request.body) }),
  };
}

/** One line: `PATCH /Users/{id} [{"op":"replace","value":{"active":false}}]`; a non-PATCH body by its keys. */
export function describeShape(shape: RequestShape): string {
  const query = Object.entries(shape.query)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  let line = `${shape.method} ${shape.path}${query === '' ? '' : `?${query}`}`;
  const body = shape.body as Record<string, unknown> | undefined;
  if (body !== undefined && typeof body === 'object' && body !== null) {
    line += Array.isArray(body.Operations)
      ? ` ${JSON.stringify(body.Operations)}`
      : ` {${Object.keys(body).join(', ')}}`;
  }
  return line;
}
