import { runQuery } from '../query.js';
import type { ScimResponse } from '../responses.js';
import type { HandlerRequest } from '../router.js';
import { readQueryParameters, readSearchRequest } from '../search-request.js';

// Queries at the service root span every resource type (RFC 7644 §3.4.2.1, §3.4.3); each
// result carries its own `meta.resourceType`.

/** POST {base}/.search */
export function searchRoot(request: HandlerRequest): ScimResponse {
  return {
    status: 200,
    body: runQuery(
      request.context.store,
      request.baseUrl,
      ['User', 'Group'],
      readSearchRequest(request.body),
      request.context.cursorPaging,
    ),
  };
}

/** GET {base}/?filter=… */
export function queryRoot(request: HandlerRequest): ScimResponse {
  return {
    status: 200,
    body: runQuery(
      request.context.store,
      request.baseUrl,
      ['User', 'Group'],
      readQueryParameters(request),
      request.context.cursorPaging,
    ),
  };
}
