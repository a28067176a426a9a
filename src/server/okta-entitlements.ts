import { attr, type SchemaDefinition } from '../scim/attribute-definition.js';
import { buildListResponse, normalizePaging, slicePage } from '../scim/list-response.js';
import type { ResourceTypeDefinition } from '../scim/resource-type.js';
import { ScimError } from '../scim/scim-error.js';
import type { ScimResponse } from './responses.js';
import { type Handler, type HandlerRequest, queryValue } from './router.js';
import { FILTER_MAX_RESULTS } from './service-provider-config.js';

/*
 * Okta's entitlement resource types (okta-developer-docs, guides/scim-with-entitlements, "Entitlements
 * schema", "Roles schema", "ResourceTypes"): Okta Identity Governance reads /ResourceTypes, and from
 * every ResourceType whose `schema` is one of Okta's two URNs it lists all values with
 * `?count=…&startIndex=…` (the OIN Entitlements test, SCIMFiles/Okta-SCIM-20-Entitlements-Test.json,
 * asks `count=1&startIndex=1`). Users carry what they hold in the core `roles` and `entitlements`
 * attributes (RFC 7643 §4.1.2), as the guide's "User with entitlements and roles" shows. Okta never
 * writes these endpoints, so here they are a read-only catalogue.
 */

/** The schema URNs Okta defines for roles and entitlements (guides/scim-with-entitlements, "ResourceTypes"). */
export const OKTA_ROLE_SCHEMA_URN = 'urn:okta:scim:schemas:core:1.0:Role';
export const OKTA_ENTITLEMENT_SCHEMA_URN = 'urn:okta:scim:schemas:core:1.0:Entitlement';

// `id` comes from the common attributes /Schemas lists with every core schema (discovery.ts).
// The guide caps `description` at 1,000 characters; RFC 7643 §7 has no length characteristic to say so.
const displayName = attr.string('displayName', {
  required: true,
  mutability: 'readOnly',
  description: 'The name Okta shows for the value in the Admin Console.',
});
const description = attr.string('description', {
  mutability: 'readOnly',
  description: 'Shown in the Governance tab; at most 1000 characters.',
});

/** `urn:okta:scim:schemas:core:1.0:Role`: id, displayName, description. */
export const OKTA_ROLE_SCHEMA: SchemaDefinition = {
  id: OKTA_ROLE_SCHEMA_URN,
  name: 'Role',
  description: 'A role a user can hold in the app (Okta Identity Governance).',
  attributes: [displayName, description],
};

/** `urn:okta:scim:schemas:core:1.0:Entitlement`: id, displayName, type (the ResourceType name), description. */
export const OKTA_ENTITLEMENT_SCHEMA: SchemaDefinition = {
  id: OKTA_ENTITLEMENT_SCHEMA_URN,
  name: 'Entitlement',
  description: 'An entitlement a user can hold in the app (Okta Identity Governance).',
  attributes: [
    displayName,
    attr.string('type', {
      required: true,
      mutability: 'readOnly',
      description: 'The name of the ResourceType the entitlement belongs to.',
    }),
    description,
  ],
};

export const ROLE_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: 'Role',
  endpoint: '/Roles',
  description: 'Roles users can hold in the app (Okta entitlement management)',
  schema: OKTA_ROLE_SCHEMA,
  extensions: [],
};

export const ENTITLEMENT_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: 'Entitlement',
  endpoint: '/Entitlements',
  description: 'Entitlements users can hold in the app (Okta entitlement management)',
  schema: OKTA_ENTITLEMENT_SCHEMA,
  extensions: [],
};

interface CatalogueEntry {
  id: string;
  displayName: string;
  description: string;
}

// A few values each, so a list is never empty: the Entitlements test asserts `Resources` is not empty.
const ROLES: readonly CatalogueEntry[] = [
  { id: 'role-admin', displayName: 'Administrator', description: 'Manages the whole account.' },
  { id: 'role-editor', displayName: 'Editor', description: 'Creates and changes content.' },
  { id: 'role-viewer', displayName: 'Viewer', description: 'Reads content.' },
];

const ENTITLEMENTS: readonly CatalogueEntry[] = [
  { id: 'entitlement-pro', displayName: 'Pro licence', description: 'Every paid feature.' },
  { id: 'entitlement-basic', displayName: 'Basic licence', description: 'The free features.' },
  { id: 'entitlement-billing', displayName: 'Billing access', description: 'Reads and pays invoices.' },
];

function render(resourceType: ResourceTypeDefinition, entry: CatalogueEntry, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [resourceType.schema.id],
    id: entry.id,
    displayName: entry.displayName,
    // The Entitlement schema's `type` names the ResourceType (guides/scim-with-entitlements, "Entitlements schema").
    ...(resourceType === ENTITLEMENT_RESOURCE_TYPE ? { type: resourceType.name } : {}),
    description: entry.description,
    meta: { resourceType: resourceType.name, location: `${baseUrl}${resourceType.endpoint}/${entry.id}` },
  };
}

/** List and get handlers of one read-only catalogue endpoint, paged like /Users (RFC 7644 §3.4.2.4). */
function catalogueHandlers(
  resourceType: ResourceTypeDefinition,
  entries: readonly CatalogueEntry[],
): { list: Handler; get: Handler } {
  return {
    list: (request: HandlerRequest): ScimResponse => {
      // Okta reads every value; nothing filters these lists, so a filter is refused, never ignored.
      if (request.query.has('filter'))
        throw new ScimError(400, 'invalidFilter', `${resourceType.endpoint} cannot be filtered.`);
      const page = normalizePaging(queryValue(request, 'startIndex'), queryValue(request, 'count'), FILTER_MAX_RESULTS);
      const resources = slicePage(entries, page).map((entry) => render(resourceType, entry, request.baseUrl));
      return { status: 200, body: buildListResponse(resources, entries.length, page.startIndex) };
    },
    get: (request: HandlerRequest): ScimResponse => {
      const entry = entries.find((candidate) => candidate.id === request.params.id);
      if (!entry) throw new ScimError(404, undefined, `${resourceType.name} "${request.params.id ?? ''}" not found.`);
      return { status: 200, body: render(resourceType, entry, request.baseUrl) };
    },
  };
}

/** The /Roles and /Entitlements handlers. */
export const ROLE_HANDLERS = catalogueHandlers(ROLE_RESOURCE_TYPE, ROLES);
export const ENTITLEMENT_HANDLERS = catalogueHandlers(ENTITLEMENT_RESOURCE_TYPE, ENTITLEMENTS);
