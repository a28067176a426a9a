/** A SCIM resource as JSON: attribute names map to values (RFC 7643 §2). */
export type ScimResource = Record<string, unknown>;

/** The `meta` complex attribute (RFC 7643 §3.1). */
export interface ScimMeta {
  resourceType: string;
  created: string;
  lastModified: string;
  location: string;
  version?: string;
}

/** The ListResponse message (RFC 7644 §3.4.2). */
export interface ListResponse<T = ScimResource> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/** A JSON value as an object (a resource, a message), or undefined for anything else. */
export function jsonObjectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
