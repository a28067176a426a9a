import { etagMatches } from '../../scim/etag.js';
import { projectResource } from '../../scim/projection.js';
import { ScimError } from '../../scim/scim-error.js';
import { honourRespondAsync } from '../async-requests.js';
import { projectionFor, runQuery } from '../query.js';
import { etagOf, locationOf, renderResource } from '../render.js';
import { RESOURCE_TYPE_OF } from '../resource-service.js';
import type { ScimResponse } from '../responses.js';
import { type Handler, type HandlerRequest, headerValue, queryValues } from '../router.js';
import { readQueryParameters, readSearchRequest } from '../search-request.js';
import type { ResourceKind, StoredResource } from '../store.js';

// The /Users and /Groups endpoints share one implementation; the resource type decides
// validation (resource-input.ts), rendering (render.ts) and projection.

function requireBody(request: HandlerRequest): Record<string, unknown> {
  if (!request.body) throw new ScimError(400, 'invalidSyntax', 'A JSON request body is required.');
  return request.body;
}

/**
 * A single-resource response: projected by `attributes` / `excludedAttributes` (RFC 7644 §3.9,
 * which applies to POST, PUT and PATCH answers as well as GET) with its `ETag` (RFC 7644 §3.14).
 */
function resourceResponse(
  request: HandlerRequest,
  kind: ResourceKind,
  stored: StoredResource,
  status: number,
): ScimResponse {
  const { store } = request.context;
  const resourceType = RESOURCE_TYPE_OF[kind];
  const projection = projectionFor(
    resourceType,
    queryValues(request, 'attributes'),
    queryValues(request, 'excludedAttributes'),
  );
  const body = projectResource(renderResource(store, request.baseUrl, kind, stored), resourceType, projection);
  const headers: Record<string, string> = { ETag: etagOf(stored) };
  if (status === 201) headers.Location = locationOf(request.baseUrl, kind, stored.id);
  return { status, body, headers };
}

function idOf(request: HandlerRequest): string {
  return request.params.id ?? '';
}

/**
 * Writes honour `Prefer: respond-async` (RFC 9967 §2.5.1.1, async-requests.ts): a create is located
 * by the `Location` its 201 carries, the other writes by the resource they address.
 */
function asyncCapable(kind: ResourceKind, handler: Handler): Handler {
  return honourRespondAsync(
    handler,
    (request, answer) => answer.headers?.Location ?? locationOf(request.baseUrl, kind, idOf(request)),
  );
}

/** The handlers of one resource endpoint. */
export function resourceHandlers(kind: ResourceKind): {
  list: Handler;
  search: Handler;
  create: Handler;
  get: Handler;
  replace: Handler;
  patch: Handler;
  remove: Handler;
} {
  return {
    list: (request) => ({
      status: 200,
      body: runQuery(
        request.context.store,
        request.baseUrl,
        [kind],
        readQueryParameters(request),
        request.context.cursorPaging,
      ),
    }),
    search: (request) => ({
      status: 200,
      body: runQuery(
        request.context.store,
        request.baseUrl,
        [kind],
        readSearchRequest(request.body),
        request.context.cursorPaging,
      ),
    }),
    create: asyncCapable(kind, (request) =>
      resourceResponse(request, kind, request.context.service.create(kind, requireBody(request)), 201),
    ),
    get: (request) => {
      const stored = request.context.service.get(kind, idOf(request));
      const ifNoneMatch = headerValue(request, 'if-none-match');
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etagOf(stored))) {
        return { status: 304, headers: { ETag: etagOf(stored) } };
      }
      return resourceResponse(request, kind, stored, 200);
    },
    replace: asyncCapable(kind, (request) =>
      resourceResponse(
        request,
        kind,
        request.context.service.replace(kind, idOf(request), requireBody(request), headerValue(request, 'if-match')),
        200,
      ),
    ),
    // PATCH answers 200 with the resource, never 204: RFC 7644 §3.5.2 allows both, and IdP
    // validators reject 204 (SPEC-CHECKS INTEROP-PATCH-200-BODY, PATCH-ATTRIBUTES-200).
    patch: asyncCapable(kind, (request) =>
      resourceResponse(
        request,
        kind,
        request.context.service.patch(kind, idOf(request), requireBody(request), headerValue(request, 'if-match')),
        200,
      ),
    ),
    remove: asyncCapable(kind, (request) => {
      request.context.service.delete(kind, idOf(request), headerValue(request, 'if-match'));
      return { status: 204 };
    }),
  };
}
