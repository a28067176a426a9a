import { attr } from '../../../src/scim/attribute-definition.js';
import type { ScimResource } from '../../../src/scim/resource.js';
import {
  GROUP_RESOURCE_TYPE,
  type ResourceTypeDefinition,
  USER_RESOURCE_TYPE,
} from '../../../src/scim/resource-type.js';
import type { ScimType } from '../../../src/scim/scim-error.js';
import { URN } from '../../../src/scim/urns.js';

/** The ids RFC 7644 §3.5.2 uses in its examples. */
export const BJENSEN_ID = '2819c223-7f76-453a-919d-413861904646';
export const MEMBER_2 = '902c246b-6245-4190-8e05-00816be7344a';
export const MEMBER_3 = 'e9e30dba-f08f-4109-8486-d5c6a331660a';
export const GROUP_ID = 'acbf3ae7-8463-4692-b4fd-9b4da3f908ce';
export const MANAGER_ID = '26118915-6090-4610-87e4-49d8ca9f808d';

const META = {
  resourceType: 'User',
  created: '2010-01-23T04:56:22Z',
  lastModified: '2011-05-13T04:42:34Z',
  location: `https://example.com/v2/Users/${BJENSEN_ID}`,
  version: 'W/"3694e05e9dff591"',
};

/** A small User like RFC 7643 §8.2's, with extra attributes merged in. */
export function user(extra: ScimResource = {}): ScimResource {
  return { schemas: [URN.user], id: BJENSEN_ID, userName: 'bjensen', meta: { ...META }, ...extra };
}

/** A Group like RFC 7643 §8.4's, with extra attributes merged in. */
export function group(extra: ScimResource = {}): ScimResource {
  return {
    schemas: [URN.group],
    id: GROUP_ID,
    displayName: 'Tour Guides',
    meta: { ...META, resourceType: 'Group', location: `https://example.com/v2/Groups/${GROUP_ID}` },
    ...extra,
  };
}

export const WORK_EMAIL = { value: 'bjensen@example.com', type: 'work', primary: true };
export const HOME_EMAIL = { value: 'babs@jensen.org', type: 'home' };
export const WORK_ADDRESS = {
  type: 'work',
  streetAddress: '100 Universal City Plaza',
  locality: 'Hollywood',
  region: 'CA',
  postalCode: '91608',
  country: 'US',
  primary: true,
};

/** A resource type with the attribute kinds the core schemas lack (immutable, integer), for mutability and type tests. */
export const BADGE_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: 'Badge',
  endpoint: '/Badges',
  description: 'Test-only resource type',
  schema: {
    id: 'urn:example:params:scim:schemas:Badge',
    name: 'Badge',
    description: 'Test-only schema',
    attributes: [
      attr.string('label', { required: true }),
      attr.string('serial', { mutability: 'immutable' }),
      attr.integer('level'),
      attr.dateTime('issued'),
      attr.string('tags', { multiValued: true }),
    ],
  },
  extensions: [],
};

export const RESOURCE_TYPES = {
  User: USER_RESOURCE_TYPE,
  Group: GROUP_RESOURCE_TYPE,
  Badge: BADGE_RESOURCE_TYPE,
} as const;

/** One row of the PATCH tables: a resource, the request's Operations, and the outcome. */
export interface PatchCase {
  name: string;
  /** Defaults to User. */
  type?: keyof typeof RESOURCE_TYPES;
  initial: ScimResource;
  operations: unknown[];
  /** The whole patched resource. */
  expected?: ScimResource;
  /** Or the error it must fail with. */
  error?: { status: number; scimType: ScimType };
}

/** A PatchOp request body around operations (RFC 7644 §3.5.2). */
export function patchBody(operations: unknown[]): unknown {
  return { schemas: [URN.patchOp], Operations: operations };
}

/** Recursively freezes a JSON value, so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
