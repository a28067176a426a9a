import { getProperty } from '../scim/filter/index.js';
import { ScimError } from '../scim/scim-error.js';
import { listsSchema, URN } from '../scim/urns.js';
import type { QueryRequest } from './query.js';
import { type HandlerRequest, queryValue, queryValues } from './router.js';

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw new ScimError(400, 'invalidValue', `SearchRequest "${name}" must be an array of strings.`);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  throw new ScimError(400, 'invalidValue', `SearchRequest "${name}" must be a string.`);
}

/** A SearchRequest `cursor` (RFC 9865 §3): a string when present; anything else is no cursor we issued. */
function cursorMember(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  throw new ScimError(400, 'invalidCursor', 'SearchRequest "cursor" must be a string (RFC 9865 §3).');
}

/** Reads a SearchRequest body (RFC 7644 §3.4.3, RFC 9865 §3). Member names are matched case-insensitively. */
export function readSearchRequest(body: Record<string, unknown> | undefined): QueryRequest {
  if (!body) throw new ScimError(400, 'invalidSyntax', 'A SearchRequest body is required.');
  const schemas = getProperty(body, 'schemas');
  if (schemas !== undefined && !listsSchema(schemas, URN.searchRequest)) {
    throw new ScimError(
      400,
      'invalidSyntax',
      'A SearchRequest must list "urn:ietf:params:scim:api:messages:2.0:SearchRequest" in "schemas".',
    );
  }
  return {
    filter: optionalString(getProperty(body, 'filter'), 'filter'),
    sortBy: optionalString(getProperty(body, 'sortBy'), 'sortBy'),
    sortOrder: optionalString(getProperty(body, 'sortOrder'), 'sortOrder'),
    startIndex: getProperty(body, 'startIndex'),
    count: getProperty(body, 'count'),
    attributes: stringList(getProperty(body, 'attributes'), 'attributes'),
    excludedAttributes: stringList(getProperty(body, 'excludedAttributes'), 'excludedAttributes'),
    cursor: cursorMember(getProperty(body, 'cursor')),
  };
}

/**
 * The query parameters of a GET on a list endpoint (RFC 7644 §3.4.2, RFC 9865 §2), the twin of a
 * SearchRequest body. `?cursor` and `?cursor=` both ask for the first cursor page.
 */
export function readQueryParameters(request: HandlerRequest): QueryRequest {
  return {
    filter: queryValue(request, 'filter'),
    sortBy: queryValue(request, 'sortBy'),
    sortOrder: queryValue(request, 'sortOrder'),
    startIndex: queryValue(request, 'startIndex'),
    count: queryValue(request, 'count'),
    attributes: queryValues(request, 'attributes'),
    excludedAttributes: queryValues(request, 'excludedAttributes'),
    cursor: queryValue(request, 'cursor'),
  };
}
