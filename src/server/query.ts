import {
  type FilterNode,
  matchesFilter,
  parseAttributeReference,
  parseFilter,
  validateFilter,
} from '../scim/filter/index.js';
import { buildListResponse, normalizePaging, slicePage } from '../scim/list-response.js';
import { type ProjectionRequest, projectResource } from '../scim/projection.js';
import type { ListResponse, ScimResource } from '../scim/resource.js';
import { type AttributeReference, findExtension, type ResourceTypeDefinition } from '../scim/resource-type.js';
import { ScimError } from '../scim/scim-error.js';
import { readSortOrder, sortKeyOf, sortResources } from '../scim/sort.js';
import type { CursorPaging } from './cursor-paging.js';
import { renderResource } from './render.js';
import { RESOURCE_TYPE_OF } from './resource-service.js';
import { FILTER_MAX_RESULTS } from './service-provider-config.js';
import type { ResourceKind, ScimStore, StoredResource } from './store.js';

/** A query as GET parameters or a SearchRequest body carry it (RFC 7644 §3.4.2, §3.4.3). */
export interface QueryRequest {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: unknown;
  count?: unknown;
  attributes?: string[];
  excludedAttributes?: string[];
  /**
   * RFC 9865 §2, §3: present (empty on the first request) when the client pages with cursors;
   * absent for index paging (RFC 7644 §3.4.2.4), which stays the default.
   */
  cursor?: string;
}

/** A ListResponse page of a cursor query carries where to go next (RFC 9865 §2). */
export type QueryResponse = ListResponse & { nextCursor?: string; previousCursor?: string };

/** Splits `attributes=a,b` style lists; SearchRequest arrays may also hold comma lists. */
function splitAttributeList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function parseReferences(texts: readonly string[], resourceType: ResourceTypeDefinition): AttributeReference[] {
  const references: AttributeReference[] = [];
  for (const text of texts) {
    const extension = findExtension(resourceType, text);
    if (extension) {
      references.push({ attribute: extension.schema.id });
      continue;
    }
    try {
      references.push(parseAttributeReference(text));
    } catch {
      // An unparsable name can name nothing; ignoring it matches how unknown names are treated.
    }
  }
  return references;
}

/** Builds the projection request for one resource type from raw `attributes` / `excludedAttributes`. */
export function projectionFor(
  resourceType: ResourceTypeDefinition,
  attributes: readonly string[] | undefined,
  excludedAttributes: readonly string[] | undefined,
): ProjectionRequest {
  return {
    attributes: parseReferences(splitAttributeList(attributes), resourceType),
    excludedAttributes: parseReferences(splitAttributeList(excludedAttributes), resourceType),
  };
}

const INDEXED_ATTRIBUTES = new Set(['id', 'externalid', 'username', 'displayname']);

/**
 * Answers `attr eq "value"` (and `and`/`or` combinations of it) from the store's indexes,
 * returning the candidate ids, or undefined when the filter needs a scan. Candidates are
 * still checked against the whole filter, so the index only narrows, never decides.
 */
