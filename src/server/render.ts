import { formatETag } from '../scim/etag.js';
import type { ScimResource } from '../scim/resource.js';
import type { ResourceKind, ScimStore, StoredResource } from './store.js';

/** Endpoint path segment of each resource type (ResourceType `endpoint`, RFC 7643 §6). */
const ENDPOINT_OF: Record<ResourceKind, string> = { User: 'Users', Group: 'Groups' };

/** The absolute URI of a resource, used for `meta.location`, `Location` and `$ref` (RFC 7643 §3.1). */
export function locationOf(baseUrl: string, kind: ResourceKind, id: string): string {
  return `${baseUrl}/${ENDPOINT_OF[kind]}/${encodeURIComponent(id)}`;
}

function displayOf(resource: StoredResource | undefined): string | undefined {
  if (!resource) return undefined;
  const candidate = resource.displayName ?? resource.userName;
  return typeof candidate === 'string' ? candidate : undefined;
}

/**
 * The full representation of a stored resource, before projection: `meta` completed with
 * `location` and the weak `version` (equal to the `ETag` header, RFC 7644 §3.14), User `groups`
 * computed from current memberships (read-only, RFC 7643 §4.1.2), and each Group member given
 * its `$ref`, `type` and a current `display`.
 */
export function renderResource(
  store: ScimStore,
  baseUrl: string,
  kind: ResourceKind,
  stored: StoredResource,
): ScimResource {
  const { meta, ...attributes } = stored;
  const rendered: ScimResource = { ...attributes };
  if (kind === 'User') {
    const groupIds = store.groupsOfMember(stored.id);
    if (groupIds.length > 0) {
      rendered.groups = groupIds.map((groupId) => {
        const entry: Record<string, unknown> = {
          value: groupId,
          $ref: locationOf(baseUrl, 'Group', groupId),
          type: 'direct',
        };
        const display = displayOf(store.get('Group', groupId));
        if (display !== undefined) entry.display = display;
        return entry;
      });
    }
  } else if (Array.isArray(stored.members)) {
    rendered.members = stored.members.map((member) => {
      const value = (member as { value: string }).value;
      const memberKind = store.kindOf(value) ?? 'User';
      const entry: Record<string, unknown> = { value, $ref: locationOf(baseUrl, memberKind, value), type: memberKind };
      const display = displayOf(store.get(memberKind, value));
      if (display !== undefined) entry.display = display;
      return entry;
    });
  }
  rendered.meta = {
    resourceType: meta.resourceType,
    created: meta.created,
    lastModified: meta.lastModified,
    location: locationOf(baseUrl, kind, stored.id),
    version: formatETag(meta.version),
  };
  return rendered;
}

/** The `ETag` header value of a stored resource. */
export function etagOf(stored: StoredResource): string {
  return formatETag(stored.meta.version);
}
