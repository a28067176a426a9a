import { type AttributeDefinition, attr, type SchemaDefinition } from './attribute-definition.js';
import { URN } from './urns.js';

// The core schemas as RFC 7643 §8.7.1 publishes them (User, Group, EnterpriseUser).
// Characteristics follow the RFC text (§4.1, §4.2, §4.3), including errata EID 5368
// (Group displayName is required).

/** The sub-attributes shared by multi-valued attributes (RFC 7643 §2.4). */
function multiValuedEntry(
  name: string,
  description: string,
  types: string[],
  valueOptions: { type?: 'reference' | 'binary'; referenceTypes?: string[] } = {},
): AttributeDefinition {
  const value =
    valueOptions.type === 'reference'
      ? attr.reference('value', valueOptions.referenceTypes ?? ['external'])
      : valueOptions.type === 'binary'
        ? { ...attr.string('value'), type: 'binary' as const, caseExact: true }
        : attr.string('value');
  return attr.complex(
    name,
    [value, attr.string('display'), attr.string('type', { canonicalValues: types }), attr.boolean('primary')],
    { multiValued: true, description },
  );
}

const userAttributes: AttributeDefinition[] = [
  attr.string('userName', {
    required: true,
    uniqueness: 'server',
    description: 'Unique identifier for the User, used to authenticate.',
  }),
  attr.complex(
    'name',
    [
      attr.string('formatted'),
      attr.string('familyName'),
      attr.string('givenName'),
      attr.string('middleName'),
      attr.string('honorificPrefix'),
      attr.string('honorificSuffix'),
    ],
    { description: "The components of the user's real name." },
  ),
  attr.string('displayName'),
  attr.string('nickName'),
  attr.reference('profileUrl', ['external']),
  attr.string('title'),
  attr.string('userType'),
  attr.string('preferredLanguage'),
  attr.string('locale'),
  attr.string('timezone'),
  attr.boolean('active'),
  attr.string('password', {
    mutability: 'writeOnly',
    returned: 'never',
    description: 'Never returned (RFC 7643 §4.1.1).',
  }),
  multiValuedEntry('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
  multiValuedEntry('phoneNumbers', 'Phone numbers for the user.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  multiValuedEntry('ims', 'Instant messaging addresses.', [
    'aim',
    'gtalk',
    'icq',
    'xmpp',
    'msn',
    'skype',
    'qq',
    'yahoo',
  ]),
  multiValuedEntry('photos', 'URLs of photos of the user.', ['photo', 'thumbnail'], {
    type: 'reference',
    referenceTypes: ['external'],
  }),
  attr.complex(
    'addresses',
    [
      attr.string('formatted'),
      attr.string('streetAddress'),
      attr.string('locality'),
      attr.string('region'),
      attr.string('postalCode'),
      attr.string('country'),
      attr.string('type', { canonicalValues: ['work', 'home', 'other'] }),
      attr.boolean('primary'),
    ],
    { multiValued: true },
  ),
  attr.complex(
    'groups',
    [
      attr.string('value', { mutability: 'readOnly' }),
      attr.reference('$ref', ['User', 'Group'], { mutability: 'readOnly' }),
      attr.string('display', { mutability: 'readOnly' }),
      attr.string('type', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
    ],
    {
      multiValued: true,
      mutability: 'readOnly',
      description: 'Groups the user belongs to; maintained by the service provider.',
    },
  ),
  multiValuedEntry('entitlements', 'Entitlements.', []),
  multiValuedEntry('roles', 'Roles.', []),
  multiValuedEntry('x509Certificates', 'Certificates.', [], { type: 'binary' }),
];

const groupAttributes: AttributeDefinition[] = [
  attr.string('displayName', { required: true, description: 'A human-readable name for the Group.' }),
  attr.complex(
    'members',
    [
      attr.string('value', { mutability: 'immutable' }),
      attr.reference('$ref', ['User', 'Group'], { mutability: 'immutable' }),
      attr.string('display', { mutability: 'readOnly' }),
      attr.string('type', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
    ],
    { multiValued: true, description: 'A list of members of the Group.' },
  ),
];

const enterpriseUserAttributes: AttributeDefinition[] = [
  attr.string('employeeNumber'),
  attr.string('costCenter'),
  attr.string('organization'),
  attr.string('division'),
  attr.string('department'),
  attr.complex('manager', [
    attr.string('value'),
    attr.reference('$ref', ['User']),
    attr.string('displayName', { mutability: 'readOnly' }),
  ]),
];

/**
 * Attributes common to every resource (RFC 7643 §3.1). They belong to no schema's
 * `attributes` list but are resolvable in filters, PATCH paths and `attributes=`.
 */
export const COMMON_ATTRIBUTES: AttributeDefinition[] = [
  attr.string('id', { mutability: 'readOnly', returned: 'always', caseExact: true, uniqueness: 'server' }),
  attr.string('externalId', { caseExact: true }),
  attr.complex(
    'meta',
    [
      attr.string('resourceType', { mutability: 'readOnly', caseExact: true }),
      attr.dateTime('created', { mutability: 'readOnly' }),
      attr.dateTime('lastModified', { mutability: 'readOnly' }),
      attr.reference('location', ['uri'], { mutability: 'readOnly' }),
      attr.string('version', { mutability: 'readOnly', caseExact: true }),
    ],
    { mutability: 'readOnly' },
  ),
];

export const USER_SCHEMA: SchemaDefinition = {
  id: URN.user,
  name: 'User',
  description: 'User Account',
  attributes: userAttributes,
};
export const GROUP_SCHEMA: SchemaDefinition = {
  id: URN.group,
  name: 'Group',
  description: 'Group',
  attributes: groupAttributes,
};
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: enterpriseUserAttributes,
};
