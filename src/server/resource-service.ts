import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../scim/canonical-json.js';
import { etagMatches, formatETag } from '../scim/etag.js';
import { getProperty } from '../scim/filter/index.js';
import { applyPatch, parsePatchRequest } from '../scim/patch/index.js';
import type { ScimResource } from '../scim/resource.js';
import { GROUP_RESOURCE_TYPE, type ResourceTypeDefinition, USER_RESOURCE_TYPE } from '../scim/resource-type.js';
import { ScimError } from '../scim/scim-error.js';
import { nextLastModified } from './modified-at.js';
import { type InputMode, normalizeResourceInput } from './resource-input.js';
import type { ResourceKind, ScimStore, StoredResource } from './store.js';

/** The ResourceType definition behind each kind. */
export const RESOURCE_TYPE_OF: Record<ResourceKind, ResourceTypeDefinition> = {
  User: USER_RESOURCE_TYPE,
  Group: GROUP_RESOURCE_TYPE,
};

function sameContent(left: ScimResource, right: ScimResource): boolean {
  const { meta: _leftMeta, id: _leftId, ...leftRest } = left;
  const { meta: _rightMeta, id: _rightId, ...rightRest } = right;
  return canonicalJson(leftRest) === canonicalJson(rightRest);
}

/**
 * The write and read operations of the reference server, independent of HTTP so that
 * single requests and Bulk operations (RFC 7644 §3.7) share one implementation.
 * Every failure is a ScimError carrying the status and `scimType` a client should see.
 */
