import { URN } from '../scim/urns.js';

/** `filter.maxResults`: the largest page the server returns (RFC 7643 §5, RFC 7644 §3.4.2.4). */
export const FILTER_MAX_RESULTS = 200;
/** `bulk.maxOperations` (RFC 7644 §3.7.4). */
export const BULK_MAX_OPERATIONS = 1000;
/** `bulk.maxPayloadSize` in bytes (RFC 7644 §3.7.4). */
export const BULK_MAX_PAYLOAD_SIZE = 1_048_576;

/**
 * The ServiceProviderConfig resource (RFC 7643 §5): it advertises exactly what the server does.
 * `pagination` is the RFC 9865 §4 attribute (cursor-paging.ts), left out when not given.
 */
export function serviceProviderConfig(baseUrl: string, pagination?: Record<string, unknown>): Record<string, unknown> {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD_SIZE },
    filter: { supported: true, maxResults: FILTER_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    ...(pagination === undefined ? {} : { pagination }),
    // RFC 9967 §4: writes honour `Prefer: respond-async` (src/server/async-requests.ts). No
    // `eventUris`: the server delivers no Security Event Tokens.
    securityEvents: { asyncRequest: 'request' },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'Authentication with a static bearer token (Authorization: Bearer <token>), printed by `scim-check serve`.',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
  };
}
