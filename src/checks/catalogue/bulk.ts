import type { CatalogueArea } from '../catalogue-row.js';

/**
 * Bulk: POST `/Bulk` (RFC 7644 §3.7). Every row is gated on `SPC:bulk`; refusal when bulk is
 * unsupported is DISC-SPC-HONEST.
 */
export const BULK: CatalogueArea = {
  area: 'Bulk',
  rows: [
    {
      id: 'BULK-200',
      requirement: 'A bulk request that is processed answers 200 with a BulkResponse.',
      rfc: 'RFC 7644 §3.7',
      level: 'MUST',
      how: 'POST `{base}/Bulk` with `{"schemas":[BulkRequest URN],"Operations":[{"method":"POST","path":"/Users","bulkId":"u","data":{…}}, …]}` → 200 with `schemas` = BulkResponse URN.',
      gate: 'SPC:bulk',
    },
    {
      id: 'BULK-RESULTS',
      requirement:
        'The response reports every processed operation. Each result carries `method`, `status` (the code a single request would have got) and `location` (omitted only for a failed POST), and each POST carries its `bulkId`.',
      rfc: 'RFC 7644 §3.7, §3.7.3',
      level: 'MUST',
      how: 'For each operation: `method` is echoed, the POST `status` is 201, `location` dereferences, and `bulkId` is echoed. `status` may be `"201"` or `{"code":"201"}`, because the RFC\'s examples use both forms.',
      gate: 'SPC:bulk',
    },
    {
      id: 'BULK-BULKID-RESOLVED',
      requirement:
        '`bulkId:` references are replaced by real ids, in core and extension attributes alike, and the result does not depend on the order of the operations.',
      rfc: 'RFC 7644 §3.7, §3.7.2',
      level: 'MUST',
      how: 'A group POST whose member is `bulkId:u` is placed *before* the user POST → the group\'s member `value` is the user\'s real id, with no `bulkId:` text left. An enterprise `manager.value:"bulkId:u"` resolves the same way.',
      gate: 'SPC:bulk',
    },
    {
      id: 'BULK-ERROR-DETAIL',
      requirement: 'A failed operation carries its status and a SCIM Error in `response`.',
      rfc: 'RFC 7644 §3.7, §3.7.3',
      level: 'MUST',
      how: "Include a POST with a duplicate userName → that operation's `status` is 409, and `response` has the Error URN with `scimType` `uniqueness`.",
      gate: 'SPC:bulk',
    },
    {
      id: 'BULK-CONTINUE',
      requirement: 'Without `failOnErrors`, the server carries on after a failed operation.',
      rfc: 'RFC 7644 §3.7',
      level: 'MUST',
      how: 'Operations [bad POST, good POST] → 200 with both reported, and the good user exists.',
      gate: 'SPC:bulk',
    },
    {
      id: 'BULK-FAILONERRORS',
      requirement:
        'With `failOnErrors: n`, processing stops after n errors and the remaining operations are not executed.',
      rfc: 'RFC 7644 §3.7, §3.7.3',
      level: 'MUST*',
      how: '`failOnErrors:1` with operations [bad POST, good POST U9] → the response shows the error, and U9 does not exist afterwards.',
      gate: 'SPC:bulk',
    },
    {
      id: 'BULK-MAX-OPERATIONS',
      requirement: 'More operations than `bulk.maxOperations` gets 413, with an Error that names the limit.',
      rfc: 'RFC 7644 §3.7.4',
      level: 'MUST',
      how: 'If `maxOperations` ≤ 1000: send `maxOperations`+1 DELETEs of `{ghost}` ids → 413, and `detail` mentions the limit.',
      gate: 'SPC:bulk',
      notCheckedBecause: 'needs maxOperations+1 generated operations (up to 1001); not generated yet',
    },
    {
      id: 'BULK-MAX-PAYLOAD',
      requirement: 'A body larger than `bulk.maxPayloadSize` gets 413, with an Error that names the limit.',
      rfc: 'RFC 7644 §3.7.4',
      level: 'MUST',
      how: 'If `maxPayloadSize` ≤ 8 MiB: send a padded request just over the limit → 413.',
      gate: 'SPC:bulk',
      notCheckedBecause: 'needs a generated body just over maxPayloadSize (up to 8 MiB); not generated yet',
    },
    {
      id: 'BULK-CIRCULAR',
      requirement: 'Circular `bulkId` references are resolved, or else refused with 409.',
      rfc: 'RFC 7644 §3.7.1',
      level: 'MUST',
      how: 'Two group POSTs that name each other as members → either both exist with each other as members, or the response is 409.',
      gate: 'SPC:bulk',
    },
  ],
};