export class ResourceService {
  constructor(
    private readonly store: ScimStore,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** The stored resource, or 404 (RFC 7644 §3.4.1). */
  get(kind: ResourceKind, id: string): StoredResource {
    const resource = this.store.get(kind, id);
    if (!resource) throw new ScimError(404, undefined, `${kind} "${id}" not found.`);
    return resource;
  }

  /** POST: a new resource with a server-assigned id (RFC 7644 §3.3). */
  create(kind: ResourceKind, body: Record<string, unknown>): StoredResource {
    const content = this.prepare(kind, body, 'create', undefined);
    const now = this.now();
    const id = randomUUID();
    const stored = {
      ...content,
      id,
      meta: { resourceType: kind, created: now, lastModified: now, version: this.store.nextVersion() },
    } as StoredResource;
    this.store.put(kind, orderKeys(stored));
    return this.get(kind, id);
  }

  /** PUT: replaces every writable attribute (RFC 7644 §3.5.1); never creates. */
  replace(kind: ResourceKind, id: string, body: Record<string, unknown>, ifMatch?: string): StoredResource {
    const existing = this.get(kind, id);
    checkIfMatch(existing, ifMatch);
    const content = this.prepare(kind, body, 'replace', existing);
    checkImmutable(RESOURCE_TYPE_OF[kind], existing, content);
    return this.commit(kind, existing, content);
  }

  /** PATCH: applies the operations atomically through the shared PATCH engine (RFC 7644 §3.5.2). */
  patch(kind: ResourceKind, id: string, body: Record<string, unknown>, ifMatch?: string): StoredResource {
    const existing = this.get(kind, id);
    checkIfMatch(existing, ifMatch);
    const operations = parsePatchRequest(body);
    const patched = applyPatch(existing, operations, RESOURCE_TYPE_OF[kind]);
    const content = this.prepare(kind, patched, 'patch', existing);
    return this.commit(kind, existing, content);
  }

  /** DELETE (RFC 7644 §3.6); memberships of the deleted resource go with it. */
  delete(kind: ResourceKind, id: string, ifMatch?: string): void {
    const existing = this.get(kind, id);
    checkIfMatch(existing, ifMatch);
    this.store.delete(kind, id, this.now());
  }

  private commit(kind: ResourceKind, existing: StoredResource, content: ScimResource): StoredResource {
    // An update that changes nothing keeps its version and lastModified (RFC 7644 §3.5.2.1:
    // re-adding a present value is a no-op; RFC 7232 §2.3: the tag only changes with the data).
    if (sameContent(existing, content)) return existing;
    const stored = {
      ...content,
      id: existing.id,
      meta: {
        ...existing.meta,
        lastModified: nextLastModified(this.now(), existing.meta.lastModified),
        version: this.store.nextVersion(),
      },
    } as StoredResource;
    this.store.put(kind, orderKeys(stored));
    return this.get(kind, existing.id);
  }

  private prepare(
    kind: ResourceKind,
    body: Record<string, unknown>,
    mode: InputMode,
    existing: StoredResource | undefined,
  ): ScimResource {
    const content = normalizeResourceInput(body, RESOURCE_TYPE_OF[kind], mode);
    if (kind === 'User') {
      const ownerId = this.store.userIdByUserName(content.userName as string);
      if (ownerId !== undefined && ownerId !== existing?.id) {
        // RFC 7644 §3.3 names 409 + uniqueness; the same answer is used for PUT and PATCH.
        throw new ScimError(409, 'uniqueness', `userName "${String(content.userName)}" is already taken.`);
      }
    } else {
      checkMembersHaveValues(body);
      if (content.members !== undefined)
        content.members = this.resolveMembers(content.members as Record<string, unknown>[], existing?.id);
    }
    return content;
  }

  /** Members are stored as `{ value, type }`; an id the server never issued is refused (RFC 7643 §4.2). */
  private resolveMembers(members: Record<string, unknown>[], groupId: string | undefined): Record<string, unknown>[] {
    const seen = new Set<string>();
    const resolved: Record<string, unknown>[] = [];
    members.forEach((member, index) => {
      const value = member.value;
      if (typeof value !== 'string' || value === '')
        throw new ScimError(400, 'invalidValue', `members[${index}].value is required.`);
      if (seen.has(value)) return;
      const kind = this.store.kindOf(value);
      if (kind === undefined)
        throw new ScimError(
          400,
          'invalidValue',
          `members[${index}].value "${value}" is not the id of an existing User or Group.`,
        );
      if (value === groupId) throw new ScimError(400, 'invalidValue', 'A group cannot be a member of itself.');
      seen.add(value);
      resolved.push({ value, type: kind });
    });
    return resolved;
  }
}

/**
 * A member entry without a `value` names nobody (RFC 7643 §4.2: `value` is the member's id).
 * Normalisation would drop it silently, as it drops read-only `display`, and the client would
 * believe it had added someone, so it is refused before that.
 */
function checkMembersHaveValues(body: Record<string, unknown>): void {
  const members = getProperty(body, 'members');
  if (!Array.isArray(members)) return;
  members.forEach((member, index) => {
    if (member === null) return;
    const value = getProperty(member, 'value');
    if (typeof value !== 'string' || value === '')
      throw new ScimError(400, 'invalidValue', `members[${index}].value must be the id of a User or Group.`);
  });
}

/** `If-Match` on PUT/PATCH/DELETE (RFC 7644 §3.14, RFC 7232 §3.1): a stale tag gets 412. */
function checkIfMatch(existing: StoredResource, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '') return;
  if (!etagMatches(ifMatch, formatETag(existing.meta.version))) {
    throw new ScimError(
      412,
      undefined,
      `If-Match does not name the current version ${formatETag(existing.meta.version)}.`,
    );
  }
}

/** RFC 7644 §3.5.1: an immutable attribute that has a value can only be re-sent unchanged. */
function checkImmutable(resourceType: ResourceTypeDefinition, existing: StoredResource, content: ScimResource): void {
  for (const definition of resourceType.schema.attributes) {
    if (definition.mutability !== 'immutable') continue;
    const before = existing[definition.name];
    if (before === undefined) continue;
    if (canonicalJson(before) !== canonicalJson(content[definition.name])) {
      throw new ScimError(400, 'mutability', `Attribute "${definition.name}" is immutable.`);
    }
  }
}

/** Stable key order for stored resources: schemas, id, externalId, attributes, meta. */
function orderKeys(stored: StoredResource): StoredResource {
  const { schemas, id, externalId, meta, ...rest } = stored;
  const ordered: Record<string, unknown> = { schemas, id };
  if (externalId !== undefined) ordered.externalId = externalId;
  Object.assign(ordered, rest);
  ordered.meta = meta;
  return ordered as StoredResource;
}
