import type { CatalogueArea } from '../catalogue-row.js';

/**
 * `/Me`: the authenticated subject's own resource (RFC 7644 §3.11).
 */
export const ME: CatalogueArea = {
  area: '/Me',
  rows: [
    {
      id: 'ME-UNSUPPORTED',
      requirement: 'A provider without `/Me` answers 501.',
      rfc: 'RFC 7644 §3.11',
      level: 'SHOULD',
      how: 'GET `{base}/Me` → 501 with an Error body. A 404 is a warning.',
      gate: 'probe',
    },
    {
      id: 'ME-REDIRECT',
      requirement: "A provider may redirect `/Me` with 308 to the subject's resource.",
      rfc: 'RFC 7644 §3.11',
      level: 'MAY',
      how: 'On a 308, `Location` is present and, fetched with the same token, returns a resource.',
      gate: 'probe',
    },
    {
      id: 'ME-DIRECT',
      requirement:
        "A provider that serves `/Me` directly returns the subject's resource with a `Location` header naming its permanent URI.",
      rfc: 'RFC 7644 §3.11',
      level: 'MUST',
      how: 'On a 200, the body is a resource, and `Location` is present, equal to `meta.location` and not `/Me`.',
      gate: 'probe',
    },
  ],
};
