/** SCIM schema and message URNs (RFC 7643 §8.7, RFC 7644 §3.1 and §8.2). */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

/** The media type every SCIM response carries (RFC 7644 §3.1, §8.1). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/** True when `name` is written as a schema URN (an extension-prefixed attribute path starts this way). */
export function isSchemaUrn(name: string): boolean {
  return /^urn:/i.test(name);
}

/** True when `schemas` is an array that lists `urn`, compared case-insensitively (RFC 7643 §2.1). */
export function listsSchema(schemas: unknown, urn: string): boolean {
  const lower = urn.toLowerCase();
  return (
    Array.isArray(schemas) && schemas.some((schema) => typeof schema === 'string' && schema.toLowerCase() === lower)
  );
}
