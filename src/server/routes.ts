import { ScimError } from '../scim/scim-error.js';
import { handleBulk } from './handlers/bulk.js';
import {
  getResourceType,
  getSchema,
  getServiceProviderConfig,
  listResourceTypes,
  listSchemas,
} from './handlers/discovery.js';
import { resourceHandlers } from './handlers/resources.js';
import { queryRoot, searchRoot } from './handlers/search.js';
import { ENTITLEMENT_HANDLERS, ROLE_HANDLERS } from './okta-entitlements.js';
import type { Handler, Route } from './router.js';
import type { ResourceKind } from './store.js';

/**
 * RFC 7644 §3.11: a provider that does not support `/Me` answers 501 (SPEC-CHECKS
 * ME-UNSUPPORTED). A bearer token here names no SCIM subject, so there is no resource to
 * redirect to.
 */
const notImplementedMe: Handler = () => {
  throw new ScimError(501, undefined, 'The /Me alias is not supported by this server (RFC 7644 §3.11).');
};

/** The collection, `.search` and single-resource routes of one resource endpoint (RFC 7644 §3.2). */
function resourceRoutes(endpoint: string, kind: ResourceKind): Route[] {
  const handlers = resourceHandlers(kind);
  return [
    { pattern: [endpoint], methods: { GET: handlers.list, POST: handlers.create } },
    // Listed before `/:id` so that `.search` is never taken for an id (RFC 7644 §3.4.3).
    { pattern: [endpoint, '.search'], methods: { POST: handlers.search } },
    {
      pattern: [endpoint, ':id'],
      methods: { GET: handlers.get, PUT: handlers.replace, PATCH: handlers.patch, DELETE: handlers.remove },
    },
  ];
}

/**
 * Every endpoint of the reference server, relative to the base path. Literal segments match
 * case-insensitively (router.ts); the order matters where a literal and `:id` could both match.
 */
export function createRoutes(): Route[] {
  return [
    // Queries at the service root span all resource types (RFC 7644 §3.4.2.1, §3.4.3).
    { pattern: [], methods: { GET: queryRoot } },
    { pattern: ['.search'], methods: { POST: searchRoot } },
    // Discovery is public: clients read the authentication schemes before they have a token
    // (RFC 7643 §5, SPEC-CHECKS DISC-SPC-PUBLIC).
    { pattern: ['ServiceProviderConfig'], methods: { GET: getServiceProviderConfig }, public: true },
    { pattern: ['ResourceTypes'], methods: { GET: listResourceTypes }, public: true },
    { pattern: ['ResourceTypes', ':id'], methods: { GET: getResourceType }, public: true },
    { pattern: ['Schemas'], methods: { GET: listSchemas }, public: true },
    { pattern: ['Schemas', ':id'], methods: { GET: getSchema }, public: true },
    ...resourceRoutes('Users', 'User'),
    ...resourceRoutes('Groups', 'Group'),
    // Okta's read-only entitlement catalogues (okta-developer-docs guides/scim-with-entitlements).
    { pattern: ['Roles'], methods: { GET: ROLE_HANDLERS.list } },
    { pattern: ['Roles', ':id'], methods: { GET: ROLE_HANDLERS.get } },
    { pattern: ['Entitlements'], methods: { GET: ENTITLEMENT_HANDLERS.list } },
    { pattern: ['Entitlements', ':id'], methods: { GET: ENTITLEMENT_HANDLERS.get } },
    { pattern: ['Bulk'], methods: { POST: handleBulk }, bulk: true },
    {
      pattern: ['Me'],
      methods: {
        GET: notImplementedMe,
        POST: notImplementedMe,
        PUT: notImplementedMe,
        PATCH: notImplementedMe,
        DELETE: notImplementedMe,
      },
    },
  ];
}
