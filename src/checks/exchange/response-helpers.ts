import type { Exchange } from '../../http/exchange.js';

/** The response body as a JSON object, or undefined when absent, not JSON, or not an object. */
/** The response body when it is a JSON object (the one definition, in the exchange record). */
export { bodyObject as jsonObject } from '../../http/exchange.js';

/** The media type of a header value without parameters, lower-cased (`application/scim+json`). */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

// One definition of a 2xx answer for the whole product; exchange.ts is plain data and pure helpers.
export { isSuccess } from '../../http/exchange.js';

export function hasBody(exchange: Exchange): boolean {
  return (exchange.response?.body.length ?? 0) > 0;
}

export function schemasOf(body: Record<string, unknown> | undefined): string[] {
  const schemas = body?.schemas;
  return Array.isArray(schemas) ? schemas.filter((schema): schema is string => typeof schema === 'string') : [];
}

/** Short description of what came back, for findings' `actual`. */
export function describeStatus(exchange: Exchange): string {
  if (!exchange.response) return `no response (${exchange.error?.code ?? 'error'})`;
  return String(exchange.response.status);
}

/** RFC 3339 / xsd:dateTime with a time zone (RFC 7643 §2.3.5). */
export function isDateTime(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
