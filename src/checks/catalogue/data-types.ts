import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Data types: how attribute values are written in JSON (RFC 7643 §2.3).
 */
export const DATA_TYPES: CatalogueArea = {
  area: 'Data types',
  rows: [
    {
      id: 'DT-BOOLEAN',
      requirement: 'Boolean attributes are JSON `true` or `false`.',
      rfc: 'RFC 7643 §2.3.2',
      level: 'MUST',
      how: '`active`, every `primary`, and the ServiceProviderConfig `supported` flags are JSON booleans. `"true"`, `"False"`, 1 and 0 fail.',
      fixHint: 'emit JSON booleans (`true`/`false`), not strings or 1/0',
    },
    {
      id: 'DT-INTEGER',
      requirement: 'Integers are JSON numbers with no fraction and no exponent.',
      rfc: 'RFC 7643 §2.3.4',
      level: 'MUST',
      how: '`totalResults`, `itemsPerPage`, `startIndex`, `maxOperations`, `maxPayloadSize` and `maxResults` are integers. `"10"`, `10.0` and `1e1` fail.',
    },
    {
      id: 'DT-DATETIME',
      requirement: 'dateTime values are JSON strings in xsd:dateTime form, with both a date and a time.',
      rfc: 'RFC 7643 §2.3.5',
      level: 'MUST',
      how: '`meta.created`, `meta.lastModified` and every schema-declared dateTime look like `2024-05-01T10:00:00Z`, with optional fractional seconds and a `Z` or `±hh:mm` zone. A missing zone is a warning. Epoch numbers, a space instead of `T`, or a date without a time fail.',
    },
    {
      id: 'DT-STRING',
      requirement: 'String-typed attributes, `id` included, are JSON strings.',
      rfc: 'RFC 7643 §2.3.1, §3.1',
      level: 'MUST',
      how: '`id`, `userName`, `externalId`, `displayName` and `members[].value` are strings. Numeric ids fail.',
    },
    {
      id: 'DT-REFERENCE',
      requirement:
        'A reference value is an absolute URI, or a relative one that resolves against the service root. A reference to a SCIM resource can be fetched.',
      rfc: 'RFC 7643 §2.3.7, §2.4',
      level: 'MUST',
      how: '`meta.location` and the `$ref` of members, groups and manager parse as URIs. A relative one is resolved by the §2.3.7 rule, with a warning. GET → 200 with the matching `id`, or a proper error code.',
    },
    {
      id: 'DT-BINARY',
      requirement: 'Binary values are base64 strings and round-trip unchanged.',
      rfc: 'RFC 7643 §2.3.6',
      level: 'MUST',
      how: 'POST U4 with `x509Certificates:[{"value":<base64 DER test certificate>}]` → a GET returns the same base64 (padding may be dropped). Non-base64 input → 400 `invalidValue`; accepting it is a warning.',
      gate: 'schema:x509Certificates',
    },
    {
      id: 'DT-SHAPE',
      requirement:
        'Multi-valued attributes are arrays and singular ones are not. Complex values are objects, and none has a complex sub-attribute.',
      rfc: 'RFC 7643 §2.3.8, §2.4, §7',
      level: 'MUST',
      how: 'Compare every attribute in every returned resource with its schema definition. `emails` as an object, `userName` as an array, or an object nested in a sub-attribute fail.',
    },
    {
      id: 'DT-UNASSIGNED',
      requirement:
        'An unassigned attribute is left out, or shown as null or `[]`. It is never shown with a placeholder such as `""`.',
      rfc: 'RFC 7643 §2.5',
      level: 'SHOULD',
      how: 'After `nickName` and `phoneNumbers` are cleared, a GET shows the keys absent, or null and `[]`. `""` is a warning.',
    },
    {
      id: 'DT-KEY-ORDER',
      requirement: 'The order of members in a JSON object carries no meaning.',
      rfc: 'RFC 7643 §2.3.8, §3',
      level: 'MUST',
      how: 'POST U5 with `schemas` as the last key and sub-attributes in reverse order → 201, the same as with normal order.',
    },
  ],
};