function indexedIds(node: FilterNode, kind: ResourceKind, store: ScimStore): string[] | undefined {
  switch (node.kind) {
    case 'and':
      return indexedIds(node.left, kind, store) ?? indexedIds(node.right, kind, store);
    case 'or': {
      const left = indexedIds(node.left, kind, store);
      const right = left && indexedIds(node.right, kind, store);
      return left && right ? [...new Set([...left, ...right])] : undefined;
    }
    case 'compare': {
      const { attribute, operator, value } = node;
      if (operator !== 'eq' || typeof value !== 'string' || attribute.subAttribute !== undefined) return undefined;
      if (
        attribute.schema !== undefined &&
        attribute.schema.toLowerCase() !== RESOURCE_TYPE_OF[kind].schema.id.toLowerCase()
      )
        return undefined;
      const name = attribute.attribute.toLowerCase();
      if (!INDEXED_ATTRIBUTES.has(name)) return undefined;
      if (name === 'id') return store.get(kind, value) ? [value] : [];
      if (name === 'externalid') return store.idsByExternalId(kind, value);
      if (name === 'username' && kind === 'User') {
        const id = store.userIdByUserName(value);
        return id === undefined ? [] : [id];
      }
      if (name === 'displayname' && kind === 'Group') return store.groupIdsByDisplayName(value);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The attribute names (lower-cased, without schema or sub-attribute) a filter mentions. */
function filterAttributes(node: FilterNode, names: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      filterAttributes(node.left, names);
      return filterAttributes(node.right, names);
    case 'not':
      return filterAttributes(node.operand, names);
    default:
      names.add(node.attribute.attribute.toLowerCase());
      return names;
  }
}

/**
 * Attributes whose returned value differs from the stored one: `meta` gains `location` and the
 * `W/"…"` version, User `groups` is computed, Group members gain `$ref`, `type` and `display`
 * (render.ts). A filter naming none of them can be evaluated on the stored resource, which
 * saves rendering every candidate of a scan.
 */
const COMPUTED_ATTRIBUTES = new Set(['meta', 'groups', 'members']);

/**
 * `password` is never returned (RFC 7643 §4.1.1); a filter on it would let a client test
 * guesses against stored passwords, so it is refused like an unsupported filter (RFC 7644 §3.12).
 */
function refuseSecretAttributes(names: ReadonlySet<string>): void {
  if (names.has('password')) {
    throw new ScimError(
      400,
      'invalidFilter',
      'Invalid filter: "password" is never returned and cannot be filtered on.',
    );
  }
}

interface Hit {
  kind: ResourceKind;
  stored: StoredResource;
  rendered?: ScimResource;
}

/**
 * Runs a query over one or more resource types (several for a query at the service root,
 * RFC 7644 §3.4.2.1) and returns the ListResponse: filtered, sorted, paged (by index, or by
 * cursor when the request carries one and `cursorPaging` is given) and projected.
 */
export function runQuery(
  store: ScimStore,
  baseUrl: string,
  kinds: readonly ResourceKind[],
  request: QueryRequest,
  cursorPaging?: CursorPaging,
): QueryResponse {
  let parsed: FilterNode | undefined;
  if (request.filter !== undefined && request.filter.trim() !== '') parsed = parseFilter(request.filter);
  const mentioned = parsed ? filterAttributes(parsed) : new Set<string>();
  refuseSecretAttributes(mentioned);
  const needsRendering = [...mentioned].some((name) => COMPUTED_ATTRIBUTES.has(name));
  const hits: Hit[] = [];
  let firstError: unknown;
  let validKinds = 0;
  for (const kind of kinds) {
    const resourceType = RESOURCE_TYPE_OF[kind];
    if (!parsed) {
      for (const stored of store.all(kind)) hits.push({ kind, stored });
      continue;
    }
    try {
      validateFilter(parsed, resourceType);
      validKinds += 1;
    } catch (error) {
      // At the root, a filter naming an attribute only one type has still applies to that type.
      firstError ??= error;
      if (kinds.length === 1) throw error;
    }
    const ids = indexedIds(parsed, kind, store);
    const candidates = ids === undefined ? store.all(kind) : ids.flatMap((id) => store.get(kind, id) ?? []);
    for (const stored of candidates) {
      const rendered = needsRendering ? renderResource(store, baseUrl, kind, stored) : undefined;
      let matches = false;
      try {
        matches = matchesFilter(rendered ?? stored, parsed, resourceType);
      } catch (error) {
        if (kinds.length === 1) throw error;
      }
      if (matches) hits.push(rendered ? { kind, stored, rendered } : { kind, stored });
    }
  }
  if (parsed && validKinds === 0 && firstError !== undefined) throw firstError;
  let ordered = hits;
  if (request.sortBy !== undefined && request.sortBy.trim() !== '') {
    let reference: AttributeReference | undefined;
    try {
      reference = parseAttributeReference(request.sortBy.trim());
    } catch {
      throw new ScimError(400, 'invalidValue', `sortBy "${request.sortBy}" is not an attribute path.`);
    }
    const sortReference = reference;
    // Sorting by `password` would reveal how stored passwords order; it sorts by nothing instead.
    if (sortReference.attribute.toLowerCase() !== 'password') {
      ordered = sortResources(
        hits,
        (hit) => sortKeyOf(hit.stored, RESOURCE_TYPE_OF[hit.kind], sortReference),
        readSortOrder(request.sortOrder),
      );
    }
  }
  // A cursor request is paged by cursor even if it also names a startIndex: the client asked for
  // that method (RFC 9865 §2.4). Without cursor support wired in, `cursor` is ignored, as before.
  if (request.cursor !== undefined && cursorPaging !== undefined) {
    const page = cursorPaging.page(ordered, (hit) => `${hit.kind}/${hit.stored.id}`, {
      cursor: request.cursor,
      count: request.count,
      query: JSON.stringify([kinds, request.filter ?? '', request.sortBy ?? '', request.sortOrder ?? '']),
    });
    const response: QueryResponse = buildListResponse(
      projectHits(store, baseUrl, page.items, request),
      ordered.length,
      page.startIndex,
    );
    if (page.nextCursor !== undefined) response.nextCursor = page.nextCursor;
    if (page.previousCursor !== undefined) response.previousCursor = page.previousCursor;
    return response;
  }
  const page = normalizePaging(request.startIndex, request.count, FILTER_MAX_RESULTS);
  return buildListResponse(
    projectHits(store, baseUrl, slicePage(ordered, page), request),
    ordered.length,
    page.startIndex,
  );
}

/** Renders and projects the resources of one page (RFC 7644 §3.4.2.5), one projection per resource type. */
function projectHits(store: ScimStore, baseUrl: string, hits: readonly Hit[], request: QueryRequest): ScimResource[] {
  const projections = new Map<ResourceKind, ProjectionRequest>();
  return hits.map((hit) => {
    const resourceType = RESOURCE_TYPE_OF[hit.kind];
    let projection = projections.get(hit.kind);
    if (!projection) {
      projection = projectionFor(resourceType, request.attributes, request.excludedAttributes);
      projections.set(hit.kind, projection);
    }
    return projectResource(
      hit.rendered ?? renderResource(store, baseUrl, hit.kind, hit.stored),
      resourceType,
      projection,
    );
  });
}
