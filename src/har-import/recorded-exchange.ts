/** One request an IdP sent, and the answer it got, as read from a HAR entry. */
export interface RecordedExchange {
  /** 0-based position of the entry in the HAR's `log.entries`. */
  entry: number;
  startedDateTime: string;
  method: string;
  /** The path under the SCIM base URL: `/Users`, `/Users/2819c223…`, `/Groups/…`. */
  path: string;
  /** Query parameters in the order they were sent (decoded). */
  query: [string, string][];
  /** Request headers, names lower-cased; credentials already removed (strip-credentials.ts). */
  headers: Record<string, string>;
  /** The request body parsed as JSON, or its text when it is not JSON; undefined when there was none. */
  body: unknown;
  /** The response status; 0 when the request got no answer. */
  status: number;
  /** The response body parsed as JSON, when it was. */
  responseBody: unknown;
  /** What the HAR says about the entry: scim-check's `_scimCheck` (run, record). */
  context?: { action?: string; step?: number | null; scenario?: string | null; idp?: string | null };
}

/** A HAR as from-har and drift read it: the IdP's requests, and where they came from. */
export interface Recording {
  /** The file as the user named it. */
  file: string;
  /** `log.creator.name`, e.g. `scim-check` or `Charles`. */
  creator: string;
  /** The date of the first entry (YYYY-MM-DD): the evidence date of anything it shows. */
  recordedOn: string;
  exchanges: RecordedExchange[];
  /** Entries that were not the IdP's (scim-check's own preflight, read-backs, cleanup), by reason. */
  leftOut: string[];
  /** Secrets found in the HAR (tokens, cookies): every output is redacted of them. */
  secrets: string[];
}
