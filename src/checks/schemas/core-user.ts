/**
 * JSON Schema (draft-07, for ajv) of a User as RFC 7643 §4.1 and §8.7.1 define it, written for
 * what a client may assert about a *response*: types and shapes only. Unknown attributes and
 * extensions are allowed (CHAR-DECLARED-ONLY judges those); `returned` rules live elsewhere.
 * Type errors are classified per data type by resource-validation.ts (DT-BOOLEAN, DT-STRING...).
 */
import { COMMON_PROPERTIES, multiValued, stringProps } from './common.js';

export const CORE_USER_SCHEMA = {
  $id: 'urn:ietf:params:scim:schemas:core:2.0:User',
  type: 'object',
  required: ['schemas'],
  properties: {
    ...COMMON_PROPERTIES,
    userName: { type: 'string' },
    name: {
      type: 'object',
      properties: stringProps([
        'formatted',
        'familyName',
        'givenName',
        'middleName',
        'honorificPrefix',
        'honorificSuffix',
      ]),
    },
    ...stringProps([
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'password',
    ]),
    active: { type: 'boolean' },
    emails: multiValued(),
    phoneNumbers: multiValued(),
    ims: multiValued(),
    photos: multiValued(),
    addresses: multiValued(stringProps(['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'])),
    groups: multiValued({ $ref: { type: 'string' } }),
    entitlements: multiValued(),
    roles: multiValued(),
    x509Certificates: multiValued(),
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
      type: 'object',
      properties: {
        ...stringProps(['employeeNumber', 'costCenter', 'organization', 'division', 'department']),
        manager: { type: 'object', properties: stringProps(['value', '$ref', 'displayName']) },
      },
    },
  },
} as const;
