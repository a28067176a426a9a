import { attr } from '../../../src/scim/attribute-definition.js';
import type { FilterNode } from '../../../src/scim/filter/index.js';
import type { ScimResource } from '../../../src/scim/resource.js';
import type { AttributeReference, ResourceTypeDefinition } from '../../../src/scim/resource-type.js';
import { URN } from '../../../src/scim/urns.js';

// Sample Users shaped like RFC 7643 §8.2, chosen so each RFC 7644 §3.4.2.2 example
// selects a different subset.

export const bjensen: ScimResource = {
  schemas: [URN.user, URN.enterpriseUser],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'bjensen',
  userName: 'bjensen',
  name: { familyName: "O'Malley", givenName: 'Barbara' },
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff591"',
  },
  [URN.enterpriseUser]: { employeeNumber: '701984', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
};

export const jsmith: ScimResource = {
  schemas: [URN.user],
  id: 'a1b2c3',
  userName: 'JSmith',
  userType: 'Intern',
  active: false,
  emails: [{ value: 'jsmith@example.org', type: 'home' }],
  ims: [{ value: 'js@foo.com', type: 'xmpp' }],
  meta: { resourceType: 'User', lastModified: '2012-01-01T00:00:00Z' },
};

export const mjones: ScimResource = {
  schemas: [URN.user],
  id: 'd4e5f6',
  userName: 'mjones',
  userType: 'Contractor',
  title: '',
  emails: [{ value: 'mj@other.net', type: 'work' }],
  meta: { resourceType: 'User', lastModified: '2010-01-01T00:00:00Z' },
};

/** Has a work email and an example.com email, but not in the same element. */
export const crosswire: ScimResource = {
  schemas: [URN.user],
  id: 'c7d8e9',
  userName: 'crosswire',
  userType: 'Employee',
  emails: [
    { value: 'cw@other.net', type: 'work' },
    { value: 'cw@example.com', type: 'home' },
  ],
};

export const sampleUsers: Record<string, ScimResource> = { bjensen, jsmith, mjones, crosswire };

/** A resource type with the attribute types the core schemas lack (integer, decimal, binary…). */
export const DEVICE_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: 'Device',
  endpoint: '/Devices',
  description: 'Test device',
  schema: {
    id: 'urn:example:params:scim:schemas:Device',
    name: 'Device',
    description: 'Test device',
    attributes: [
      attr.string('serial', { caseExact: true }),
      attr.integer('ports'),
      { ...attr.integer('weight'), type: 'decimal' },
      attr.boolean('enabled'),
      { ...attr.string('firmware'), type: 'binary', caseExact: true },
      attr.dateTime('purchased'),
      attr.string('tags', { multiValued: true }),
    ],
  },
  extensions: [],
};

// Builders that spell expected ASTs compactly.
export function ref(attribute: string, subAttribute?: string, schema?: string): AttributeReference {
  const reference: AttributeReference = { attribute };
  if (schema !== undefined) reference.schema = schema;
  if (subAttribute !== undefined) reference.subAttribute = subAttribute;
  return reference;
}
export const cmp = (
  attribute: AttributeReference,
  operator: Extract<FilterNode, { kind: 'compare' }>['operator'],
  value: string | number | boolean | null,
): FilterNode => ({ kind: 'compare', attribute, operator, value });
export const pr = (attribute: AttributeReference): FilterNode => ({ kind: 'present', attribute });
export const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right });
export const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right });
export const not = (operand: FilterNode): FilterNode => ({ kind: 'not', operand });
export const valuePath = (attribute: AttributeReference, filter: FilterNode): FilterNode => ({
  kind: 'valuePath',
  attribute,
  filter,
});
