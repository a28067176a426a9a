import type { SchemaDefinition } from '../../scim/attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../../scim/core-schemas.js';
import { buildListResponse } from '../../scim/list-response.js';
import type { ResourceTypeDefinition } from '../../scim/resource-type.js';
import { ScimError } from '../../scim/scim-error.js';
import { URN } from '../../scim/urns.js';
import { ENTITLEMENT_RESOURCE_TYPE, ROLE_RESOURCE_TYPE } from '../okta-entitlements.js';
import { RESOURCE_TYPE_OF } from '../resource-service.js';
import type { ScimResponse } from '../responses.js';
import type { HandlerRequest } from '../router.js';
import { serviceProviderConfig } from '../service-provider-config.js';

// Okta's Role and Entitlement types follow the core ones (okta-developer-docs guides/scim-with-entitlements).
const RESOURCE_TYPES: ResourceTypeDefinition[] = [
  RESOURCE_TYPE_OF.User,
  RESOURCE_TYPE_OF.Group,
  ROLE_RESOURCE_TYPE,
  ENTITLEMENT_RESOURCE_TYPE,
];

/** Every schema a ResourceType references, core first, each once. */
function publishedSchemas(): SchemaDefinition[] {
  const schemas: SchemaDefinition[] = [];
  for (const resourceType of RESOURCE_TYPES) {
    for (const schema of [resourceType.schema, ...resourceType.extensions.map((extension) => extension.schema)]) {
      if (!schemas.includes(schema)) schemas.push(schema);
    }
  }
  return schemas;
}

/**
 * RFC 7644 §4: discovery endpoints do not filter; a `filter` parameter SHOULD get 403
 * (SPEC-CHECKS DISC-NO-FILTER). Paging and sorting parameters are ignored (DISC-NO-PAGING).
 */
function refuseFilter(request: HandlerRequest): void {
  if (request.query.has('filter')) {
    throw new ScimError(403, undefined, 'Filtering is not supported on discovery endpoints (RFC 7644 §4).');
  }
}

function resourceTypeResource(resourceType: ResourceTypeDefinition, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [URN.resourceType],
    id: resourceType.name,
    name: resourceType.name,
    endpoint: resourceType.endpoint,
    description: resourceType.description,
    schema: resourceType.schema.id,
    schemaExtensions: resourceType.extensions.map((extension) => ({
      schema: extension.schema.id,
      required: extension.required,
    })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${resourceType.name}` },
  };
}

/**
 * A Schema resource (RFC 7643 §7, errata EID 8417: with `schemas` and `meta`). The core
 * schemas also list the common attributes (`id`, `externalId`, `meta`), so a client sees
 * their characteristics (e.g. `id` returned always, caseExact).
 */
function schemaResource(schema: SchemaDefinition, baseUrl: string): Record<string, unknown> {
  const isCore = RESOURCE_TYPES.some((resourceType) => resourceType.schema === schema);
  return {
    schemas: [URN.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: isCore ? [...COMMON_ATTRIBUTES, ...schema.attributes] : schema.attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

export function getServiceProviderConfig(request: HandlerRequest): ScimResponse {
  refuseFilter(request);
  return {
    status: 200,
    body: serviceProviderConfig(request.baseUrl, request.context.cursorPaging.advertisement()),
  };
}

export function listResourceTypes(request: HandlerRequest): ScimResponse {
  refuseFilter(request);
  const resources = RESOURCE_TYPES.map((resourceType) => resourceTypeResource(resourceType, request.baseUrl));
  return { status: 200, body: buildListResponse(resources, resources.length, 1) };
}

export function getResourceType(request: HandlerRequest): ScimResponse {
  refuseFilter(request);
  const id = (request.params.id ?? '').toLowerCase();
  const resourceType = RESOURCE_TYPES.find(
    (candidate) => candidate.name.toLowerCase() === id || candidate.endpoint.slice(1).toLowerCase() === id,
  );
  if (!resourceType) throw new ScimError(404, undefined, `ResourceType "${request.params.id ?? ''}" not found.`);
  return { status: 200, body: resourceTypeResource(resourceType, request.baseUrl) };
}

export function listSchemas(request: HandlerRequest): ScimResponse {
  refuseFilter(request);
  const resources = publishedSchemas().map((schema) => schemaResource(schema, request.baseUrl));
  return { status: 200, body: buildListResponse(resources, resources.length, 1) };
}

export function getSchema(request: HandlerRequest): ScimResponse {
  refuseFilter(request);
  const id = (request.params.id ?? '').toLowerCase();
  const schema = publishedSchemas().find((candidate) => candidate.id.toLowerCase() === id);
  if (!schema) throw new ScimError(404, undefined, `Schema "${request.params.id ?? ''}" not found.`);
  return { status: 200, body: schemaResource(schema, request.baseUrl) };
}
