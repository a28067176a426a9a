/** JSON Schema (draft-07, for ajv) of a Group as RFC 7643 §4.2 and §8.7.1 define it; see core-user.ts. */
import { COMMON_PROPERTIES, multiValued } from './common.js';

export const CORE_GROUP_SCHEMA = {
  $id: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  type: 'object',
  required: ['schemas'],
  properties: {
    ...COMMON_PROPERTIES,
    displayName: { type: 'string' },
    members: multiValued({ $ref: { type: 'string' } }),
  },
} as const;
