/** Pieces shared by the core resource schemas (RFC 7643 §3.1 common attributes, §2.4 multi-valued). */

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

/** `{ a: {type:'string'}, ... }` for the named attributes. */
export function stringProps(names: readonly string[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}

/**
 * A multi-valued attribute (RFC 7643 §2.4): an array of objects with the default sub-attributes
 * `value`, `display`, `type`, `primary` (boolean) and `$ref`. Sub-attributes are never complex
 * (RFC 7643 §2.3.8), which `value` being a string or number enforces for the common case.
 */
export function multiValued(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        value: { type: ['string', 'number', 'boolean'] },
        display: { type: 'string' },
        type: { type: 'string' },
        primary: { type: 'boolean' },
        ...extra,
      },
    },
  };
}

/** id, externalId, schemas and meta (RFC 7643 §3, §3.1). */
export const COMMON_PROPERTIES = {
  schemas: { type: 'array', minItems: 1, items: { type: 'string' } },
  id: { type: 'string' },
  externalId: { type: 'string' },
  meta: {
    type: 'object',
    properties: {
      resourceType: { type: 'string' },
      created: DATE_TIME,
      lastModified: DATE_TIME,
      location: { type: 'string' },
      version: { type: 'string' },
    },
  },
} as const;
